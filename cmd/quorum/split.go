package main

import (
	"github.com/spf13/cobra"

	"quorum/ceremony"
)

type splitOptions struct {
	IO *IOStreams
	ceremony.SplitOptions
	Now string // hidden, for tests: the day of the split
}

func newSplitCmd(streams *IOStreams) *cobra.Command {
	opts := &splitOptions{IO: streams}
	opts.Tool = toolName()
	cmd := &cobra.Command{
		Use:   "split -k K -c CUSTODIANS [-l LABEL] [-o DIR] [--secret-file FILE | --generate [--length N]] [--replaces OLD_MANIFEST --log LOG]",
		Short: "Split a secret into k-of-n shares, one sealed to each custodian",
		Long: `Split a secret into shares, one per custodian, any K of which rebuild it.

CUSTODIANS is a text file, one custodian a line: NAME RECIPIENT, where
RECIPIENT (the rest of the line) is an age recipient (age1…), a post-quantum
one (age1pq1…, which needs age 1.3 or later to open), an OpenSSH public key
line (ssh-ed25519 …, ssh-rsa …), a plugin recipient (age1yubikey1…; the
plugin is run as age runs it), or the word passphrase: that custodian types
a passphrase during the ceremony. A # at the start of a line or after a
space starts a comment.

The secret is typed twice without echo when standard input is a terminal;
read from standard input when it is piped (one trailing newline is dropped,
as password tools do); or read from --secret-file (likewise). --generate
makes a strong random password instead and shows it once on the terminal,
when every prompt is answered and the set is written (or writes it to the
new file --generate-output, with the set).
The secret is 1 to 1024 bytes; the label at most 64 bytes; names at most 64.

Policy, from the guidance quorum serves: K ≥ 2 (never one person alone) and
K < n (one custodian may be absent) unless --allow-all-required.

DIR (new or empty; default quorum-FINGERPRINT) receives one share file per
custodian, NNN-NAME.share, manifest.json, and sheets.pdf, all 0600.
sheets.pdf holds the ceremony record, for operator and witness to sign,
then one sheet per custodian in index order: print it on a printer that is
not on a network. Before anything is written, quorum rebuilds the secret in
memory from every k-subset of the shares (a random sample covering every
share when there are too many), and reads every sheet's QR code back.

When the new set is for a new password, --replaces OLD_MANIFEST --log LOG
records the old set as retired in the access log once the new set is
written: its sheets hold a dead password, and "quorum status" lists them
until each is recorded destroyed. A set the log already records as retired
is refused before anything is asked or written.`,
		Example: `  quorum split -k 3 -c custodians.txt -l "root 2026"
  pass show aws/root | quorum split -k 2 -c custodians.txt -o root-2026
  quorum split -k 3 -c custodians.txt --generate
  quorum split -k 3 -c custodians.txt --generate --replaces old/manifest.json --log access.log`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runSplit(opts)
		},
	}
	f := cmd.Flags()
	f.IntVarP(&opts.Threshold, "threshold", "k", 0, "how many shares rebuild the secret (`K`)")
	f.StringVarP(&opts.Custodians, "custodians", "c", "", "the custodians `FILE`: NAME RECIPIENT a line")
	f.StringVarP(&opts.Label, "label", "l", "", "a `LABEL` for the set, printed on every share")
	f.StringVarP(&opts.OutputDir, "output", "o", "", "the new or empty `DIR` to write the shares to")
	f.StringVar(&opts.SecretFile, "secret-file", "", "read the secret from `FILE`")
	f.BoolVar(&opts.Generate, "generate", false, "generate a strong random password as the secret")
	f.IntVar(&opts.Length, "length", ceremony.DefaultPasswordLength, "with --generate, the password's length in random characters (`N`)")
	f.StringVar(&opts.GenerateOutput, "generate-output", "", "with --generate and no terminal, write the password to this new `FILE`")
	f.BoolVar(&opts.AllowAllRequired, "allow-all-required", false, "allow K = n: every custodian needed, one lost sheet loses the secret")
	f.StringVar(&opts.Paper, "paper", "a4", "the paper size of sheets.pdf: a4 or letter")
	f.StringVar(&opts.Replaces, "replaces", "", "record the set of `OLD_MANIFEST` as retired, once the new set is written")
	f.StringVar(&opts.Log, "log", "", "with --replaces, the access `LOG` to record it in (created 0600 when missing)")
	addRunFlag(cmd, &opts.Run)
	addNowFlag(cmd, &opts.Now)
	cmd.MarkFlagsRequiredTogether("replaces", "log")
	cmd.MarkFlagRequired("threshold")
	cmd.MarkFlagRequired("custodians")
	cmd.MarkFlagsMutuallyExclusive("secret-file", "generate")
	return cmd
}

func runSplit(opts *splitOptions) error {
	streams, err := withClock(opts.IO, opts.Now)
	if err != nil {
		return err
	}
	if !opts.Generate && (opts.GenerateOutput != "" || opts.Length != ceremony.DefaultPasswordLength) {
		return usagef("--length and --generate-output go with --generate")
	}
	written, err := ceremony.Split(streams.env(), &opts.SplitOptions)
	if written == nil {
		return err
	}
	set := written.Set
	streams.infof("split %d-of-%d, label %s, self-test passed", opts.Threshold, len(set.Shares), quote(opts.Label))
	streams.infof("set fingerprint: %s", set.Fingerprint)
	streams.infof("wrote %d shares and manifest.json to %s", len(set.Shares), written.Dir)
	streams.infof("wrote sheets.pdf: the ceremony record, then one sheet per custodian (%s); every QR code read back", written.Paper)
	if opts.GenerateOutput != "" {
		streams.infof("the generated password is in %s (0600): set it as the root password, then destroy the file", opts.GenerateOutput)
	}
	streams.infof("write the set fingerprint on the ceremony record; operator and witness sign it")
	return err
}
