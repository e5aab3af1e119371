package seal

import (
	"crypto/ed25519"
	"crypto/rand"
	"errors"
	"strings"
	"testing"

	"filippo.io/age"
	"golang.org/x/crypto/ssh"
)

// FuzzParseRecipient checks ParseRecipient, which reads the recipients of
// the custodians file (custodian.Parse, fuzzed by FuzzParseCustodians,
// reads the names and the lines): it never panics; what it accepts is a
// recipient of a known kind; its errors are its own types, and never quote
// a secret key given by mistake. The seeds are one recipient of each kind,
// a secret key, and near misses.
func FuzzParseRecipient(f *testing.F) {
	x, err := age.GenerateX25519Identity()
	if err != nil {
		f.Fatal(err)
	}
	pq, err := age.GenerateHybridIdentity()
	if err != nil {
		f.Fatal(err)
	}
	pub, _, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		f.Fatal(err)
	}
	sshPub, err := ssh.NewPublicKey(pub)
	if err != nil {
		f.Fatal(err)
	}
	for _, s := range []string{
		x.Recipient().String(), pq.Recipient().String(), x.String(),
		strings.TrimSpace(string(ssh.MarshalAuthorizedKey(sshPub))) + " alice@laptop",
		"age1yubikey1qwt50d05nh5vutpdzmlg5wn80xq5negm4uj9ghv0snvdd3yysf5yw3rhl3t",
		"age1tag1qqqqqqqq", "ssh-rsa AAAA", "passphrase", "-----BEGIN OPENSSH PRIVATE KEY-----",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		r, kind, err := ParseRecipient(s, nil)
		if err != nil {
			var re *RecipientError
			if !errors.As(err, &re) && !errors.Is(err, ErrIdentityGiven) {
				t.Fatalf("untyped error %v", err)
			}
			if strings.HasPrefix(strings.ToUpper(strings.TrimSpace(s)), "AGE-SECRET-KEY-") && len(strings.TrimSpace(s)) > 20 &&
				strings.Contains(err.Error(), strings.TrimSpace(s)) {
				t.Fatalf("the error quotes a secret key")
			}
			return
		}
		if r == nil || !kind.Valid() {
			t.Fatalf("accepted %q as kind %v with recipient %v", s, kind, r)
		}
	})
}
