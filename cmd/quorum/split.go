package main

import (
	"bytes"
	"errors"
	"fmt"
	"os"

	"github.com/spf13/cobra"

	"quorum/internal/harden"
	"quorum/seal"
	"quorum/split"
)

type splitOptions struct {
	IO               *IOStreams
	Threshold        int
	Custodians       string
	Label            string
	OutputDir        string
	SecretFile       string
	Generate         bool
	Length           int
	GenerateOutput   string
	AllowAllRequired bool
	Paper            string
	Now              string // hidden, for tests: the day of the split
}

func newSplitCmd(io *IOStreams, runF func(*splitOptions) error) *cobra.Command {
	opts := &splitOptions{IO: io}
	cmd := &cobra.Command{
		Use:   "split -k K -c CUSTODIANS [-l LABEL] [-o DIR] [--secret-file FILE | --generate [--length N]]",
		Short: "Split a secret into k-of-n shares, one sealed to each custodian",
		Long: `Split a secret into shares, one per custodian, any K of which rebuild it.

CUSTODIANS is a text file, one custodian a line: NAME RECIPIENT, where
RECIPIENT (the rest of the line) is an age recipient (age1…), a post-quantum
one (age1pq1…, which needs age 1.3 or later to open), an OpenSSH public key
line (ssh-ed25519 …, ssh-rsa …), a plugin recipient (age1yubikey1…; the
plugin is run as age runs it), or the word passphrase: that custodian types
a passphrase during the ceremony. # starts a comment.

The secret is typed twice without echo when standard input is a terminal;
read from standard input when it is piped (one trailing newline is dropped,
as password tools do); or read from --secret-file (likewise). --generate
makes a strong random password instead and shows it once on the terminal.
The secret is 1 to 1024 bytes; the label at most 64 bytes; names at most 64.

Policy, from the guidance quorum serves: K ≥ 2 (never one person alone) and
K < n (one custodian may be absent) unless --allow-all-required.

DIR (new or empty; default quorum-FINGERPRINT) receives one share file per
custodian, NNN-NAME.share, manifest.json, and sheets.pdf, all 0600.
sheets.pdf holds the ceremony record, for operator and witness to sign,
then one sheet per custodian in index order: print it on a printer that is
not on a network. Before anything is written, quorum rebuilds the secret in
memory from every k-subset of the shares (a random sample covering every
share when there are too many), and reads every sheet's QR code back.`,
		Example: `  quorum split -k 3 -c custodians.txt -l "root 2026"
  pass show aws/root | quorum split -k 2 -c custodians.txt -o root-2026
  quorum split -k 3 -c custodians.txt --generate`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if runF != nil {
				return runF(opts)
			}
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
	f.IntVar(&opts.Length, "length", defaultPasswordLength, "with --generate, the password's length in random characters (`N`)")
	f.StringVar(&opts.GenerateOutput, "generate-output", "", "with --generate and no terminal, write the password to this new `FILE`")
	f.BoolVar(&opts.AllowAllRequired, "allow-all-required", false, "allow K = n: every custodian needed, one lost sheet loses the secret")
	f.StringVar(&opts.Paper, "paper", "a4", "the paper size of sheets.pdf: a4 or letter")
	addNowFlag(cmd, &opts.Now)
	cmd.MarkFlagRequired("threshold")
	cmd.MarkFlagRequired("custodians")
	cmd.MarkFlagsMutuallyExclusive("secret-file", "generate")
	return cmd
}

func runSplit(opts *splitOptions) error {
	io, err := withClock(opts.IO, opts.Now)
	if err != nil {
		return err
	}
	opts.IO = io
	if !opts.Generate && (opts.GenerateOutput != "" || opts.Length != defaultPasswordLength) {
		return usagef("--length and --generate-output go with --generate")
	}
	plan, err := planNewSet(io, opts.Custodians, opts.Threshold, opts.AllowAllRequired, opts.Label, opts.Paper, opts.OutputDir)
	if err != nil {
		return err
	}
	cs, recipients := plan.custodians, plan.recipients
	if opts.GenerateOutput != "" {
		if err := checkNew(opts.GenerateOutput); err != nil {
			return err
		}
	}

	secret, err := readSecret(opts)
	if err != nil {
		return err
	}
	defer clear(secret)

	// Passphrase custodians type theirs last, once the secret is in, so
	// that a mistake in the secret does not make them type twice.
	if err := askPassphrases(io, cs, recipients); err != nil {
		return err
	}

	set, err := split.Split(split.Options{
		Secret: secret, Threshold: opts.Threshold, Label: opts.Label,
		Custodians: recipients, AllowAllRequired: opts.AllowAllRequired,
		Created: io.Now(), Rand: io.Rand, Tool: toolName(),
	})
	if err != nil {
		return err
	}
	dir, err := writeSet(io, set, opts.OutputDir, plan)
	if err != nil {
		return err
	}
	io.infof("split %d-of-%d, label %q, self-test passed", opts.Threshold, len(cs), opts.Label)
	io.infof("set fingerprint: %s", set.Fingerprint)
	io.infof("wrote %d shares and manifest.json to %s", len(cs), dir)
	io.infof("wrote sheets.pdf: the ceremony record, then one sheet per custodian (%s); every QR code read back", plan.paper)
	io.infof("write the set fingerprint on the ceremony record; operator and witness sign it")
	return nil
}

func checkEmptyDir(dir string) error {
	entries, err := os.ReadDir(dir)
	if err == nil && len(entries) > 0 {
		return &ExistsError{dir + " (and is not empty)"}
	}
	if err != nil && !os.IsNotExist(err) {
		return err
	}
	return nil
}

// readSecret gets the secret from a file, a pipe, the terminal, or the
// generator.
func readSecret(opts *splitOptions) ([]byte, error) {
	io := opts.IO
	switch {
	case opts.Generate:
		return generateSecret(opts)
	case opts.SecretFile != "":
		b, err := readInput(io, opts.SecretFile)
		if err != nil {
			return nil, err
		}
		return trimNewline(b), nil
	case !io.InIsTerminal:
		b, err := readLimited(io.In, "standard input")
		if err != nil {
			return nil, err
		}
		return trimNewline(b), nil
	}
	if !io.Term.Available() {
		return nil, errors.New("no terminal to type the secret on")
	}
	return io.Term.SecretTwice("secret to split (not shown):", "the same secret again:")
}

// trimNewline drops one trailing newline, as password tools print one.
func trimNewline(b []byte) []byte {
	if bytes.HasSuffix(b, []byte("\r\n")) {
		return b[:len(b)-2]
	}
	return bytes.TrimSuffix(b, []byte("\n"))
}

func generateSecret(opts *splitOptions) ([]byte, error) {
	io := opts.IO
	pw, bits, err := generatePassword(io.Rand, opts.Length)
	if err != nil {
		return nil, usagef("%v", err)
	}
	if bits < 128 {
		io.warnf("a %d-character password has only %d bits of strength; the default, %d characters, has at least 128", opts.Length, bits, defaultPasswordLength)
	}
	if opts.GenerateOutput != "" {
		if err := writeNewFile(opts.GenerateOutput, pw); err != nil {
			clear(pw)
			return nil, err
		}
		io.infof("the generated password is in %s (0600): set it as the root password, then destroy the file", opts.GenerateOutput)
		return pw, nil
	}
	if !io.Term.Available() {
		clear(pw)
		return nil, errors.New("--generate shows the password on the terminal, and there is no terminal; name a file with --generate-output")
	}
	// ShowSecret writes the bytes themselves: fmt would keep a copy in
	// its reused buffer.
	err = io.Term.ShowSecret(fmt.Sprintf("\nThe generated password (%d bits), shown once:\n\n    ", bits), pw, "\n\nSet it as the root password now.\n")
	if err == nil {
		err = io.Term.WaitEnter("Press Enter when it is set, to erase it from the screen. ")
	}
	if err == nil {
		err = io.Term.Clear()
	}
	if err != nil {
		clear(pw)
		return nil, err
	}
	return pw, nil
}

// custodianPassphrase asks a passphrase custodian for theirs, or makes one.
func custodianPassphrase(io *IOStreams, name string, index, n int) (ageRecipient, error) {
	if !io.Term.Available() {
		return nil, fmt.Errorf("custodian %s seals with a passphrase, and there is no terminal to type it on", name)
	}
	for {
		pass, err := io.Term.SecretTwice(
			fmt.Sprintf("%s, type a passphrase for share %d of %d (at least 16 characters; empty for a generated one):", name, index, n),
			fmt.Sprintf("%s, the same passphrase again:", name))
		if err != nil {
			return nil, err
		}
		if len(pass) == 0 {
			pass = seal.GeneratePassphrase(io.Rand)
			harden.Lock(pass)
			err := io.Term.ShowSecret(fmt.Sprintf("\n%s's passphrase, shown once: write it down and keep it apart from the sheet:\n\n    ", name), pass, "\n\n")
			if err == nil {
				err = io.Term.WaitEnter("Press Enter to erase it from the screen. ")
			}
			if err != nil {
				clear(pass)
				return nil, err
			}
			io.Term.Clear()
		} else if err := seal.CheckPassphrase(pass); err != nil {
			clear(pass)
			io.Term.Show("%v\n", err)
			continue
		}
		r, err := seal.PassphraseRecipient(pass)
		clear(pass)
		return r, err
	}
}
