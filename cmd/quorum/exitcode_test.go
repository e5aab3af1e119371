package main

import (
	"bytes"
	"strings"
	"testing"
)

// TestUsageExitCode: a mistake in the command line exits 2 and every
// other failure 1, whichever check finds it: pflag's parsing, cobra's
// argument rules, its required and exclusive flags (checked in root's
// PersistentPreRunE, since cobra's own errors have no type), or quorum's.
func TestUsageExitCode(t *testing.T) {
	for _, tt := range []struct {
		args []string
		want int
	}{
		{[]string{"split", "--no-such-flag"}, 2},
		{[]string{"split", "-c", "custodians.txt"}, 2},
		{[]string{"split", "-k", "2"}, 2},
		{[]string{"split", "-k", "2", "-c", "c.txt", "--secret-file", "s", "--generate"}, 2},
		{[]string{"record", "--event", "note"}, 2},
		{[]string{"status"}, 2},
		{[]string{"drill", "-i", "a.key", "1-alice.share"}, 2},
		{[]string{"combine"}, 2},
		{[]string{"combine", "--set", "7QX4", "-m", "manifest.json", "x.share"}, 2},
		{[]string{"combine", "no-such-file.share"}, 1},
	} {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			var stderr bytes.Buffer
			streams := &IOStreams{In: strings.NewReader(""), Out: &bytes.Buffer{}, Err: &stderr, Term: noTerminal{}}
			if got := run(tt.args, streams); got != tt.want {
				t.Errorf("exit code %d, want %d; stderr %q", got, tt.want, stderr.String())
			}
		})
	}
}
