package seal

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
	"time"

	"quorum/internal/testtool"
)

// TestStockAgePassphrase checks the passphrase paths with stock age, typing
// on a pty: a passphrase share and an EncryptIdentity file, both with the
// production work factor, open with `age -d`; and an identity file that
// `age -p -a` encrypted opens with ParseIdentities.
func TestStockAgePassphrase(t *testing.T) {
	const pass = "correct horse battery staple"
	bin := testtool.Need(t, "age")

	t.Run("passphrase share", func(t *testing.T) {
		r, err := PassphraseRecipient([]byte(pass))
		if err != nil {
			t.Fatal(err)
		}
		sealed := writeFile(t, "share.age", sealTo(t, payload, r))
		got := runOnTTY(t, bin, []string{"-d", sealed}, []exchange{{"passphrase", pass}})
		if !bytes.Equal(got, payload) {
			t.Errorf("age -d = %x, want %x", got, payload)
		}
	})

	t.Run("EncryptIdentity file", func(t *testing.T) {
		identity, recipient, err := NewIdentity(false)
		if err != nil {
			t.Fatal(err)
		}
		enc, err := EncryptIdentity(IdentityFile(identity, recipient, time.Now()), []byte(pass))
		if err != nil {
			t.Fatal(err)
		}
		keyPath := writeFile(t, "alice.key.age", enc)
		r, _, err := ParseRecipient(recipient, nil)
		if err != nil {
			t.Fatal(err)
		}
		sealed := writeFile(t, "share.age", sealTo(t, payload, r))
		got := runOnTTY(t, bin, []string{"-d", "-i", keyPath, sealed}, []exchange{{"passphrase", pass}})
		if !bytes.Equal(got, payload) {
			t.Errorf("age -d -i = %x, want %x", got, payload)
		}
	})

	t.Run("age -p -a identity file", func(t *testing.T) {
		dir := t.TempDir()
		plain, encPath := filepath.Join(dir, "alice.key"), filepath.Join(dir, "alice.key.age")
		runAge(t, "age-keygen", "-o", plain)
		runOnTTY(t, bin, []string{"-p", "-a", "-o", encPath, plain},
			[]exchange{{"passphrase", pass}, {"passphrase", pass}})
		enc, err := os.ReadFile(encPath)
		if err != nil {
			t.Fatal(err)
		}
		p := &fixedPrompter{answer: pass}
		ids, err := ParseIdentities(encPath, enc, nil, p, nil)
		if err != nil {
			t.Fatal(err)
		}
		r, _, err := ParseRecipient(string(runAge(t, "age-keygen", "-y", plain)), nil)
		if err != nil {
			t.Fatal(err)
		}
		got, err := Open(sealTo(t, payload, r), ids...)
		if err != nil || !bytes.Equal(got, payload) {
			t.Errorf("Open = %x, %v, want the payload", got, err)
		}
		if len(p.prompts) != 1 {
			t.Errorf("prompts = %q, want one", p.prompts)
		}
	})
}
