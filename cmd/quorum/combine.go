package main

import (
	"os"

	"github.com/spf13/cobra"

	"quorum/ceremony"
)

type combineOptions struct {
	IO *IOStreams
	ceremony.CombineOptions
	Now string // hidden, for tests: the time of the log record
}

func newCombineCmd(streams *IOStreams) *cobra.Command {
	opts := &combineOptions{IO: streams}
	cmd := &cobra.Command{
		Use:   "combine [-i IDENTITY]... [-o FILE] [--set FINGERPRINT | -m MANIFEST] [--log LOG --reason TEXT [--operator NAME] [--witness NAME]...] [--type] SHARE...",
		Short: "Rebuild the secret from k shares",
		Long: `Rebuild the secret from k shares of one set. Each share is opened with
whichever identity fits: age identity files, passphrase-protected ones (asked
on the terminal), SSH private keys, plugin identities. The custodian of a
passphrase share types it when asked.

A SHARE is a share file, any file holding a share's text as a QR reader
returned it, or a scan of sheets (PNG, JPEG, scanned PDF); - reads one from
standard input. A sheet found twice counts once. With --type, sheets whose
code will not read are typed on the terminal, line by line.

The secret goes to FILE with -o (created 0600, never over an existing file),
else to standard output when it is a pipe, else it is shown once on the
terminal and erased when you press Enter. Standard output redirected to a
file is refused: use -o, which protects the file.

With --log the reveal is recorded in the access log before the secret is
shown, signed with the set key, with --reason, --operator and --witness; the
log's new head hash is shown with the secret, and --report FILE writes a
reveal report (PDF, 0600) that carries it, to print and sign as a drill's.
A log that records the set as superseded by a reshare is warned of.

Pin the set with --set (the fingerprint on the signed ceremony record) or -m
(the set's manifest.json): shares of any other set are then refused. Without
a pin quorum says which set it used.`,
		Example: `  quorum combine -m manifest.json -i alice.key -i carol.key -i erin.key 1-alice.share 3-carol.share 5-erin.share
  quorum combine --set "7QX4 M2KD ..." -i ~/.ssh/id_ed25519 -o secret.txt 2-bob.share 3-carol.share scan.txt`,
		Args: sharesArgs(&opts.Type),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Shares = args
			return runCombine(opts)
		},
	}
	cmd.Flags().StringArrayVarP(&opts.Identities, "identity", "i", nil, "an identity `FILE` (age, passphrase-protected age, SSH, plugin); repeat for several")
	cmd.Flags().StringVarP(&opts.Output, "output", "o", "", "write the secret to `FILE` (0600, must not exist)")
	cmd.Flags().StringVar(&opts.Set, "set", "", "refuse shares not of the set with this `FINGERPRINT`")
	cmd.Flags().StringVarP(&opts.Manifest, "manifest", "m", "", "refuse shares not of the set of this `MANIFEST`")
	addTypeFlag(cmd.Flags(), &opts.Type)
	cmd.Flags().StringVar(&opts.Log, "log", "", "record in the access `LOG` that the secret was revealed, by whom and why (--reason)")
	cmd.Flags().StringVar(&opts.Reason, "reason", "", "with --log, why the secret is revealed (`TEXT`)")
	addPeopleFlags(cmd, &opts.Operator, &opts.Witnesses)
	cmd.Flags().StringVar(&opts.Report, "report", "", "with --log, write the reveal report PDF to `FILE` (0600, must not exist), to print and sign")
	cmd.Flags().StringVar(&opts.Paper, "paper", "a4", "the paper size of the report: a4 or letter")
	addRunFlag(cmd, &opts.Run)
	addNowFlag(cmd, &opts.Now)
	return cmd
}

// runCombine refuses a secret bound for a file that standard output
// was redirected to (combine > secret.txt would get it with the umask's
// mode, over whatever the file held), and sends it down a pipe, or leaves
// ceremony to reveal it on the terminal.
func runCombine(opts *combineOptions) error {
	streams, err := withClock(opts.IO, opts.Now)
	if err != nil {
		return err
	}
	if opts.Output == "" && stdoutIsFile(streams) {
		return usagef("standard output is a file: the secret would be written there unprotected; write it with -o FILE (0600, never over a file)")
	}
	c := opts.CombineOptions
	c.Tool = toolName()
	if !streams.OutIsTerminal {
		c.Pipe = streams.Out
	}
	return ceremony.Combine(streams.env(), c)
}

// stdoutIsFile reports whether standard output is a regular file.
func stdoutIsFile(streams *IOStreams) bool {
	f, ok := streams.Out.(*os.File)
	if !ok {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode().IsRegular()
}
