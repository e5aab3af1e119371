package main

import (
	"bytes"
	"strings"
	"testing"

	"quorum/internal/harden"
)

// TestWarnUnlocked checks who is told that memory is not locked: every
// command that handles secrets, once, and no command that handles none.
func TestWarnUnlocked(t *testing.T) {
	unlocked := harden.Report{SwapOn: true, Unlocked: "the limit on locked memory, ulimit -l, is 8192 KiB", Remedy: "turn swap off (swapoff -a)"}
	tests := []struct {
		name string
		args []string
		r    harden.Report
		want bool
	}{
		{"combine", []string{"combine", "-i", "alice.key", "1-alice.share"}, unlocked, true},
		{"split", []string{"split", "-k", "2", "-c", "custodians.txt"}, unlocked, true},
		{"keygen", []string{"keygen", "-o", "alice.key"}, unlocked, true},
		{"inspect", []string{"inspect", "1-alice.share"}, unlocked, false},
		{"print", []string{"print", "-o", "x.pdf", "1-alice.share"}, unlocked, false},
		{"version", []string{"version"}, unlocked, false},
		{"no command", nil, unlocked, false},
		{"unknown command", []string{"frobnicate"}, unlocked, false},
		{"locked", []string{"combine", "1-alice.share"}, harden.Report{MemoryLocked: true, SwapOn: true}, false},
		{"no swap", []string{"combine", "1-alice.share"}, harden.Report{Unlocked: "x", Remedy: "y"}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var stderr bytes.Buffer
			streams := &IOStreams{In: strings.NewReader(""), Out: &bytes.Buffer{}, Err: &stderr, Term: noTerminal{}}
			warnUnlocked(streams, tt.args, tt.r)
			want := ""
			if tt.want {
				want = "quorum: warning: memory is not locked against swap (the limit on locked memory, ulimit -l, is 8192 KiB): secrets may be written to the swap device\n" +
					"quorum: hint: turn swap off (swapoff -a)\n"
			}
			if got := stderr.String(); got != want {
				t.Errorf("stderr %q, want %q", got, want)
			}
		})
	}
}
