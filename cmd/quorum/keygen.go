package main

import (
	"fmt"

	"github.com/spf13/cobra"

	"quorum/ceremony"
	"quorum/internal/newfile"
)

type keygenOptions struct {
	IO     *IOStreams
	Output string
	ceremony.KeygenOptions
}

func newKeygenCmd(streams *IOStreams) *cobra.Command {
	opts := &keygenOptions{IO: streams}
	cmd := &cobra.Command{
		Use:   "keygen [-o FILE] [--pq] [--no-passphrase]",
		Short: "Make a new custodian identity",
		Long: `Make a new age identity for a custodian, protected by a passphrase typed
twice on the terminal (an age scrypt-encrypted identity file, which stock
"age -d -i FILE" accepts too). It is written to FILE (0600, never over an
existing file) or to standard output; the public recipient, the line to put
in the custodians file, is printed on standard error.

--pq makes a post-quantum hybrid identity (ML-KEM-768 + X25519). Stock age
older than 1.3 cannot open shares sealed to it.

--no-passphrase writes the identity unprotected: for tests and demos only.`,
		Example: `  quorum keygen -o alice.key
  quorum keygen --pq -o alice-pq.key`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runKeygen(opts)
		},
	}
	cmd.Flags().StringVarP(&opts.Output, "output", "o", "", "write the identity to `FILE`")
	cmd.Flags().BoolVar(&opts.PQ, "pq", false, "make a post-quantum hybrid identity (needs age 1.3 or later)")
	cmd.Flags().BoolVar(&opts.NoPassphrase, "no-passphrase", false, "do not protect the identity with a passphrase (tests and demos only)")
	return cmd
}

func runKeygen(opts *keygenOptions) error {
	streams := opts.IO
	if opts.Output != "" {
		if err := newfile.Check(opts.Output); err != nil {
			return err
		}
	} else if streams.OutIsTerminal && opts.NoPassphrase {
		return usagef("refusing to print an unprotected identity on the terminal; use -o FILE")
	}
	file, recipient, err := ceremony.Keygen(streams.env(), opts.KeygenOptions)
	if err != nil {
		return err
	}
	defer clear(file)
	if opts.Output != "" {
		if err := newfile.Write(opts.Output, file); err != nil {
			return err
		}
	} else if _, err := streams.Out.Write(file); err != nil {
		return err
	}
	fmt.Fprintf(streams.Err, "Public key: %s\n", recipient)
	return nil
}
