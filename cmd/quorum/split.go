package main

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"os"

	"github.com/spf13/cobra"

	"quorum/internal/newfile"
	"quorum/seal"
	"quorum/share"
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
	Replaces         string // the manifest of the set the new one replaces
	Log              string
	Now              string // hidden, for tests: the day of the split
}

func newSplitCmd(streams *IOStreams) *cobra.Command {
	opts := &splitOptions{IO: streams}
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
	f.IntVar(&opts.Length, "length", defaultPasswordLength, "with --generate, the password's length in random characters (`N`)")
	f.StringVar(&opts.GenerateOutput, "generate-output", "", "with --generate and no terminal, write the password to this new `FILE`")
	f.BoolVar(&opts.AllowAllRequired, "allow-all-required", false, "allow K = n: every custodian needed, one lost sheet loses the secret")
	f.StringVar(&opts.Paper, "paper", "a4", "the paper size of sheets.pdf: a4 or letter")
	f.StringVar(&opts.Replaces, "replaces", "", "record the set of `OLD_MANIFEST` as retired, once the new set is written")
	f.StringVar(&opts.Log, "log", "", "with --replaces, the access `LOG` to record it in (created 0600 when missing)")
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
	opts.IO = streams
	if !opts.Generate && (opts.GenerateOutput != "" || opts.Length != defaultPasswordLength) {
		return usagef("--length and --generate-output go with --generate")
	}
	plan, err := planNewSet(streams, opts.Custodians, opts.Threshold, opts.AllowAllRequired, opts.Label, opts.Paper, opts.OutputDir)
	if err != nil {
		return err
	}
	cs, recipients := plan.custodians, plan.recipients
	old, err := checkReplaced(streams, opts.Replaces, opts.Log)
	if err != nil {
		return err
	}
	if opts.GenerateOutput != "" {
		if err := newfile.Check(opts.GenerateOutput); err != nil {
			return err
		}
	}

	// A generated password is shown last of all (revealGenerated): shown
	// earlier, a mistake at a later prompt or a failed write would leave
	// a root password set that no share holds.
	secret, bits, err := readSecret(opts)
	if err != nil {
		return err
	}
	defer clear(secret)

	// Passphrase custodians type theirs last, once the secret is in, so
	// that a mistake in the secret does not make them type twice.
	if err := askPassphrases(streams, cs, recipients); err != nil {
		return err
	}

	set, err := split.Split(split.Options{
		Secret: secret, Threshold: opts.Threshold, Label: opts.Label,
		Custodians: recipients, AllowAllRequired: opts.AllowAllRequired,
		Created: streams.Now(), Rand: streams.Rand, Tool: toolName(),
	})
	if err != nil {
		return err
	}
	files, err := renderSet(streams, set, opts.OutputDir, plan)
	if err != nil {
		return err
	}
	if opts.GenerateOutput != "" {
		err = writeSetAndPassword(files, opts.GenerateOutput, secret)
	} else {
		err = newfile.WriteDir(files.dir, files.names, files.contents)
	}
	if err != nil {
		return err
	}
	// The old set is recorded retired before a generated password is
	// shown, and a failure to record it is said after, so that the
	// password is shown whatever the log does.
	var logErr error
	if old != nil {
		logErr = old.record(streams, set.Fingerprint)
	}
	if opts.Generate && opts.GenerateOutput == "" {
		err = revealGenerated(streams, secret, bits, files.dir, set.Fingerprint)
	}
	streams.infof("split %d-of-%d, label %s, self-test passed", opts.Threshold, len(cs), quote(opts.Label))
	streams.infof("set fingerprint: %s", set.Fingerprint)
	streams.infof("wrote %d shares and manifest.json to %s", len(cs), files.dir)
	streams.infof("wrote sheets.pdf: the ceremony record, then one sheet per custodian (%s); every QR code read back", plan.paper)
	if opts.GenerateOutput != "" {
		streams.infof("the generated password is in %s (0600): set it as the root password, then destroy the file", opts.GenerateOutput)
	}
	streams.infof("write the set fingerprint on the ceremony record; operator and witness sign it")
	return cmp.Or(err, logErr)
}

// writeSetAndPassword writes the generated password to its file and the
// set beside it, both or neither: a password file without its set would
// be a root password no share holds.
func writeSetAndPassword(files *setFiles, passwordFile string, password []byte) error {
	h := newfile.HoldSignals()
	err := h.Write(passwordFile, password)
	if err == nil {
		if err = h.WriteDir(files.dir, files.names, files.contents); err != nil {
			os.Remove(passwordFile)
		}
	}
	return cmp.Or(h.Release(), err)
}

// revealGenerated shows the generated password once the set that holds it
// is written, and says where that set is.
func revealGenerated(streams *IOStreams, pw []byte, bits int, dir string, fp share.Fingerprint) error {
	return reveal(streams, revelation{
		what: "the generated password",
		before: fmt.Sprintf("\nThe set is written to %s (set fingerprint %s), self-tested and read back.\n"+
			"The generated password (%d bits), which it holds, shown once:\n\n    ", dir, fp, bits),
		secret: pw,
		after:  "\n\nSet it as the root password now.\n",
		prompt: "Press Enter when it is set, to erase it from the screen. ",
		then:   "the set that holds it is in " + dir,
	})
}

// readSecret gets the secret from a file, a pipe, the terminal, or the
// generator; bits is a generated password's strength, which is not shown
// yet.
func readSecret(opts *splitOptions) (secret []byte, bits int, err error) {
	streams := opts.IO
	switch {
	case opts.Generate:
		return generateSecret(opts)
	case opts.SecretFile != "":
		b, err := readInput(streams, opts.SecretFile)
		if err != nil {
			return nil, 0, err
		}
		return trimNewline(b), 0, nil
	case !streams.InIsTerminal:
		b, err := readLimited(streams.In, "standard input")
		if err != nil {
			return nil, 0, err
		}
		return trimNewline(b), 0, nil
	}
	if !streams.Term.Available() {
		return nil, 0, errors.New("no terminal to type the secret on")
	}
	secret, err = askNewSecret(streams, newSecret{
		what: "the secret", prompt: "secret to split (not shown):", again: "the same secret again:",
		check: checkSecretSize,
	})
	return secret, 0, err
}

// checkSecretSize applies the format's limits on a secret (share.Pad's).
func checkSecretSize(secret []byte) error {
	padded, err := share.Pad(secret)
	clear(padded)
	return err
}

// trimNewline drops one trailing newline, as password tools print one.
func trimNewline(b []byte) []byte {
	if bytes.HasSuffix(b, []byte("\r\n")) {
		return b[:len(b)-2]
	}
	return bytes.TrimSuffix(b, []byte("\n"))
}

// generateSecret makes the password, which runSplit writes or shows only
// once the set is written.
func generateSecret(opts *splitOptions) ([]byte, int, error) {
	streams := opts.IO
	if opts.GenerateOutput == "" && !streams.Term.Available() {
		return nil, 0, errors.New("--generate shows the password on the terminal, and there is no terminal; name a file with --generate-output")
	}
	pw, bits, err := generatePassword(streams.Rand, opts.Length)
	if err != nil {
		return nil, 0, usagef("%v", err)
	}
	if bits < 128 {
		streams.warnf("a %d-character password has only %d bits of strength; the default, %d characters, has at least 128", opts.Length, bits, defaultPasswordLength)
	}
	return pw, bits, nil
}

// custodianPassphrase asks a passphrase custodian for theirs, or makes one.
func custodianPassphrase(streams *IOStreams, name string, index, n int) (ageRecipient, error) {
	if !streams.Term.Available() {
		return nil, fmt.Errorf("custodian %s seals with a passphrase, and there is no terminal to type it on", name)
	}
	pass, err := newPassphrase(streams, name+"'s passphrase",
		fmt.Sprintf("%s, type a passphrase for share %d of %d (at least 16 characters; empty for a generated one):", name, index, n),
		fmt.Sprintf("%s, the same passphrase again:", name), true)
	if err == nil && len(pass) == 0 {
		pass, err = generatedPassphrase(streams, name)
	}
	if err != nil {
		return nil, err
	}
	r, err := seal.PassphraseRecipient(pass)
	clear(pass)
	return r, err
}
