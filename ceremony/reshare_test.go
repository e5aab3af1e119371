package ceremony

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"filippo.io/age"

	"quorum/accesslog"
	"quorum/retire"
)

// reshareTo gives old's secret to dave and erin (2-of-2) from shares 1
// and 3, recorded in a new log, and returns the reshare, the log and the
// new custodians' identities.
func reshareTo(t *testing.T, old *writtenSet, ui *scriptedUI) (*Reshared, string, []age.Identity) {
	t.Helper()
	newDir := t.TempDir()
	file, newIDs := custodians(t, newDir, []string{"dave", "erin"})
	log := filepath.Join(newDir, "access.log")
	src := old.source(1, 3)
	src.Manifest = old.manifest
	done, err := Reshare(testEnv(ui), &ReshareOptions{
		NewSetOptions: NewSetOptions{Custodians: file, Threshold: 2, AllowAllRequired: true, Paper: "letter",
			OutputDir: filepath.Join(newDir, "set"), Tool: "quorum test"},
		Old: src,
		Log: log,
	})
	if err != nil {
		t.Fatal(err)
	}
	return done, log, newIDs
}

// TestReshare: two shares of the old set give the same secret to new
// custodians, without showing it, and the log records the reshare.
func TestReshare(t *testing.T) {
	ui := &scriptedUI{t: t}
	done, log, newIDs := reshareTo(t, newWrittenSet(t), ui)
	if got := rebuild(t, done.Dir, newIDs); string(got) != testSecret {
		t.Errorf("the new set rebuilds %q", got)
	}
	if done.Label != "root 2026" {
		t.Errorf("the new set's label is %q, want the old set's", done.Label)
	}
	if len(ui.revealed) != 0 || strings.Contains(ui.shown.String()+ui.stderr.String(), testSecret) {
		t.Error("the reshare showed the secret")
	}
	records := readRecords(t, log)
	if len(records) != 1 || records[0].Kind != accesslog.KindReshare || records[0].NewSet != string(done.Set.Fingerprint) ||
		records[0].Set != string(done.Old) || len(records[0].Participants) != 2 {
		t.Fatalf("the log holds %+v, want one reshare record naming both sets and two participants", records)
	}
	if done.Record == nil || done.Head == "" {
		t.Error("the result does not carry the record and the log's head")
	}
}

// TestReshareRefusesFirst: a new set that cannot be written is refused
// before any share is opened.
func TestReshareRefusesFirst(t *testing.T) {
	old := newWrittenSet(t)
	file, _ := custodians(t, t.TempDir(), []string{"dave", "erin", "frank"})
	before := listing(t, old.dir)
	ui := &scriptedUI{t: t}
	_, err := Reshare(testEnv(ui), &ReshareOptions{
		NewSetOptions: NewSetOptions{Custodians: file, Threshold: 2, Paper: "a4", OutputDir: old.dir, Tool: "quorum test"},
		Old:           old.source(1, 2),
	})
	if err == nil || !strings.Contains(err.Error(), "already exists") {
		t.Fatalf("got %v, want the output folder refused", err)
	}
	if ui.stderr.Len() != 0 || len(ui.prompts) != 0 {
		t.Errorf("the refused reshare went on: %q, %q", ui.stderr.String(), ui.prompts)
	}
	if after := listing(t, old.dir); !slices.Equal(after, before) {
		t.Errorf("the refused reshare changed the folder")
	}
}

// TestRetire: a set is recorded retired once; a second time is refused
// and the log is left as it was. split --replaces of a retired set is
// refused before anything is asked or written.
func TestRetire(t *testing.T) {
	dir := t.TempDir()
	log := filepath.Join(dir, "access.log")
	opts := &RetireOptions{Manifest: newWrittenSet(t).manifest, Log: log, Operator: "olivia",
		Witnesses: []string{"walter"}, Reason: "account deleted", Tool: "quorum test", Confirmed: true}
	env := testEnv(&scriptedUI{t: t})
	r, head, err := Retire(env, opts)
	if err != nil {
		t.Fatal(err)
	}
	if r.Seq != 1 || head == "" {
		t.Errorf("record %d, head %q: want record 1 and a head hash", r.Seq, head)
	}
	data, _ := os.ReadFile(log)
	var re *retire.RetiredError
	if _, _, err := Retire(env, opts); !errors.As(err, &re) {
		t.Fatalf("retiring it again: got %v, want a *retire.RetiredError", err)
	}
	if again, _ := os.ReadFile(log); string(again) != string(data) {
		t.Error("the refused retire changed the log")
	}

	ui := &scriptedUI{t: t}
	env = testEnv(ui)
	env.StdinIsTerminal = true
	file, _ := custodians(t, dir, []string{"dave", "erin", "frank"})
	split := splitOptions(file, filepath.Join(dir, "new"))
	split.Replaces, split.Log = opts.Manifest, log
	if _, err := Split(env, split); !errors.As(err, &re) {
		t.Fatalf("split --replaces of a retired set: got %v, want a *retire.RetiredError", err)
	}
	if len(ui.prompts) != 0 {
		t.Errorf("the refused split asked %q", ui.prompts)
	}
	if _, err := os.Stat(filepath.Join(dir, "new")); !errors.Is(err, os.ErrNotExist) {
		t.Error("the refused split wrote its set")
	}
}

// TestSplitReplaces: split --replaces writes the new set, then records the
// old one retired, replaced by the new one.
func TestSplitReplaces(t *testing.T) {
	dir := t.TempDir()
	file, _ := custodians(t, dir, []string{"dave", "erin", "frank"})
	log := filepath.Join(dir, "access.log")
	env := testEnv(&scriptedUI{t: t})
	env.Stdin = strings.NewReader("the new password")
	opts := splitOptions(file, filepath.Join(dir, "new"))
	opts.Replaces, opts.Log = newWrittenSet(t).manifest, log
	w, err := Split(env, opts)
	if err != nil {
		t.Fatal(err)
	}
	records := readRecords(t, log)
	if len(records) != 1 || records[0].Kind != accesslog.KindRetire || !strings.Contains(records[0].Reason, string(w.Set.Fingerprint)) {
		t.Fatalf("the log holds %+v, want the old set retired, replaced by the new", records)
	}
}
