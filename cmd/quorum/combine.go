package main

import (
	"errors"

	"github.com/spf13/cobra"

	"quorum/ceremony"
	"quorum/internal/filter"
	"quorum/internal/newfile"
)

type combineOptions struct {
	IO         *IOStreams
	Identities []string
	Output     string
	Set        string
	Manifest   string
	Shares     []string
	Type       bool
	Log        string // the access log to record the reveal in
	Reason     string // why the secret is revealed, for the log
	Operator   string // who ran the reveal, for the log
	Witnesses  []string
	Report     string // the reveal report PDF to write
	Paper      string
	Now        string // hidden, for tests: the time of the log record
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
	addNowFlag(cmd, &opts.Now)
	return cmd
}

func runCombine(opts *combineOptions) error {
	streams := opts.IO
	if opts.Output != "" {
		if err := newfile.Check(opts.Output); err != nil {
			return err
		}
	}
	if err := checkCombine(opts); err != nil {
		return err
	}
	r, err := ceremony.Rebuild(streams.env(), ceremony.Source{Set: opts.Set, Manifest: opts.Manifest, Shares: opts.Shares, Type: opts.Type, Identities: opts.Identities})
	if err != nil {
		return err
	}
	defer r.Wipe()
	set, payloads, secret := r.Set, r.Payloads, r.Secret
	streams.infof("the secret was rebuilt from %d shares and passed the integrity check", len(set.Inputs))
	if opts.Output == "" && streams.OutIsTerminal && !filter.Printable(secret) {
		// A terminal would act on an escape sequence rather than show
		// it, and a set that was not pinned may be a forger's; filtered,
		// it would not be the secret. Refused before the access is
		// recorded, since nothing is revealed.
		return errUnprintableSecret
	}
	// The access is recorded before the secret is revealed: a reveal
	// that cannot be recorded does not happen (combinelog.go).
	head, err := recordCombine(opts, set, payloads)
	if err != nil {
		return err
	}
	return revealSecret(streams, secret, opts.Output, head)
}

// errUnprintableSecret is a rebuilt secret that the terminal cannot show
// as it is: control, format or invisible characters.
var errUnprintableSecret = errors.New("the secret holds control, format or invisible characters, which a terminal would act on or hide: it is not shown")

// revealSecret sends the secret where the user asked: a new file, a pipe,
// or the terminal once, with head, the log's head hash after the reveal's
// record ("" for none), to write on the reveal report.
func revealSecret(streams *IOStreams, secret []byte, output, head string) error {
	switch {
	case output != "":
		if err := newfile.Write(output, secret); err != nil {
			return err
		}
		streams.infof("the secret is in %s (0600); delete it when done", output)
		return nil
	case !streams.OutIsTerminal:
		_, err := streams.Out.Write(secret)
		return err
	}
	after := "\n\n"
	if head != "" {
		after += "Access log head hash after this reveal, for the reveal report:\n    " + group4(head) + "\n\n"
	}
	return reveal(streams, revelation{
		what:   "the secret",
		before: "\nThe secret, shown once. Make sure no one else can see the screen.\n\n    ",
		secret: secret,
		after:  after,
		prompt: "Press Enter to erase it from the screen. ",
	})
}
