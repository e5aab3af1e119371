package ceremony

import (
	"path/filepath"
	"strings"
	"testing"
)

// Once the log records a reshare, the old set's shares are superseded:
// every command that reads them warns, naming the new set; the new set's
// own are not.
func TestWarnSuperseded(t *testing.T) {
	dir := t.TempDir()
	old, oldIDs := splitSet(t, dir, "the same secret", "alice", "bob", "carol")
	keys := identityFiles(t, dir, []string{"alice", "bob", "carol"}, oldIDs)
	newDir := t.TempDir()
	file, _ := custodians(t, newDir, []string{"dave", "erin"})
	log := filepath.Join(dir, "access.log")
	done, err := Reshare(testEnv(&scriptedUI{t: t}), &ReshareOptions{
		NewSetOptions: NewSetOptions{Custodians: file, Threshold: 2, AllowAllRequired: true, Paper: "a4",
			OutputDir: filepath.Join(newDir, "set"), Tool: "quorum test"},
		Old: Source{Manifest: filepath.Join(old, "manifest.json"),
			Shares: []string{filepath.Join(old, "1-alice.share"), filepath.Join(old, "2-bob.share")}, Identities: keys},
		Log: log,
	})
	if err != nil {
		t.Fatal(err)
	}

	ui := &scriptedUI{t: t}
	WarnSuperseded(testEnv(ui), log, done.Old)
	want := "quorum: warning: " + log + " records set " + done.Old.String() + ` "root 2026" as superseded by set ` + done.Set.Fingerprint.String()
	if !strings.HasPrefix(ui.stderr.String(), want) {
		t.Errorf("stderr = %q\nwant it to begin %q", ui.stderr.String(), want)
	}
	ui = &scriptedUI{t: t}
	WarnSuperseded(testEnv(ui), log, done.Set.Fingerprint)
	WarnSuperseded(testEnv(ui), "", done.Old)
	if ui.stderr.Len() != 0 {
		t.Errorf("the new set, or no log, warned: %q", ui.stderr.String())
	}
}
