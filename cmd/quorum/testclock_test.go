package main

import (
	"os/exec"
	"strings"
	"testing"
)

// TestReleaseHasNoClock builds quorum as a release is built, without the
// testclock tag, and checks that every command that dates a record, or
// counts days, refuses --now: only the laptop's clock sets a record's time.
func TestReleaseHasNoClock(t *testing.T) {
	bin := buildQuorum(t, "GOFLAGS=-mod=readonly")
	for _, args := range [][]string{
		{"status", "-m", "manifest.json", "--now", "2099-01-01"},
		{"record", "--log", "access.log", "--event", "note: x", "--now", "2099-01-01"},
		{"drill", "--log", "access.log", "--now", "2099-01-01", "1.share"},
		{"verify", "--now", "2099-01-01", "1.share"},
		{"combine", "--now", "2099-01-01", "1.share"},
		{"split", "-k", "2", "-c", "c.txt", "-l", "x", "--now", "2099-01-01"},
		{"reshare", "--now", "2099-01-01", "1.share"},
		{"log", "access.log", "--now", "2099-01-01"},
	} {
		cmd := exec.Command(bin, args...)
		cmd.Dir = t.TempDir()
		out, err := cmd.CombinedOutput()
		if err == nil || !strings.Contains(string(out), "--now") {
			t.Errorf("quorum %s: want --now refused as an unknown flag, got %v:\n%s", strings.Join(args, " "), err, out)
		}
	}
	cmd := exec.Command(bin, "help", "status")
	out, _ := cmd.CombinedOutput()
	if strings.Contains(string(out), "--now") {
		t.Errorf("quorum help status mentions --now:\n%s", out)
	}
}
