package main

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
)

// shownTerminal records what is shown on it.
type shownTerminal struct {
	noTerminal
	shown bytes.Buffer
}

func (t *shownTerminal) Show(format string, args ...any) error {
	fmt.Fprintf(&t.shown, format, args...)
	return nil
}

// TestTerminalUIShowFilters: a ceremony shows labels, names and dates from
// files on the terminal (retire's confirmation shows the manifest's label):
// an escape sequence or a bidirectional override in them reaches the
// screen as visible text, and the line breaks of the message stay.
func TestTerminalUIShowFilters(t *testing.T) {
	term := &shownTerminal{}
	streams := &IOStreams{In: strings.NewReader(""), Out: &bytes.Buffer{}, Err: &bytes.Buffer{}, Term: term}
	ui := streams.env().UI
	if err := ui.Show("Retire set %q, made %s?\nType its label: ", "root\x1b[2J 2026", "2026-01-05\u202e"); err != nil {
		t.Fatal(err)
	}
	got := term.shown.String()
	if strings.ContainsAny(got, "\x1b\u202e") {
		t.Errorf("Show passed file text to the terminal unfiltered: %q", got)
	}
	if !strings.Contains(got, "?\nType its label: ") {
		t.Errorf("Show lost the message's line break: %q", got)
	}
}
