// Package ceremony does what each quorum command does, without a command
// line: reading share arguments, scans and typed sheets; rebuilding a set;
// planning and writing a new set; the records and reports of drill,
// verify, combine and reshare; the access log's root kit and access
// review; and what inspect finds of a file and print prints again.
//
// A ceremony never prints, reads flags or exits. What needs a person goes
// through [UI], which cmd/quorum implements on the terminal and tests
// implement with scripted answers; the clock and the source of randomness
// come in [Env], so that a test can run a year of drills in a minute and
// replay a split byte for byte.
package ceremony

import (
	"errors"
	"io"
	"time"
)

// Terminal is the controlling terminal: hidden prompts, and messages that
// must not reach stdout or stderr.
type Terminal interface {
	// Available reports whether there is a terminal to prompt on.
	Available() bool
	// Secret asks for a hidden input, never echoed. At the end of input it
	// returns ErrNoAnswer.
	Secret(prompt string) ([]byte, error)
	// Line asks for a line that is not secret (a sheet's text), echoed as
	// typed; io.EOF at the end of input.
	Line(prompt string) (string, error)
	// Show writes to the terminal, never to stdout or stderr. Never pass it
	// a secret: fmt keeps a copy of its arguments in a buffer it reuses.
	Show(format string, args ...any) error
	// Reveal shows before, the secret as it is (without a copy), after and
	// prompt, waits for Enter and erases the screen and the scrollback; it
	// erases them on every other way out too: io.EOF at the end of input,
	// and a signal, which shows interrupted and ends the process.
	Reveal(before string, secret []byte, after, prompt, interrupted string) error
}

// UI is the person at the laptop: the terminal, and the lines of progress,
// warnings and hints. Text passed to it may come from files (labels, names,
// paths): the implementation filters it before it reaches a screen.
type UI interface {
	Terminal
	// Info, Warn and Hint tell of progress, of something to look at, and
	// of what to do next: one line each, on standard error.
	Info(format string, args ...any)
	Warn(format string, args ...any)
	Hint(format string, args ...any)
}

// ErrNoAnswer is the end of input (Ctrl-D) at a hidden prompt: a person who
// pressed it by mistake is told what happened, not "EOF".
var ErrNoAnswer = errors.New("the input ended (Ctrl-D) at a prompt, which has no answer")

// Env is what a ceremony touches besides its arguments.
type Env struct {
	UI UI
	// Stdin is read when a share or the secret is given as "-".
	Stdin io.Reader
	// StdinIsTerminal says whether Stdin is a person typing.
	StdinIsTerminal bool
	// Now is the clock of every record and report.
	Now func() time.Time
	// Rand is the source of every random byte: set seeds, passwords,
	// passphrases.
	Rand io.Reader
}
