package ceremony

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"

	"filippo.io/age"

	"quorum/combine"
	"quorum/internal/newfile"
	"quorum/seal"
	"quorum/share"
)

// custodians makes a real age identity for each name, and the custodians
// file that lists them (and "passphrase" for each name in pass), in dir.
func custodians(t *testing.T, dir string, names []string, pass ...string) (file string, ids []age.Identity) {
	t.Helper()
	var b strings.Builder
	for _, name := range names {
		id, err := age.GenerateX25519Identity()
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, id)
		b.WriteString(name + " " + id.Recipient().String() + "\n")
	}
	for _, name := range pass {
		b.WriteString(name + " passphrase\n")
	}
	file = filepath.Join(dir, "custodians.txt")
	if err := os.WriteFile(file, []byte(b.String()), 0o600); err != nil {
		t.Fatal(err)
	}
	return file, ids
}

// rebuild opens the first k shares in dir with ids and returns the secret,
// as combine does: the set written holds what was split.
func rebuild(t *testing.T, dir string, ids []age.Identity) []byte {
	t.Helper()
	files, _ := filepath.Glob(filepath.Join(dir, "*.share"))
	var inputs []combine.Input
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		ss, _, err := share.Read(b)
		if err != nil || len(ss) != 1 {
			t.Fatalf("%s: %d shares, %v", f, len(ss), err)
		}
		inputs = append(inputs, combine.Input{Source: f, Share: ss[0]})
	}
	set, err := combine.Select(inputs, "")
	if err != nil {
		t.Fatal(err)
	}
	payloads, err := set.Open(func(in combine.Input) ([]byte, error) { return seal.Open(in.Share.Sealed, ids...) })
	if err != nil {
		t.Fatal(err)
	}
	secret, err := set.Rebuild(payloads)
	if err != nil {
		t.Fatal(err)
	}
	return secret
}

// listing is every name under dir, for "nothing was written".
func listing(t *testing.T, dir string) []string {
	t.Helper()
	var names []string
	filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err == nil && path != dir {
			rel, _ := filepath.Rel(dir, path)
			names = append(names, rel)
		}
		return err
	})
	return names
}

func splitOptions(custodiansFile, out string) *SplitOptions {
	return &SplitOptions{NewSetOptions: NewSetOptions{
		Custodians: custodiansFile, Threshold: 2, Label: "root 2026", Paper: "a4",
		OutputDir: out, Tool: "quorum test",
	}, Length: DefaultPasswordLength}
}

// TestSplitWritesSet: a secret piped in becomes a set of shares, a
// manifest and sheets, all 0600, that rebuilds it; a second split never
// writes over the first.
func TestSplitWritesSet(t *testing.T) {
	dir := t.TempDir()
	file, ids := custodians(t, dir, []string{"alice", "bob", "carol"})
	out := filepath.Join(dir, "set")
	ui := &scriptedUI{t: t}
	env := testEnv(ui)
	env.Stdin = strings.NewReader("correct horse battery staple\n")

	written, err := Split(env, splitOptions(file, out))
	if err != nil {
		t.Fatal(err)
	}
	if written.Dir != out {
		t.Errorf("the set was written to %s, want %s", written.Dir, out)
	}
	want := []string{"1-alice.share", "2-bob.share", "3-carol.share", "manifest.json", "sheets.pdf"}
	if got := listing(t, out); !slices.Equal(got, want) {
		t.Fatalf("the set holds %q, want %q", got, want)
	}
	for _, name := range want {
		fi, err := os.Stat(filepath.Join(out, name))
		if err != nil {
			t.Fatal(err)
		}
		if runtime.GOOS != "windows" && fi.Mode().Perm() != 0o600 {
			t.Errorf("%s has mode %v, want 0600", name, fi.Mode().Perm())
		}
	}
	if got := rebuild(t, out, ids); string(got) != "correct horse battery staple" {
		t.Errorf("the set rebuilds %q, want the secret without its newline", got)
	}
	if len(ui.prompts) != 0 {
		t.Errorf("a piped secret asked %q", ui.prompts)
	}

	before := listing(t, dir)
	manifest, _ := os.ReadFile(filepath.Join(out, "manifest.json"))
	env.Stdin = strings.NewReader("another secret")
	_, err = Split(env, splitOptions(file, out))
	var ee *newfile.ExistsError
	if !errors.As(err, &ee) {
		t.Fatalf("a second split into the set: got %v, want an *newfile.ExistsError", err)
	}
	if after := listing(t, dir); !slices.Equal(after, before) {
		t.Errorf("the refused split changed the folder: %q, then %q", before, after)
	}
	if again, _ := os.ReadFile(filepath.Join(out, "manifest.json")); !bytes.Equal(again, manifest) {
		t.Error("the refused split changed manifest.json")
	}
}

// TestSplitAsksAgain: a custodian who mistypes a passphrase's confirmation
// is asked that passphrase again; the secret already typed is kept, and
// the ceremony goes on.
func TestSplitAsksAgain(t *testing.T) {
	dir := t.TempDir()
	file, ids := custodians(t, dir, []string{"alice", "bob"}, "paula")
	out := filepath.Join(dir, "set")
	const pass = "kettle orbit lantern quiver basalt meadow"
	ui := &scriptedUI{t: t, secrets: []string{
		"the secret", "the secret",
		pass, "kettle orbit lantern quiver basalt meadwo", // a slip in the confirmation
		pass, pass,
	}}
	env := testEnv(ui)
	env.StdinIsTerminal = true

	if _, err := Split(env, splitOptions(file, out)); err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(strings.Join(ui.prompts, "\n"), "secret to split"); n != 1 {
		t.Errorf("the secret was asked %d times, want once: %q", n, ui.prompts)
	}
	if !strings.Contains(ui.shown.String(), "the two entries differ; try 2 of 3") {
		t.Errorf("the terminal showed %q, want why the passphrase is asked again", ui.shown.String())
	}
	if got := rebuild(t, out, append(ids, mustScrypt(t, pass))); string(got) != "the secret" {
		t.Errorf("the set rebuilds %q", got)
	}
}

func mustScrypt(t *testing.T, pass string) age.Identity {
	t.Helper()
	id, err := age.NewScryptIdentity(pass)
	if err != nil {
		t.Fatal(err)
	}
	return id
}

// TestSplitTries: three mismatched confirmations of the secret end the
// split with the tries error, and nothing is written.
func TestSplitTries(t *testing.T) {
	dir := t.TempDir()
	file, _ := custodians(t, dir, []string{"alice", "bob", "carol"})
	before := listing(t, dir)
	ui := &scriptedUI{t: t, secrets: []string{"one", "two", "one", "two", "one", "two", "one", "one"}}
	env := testEnv(ui)
	env.StdinIsTerminal = true

	_, err := Split(env, splitOptions(file, filepath.Join(dir, "set")))
	var te *TriesError
	if !errors.As(err, &te) || !errors.Is(err, ErrMismatch) {
		t.Fatalf("got %v, want a *TriesError of ErrMismatch", err)
	}
	if len(ui.prompts) != 6 {
		t.Errorf("asked %d prompts, want 3 tries of 2", len(ui.prompts))
	}
	if after := listing(t, dir); !slices.Equal(after, before) {
		t.Errorf("the folder held %q, then %q: something was written", before, after)
	}
}

// revealUI checks, at the moment a secret is revealed, what is on disk.
type revealUI struct {
	*scriptedUI
	onReveal func()
}

func (u *revealUI) Reveal(before string, secret []byte, after, prompt, interrupted string) error {
	u.onReveal()
	return u.scriptedUI.Reveal(before, secret, after, prompt, interrupted)
}

// TestSplitGenerateRevealsLast: a generated password is shown once, after
// the set that holds it is written; a split that fails before the write
// (a passphrase custodian out of tries) shows nothing and writes nothing.
func TestSplitGenerateRevealsLast(t *testing.T) {
	dir := t.TempDir()
	file, ids := custodians(t, dir, []string{"alice", "bob", "carol"})
	out := filepath.Join(dir, "set")
	ui := &revealUI{scriptedUI: &scriptedUI{t: t}}
	ui.onReveal = func() {
		if _, err := os.Stat(filepath.Join(out, "sheets.pdf")); err != nil {
			t.Errorf("the password was shown before the set was written: %v", err)
		}
	}
	env := testEnv(ui.scriptedUI)
	env.UI = ui
	opts := splitOptions(file, out)
	opts.Generate = true

	if _, err := Split(env, opts); err != nil {
		t.Fatal(err)
	}
	if len(ui.revealed) != 1 {
		t.Fatalf("revealed %d secrets, want the password once", len(ui.revealed))
	}
	if got := rebuild(t, out, ids); !bytes.Equal(got, ui.revealed[0]) {
		t.Error("the set does not hold the password shown")
	}

	// paula's passphrase is refused three times: nothing is shown or written.
	file, _ = custodians(t, t.TempDir(), []string{"alice", "bob"}, "paula")
	ui = &revealUI{scriptedUI: &scriptedUI{t: t, secrets: []string{"short", "short", "short"}}, onReveal: func() {}}
	env = testEnv(ui.scriptedUI)
	env.UI = ui
	opts = splitOptions(file, filepath.Join(dir, "set2"))
	opts.Generate = true
	_, err := Split(env, opts)
	var te *TriesError
	if !errors.As(err, &te) {
		t.Fatalf("got %v, want a *TriesError", err)
	}
	if len(ui.revealed) != 0 {
		t.Error("the password was shown though the split failed")
	}
	if _, err := os.Stat(filepath.Join(dir, "set2")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("the failed split wrote its set: %v", err)
	}
}

// paperUI types back a generated passphrase from the custodian's paper:
// wrong the first time, then in lower case without dashes.
type paperUI struct {
	*scriptedUI
	typedBack int
}

func (u *paperUI) Secret(prompt string) ([]byte, error) {
	if !strings.Contains(prompt, "from your paper") {
		return u.scriptedUI.Secret(prompt)
	}
	u.prompts = append(u.prompts, prompt)
	u.typedBack++
	if u.typedBack == 1 {
		return []byte("not what was shown"), nil
	}
	shown := u.revealed[len(u.revealed)-1]
	return []byte(strings.ToLower(strings.ReplaceAll(string(shown), "-", ""))), nil
}

// TestSplitGeneratedPassphrase: a custodian who leaves the passphrase
// empty gets a generated one, shown once; copied wrong, it is shown again,
// and taken in any case without its dashes. It seals the share.
func TestSplitGeneratedPassphrase(t *testing.T) {
	dir := t.TempDir()
	file, ids := custodians(t, dir, []string{"alice"}, "paula")
	out := filepath.Join(dir, "set")
	ui := &paperUI{scriptedUI: &scriptedUI{t: t, secrets: []string{"the secret", "the secret", ""}}}
	env := testEnv(ui.scriptedUI)
	env.UI = ui
	env.StdinIsTerminal = true
	opts := splitOptions(file, out)
	opts.AllowAllRequired = true

	if _, err := Split(env, opts); err != nil {
		t.Fatal(err)
	}
	if len(ui.revealed) != 2 || !bytes.Equal(ui.revealed[0], ui.revealed[1]) {
		t.Fatalf("revealed %d passphrases, want the same one twice", len(ui.revealed))
	}
	if !strings.Contains(ui.shown.String(), "it is shown again, try 2 of 3") {
		t.Errorf("the terminal showed %q, want the passphrase shown again", ui.shown.String())
	}
	if got := rebuild(t, out, append(ids, mustScrypt(t, string(ui.revealed[0])))); string(got) != "the secret" {
		t.Errorf("the set rebuilds %q", got)
	}
}
