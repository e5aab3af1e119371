package main

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// clearScreen is what combine sends after Enter: cursor home, erase the
// screen (ED 2), erase the scrollback (ED 3).
const clearScreen = "\x1b[H\x1b[2J\x1b[3J"

// newSet makes two custodians with unprotected keys, and a 2-of-2 set of
// secret in dir/set, with the built binary and no terminal.
func newSet(t *testing.T, bin, dir string, env []string, secret string) {
	t.Helper()
	var custodians strings.Builder
	for _, name := range []string{"alice", "bob"} {
		runQuorum(t, bin, dir, env, nil, "keygen", "--no-passphrase", "-o", name+".key")
		custodians.WriteString(name + " " + publicKey(t, filepath.Join(dir, name+".key")) + "\n")
	}
	if err := os.WriteFile(filepath.Join(dir, "custodians.txt"), []byte(custodians.String()), 0o600); err != nil {
		t.Fatal(err)
	}
	runQuorum(t, bin, dir, env, strings.NewReader(secret), "split", "-k", "2", "--allow-all-required",
		"-c", "custodians.txt", "-l", "terminal test", "-o", "set")
}

// publicKey reads the recipient from an identity file's "# public key:"
// line.
func publicKey(t *testing.T, file string) string {
	t.Helper()
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`(?m)^# public key: (\S+)$`).FindSubmatch(b)
	if m == nil {
		t.Fatalf("%s has no public key line", file)
	}
	return string(m[1])
}

// TestCombineClearsTerminal runs combine with standard output on a
// terminal: the secret is shown there once, and when Enter is pressed the
// screen and the scrollback are cleared. Nothing after the clearing shows
// the secret again, and it never reaches stdout or stderr.
func TestCombineClearsTerminal(t *testing.T) {
	bin := buildQuorum(t)
	dir := t.TempDir()
	env := isolatedEnv(dir)
	const secret = "Terminal-Canary-7Hq2-xK9p"
	newSet(t, bin, dir, env, secret)

	p := startTTY(t, bin, ttyOptions{dir: dir, env: env, stdoutTTY: true},
		"combine", "-i", "alice.key", "-i", "bob.key", "set/1-alice.share", "set/2-bob.share")
	p.expect("Press Enter to erase it from the screen. ")
	if !strings.Contains(p.seen.String(), "The secret, shown once.") || !strings.Contains(p.seen.String(), "    "+secret+"\r\n") {
		t.Fatalf("the terminal does not show the secret: %q", p.seen.String())
	}
	shown := p.seen.Len()
	p.typ("\n")
	p.mustSucceed()
	after := p.seen.Bytes()[shown:]
	i := bytes.Index(after, []byte(clearScreen))
	if i < 0 {
		t.Fatalf("after Enter the terminal got %q, want the screen and scrollback cleared (%q)", after, clearScreen)
	}
	if bytes.Contains(after[i:], []byte(secret)) {
		t.Errorf("the secret is shown again after the clearing: %q", after[i:])
	}
	if strings.Contains(p.stderr.String(), secret) {
		t.Errorf("the secret reached stderr: %q", p.stderr.String())
	}
}
