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

// identityFiles writes each identity to dir/NAME.key, as keygen
// --no-passphrase does, and returns the files.
func identityFiles(t *testing.T, dir string, names []string, ids []age.Identity) []string {
	t.Helper()
	var files []string
	for i, name := range names {
		f := filepath.Join(dir, name+".key")
		if err := os.WriteFile(f, []byte(ids[i].(*age.X25519Identity).String()+"\n"), 0o600); err != nil {
			t.Fatal(err)
		}
		files = append(files, f)
	}
	return files
}

// splitSet splits secret 2-of-n among names in dir/set and returns the
// set's folder and the identities.
func splitSet(t *testing.T, dir, secret string, names ...string) (string, []age.Identity) {
	t.Helper()
	file, ids := custodians(t, dir, names)
	env := testEnv(&scriptedUI{t: t})
	env.Stdin = strings.NewReader(secret)
	w, err := Split(env, splitOptions(file, filepath.Join(dir, "set")))
	if err != nil {
		t.Fatal(err)
	}
	return w.Dir, ids
}

func readLog(t *testing.T, path string) []*accesslog.Record {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	records, err := accesslog.Read(data)
	if err != nil {
		t.Fatal(err)
	}
	return records
}

// TestReshare: two shares of the old set give the same secret to new
// custodians, without showing it, and the log records the reshare.
func TestReshare(t *testing.T) {
	dir := t.TempDir()
	old, oldIDs := splitSet(t, dir, "the same secret", "alice", "bob", "carol")
	keys := identityFiles(t, dir, []string{"alice", "bob", "carol"}, oldIDs)

	newDir := t.TempDir()
	file, newIDs := custodians(t, newDir, []string{"dave", "erin"})
	log := filepath.Join(dir, "access.log")
	ui := &scriptedUI{t: t}
	opts := &ReshareOptions{
		NewSetOptions: NewSetOptions{Custodians: file, Threshold: 2, AllowAllRequired: true, Paper: "letter",
			OutputDir: filepath.Join(newDir, "set"), Tool: "quorum test"},
		Old: Source{Manifest: filepath.Join(old, "manifest.json"),
			Shares: []string{filepath.Join(old, "1-alice.share"), filepath.Join(old, "3-carol.share")}, Identities: keys},
		Log: log,
	}
	done, err := Reshare(testEnv(ui), opts)
	if err != nil {
		t.Fatal(err)
	}
	if got := rebuild(t, done.Dir, newIDs); string(got) != "the same secret" {
		t.Errorf("the new set rebuilds %q", got)
	}
	if done.Label != "root 2026" {
		t.Errorf("the new set's label is %q, want the old set's", done.Label)
	}
	if len(ui.revealed) != 0 || strings.Contains(ui.shown.String()+ui.stderr.String(), "the same secret") {
		t.Error("the reshare showed the secret")
	}
	records := readLog(t, log)
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
	dir := t.TempDir()
	old, oldIDs := splitSet(t, dir, "the same secret", "alice", "bob", "carol")
	keys := identityFiles(t, dir, []string{"alice", "bob", "carol"}, oldIDs)
	before := listing(t, dir)
	ui := &scriptedUI{t: t}
	_, err := Reshare(testEnv(ui), &ReshareOptions{
		NewSetOptions: NewSetOptions{Custodians: filepath.Join(dir, "custodians.txt"), Threshold: 2, Paper: "a4",
			OutputDir: old, Tool: "quorum test"},
		Old: Source{Shares: []string{filepath.Join(old, "1-alice.share"), filepath.Join(old, "2-bob.share")}, Identities: keys},
	})
	if err == nil || !strings.Contains(err.Error(), "already exists") {
		t.Fatalf("got %v, want the output folder refused", err)
	}
	if ui.stderr.Len() != 0 || len(ui.prompts) != 0 {
		t.Errorf("the refused reshare went on: %q, %q", ui.stderr.String(), ui.prompts)
	}
	if after := listing(t, dir); !slices.Equal(after, before) {
		t.Errorf("the refused reshare changed the folder")
	}
}

// TestRetire: a set is recorded retired once; a second time is refused
// and the log is left as it was. split --replaces of a retired set is
// refused before anything is asked or written.
func TestRetire(t *testing.T) {
	dir := t.TempDir()
	set, _ := splitSet(t, dir, "a dead password", "alice", "bob", "carol")
	log := filepath.Join(dir, "access.log")
	opts := &RetireOptions{Manifest: filepath.Join(set, "manifest.json"), Log: log, Operator: "olivia",
		Witnesses: []string{"walter"}, Reason: "account deleted", Tool: "quorum test"}
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
	split := splitOptions(filepath.Join(dir, "custodians.txt"), filepath.Join(dir, "new"))
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
	old, _ := splitSet(t, dir, "the old password", "alice", "bob", "carol")
	log := filepath.Join(dir, "access.log")
	env := testEnv(&scriptedUI{t: t})
	env.Stdin = strings.NewReader("the new password")
	opts := splitOptions(filepath.Join(dir, "custodians.txt"), filepath.Join(dir, "new"))
	opts.Replaces, opts.Log = filepath.Join(old, "manifest.json"), log
	w, err := Split(env, opts)
	if err != nil {
		t.Fatal(err)
	}
	records := readLog(t, log)
	if len(records) != 1 || records[0].Kind != accesslog.KindRetire || !strings.Contains(records[0].Reason, string(w.Set.Fingerprint)) {
		t.Fatalf("the log holds %+v, want the old set retired, replaced by the new", records)
	}
}
