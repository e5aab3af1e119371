package main

// Output rules, for every command:
//   - stdout carries only what the user asked for (a secret when piped, a
//     recipient, JSON), so that it can be redirected;
//   - stderr carries progress, warnings and errors, "quorum: " first;
//   - prompts and anything secret meant for eyes go to the controlling
//     terminal (/dev/tty), never to stdout or stderr, so that they do not
//     end up in a log;
//   - files are written by internal/newfile, 0600, never over an existing file.

import (
	"crypto/rand"
	"errors"
	"fmt"
	"io"
	"os"
	"time"

	"quorum/ceremony"
	"quorum/internal/filter"
	"quorum/internal/harden"
	"quorum/internal/term"
)

// IOStreams is everything a command touches outside the process: the
// standard streams, the terminal, the clock and randomness. Tests replace
// all of them.
type IOStreams struct {
	In  io.Reader
	Out io.Writer
	Err io.Writer

	// InIsTerminal and OutIsTerminal say whether stdin and stdout are
	// terminals.
	InIsTerminal, OutIsTerminal bool

	Term Terminal

	Now  func() time.Time
	Rand io.Reader
}

// Terminal is the controlling terminal, as the ceremonies ask through it.
type Terminal = ceremony.Terminal

func systemIO() *IOStreams {
	return &IOStreams{
		In: os.Stdin, Out: os.Stdout, Err: os.Stderr,
		InIsTerminal:  term.IsTerminal(os.Stdin),
		OutIsTerminal: term.IsTerminal(os.Stdout),
		Term:          ttyTerminal{},
		Now:           time.Now,
		Rand:          rand.Reader,
	}
}

// ttyTerminal is the real controlling terminal.
type ttyTerminal struct{}

func (ttyTerminal) Available() bool {
	return term.WithTerminal(func(in, out *os.File) error { return nil }) == nil
}

// Secret locks what was typed against swapping, in case memory is not
// locked as a whole (harden.go).
func (ttyTerminal) Secret(prompt string) ([]byte, error) {
	b, err := term.ReadSecret(prompt)
	if errors.Is(err, io.EOF) {
		return nil, errNoAnswer
	}
	harden.Lock(b)
	return b, err
}

// errNoAnswer is end of input (Ctrl-D) at a hidden prompt.
var errNoAnswer = ceremony.ErrNoAnswer

func (ttyTerminal) Show(format string, args ...any) error {
	return term.WithTerminal(func(_, out *os.File) error {
		_, err := fmt.Fprintf(out, format, args...)
		return err
	})
}

func (ttyTerminal) Reveal(before string, secret []byte, after, prompt, interrupted string) error {
	return term.Reveal(before, secret, after, prompt, interrupted)
}

func (ttyTerminal) Line(prompt string) (string, error) {
	return term.ReadLine(prompt)
}

// warnf, hintf and infof write one line to standard error, filtered
// whole: their arguments are often names, labels and paths from files.
func (streams *IOStreams) warnf(format string, args ...any) {
	fmt.Fprintf(streams.Err, "quorum: warning: %s\n", filter.Text(fmt.Sprintf(format, args...)))
}

func (streams *IOStreams) hintf(format string, args ...any) {
	fmt.Fprintf(streams.Err, "quorum: hint: %s\n", filter.Text(fmt.Sprintf(format, args...)))
}

func (streams *IOStreams) infof(format string, args ...any) {
	fmt.Fprintf(streams.Err, "quorum: %s\n", filter.Text(fmt.Sprintf(format, args...)))
}

// env is what the ceremony package sees of streams: the terminal and the
// standard error lines as its UI, stdin, the clock and randomness.
func (streams *IOStreams) env() *ceremony.Env {
	return &ceremony.Env{
		UI:              terminalUI{streams.Term, streams},
		Stdin:           streams.In,
		StdinIsTerminal: streams.InIsTerminal,
		Now:             streams.Now,
		Rand:            streams.Rand,
	}
}

// terminalUI is ceremony.UI on the controlling terminal and standard error.
type terminalUI struct {
	Terminal
	streams *IOStreams
}

// Show filters what it shows line by line, as Info, Warn and Hint filter
// their line: a ceremony shows labels, names and dates from files.
func (u terminalUI) Show(format string, args ...any) error {
	return u.Terminal.Show("%s", filter.Lines(fmt.Sprintf(format, args...)))
}

func (u terminalUI) Info(format string, args ...any) { u.streams.infof(format, args...) }
func (u terminalUI) Warn(format string, args ...any) { u.streams.warnf(format, args...) }
func (u terminalUI) Hint(format string, args ...any) { u.streams.hintf(format, args...) }

// quote writes text from a file in double quotes, as it shows labels,
// through filter.Text.
func quote(s string) string { return `"` + filter.Text(s) + `"` }
