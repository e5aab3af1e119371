package runbook

import (
	"os/exec"
	"slices"
	"strings"
	"testing"
)

// TestShellQuote: plain words stay as they are (the golden files' paths
// print unquoted); anything else is one word again after a POSIX shell
// reads it, a single quote included.
func TestShellQuote(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"access.log", "access.log"},
		{"quorum-7QX4/manifest.json", "quorum-7QX4/manifest.json"},
		{"set 2026/manifest.json", "'set 2026/manifest.json'"},
		{"bob's log.log", `'bob'\''s log.log'`},
		{"$HOME/*.log", "'$HOME/*.log'"},
		{"", "''"},
	} {
		if got := ShellQuote(tt.in); got != tt.want {
			t.Errorf("ShellQuote(%q) = %s, want %s", tt.in, got, tt.want)
		}
	}
}

// TestCommandsSplitByShell fills every scenario with paths that a shell
// would split or expand, hands each printed command (those without a
// choice written a|b, which is a pipe to a shell) to sh, and checks that
// every -m and --log is followed by the intended path, whole.
func TestCommandsSplitByShell(t *testing.T) {
	sh, err := exec.LookPath("sh")
	if err != nil {
		t.Fatalf("no sh to read the commands: %v", err)
	}
	for _, f := range []Facts{
		{Manifest: "set 2026/manifest.json", Log: "my logs/access log.log"},
		{Manifest: "bob's set/manifest.json", Log: "it's $HOME's *.log"},
	} {
		var lines []string
		for _, s := range Scenarios() {
			rb := Fill(s, f)
			for _, st := range rb.Steps {
				if st.Command != "" {
					lines = append(lines, strings.Split(st.Command, "\n")...)
				}
			}
			lines = append(lines, rb.ExceptionCommands...)
		}
		var script strings.Builder
		var sent []string
		for _, l := range lines {
			if strings.Contains(l, "|") {
				continue
			}
			sent = append(sent, l)
			script.WriteString("printf '%s\\n' " + l + "; echo END\n")
		}
		out, err := exec.Command(sh, "-c", script.String()).Output()
		if err != nil {
			t.Fatalf("sh: %v", err)
		}
		cmds := strings.Split(strings.TrimSuffix(string(out), "END\n"), "END\n")
		if len(cmds) != len(sent) {
			t.Fatalf("sh read %d commands, want %d", len(cmds), len(sent))
		}
		paths := 0
		for i, c := range cmds {
			args := strings.Split(strings.TrimSuffix(c, "\n"), "\n")
			for j := 0; j+1 < len(args); j++ {
				switch args[j] {
				case "--log":
					paths++
					if args[j+1] != f.Log {
						t.Errorf("%s\nsh reads --log %q, want %q", sent[i], args[j+1], f.Log)
					}
				case "-m":
					paths++
					if !slices.Contains([]string{f.Manifest, "NEW/manifest.json"}, args[j+1]) {
						t.Errorf("%s\nsh reads -m %q, want %q", sent[i], args[j+1], f.Manifest)
					}
				}
			}
		}
		if len(sent) < 30 || paths < 50 {
			t.Errorf("sh read %d commands with %d paths: too few to say the runbooks were checked", len(sent), paths)
		}
	}
}
