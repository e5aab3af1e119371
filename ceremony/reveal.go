package ceremony

// Revealing a secret on the terminal (combine's secret, split's generated
// password, a custodian's generated passphrase): shown once, erased from
// the screen and the scrollback on every way out, and only once nothing
// that follows can fail in a way that loses what was shown.

import (
	"errors"
	"fmt"
	"io"
)

// Revelation is one secret to show on the terminal.
type Revelation struct {
	What   string // "the secret", "paula's passphrase"
	Before string // the text above the secret
	Secret []byte
	After  string // the text below it, before the prompt; "" for a blank line
	Prompt string // what Enter does
	Then   string // what holds after an interruption: "the set is in DIR"; or ""
}

// String keeps the secret out of any line that prints r.
func (r Revelation) String() string { return "[redacted]" }

// Reveal shows r on ui and erases it. Interrupted by a signal, the process
// ends after one line that says so; at the end of input, the error says so.
func Reveal(ui UI, r Revelation) error {
	gone := r.What + " was erased from the screen"
	if r.Then != "" {
		gone += "; " + r.Then
	}
	after := r.After
	if after == "" {
		after = "\n\n"
	}
	err := ui.Reveal(r.Before, r.Secret, after, r.Prompt, "quorum: interrupted: "+gone)
	if errors.Is(err, io.EOF) {
		return fmt.Errorf("end of input: %s", gone)
	}
	return err
}
