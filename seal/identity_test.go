package seal

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"filippo.io/age"
)

func TestParseIdentitiesPlain(t *testing.T) {
	a, b := newX25519(t), newX25519(t)
	pq, err := age.GenerateHybridIdentity()
	if err != nil {
		t.Fatal(err)
	}
	key := a.String()
	typo := []byte(key)
	if typo[30] == 'Q' {
		typo[30] = 'P'
	} else {
		typo[30] = 'Q'
	}

	tests := []struct {
		name     string
		file     string
		want     []age.Identity // identities that must open their shares
		wantErr  string         // substring; "" for success
		wantLine int
	}{
		{"age-keygen file", string(IdentityFile([]byte(key), a.Recipient().String(), time.Unix(0, 0))), []age.Identity{a}, "", 0},
		{"two keys, CRLF, blanks", "# keys\r\n\r\n" + key + "\r\n  " + b.String() + "  \r\n", []age.Identity{a, b}, "", 0},
		{"hybrid", pq.String() + "\n", []age.Identity{pq}, "", 0},
		{"no final newline", key, []age.Identity{a}, "", 0},
		{"empty", "", nil, "no identities found", 0},
		{"only comments", "# created: now\n", nil, "no identities found", 0},
		{"recipient", "# mine\n" + a.Recipient().String() + "\n", nil, "this is a recipient", 2},
		{"ssh public key", "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGV4YW1wbGU alice\n", nil, "SSH public key", 1},
		{"typo in key", "\n\n" + string(typo) + "\n", nil, "malformed age identity", 3},
		{"cut key", key[:40] + "\n", nil, "malformed age identity", 1},
		{"not utf-8", key + "\n\xff\xfe\n", nil, "not valid UTF-8", 2},
		{"other text", "hello\n", nil, "not an age identity", 1},
		{"long line", strings.Repeat("A", 70000), nil, "line too long", 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ids, err := ParseIdentities("alice.key", []byte(tt.file), nil, nil, nil)
			if tt.wantErr != "" {
				var fe *IdentityFileError
				if !errors.As(err, &fe) {
					t.Fatalf("ParseIdentities = %v, want an *IdentityFileError", err)
				}
				if fe.File != "alice.key" || fe.Line != tt.wantLine || !strings.Contains(fe.Reason, tt.wantErr) {
					t.Errorf("error = %+v, want file alice.key, line %d, reason with %q", fe, tt.wantLine, tt.wantErr)
				}
				for _, secret := range []string{key, string(typo), key[15:40]} {
					if strings.Contains(err.Error(), secret) {
						t.Errorf("error quotes key material: %q", err)
					}
				}
				return
			}
			if err != nil {
				t.Fatalf("ParseIdentities: %v", err)
			}
			if len(ids) != len(tt.want) {
				t.Fatalf("got %d identities, want %d", len(ids), len(tt.want))
			}
			for i, want := range tt.want {
				var rcpt age.Recipient
				switch w := want.(type) {
				case *age.X25519Identity:
					rcpt = w.Recipient()
				case *age.HybridIdentity:
					rcpt = w.Recipient()
				}
				if _, err := Open(sealTo(t, payload, rcpt), ids[i]); err != nil {
					t.Errorf("identity %d does not open its share: %v", i, err)
				}
			}
		})
	}

	if _, err := ParseIdentities("big", make([]byte, MaxIdentityFileSize+1), nil, nil, nil); err == nil {
		t.Error("ParseIdentities of an oversized file succeeded")
	}
}

// encryptedKey returns an encrypted identity file for a new X25519 key.
func encryptedKey(t *testing.T, pass string) (*age.X25519Identity, []byte) {
	t.Helper()
	id := newX25519(t)
	file := IdentityFile([]byte(id.String()), id.Recipient().String(), time.Now())
	enc, err := encryptIdentity(file, []byte(pass), testLogN)
	if err != nil {
		t.Fatal(err)
	}
	return id, enc
}

func TestEncryptedIdentityFile(t *testing.T) {
	const pass = "correct horse battery staple"
	alice, armored := encryptedKey(t, pass)
	toAlice := sealTo(t, payload, alice.Recipient())
	toBob := sealTo(t, payload, newX25519(t).Recipient())
	toPass := sealTo(t, payload, fastPassphrase(t, pass))

	// The binary form, as `age -p` without -a writes it.
	var binary bytes.Buffer
	w, err := age.Encrypt(&binary, fastPassphrase(t, pass))
	if err != nil {
		t.Fatal(err)
	}
	fmt.Fprintf(w, "# a comment\n%s\n", alice)
	w.Close()

	forms := []struct {
		name string
		file []byte
	}{
		{"armored", armored},
		{"armored after blank lines", append([]byte("\n\n  \n"), armored...)},
		{"binary", binary.Bytes()},
	}
	for _, form := range forms {
		t.Run(form.name, func(t *testing.T) {
			p := &fixedPrompter{answer: pass}
			ids, err := ParseIdentities("alice.key.age", form.file, nil, p, nil)
			if err != nil {
				t.Fatalf("ParseIdentities: %v", err)
			}
			if len(p.prompts) != 0 {
				t.Errorf("asked %q before the identity was needed", p.prompts)
			}
			got, err := Open(toAlice, ids...)
			if err != nil || !bytes.Equal(got, payload) {
				t.Fatalf("Open = %x, %v, want the payload", got, err)
			}
			if _, err := Open(toAlice, ids...); err != nil {
				t.Fatalf("Open again: %v", err)
			}
			if want := []string{`passphrase for identity file "alice.key.age"`}; strings.Join(p.prompts, "|") != want[0] {
				t.Errorf("prompts = %q, want %q once", p.prompts, want)
			}
			if _, err := Open(toBob, ids...); !errors.Is(err, ErrNoIdentity) {
				t.Errorf("Open of another key's share = %v, want ErrNoIdentity", err)
			}
			if s := fmt.Sprintf("%v %+v %#v %s", ids[0], ids[0], ids[0], ids[0]); strings.Contains(s, "AGE-SECRET-KEY") {
				t.Errorf("formatting the identity shows the key: %s", s)
			}
		})
	}

	t.Run("wrong passphrase", func(t *testing.T) {
		ids, err := ParseIdentities("alice.key.age", armored, nil, &fixedPrompter{answer: "incorrect horse"}, nil)
		if err != nil {
			t.Fatal(err)
		}
		_, err = Open(toAlice, ids...)
		var ipe *IdentityPassphraseError
		if !errors.As(err, &ipe) || ipe.File != "alice.key.age" {
			t.Fatalf("Open = %v, want an *IdentityPassphraseError for alice.key.age", err)
		}
		if errors.Is(err, ErrNoIdentity) || errors.Is(err, ErrWrongPassphrase) {
			t.Errorf("Open = %v: a wrong identity-file passphrase must not look like a share's problem", err)
		}
	})

	t.Run("passphrase share", func(t *testing.T) {
		fileP := &fixedPrompter{answer: pass}
		ids, err := ParseIdentities("alice.key.age", armored, nil, fileP, nil)
		if err != nil {
			t.Fatal(err)
		}
		shareP := &fixedPrompter{answer: pass}
		if _, err := Open(toPass, append(ids, PassphraseIdentity(shareP.secret))...); err != nil {
			t.Fatalf("Open: %v", err)
		}
		if len(fileP.prompts) != 0 || len(shareP.prompts) != 1 {
			t.Errorf("identity file asked %d times, share passphrase %d times; want 0 and 1", len(fileP.prompts), len(shareP.prompts))
		}
	})

	t.Run("not a passphrase file", func(t *testing.T) {
		notPass := sealTo(t, []byte(alice.String()+"\n"), newX25519(t).Recipient())
		ids, err := ParseIdentities("odd.age", notPass, nil, &fixedPrompter{answer: pass}, nil)
		if err != nil {
			t.Fatal(err)
		}
		_, err = Open(toAlice, ids...)
		var fe *IdentityFileError
		if !errors.As(err, &fe) || !strings.Contains(fe.Reason, "not encrypted with a passphrase") {
			t.Errorf("Open = %v, want an *IdentityFileError saying it is not encrypted with a passphrase", err)
		}
	})

	t.Run("damaged armor", func(t *testing.T) {
		damaged := bytes.Replace(armored, []byte("\n"), []byte("\n!"), 2)
		_, err := ParseIdentities("alice.key.age", damaged, nil, nil, nil)
		var fe *IdentityFileError
		if !errors.As(err, &fe) {
			t.Errorf("ParseIdentities = %v, want an *IdentityFileError", err)
		}
	})
}

func TestSSHIdentities(t *testing.T) {
	const pass = "ssh key passphrase"
	plain := sshKeygen(t, "id_ed25519", "", "-t", "ed25519")
	enc := sshKeygen(t, "id_ed25519_enc", pass, "-t", "ed25519")
	pem := sshKeygen(t, "id_rsa_pem", pass, "-t", "rsa", "-b", "2048", "-m", "PEM")
	to := func(k sshKey) []byte {
		r, _, err := ParseRecipient(k.publicKey, nil)
		if err != nil {
			t.Fatal(err)
		}
		return sealTo(t, payload, r)
	}
	toOther := sealTo(t, payload, newX25519(t).Recipient())

	tests := []struct {
		name       string
		key        sshKey
		pub        bool   // give NAME.pub
		answer     string // what the prompter answers
		wantParse  string // ParseIdentities error substring
		wantPrompt bool
		wantErr    func(error) bool // nil for success
	}{
		{name: "ed25519", key: plain},
		{name: "encrypted ed25519", key: enc, answer: pass, wantPrompt: true},
		{name: "encrypted ed25519, wrong passphrase", key: enc, answer: "wrong", wantPrompt: true, wantErr: func(err error) bool {
			var ipe *IdentityPassphraseError
			return errors.As(err, &ipe) && ipe.File == enc.path
		}},
		{name: "old PEM RSA with .pub", key: pem, pub: true, answer: pass, wantPrompt: true},
		{name: "old PEM RSA, wrong passphrase", key: pem, pub: true, answer: "wrong", wantPrompt: true, wantErr: func(err error) bool {
			var ipe *IdentityPassphraseError
			return errors.As(err, &ipe)
		}},
		{name: "old PEM RSA without .pub", key: pem, wantParse: ".pub beside it"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var pub []byte
			if tt.pub {
				pub = []byte(tt.key.publicKey)
			}
			p := &fixedPrompter{answer: tt.answer}
			ids, err := ParseIdentities(tt.key.path, tt.key.private, pub, p, nil)
			if tt.wantParse != "" {
				var fe *IdentityFileError
				if !errors.As(err, &fe) || !strings.Contains(fe.Reason, tt.wantParse) {
					t.Fatalf("ParseIdentities = %v, want an *IdentityFileError with %q", err, tt.wantParse)
				}
				return
			}
			if err != nil {
				t.Fatalf("ParseIdentities: %v", err)
			}
			// Another key's share: no prompt, no fit.
			if _, err := Open(toOther, ids...); !errors.Is(err, ErrNoIdentity) {
				t.Errorf("Open of another key's share = %v, want ErrNoIdentity", err)
			}
			if len(p.prompts) != 0 {
				t.Errorf("asked %q for a share sealed to another key", p.prompts)
			}
			got, err := Open(to(tt.key), ids...)
			if tt.wantErr != nil {
				if !tt.wantErr(err) {
					t.Errorf("Open = %v, want the error of the case", err)
				}
			} else if err != nil || !bytes.Equal(got, payload) {
				t.Errorf("Open = %x, %v, want the payload", got, err)
			}
			if asked := len(p.prompts) > 0; asked != tt.wantPrompt {
				t.Errorf("prompts = %q, want a prompt: %v", p.prompts, tt.wantPrompt)
			}
			if tt.wantPrompt && p.prompts[0] != fmt.Sprintf("passphrase for SSH key %q", tt.key.path) {
				t.Errorf("prompt = %q", p.prompts[0])
			}
		})
	}

	ecdsa := sshKeygen(t, "id_ecdsa", "", "-t", "ecdsa")
	if _, err := ParseIdentities(ecdsa.path, ecdsa.private, nil, nil, nil); err == nil {
		t.Error("ParseIdentities of an ECDSA key succeeded; age cannot use it")
	}
}
