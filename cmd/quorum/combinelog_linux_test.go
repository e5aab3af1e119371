package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"quorum/accesslog"
	"quorum/share"
)

// TestCombineShowsHead: a reveal recorded in the log shows the log's new
// head hash on the terminal with the secret, to be written on the reveal
// report; it once went only to standard error, where nobody was asked to
// keep it, and a reveal's record can be cut from the log's end without
// any key.
func TestCombineShowsHead(t *testing.T) {
	bin := buildQuorum(t)
	dir := t.TempDir()
	env := isolatedEnv(dir)
	newSet(t, bin, dir, env, "Head-Canary-3Fw8")

	p := startTTY(t, bin, ttyOptions{dir: dir, env: env, stdoutTTY: true},
		"combine", "-i", "alice.key", "-i", "bob.key", "--log", "access.log", "--reason", "test",
		"set/1-alice.share", "set/2-bob.share")
	p.expect("Press Enter to erase it from the screen. ")
	data, err := os.ReadFile(filepath.Join(dir, "access.log"))
	if err != nil {
		t.Fatal(err)
	}
	records, err := accesslog.Read(data)
	if err != nil || len(records) != 1 {
		t.Fatalf("the log holds %d records, %v", len(records), err)
	}
	want := "Access log head hash after this reveal, for the reveal report:\r\n    " + share.Fingerprint(accesslog.Head(records)).String()
	if !strings.Contains(p.seen.String(), want) {
		t.Errorf("the terminal does not show the head hash with the secret (%q): %q", want, p.seen.String())
	}
	p.typ("\n")
	p.mustSucceed()
}

// TestUnprintableSecretNotShown: a rebuilt secret with an escape sequence
// (which a forged, unpinned set can carry) is not written to the
// terminal, where it would clear the screen rather than show, and no
// reveal is recorded; -o writes it whole.
func TestUnprintableSecretNotShown(t *testing.T) {
	bin := buildQuorum(t)
	dir := t.TempDir()
	env := isolatedEnv(dir)
	const secret = "Esc-Canary-7Qm2\x1b[2J\x1b[3J"
	newSet(t, bin, dir, env, secret)

	p := startTTY(t, bin, ttyOptions{dir: dir, env: env, stdoutTTY: true},
		"combine", "-i", "alice.key", "-i", "bob.key", "--log", "access.log", "--reason", "test",
		"set/1-alice.share", "set/2-bob.share")
	// Shown, the secret would wait for Enter: the kill makes that a
	// failure below rather than a hang.
	stop := time.AfterFunc(20*time.Second, func() { p.cmd.Process.Kill() })
	defer stop.Stop()
	if err := p.wait(); err == nil {
		t.Fatal("combine showed a secret with an escape sequence")
	}
	if strings.Contains(p.seen.String(), "Esc-Canary") {
		t.Errorf("the terminal shows the secret: %q", p.seen.String())
	}
	if !strings.Contains(p.stderr.String(), "quorum: error: the secret holds control, format or invisible characters") ||
		!strings.Contains(p.stderr.String(), "quorum: hint: nothing was recorded; write it to a new file with -o FILE") {
		t.Errorf("stderr %q, want the refusal and the -o hint", p.stderr.String())
	}
	if _, err := os.Stat(filepath.Join(dir, "access.log")); !os.IsNotExist(err) {
		t.Errorf("access.log: %v, want no reveal recorded", err)
	}

	runQuorum(t, bin, dir, env, nil, "combine", "-i", "alice.key", "-i", "bob.key", "-o", "secret.out",
		"set/1-alice.share", "set/2-bob.share")
	got, err := os.ReadFile(filepath.Join(dir, "secret.out"))
	if err != nil || string(got) != secret {
		t.Errorf("-o wrote %q (%v), want the secret whole", got, err)
	}
}
