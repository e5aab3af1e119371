package ceremony

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"filippo.io/age"
	"filippo.io/age/armor"
)

// TestKeygen: a new identity is protected by the passphrase typed twice,
// asked again after a slip, and opens with stock age's scrypt identity;
// --no-passphrase gives the identity file itself.
func TestKeygen(t *testing.T) {
	const pass = "kettle orbit lantern quiver basalt meadow"
	ui := &scriptedUI{t: t, secrets: []string{pass, "kettle orbit", pass, pass}}
	file, recipient, err := Keygen(testEnv(ui), KeygenOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(ui.shown.String(), "try 2 of 3") {
		t.Errorf("a slip was not asked again: %q", ui.shown.String())
	}
	id, err := age.NewScryptIdentity(pass)
	if err != nil {
		t.Fatal(err)
	}
	r, err := age.Decrypt(armor.NewReader(bytes.NewReader(file)), id)
	if err != nil {
		t.Fatalf("the identity file does not open with its passphrase: %v", err)
	}
	var plain bytes.Buffer
	plain.ReadFrom(r)
	if !strings.Contains(plain.String(), recipient) {
		t.Error("the protected file does not hold the identity of the recipient returned")
	}

	file, recipient, err = Keygen(testEnv(&scriptedUI{t: t, noTerm: true}), KeygenOptions{NoPassphrase: true})
	if err != nil {
		t.Fatal(err)
	}
	ids, err := age.ParseIdentities(bytes.NewReader(file))
	if err != nil || len(ids) != 1 || ids[0].(*age.X25519Identity).Recipient().String() != recipient {
		t.Fatalf("--no-passphrase wrote %d identities (%v), want the one of %s", len(ids), err, recipient)
	}

	if _, _, err := Keygen(testEnv(&scriptedUI{t: t, noTerm: true}), KeygenOptions{}); err == nil {
		t.Error("a protected identity was made with no terminal to type its passphrase on")
	}
	var te *TriesError
	ui = &scriptedUI{t: t, secrets: []string{"weak", "weak", "weak"}}
	if _, _, err := Keygen(testEnv(ui), KeygenOptions{}); !errors.As(err, &te) {
		t.Errorf("three weak passphrases: got %v, want a *TriesError", err)
	}
}

// TestGeneratePassword: every length in range gives that many characters
// of the alphabet in groups of four, with each class present; a length out
// of range is a usage error.
func TestGeneratePassword(t *testing.T) {
	env := testEnv(&scriptedUI{t: t})
	for length := 12; length <= 64; length++ {
		pw, bits, err := generatePassword(env.Rand, length)
		if err != nil {
			t.Fatal(err)
		}
		chars := strings.ReplaceAll(string(pw), "-", "")
		if len(chars) != length || strings.Trim(chars, passwordAlphabet) != "" {
			t.Fatalf("length %d gave %q", length, pw)
		}
		if !strings.ContainsAny(chars, "ABCDEFGHJKLMNPQRSTUVWXYZ") || !strings.ContainsAny(chars, "abcdefghijkmnpqrstuvwxyz") || !strings.ContainsAny(chars, "23456789") {
			t.Fatalf("%q lacks a class", pw)
		}
		if length == DefaultPasswordLength && bits < 128 {
			t.Errorf("the default length has %d bits, want at least 128", bits)
		}
	}
	var ue *UsageError
	for _, length := range []int{0, 11, 257} {
		if _, _, err := generatePassword(env.Rand, length); !errors.As(err, &ue) {
			t.Errorf("length %d: got %v, want a *UsageError", length, err)
		}
	}
}
