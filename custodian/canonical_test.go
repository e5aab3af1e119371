package custodian

import (
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"errors"
	"strings"
	"testing"

	"filippo.io/age"
	ageplugin "filippo.io/age/plugin"
	"golang.org/x/crypto/ssh"

	"quorum/internal/testtool"
	"quorum/share"
)

func newRSA(t *testing.T, comment string) string {
	t.Helper()
	k, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatal(err)
	}
	p, err := ssh.NewPublicKey(&k.PublicKey)
	if err != nil {
		t.Fatal(err)
	}
	return strings.TrimSpace(string(ssh.MarshalAuthorizedKey(p))) + " " + comment
}

// TestOneKeyTwoWays: the security review gave one SSH RSA key twice, the
// second time with a needless leading zero in its modulus, and quorum took
// it for two custodians with two recipient fingerprints; that one key then
// rebuilt a 2-of-3 set alone. Keys are compared, and fingerprinted, in
// canonical form, and the error names both lines.
func TestOneKeyTwoWays(t *testing.T) {
	rsaKey := newRSA(t, "dana@laptop")
	ed := strings.Fields(sshA)
	for _, tt := range []struct {
		name, first, second string
		reencoded           bool
	}{
		{"RSA modulus with a leading zero", rsaKey, testtool.ReencodeRSA(t, rsaKey, 0, 1, "dana@desktop"), true},
		{"RSA exponent with leading zeros", rsaKey, testtool.ReencodeRSA(t, rsaKey, 2, 0, "dana@desktop"), true},
		{"ed25519 with another comment and spaces", sshA, ed[0] + "\t  " + ed[1] + "   bob@elsewhere", false},
		{"ed25519 without its comment", sshA, ed[0] + " " + ed[1], false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse([]byte("dana " + tt.first + "\nerin " + tt.second + "\nfrank passphrase\n"))
			var le *LineError
			var dup *DuplicateKeyError
			if !errors.As(err, &le) || le.Line != 2 || !errors.As(err, &dup) {
				t.Fatalf("Parse = %v, want a *DuplicateKeyError on line 2", err)
			}
			if want := (DuplicateKeyError{Name: "erin", FirstName: "dana", FirstLine: 1, Reencoded: tt.reencoded}); *dup != want {
				t.Errorf("got %+v, want %+v", *dup, want)
			}
			if !strings.HasPrefix(err.Error(), "line 2: recipient of erin is already on line 1") {
				t.Errorf("error %q does not name both lines", err)
			}
			a, b := Custodian{Recipient: tt.first}, Custodian{Recipient: tt.second}
			if a.Fingerprint() != b.Fingerprint() {
				t.Errorf("one key, two fingerprints: %s and %s", a.Fingerprint(), b.Fingerprint())
			}
		})
	}

	// An age recipient has one encoding that age takes: capitals, which
	// bech32 allows, age and quorum refuse.
	_, err := Parse([]byte("dana " + ageA + "\nerin " + strings.ToUpper(ageA) + "\nfrank passphrase\n"))
	var le *LineError
	if !errors.As(err, &le) || le.Line != 2 {
		t.Errorf("Parse(an age recipient, then in capitals) = %v, want an error on line 2", err)
	}
}

// TestFingerprintOfCanonicalKeys: for keys written as age-keygen,
// ssh-keygen and age plugins write them, the recipient fingerprint is
// still FORMAT.md's "SHA-256 of the recipient as written, without an SSH
// key's comment": manifests made before canonical forms stay valid.
func TestFingerprintOfCanonicalKeys(t *testing.T) {
	pq, err := age.GenerateHybridIdentity()
	if err != nil {
		t.Fatal(err)
	}
	rsaKey := newRSA(t, "dana@laptop")
	for _, tt := range []struct {
		recipient, written string
		kind               share.Kind
	}{
		{ageA, ageA, share.KindX25519},
		{pq.Recipient().String(), pq.Recipient().String(), share.KindHybrid},
		{ageplugin.EncodeRecipient("yubikey", []byte("a plugin's data")), ageplugin.EncodeRecipient("yubikey", []byte("a plugin's data")), share.KindPlugin},
		{sshA, strings.Join(strings.Fields(sshA)[:2], " "), share.KindSSHEd25519},
		{rsaKey, strings.Join(strings.Fields(rsaKey)[:2], " "), share.KindSSHRSA},
	} {
		h := sha256.Sum256([]byte(tt.written))
		want := share.EncodeBinary(h[:])[:16]
		if got := (Custodian{Recipient: tt.recipient, Kind: tt.kind}).Fingerprint(); got != want {
			t.Errorf("%v: Fingerprint() = %s, want %s", tt.kind, got, want)
		}
	}
}
