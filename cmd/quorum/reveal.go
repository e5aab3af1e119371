package main

// Revealing a secret on the terminal (combine's secret, split's generated
// password, a custodian's generated passphrase): shown once, erased from
// the screen and the scrollback on every way out, and only once nothing
// that follows can fail in a way that loses what was shown.

import (
	"errors"
	"fmt"
	goio "io"
)

// revelation is one secret shown on the terminal.
type revelation struct {
	what   string // "the secret", "paula's passphrase"
	before string // the text above the secret
	secret []byte
	after  string // the text below it, before the prompt
	prompt string // what Enter does
	then   string // what holds after an interruption: "the set is in DIR"; or ""
}

// reveal shows r and erases it. Interrupted by a signal, the process ends
// after one line that says so; at the end of input, the error says so.
func reveal(streams *IOStreams, r revelation) error {
	gone := r.what + " was erased from the screen"
	if r.then != "" {
		gone += "; " + r.then
	}
	after := r.after
	if after == "" {
		after = "\n\n"
	}
	err := streams.Term.Reveal(r.before, r.secret, after, r.prompt, "quorum: interrupted: "+gone)
	if errors.Is(err, goio.EOF) {
		return fmt.Errorf("end of input: %s", gone)
	}
	return err
}
