package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"quorum/accesslog"
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
	want := "Access log head hash after this reveal, for the reveal report:\r\n    " + group4(accesslog.Head(records))
	if !strings.Contains(p.seen.String(), want) {
		t.Errorf("the terminal does not show the head hash with the secret (%q): %q", want, p.seen.String())
	}
	p.typ("\n")
	p.mustSucceed()
}
