package main

import (
	"slices"
	"strings"
	"testing"

	"github.com/spf13/cobra"

	"quorum/runbook"
)

// pendingInRunbooks are the commands and flags the runbooks name that are
// not built yet: none now. A runbook that names a command before it is
// built lists it here until it is; the test then checks its flags too.
var (
	pendingInRunbooks = []string{}
	// pendingFlags are the flags not built yet, by command; "" for every
	// command.
	pendingFlags = map[string][]string{}
)

// TestRunbookCommands checks every quorum command a runbook prints
// against the real command line: each names a command quorum has, and
// every flag it gives is one of that command's, so that a runbook on paper
// never sends a person to a command that fails for its wording.
func TestRunbookCommands(t *testing.T) {
	root := newRootCmd(&IOStreams{})
	pending := func(s string) bool {
		for _, p := range pendingInRunbooks {
			if strings.HasPrefix(s, p+" ") {
				return true
			}
		}
		return false
	}
	seen := map[string]bool{}
	for _, s := range runbook.Scenarios() {
		rb := runbook.Fill(s, runbook.Facts{})
		var commands []string
		for _, st := range rb.Steps {
			if st.Command != "" {
				commands = append(commands, strings.Split(st.Command, "\n")...)
			}
		}
		commands = append(commands, rb.ExceptionCommands...)
		for _, line := range commands {
			if seen[line] {
				continue
			}
			seen[line] = true
			words := strings.Fields(line)
			if words[0] != "quorum" {
				t.Errorf("%s: %q is not a quorum command", s.Name, line)
				continue
			}
			if pending(line) {
				continue
			}
			cmd, _, err := root.Find(words[1:])
			if err != nil || cmd == root {
				t.Errorf("%s: %q names no command of quorum", s.Name, line)
				continue
			}
			for _, w := range words {
				if !strings.HasPrefix(w, "-") || slices.Contains(pendingFlags[""], w) || slices.Contains(pendingFlags[cmd.Name()], w) {
					continue
				}
				if !hasFlag(cmd, w) {
					t.Errorf("%s: %q: quorum %s has no flag %s", s.Name, line, cmd.Name(), w)
				}
			}
		}
	}
	for _, p := range pendingInRunbooks {
		words := strings.Fields(p)
		if cmd, _, err := root.Find(words[1:]); err == nil && cmd != root && cmd.Name() == words[len(words)-1] {
			t.Errorf("%q exists now: take it out of pendingInRunbooks", p)
		}
	}
	for name, flags := range pendingFlags {
		cmd := root
		if name != "" {
			cmd, _, _ = root.Find([]string{name})
		}
		for _, f := range flags {
			if name != "" && hasFlag(cmd, f) {
				t.Errorf("quorum %s %s exists now: take it out of pendingFlags", name, f)
			}
		}
	}
}

// hasFlag reports whether cmd takes flag, given as --name or -n.
func hasFlag(cmd *cobra.Command, flag string) bool {
	if name, ok := strings.CutPrefix(flag, "--"); ok {
		return cmd.Flags().Lookup(name) != nil || cmd.InheritedFlags().Lookup(name) != nil
	}
	return cmd.Flags().ShorthandLookup(strings.TrimPrefix(flag, "-")) != nil
}
