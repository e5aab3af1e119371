package seal

import (
	"errors"
	"strings"
	"testing"

	"filippo.io/age"
	"filippo.io/age/plugin"

	"quorum/internal/testtool"
	"quorum/share"
)

// ageRecipients returns a fresh X25519 identity, a fresh hybrid identity
// and a plugin recipient, one of each age kind.
func ageRecipients(t *testing.T) (*age.X25519Identity, *age.HybridIdentity, string) {
	t.Helper()
	pq, err := age.GenerateHybridIdentity()
	if err != nil {
		t.Fatal(err)
	}
	return newX25519(t), pq, plugin.EncodeRecipient("example", []byte{1, 2, 3})
}

func TestParseRecipient(t *testing.T) {
	x, pq, pluginRecipient := ageRecipients(t)
	secretKey := x.String()
	typo := []byte(x.Recipient().String())
	// One symbol changed to another bech32 symbol: only the checksum sees it.
	if typo[20] == 'q' {
		typo[20] = 'p'
	} else {
		typo[20] = 'q'
	}

	tests := []struct {
		name    string
		in      string
		want    share.Kind
		wantErr string // substring of the error; "" for success
	}{
		{"x25519", x.Recipient().String(), share.KindX25519, ""},
		{"x25519 with newline", x.Recipient().String() + "\n", share.KindX25519, ""},
		{"hybrid", pq.Recipient().String(), share.KindHybrid, ""},
		{"plugin", pluginRecipient, share.KindPlugin, ""},
		{"ssh garbage", "ssh-ed25519 AAAAnotbase64", 0, "malformed SSH public key"},
		{"x25519 typo", string(typo), 0, "malformed recipient"},
		{"hybrid cut", pq.Recipient().String()[:100], 0, "malformed recipient"},
		{"tag", "age1tag1qqqqqqqq", 0, "tagged hardware-key recipients"},
		{"passphrase is for callers", "passphrase", 0, "unknown recipient type"},
		{"github", "github:alice", 0, "unknown recipient type"},
		{"empty", "", 0, "unknown recipient type"},
	}
	identities := []string{secretKey, strings.ToLower(secretKey), "AGE-PLUGIN-YUBIKEY-1QQQQ"}
	if testtool.Have(t, "ssh-keygen") {
		ed := sshKeygen(t, "id_ed25519", "", "-t", "ed25519")
		rsa2048 := sshKeygen(t, "id_rsa", "", "-t", "rsa", "-b", "2048")
		rsa1024 := sshKeygen(t, "id_rsa_weak", "", "-t", "rsa", "-b", "1024")
		ecdsa := sshKeygen(t, "id_ecdsa", "", "-t", "ecdsa")
		tests = append(tests, []struct {
			name    string
			in      string
			want    share.Kind
			wantErr string
		}{
			{"ssh-ed25519 from ssh-keygen", ed.publicKey, share.KindSSHEd25519, ""},
			{"ssh-ed25519 without comment", strings.Join(strings.Fields(ed.publicKey)[:2], " "), share.KindSSHEd25519, ""},
			{"ssh-rsa 2048", rsa2048.publicKey, share.KindSSHRSA, ""},
			{"ssh-rsa 1024 refused", rsa1024.publicKey, 0, "RSA key of 1024 bits is too weak"},
			{"ecdsa refused", ecdsa.publicKey, 0, "SSH key type ecdsa-sha2-nistp256 is not supported"},
			{"two ssh keys", ed.publicKey + ed.publicKey, 0, "more than one SSH key"},
		}...)
		identities = append(identities, string(ed.private))
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, kind, err := ParseRecipient(tt.in, nil)
			if tt.wantErr != "" {
				if err == nil {
					t.Fatalf("ParseRecipient(%q) = %T, %v, want error %q", tt.in, r, kind, tt.wantErr)
				}
				if !strings.Contains(err.Error(), tt.wantErr) {
					t.Errorf("ParseRecipient(%q) error = %q, want it to contain %q", tt.in, err, tt.wantErr)
				}
				var re *RecipientError
				if !errors.As(err, &re) || re.Recipient != strings.TrimSpace(tt.in) {
					t.Errorf("ParseRecipient(%q) error = %#v, want a *RecipientError naming the recipient", tt.in, err)
				}
				if strings.Count(err.Error(), strings.TrimSpace(tt.in)) > 1 && tt.in != "" {
					t.Errorf("error %q quotes the recipient twice", err)
				}
				return
			}
			if err != nil {
				t.Fatalf("ParseRecipient(%q): %v", tt.in, err)
			}
			if kind != tt.want {
				t.Errorf("ParseRecipient(%q) kind = %v, want %v", tt.in, kind, tt.want)
			}
			if r == nil {
				t.Errorf("ParseRecipient(%q) returned a nil recipient", tt.in)
			}
		})
	}

	// An identity given as a recipient is refused without quoting it.
	for _, in := range identities {
		_, _, err := ParseRecipient(in, nil)
		if !errors.Is(err, ErrIdentityGiven) {
			t.Errorf("ParseRecipient(identity) error = %v, want ErrIdentityGiven", err)
		}
		if err != nil && strings.Contains(err.Error(), strings.TrimSpace(in)) {
			t.Errorf("ParseRecipient(identity) error quotes the key: %q", err)
		}
	}
}

// TestSealPluginMissing checks that a plugin recipient parses without the
// plugin, and that sealing then fails with age's NotFoundError, which cmd
// can turn into "install age-plugin-example".
func TestSealPluginMissing(t *testing.T) {
	t.Setenv("PATH", t.TempDir())
	r, kind, err := ParseRecipient(plugin.EncodeRecipient("example", []byte{1, 2, 3}), nil)
	if err != nil || kind != share.KindPlugin {
		t.Fatalf("ParseRecipient(plugin) = %v, %v", kind, err)
	}
	_, err = Seal([]byte("payload"), r)
	var nf *plugin.NotFoundError
	if !errors.As(err, &nf) {
		t.Errorf("Seal to a missing plugin: %v, want a *plugin.NotFoundError", err)
	}
}

// TestCanonicalRecipient: one key written two ways has one canonical form,
// and a key written as age-keygen and ssh-keygen write it is its own (so
// that the recipient fingerprints of existing manifests do not change).
func TestCanonicalRecipient(t *testing.T) {
	x, pq, pluginRecipient := ageRecipients(t)
	tests := []struct {
		name, in, want string
		kind           share.Kind
	}{
		{"x25519", x.Recipient().String(), x.Recipient().String(), share.KindX25519},
		{"hybrid", pq.Recipient().String(), pq.Recipient().String(), share.KindHybrid},
		{"plugin", pluginRecipient, pluginRecipient, share.KindPlugin},
		{"x25519 with spaces", "  " + x.Recipient().String() + "\t\n", x.Recipient().String(), share.KindX25519},
	}
	if testtool.Have(t, "ssh-keygen") {
		ed := strings.TrimSpace(sshKeygen(t, "id_ed25519", "", "-t", "ed25519").publicKey)
		rsa := strings.TrimSpace(sshKeygen(t, "id_rsa", "", "-t", "rsa", "-b", "2048").publicKey)
		edKey := strings.Join(strings.Fields(ed)[:2], " ")
		rsaKey := strings.Join(strings.Fields(rsa)[:2], " ")
		edFields := strings.Fields(ed)
		tests = append(tests, []struct {
			name, in, want string
			kind           share.Kind
		}{
			{"ssh-ed25519 from ssh-keygen", ed, edKey, share.KindSSHEd25519},
			{"ssh-ed25519, another comment and spaces", edFields[0] + "\t  " + edFields[1] + "   bob@elsewhere  ", edKey, share.KindSSHEd25519},
			{"ssh-ed25519 without comment", edKey, edKey, share.KindSSHEd25519},
			{"ssh-rsa from ssh-keygen", rsa, rsaKey, share.KindSSHRSA},
			{"ssh-rsa, modulus with a leading zero", testtool.ReencodeRSA(t, rsa, 0, 1, "alice@desktop"), rsaKey, share.KindSSHRSA},
			{"ssh-rsa, modulus with four leading zeros", testtool.ReencodeRSA(t, rsa, 0, 4, ""), rsaKey, share.KindSSHRSA},
			{"ssh-rsa, exponent with a leading zero", testtool.ReencodeRSA(t, rsa, 1, 0, "alice"), rsaKey, share.KindSSHRSA},
		}...)
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, kind, err := CanonicalRecipient(tt.in)
			if err != nil {
				t.Fatalf("CanonicalRecipient: %v", err)
			}
			if got != tt.want || kind != tt.kind {
				t.Errorf("CanonicalRecipient(%q) = %q, %v, want %q, %v", tt.in, got, kind, tt.want, tt.kind)
			}
			if _, pkind, err := ParseRecipient(tt.in, nil); err != nil || pkind != kind {
				t.Errorf("ParseRecipient = %v, %v; CanonicalRecipient said %v", pkind, err, kind)
			}
		})
	}
}

// TestCapitalsAreNotAnotherRecipient: bech32 allows capitals, age refuses
// them, and so does quorum: the capital form of a key is never a second
// recipient.
func TestCapitalsAreNotAnotherRecipient(t *testing.T) {
	x, pq, pluginRecipient := ageRecipients(t)
	for _, r := range []string{x.Recipient().String(), pq.Recipient().String(), pluginRecipient} {
		if got, _, err := CanonicalRecipient(strings.ToUpper(r)); err == nil {
			t.Errorf("CanonicalRecipient(capitals of %.12q…) = %.12q…, want an error", r, got)
		}
	}
}
