package main

import (
	"encoding/json"
	"fmt"

	"github.com/spf13/cobra"

	"quorum/ceremony"
	"quorum/internal/filter"
	"quorum/share"
)

type inspectOptions struct {
	IO   *IOStreams
	JSON bool
	Age  bool
	ceremony.InspectOptions
}

func newInspectCmd(streams *IOStreams) *cobra.Command {
	opts := &inspectOptions{IO: streams}
	cmd := &cobra.Command{
		Use:   "inspect [--json] [--set FINGERPRINT | -m MANIFEST] [--type] SHARE|MANIFEST|KEYFILE...",
		Short: "Show the public facts of shares and manifests, and check their signatures",
		Long: `Show what anyone can read from a share or a manifest without a key: set
fingerprint, label, k of n, index, custodian, recipient kind, date, and
whether the signature is valid. The exit code is non-zero when a signature
is invalid or a share is not of the pinned set.

With --age, write the share's sealed payload to standard output as an age
file, byte for byte in age's own format, so that stock age opens it:
step one of recovery without quorum (FORMAT.md §12). The age file is sealed
and may be copied; what age -d opens it to is a piece of the secret, kept in
a pipe, never in a file.

A SHARE may be a scan of sheets (PNG, JPEG, scanned PDF), and --type asks
for sheets typed on the terminal, as combine does.

A KEYFILE is what -i takes: an age identity file (post-quantum too), one
protected with a passphrase (asked for on the terminal), or an SSH private
key. inspect shows the recipient it opens shares for and the recipient
fingerprint exactly as the sheet and the ceremony record print it, so that
a custodian can check from their own key that the sheet is theirs; for an
SSH key also OpenSSH's SHA256: fingerprint, as ssh-keygen -l shows it.`,
		Example: `  quorum inspect 2-bob.share
  quorum inspect -m manifest.json *.share
  quorum inspect alice.key
  quorum inspect --age 2-bob.share > 2-bob.age`,
		Args: sharesArgs(&opts.Type),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Args = args
			return runInspect(opts)
		},
	}
	cmd.Flags().BoolVar(&opts.JSON, "json", false, "print JSON")
	cmd.Flags().BoolVar(&opts.Age, "age", false, "write the share's age file to standard output")
	cmd.Flags().StringVar(&opts.Set, "set", "", "check that shares are of the set with this `FINGERPRINT`")
	cmd.Flags().StringVarP(&opts.Manifest, "manifest", "m", "", "check that shares are of the set of this `MANIFEST`")
	addTypeFlag(cmd.Flags(), &opts.Type)
	return cmd
}

func runInspect(opts *inspectOptions) error {
	streams := opts.IO
	env := streams.env()
	o := opts.InspectOptions
	if opts.Age {
		if opts.JSON {
			return usagef("--age and --json do not go together")
		}
		s, err := ceremony.InspectAge(env, o)
		if err != nil {
			return err
		}
		if streams.OutIsTerminal {
			return usagef("--age writes binary data; redirect standard output to a file or to age")
		}
		_, err = streams.Out.Write(s.Sealed)
		return err
	}
	res, err := ceremony.Inspect(env, o)
	if err != nil {
		return err
	}
	for i := range res.Files {
		filterInspected(&res.Files[i])
	}
	if opts.JSON {
		all := make([]any, 0, len(res.Keys)+len(res.Files))
		for _, k := range res.Keys {
			all = append(all, k)
		}
		for _, r := range res.Files {
			all = append(all, r)
		}
		b, err := json.MarshalIndent(all, "", "  ")
		if err != nil {
			return err
		}
		fmt.Fprintf(streams.Out, "%s\n", b)
	} else {
		for i, k := range res.Keys {
			if i > 0 {
				fmt.Fprintln(streams.Out)
			}
			printKey(streams, k)
		}
		for i, r := range res.Files {
			if i > 0 || len(res.Keys) > 0 {
				fmt.Fprintln(streams.Out)
			}
			printInspected(streams, r)
		}
	}
	if bad := res.Failed(); bad > 0 {
		return fmt.Errorf("%d of %d failed inspection", bad, len(res.Files))
	}
	return nil
}

// filterInspected passes every text member through filter.Text, for the
// terminal and for JSON alike: the label, the custodian and the problem
// come from the files, the source is a file name.
func filterInspected(r *ceremony.Inspected) {
	for _, s := range []*string{&r.Source, &r.Label, &r.Custodian, &r.Created, &r.Problem} {
		*s = filter.Text(*s)
	}
}

func printInspected(streams *IOStreams, r ceremony.Inspected) {
	w := streams.Out
	switch {
	case r.Type == "manifest" && r.Threshold == 0:
		fmt.Fprintf(w, "%s: manifest that does not verify\n", r.Source)
	case r.Type == "manifest":
		fmt.Fprintf(w, "%s: manifest of a %d-of-%d set\n", r.Source, r.Threshold, r.Shares)
	default:
		fmt.Fprintf(w, "%s: share %d of %d (any %d rebuild the secret)\n", r.Source, r.Index, r.Shares, r.Threshold)
	}
	row := func(k, v string) {
		if v != "" {
			fmt.Fprintf(w, "  %-14s %s\n", k, v)
		}
	}
	row("set", r.Fingerprint)
	if r.Type == "share" || r.Threshold != 0 { // a manifest that does not verify says nothing
		row("label", quote(r.Label))
	}
	row("custodian", r.Custodian)
	row("recipient kind", r.RecipientKind)
	row("created", r.Created)
	row("signature", r.Signature)
	row("pinned", r.Pinned)
	row("problem", r.Problem)
}

func printKey(streams *IOStreams, k ceremony.InspectedKey) {
	w := streams.Out
	fmt.Fprintf(w, "%s: key of a custodian (%s)\n", filter.Text(k.Source), k.RecipientKind)
	fmt.Fprintf(w, "  %-14s %s\n", "recipient", k.Recipient)
	// As the sheet prints it: "fingerprint 7QX4 M2KD …".
	fmt.Fprintf(w, "  %-14s %s\n", "fingerprint", share.Fingerprint(k.RecipientFingerprint).String())
	if k.OpenSSHFingerprint != "" {
		fmt.Fprintf(w, "  %-14s %s\n", "OpenSSH", k.OpenSSHFingerprint)
	}
}
