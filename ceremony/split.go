package ceremony

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"os"

	"quorum/internal/newfile"
	"quorum/share"
)

// SplitOptions are split's: a new set, and where its secret comes from.
type SplitOptions struct {
	NewSetOptions
	SecretFile     string // read the secret from this file; "" for standard input or the terminal
	Generate       bool   // generate a strong random password as the secret
	Length         int    // its length in random characters
	GenerateOutput string // write it to this new file, with the set, instead of showing it
	Replaces       string // the manifest of the set the new one replaces, recorded retired in Log
	Log            string
	Run            string // the runbook run this is a step of (--run), as typed; CheckRun reads it
}

// Split reads the secret (or generates a password), asks passphrase
// custodians for theirs, splits, self-tests and writes the new set, then
// records the replaced set retired and shows a generated password. The set
// is returned whenever it was written, with an error if what comes after
// failed.
func Split(env *Env, opts *SplitOptions) (*NewSet, error) {
	plan, err := planNewSet(env, &opts.NewSetOptions)
	if err != nil {
		return nil, err
	}
	old, err := checkReplaced(env, opts.Replaces, opts.Log)
	if err != nil {
		return nil, err
	}
	if opts.Run, err = CheckRun(opts.Log, opts.Run); err != nil {
		return nil, err
	}
	if old != nil {
		old.run = opts.Run
	}
	if opts.GenerateOutput != "" {
		if err := newfile.Check(opts.GenerateOutput); err != nil {
			return nil, err
		}
	}

	// A generated password is shown last of all (revealGenerated): shown
	// earlier, a mistake at a later prompt or a failed write would leave
	// a root password set that no share holds.
	secret, bits, err := readSecret(env, opts)
	if err != nil {
		return nil, err
	}
	defer clear(secret)

	if err := plan.askPassphrases(env); err != nil {
		return nil, err
	}
	set, err := plan.split(env, secret, opts.Label)
	if err != nil {
		return nil, err
	}
	files, err := plan.render(env, set)
	if err != nil {
		return nil, err
	}
	if opts.GenerateOutput != "" {
		err = writeSetAndPassword(files, opts.GenerateOutput, secret)
	} else {
		err = newfile.WriteDir(files.dir, files.names, files.contents)
	}
	if err != nil {
		return nil, err
	}
	written := &NewSet{Set: set, Dir: files.dir, Paper: plan.paper}
	// The old set is recorded retired before a generated password is
	// shown, and a failure to record it is said after, so that the
	// password is shown whatever the log does.
	var logErr error
	if old != nil {
		logErr = old.record(env, set.Fingerprint, opts.Tool)
	}
	if opts.Generate && opts.GenerateOutput == "" {
		err = revealGenerated(env.UI, secret, bits, files.dir, set.Fingerprint)
	}
	return written, cmp.Or(err, logErr)
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
func revealGenerated(ui UI, pw []byte, bits int, dir string, fp share.Fingerprint) error {
	return Reveal(ui, Revelation{
		What: "the generated password",
		Before: fmt.Sprintf("\nThe set is written to %s (set fingerprint %s), self-tested and read back.\n"+
			"The generated password (%d bits), which it holds, shown once:\n\n    ", dir, fp, bits),
		Secret: pw,
		After:  "\n\nSet it as the root password now.\n",
		Prompt: "Press Enter when it is set, to erase it from the screen. ",
		Then:   "the set that holds it is in " + dir,
	})
}

// readSecret gets the secret from a file, a pipe, the terminal, or the
// generator; bits is a generated password's strength, which is not shown
// yet.
func readSecret(env *Env, opts *SplitOptions) (secret []byte, bits int, err error) {
	switch {
	case opts.Generate:
		return generateSecret(env, opts)
	case opts.SecretFile != "":
		b, err := ReadInput(env, opts.SecretFile)
		if err != nil {
			return nil, 0, err
		}
		return trimNewline(b), 0, nil
	case !env.StdinIsTerminal:
		b, err := ReadLimited(env.Stdin, "standard input")
		if err != nil {
			return nil, 0, err
		}
		return trimNewline(b), 0, nil
	}
	if !env.UI.Available() {
		return nil, 0, errors.New("no terminal to type the secret on")
	}
	secret, err = askNewSecret(env.UI, newSecret{
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

// generateSecret makes the password, which Split writes or shows only once
// the set is written.
func generateSecret(env *Env, opts *SplitOptions) ([]byte, int, error) {
	if opts.GenerateOutput == "" && !env.UI.Available() {
		return nil, 0, errors.New("--generate shows the password on the terminal, and there is no terminal; name a file with --generate-output")
	}
	pw, bits, err := generatePassword(env.Rand, opts.Length)
	if err != nil {
		return nil, 0, err
	}
	if bits < 128 {
		env.UI.Warn("a %d-character password has only %d bits of strength; the default, %d characters, has at least 128", opts.Length, bits, DefaultPasswordLength)
	}
	return pw, bits, nil
}
