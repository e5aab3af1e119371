package seal

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"filippo.io/age"

	"quorum/internal/testtool"
)

// payload is the size of a real payload: 64-byte padded secret, 32-byte set
// seed, x-coordinate (FORMAT.md §5).
var payload = bytes.Repeat([]byte{0x5a}, 64+32+1)

func TestSealOpen(t *testing.T) {
	x := newX25519(t)
	pq, err := age.GenerateHybridIdentity()
	if err != nil {
		t.Fatal(err)
	}
	recipient := func(s string) age.Recipient {
		r, _, err := ParseRecipient(s, nil)
		if err != nil {
			t.Fatal(err)
		}
		return r
	}
	scrypt, err := age.NewScryptIdentity("correct horse battery staple")
	if err != nil {
		t.Fatal(err)
	}

	type test struct {
		name string
		r    age.Recipient
		ids  []age.Identity
	}
	tests := []test{
		{"x25519", recipient(x.Recipient().String()), []age.Identity{x}},
		{"hybrid", recipient(pq.Recipient().String()), []age.Identity{pq}},
		{"passphrase", fastPassphrase(t, "correct horse battery staple"),
			[]age.Identity{PassphraseIdentity((&fixedPrompter{answer: "correct horse battery staple"}).secret)}},
		{"passphrase, age's identity", fastPassphrase(t, "correct horse battery staple"), []age.Identity{scrypt}},
		{"x25519 among others", recipient(x.Recipient().String()), []age.Identity{pq, PassphraseIdentity(nil), x}},
	}
	if testtool.Have(t, "ssh-keygen") {
		for _, k := range []sshKey{
			sshKeygen(t, "id_ed25519", "", "-t", "ed25519"),
			sshKeygen(t, "id_rsa", "", "-t", "rsa", "-b", "2048"),
		} {
			ids, err := ParseIdentities(k.path, k.private, nil, nil, nil)
			if err != nil {
				t.Fatal(err)
			}
			tests = append(tests, test{strings.Fields(k.publicKey)[0], recipient(k.publicKey), ids})
		}
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sealed := sealTo(t, payload, tt.r)
			if !bytes.HasPrefix(sealed, []byte("age-encryption.org/v1\n")) {
				t.Errorf("sealed file starts %q, want the binary age header", sealed[:min(len(sealed), 30)])
			}
			got, err := Open(sealed, tt.ids...)
			if err != nil {
				t.Fatalf("Open: %v", err)
			}
			if !bytes.Equal(got, payload) {
				t.Errorf("Open = %x, want %x", got, payload)
			}
		})
	}
}

// secret lets a fixedPrompter be a PassphraseIdentity prompt.
func (p *fixedPrompter) secret() ([]byte, error) { return p.Secret("passphrase") }

func TestOpenErrors(t *testing.T) {
	alice, bob := newX25519(t), newX25519(t)
	toAlice := sealTo(t, payload, alice.Recipient())
	toPass := sealTo(t, payload, fastPassphrase(t, "correct horse battery staple"))
	wrongScrypt, err := age.NewScryptIdentity("incorrect horse battery staple")
	if err != nil {
		t.Fatal(err)
	}
	wrongPass := PassphraseIdentity((&fixedPrompter{answer: "incorrect horse battery staple"}).secret)

	// Damage after a valid header: the last payload byte, the file cut
	// short, and the header MAC (the byte after "--- ").
	flipLast := bytes.Clone(toAlice)
	flipLast[len(flipLast)-1] ^= 1
	mac := bytes.Clone(toAlice)
	i := bytes.Index(mac, []byte("\n--- ")) + 5
	if mac[i] == 'A' {
		mac[i] = 'B'
	} else {
		mac[i] = 'A'
	}

	tests := []struct {
		name     string
		sealed   []byte
		ids      []age.Identity
		is       error  // errors.Is target, or nil
		notIs    error  // an error it must not be
		contains string // substring of the message
	}{
		{"wrong key", toAlice, []age.Identity{bob}, ErrNoIdentity, ErrDamaged, "sealed to an age key"},
		{"no identities", toAlice, nil, ErrNoIdentity, nil, "no identity was given"},
		{"passphrase share, key given", toPass, []age.Identity{alice}, ErrNoIdentity, ErrWrongPassphrase, "sealed to a passphrase"},
		{"wrong passphrase", toPass, []age.Identity{alice, wrongPass}, ErrWrongPassphrase, ErrNoIdentity, "wrong passphrase"},
		{"wrong passphrase, age's identity", toPass, []age.Identity{wrongScrypt}, ErrWrongPassphrase, ErrNoIdentity, "wrong passphrase"},
		{"payload damaged", flipLast, []age.Identity{alice}, ErrDamaged, ErrNoIdentity, "damaged"},
		{"payload truncated", toAlice[:len(toAlice)-3], []age.Identity{alice}, ErrDamaged, nil, "damaged"},
		{"header MAC damaged", mac, []age.Identity{alice}, ErrDamaged, nil, "damaged"},
		{"not an age file", []byte("QRM1 not age\n"), []age.Identity{alice}, nil, ErrDamaged, "not a valid age file"},
		{"header cut", toAlice[:40], []age.Identity{alice}, nil, ErrDamaged, "not a valid age file"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Open(tt.sealed, tt.ids...)
			if err == nil {
				t.Fatalf("Open = %x, want an error", got)
			}
			if tt.is != nil && !errors.Is(err, tt.is) {
				t.Errorf("Open error = %v, want errors.Is %v", err, tt.is)
			}
			if tt.notIs != nil && errors.Is(err, tt.notIs) {
				t.Errorf("Open error = %v, must not be %v", err, tt.notIs)
			}
			if !strings.Contains(err.Error(), tt.contains) {
				t.Errorf("Open error = %q, want it to contain %q", err, tt.contains)
			}
		})
	}

	// cmd reads what a share is sealed to from age's error.
	_, err = Open(toAlice, bob)
	var noMatch *age.NoIdentityMatchError
	if !errors.As(err, &noMatch) || len(noMatch.StanzaTypes) != 1 || noMatch.StanzaTypes[0] != "X25519" {
		t.Errorf("Open error = %#v, want it to wrap a *age.NoIdentityMatchError for X25519", err)
	}
}

// TestPassphraseIdentityLazy checks that a passphrase is asked for only for
// a passphrase share, and wiped after use.
func TestPassphraseIdentityLazy(t *testing.T) {
	alice := newX25519(t)
	var asked int
	var given []byte
	prompt := func() ([]byte, error) {
		asked++
		given = []byte("correct horse battery staple")
		return given, nil
	}
	pass := PassphraseIdentity(prompt)

	if _, err := Open(sealTo(t, payload, alice.Recipient()), pass, alice); err != nil {
		t.Fatalf("Open x25519 share: %v", err)
	}
	if asked != 0 {
		t.Errorf("asked for a passphrase %d times for an X25519 share, want 0", asked)
	}
	if _, err := Open(sealTo(t, payload, fastPassphrase(t, "correct horse battery staple")), alice, pass); err != nil {
		t.Fatalf("Open passphrase share: %v", err)
	}
	if asked != 1 {
		t.Errorf("asked for a passphrase %d times for a passphrase share, want 1", asked)
	}
	if !bytes.Equal(given, make([]byte, len(given))) {
		t.Errorf("the passphrase was not wiped after use: %q", given)
	}
}

func TestSizeLimit(t *testing.T) {
	id := newX25519(t)
	if _, err := Seal(make([]byte, MaxPayloadSize+1), id.Recipient()); err == nil {
		t.Error("Seal of a payload over the limit succeeded")
	}
	if _, err := Open(sealTo(t, make([]byte, MaxPayloadSize), id.Recipient()), id); err != nil {
		t.Errorf("Open of a payload at the limit: %v", err)
	}

	// A hostile file holds more than a payload can.
	var buf bytes.Buffer
	w, err := age.Encrypt(&buf, id.Recipient())
	if err != nil {
		t.Fatal(err)
	}
	w.Write(make([]byte, MaxPayloadSize+1))
	w.Close()
	if _, err := Open(buf.Bytes(), id); err == nil || !strings.Contains(err.Error(), "larger than") {
		t.Errorf("Open of an oversized file: %v, want a size error", err)
	}
}

func TestPassphraseRecipientWorkFactor(t *testing.T) {
	r, err := PassphraseRecipient([]byte("correct horse battery staple"))
	if err != nil {
		t.Fatal(err)
	}
	stanzas, err := r.Wrap(make([]byte, 16))
	if err != nil {
		t.Fatal(err)
	}
	if len(stanzas) != 1 || stanzas[0].Type != "scrypt" || stanzas[0].Args[1] != "18" {
		t.Errorf("stanza = %+v, want scrypt with work factor 18", stanzas[0])
	}
	if _, err := PassphraseRecipient(nil); err == nil {
		t.Error("PassphraseRecipient(empty) succeeded")
	}
}
