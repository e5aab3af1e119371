package seal

import (
	"bytes"
	"fmt"
	"time"

	"filippo.io/age"
	"filippo.io/age/armor"
)

// NewIdentity generates a custodian's key: an X25519 identity, or with pq a
// post-quantum hybrid one (age 1.3 or later opens it). It returns the
// identity (AGE-SECRET-KEY-…), for the caller to wipe, and its recipient.
func NewIdentity(pq bool) (identity []byte, recipient string, err error) {
	// age returns keys as strings, which cannot be wiped; the []byte is a
	// copy so that at least ours can.
	if pq {
		id, err := age.GenerateHybridIdentity()
		if err != nil {
			return nil, "", err
		}
		return []byte(id.String()), id.Recipient().String(), nil
	}
	id, err := age.GenerateX25519Identity()
	if err != nil {
		return nil, "", err
	}
	return []byte(id.String()), id.Recipient().String(), nil
}

// IdentityFile returns the text of an identity file as age-keygen writes
// it, so that stock age and age-keygen -y read it:
//
//	# created: 2026-11-26T10:00:00Z
//	# public key: age1…
//	AGE-SECRET-KEY-1…
func IdentityFile(identity []byte, recipient string, now time.Time) []byte {
	var b bytes.Buffer
	// Room for it all at once: a buffer that grows leaves a copy of the
	// identity behind, which nothing wipes.
	b.Grow(64 + len(recipient) + len(identity))
	fmt.Fprintf(&b, "# created: %s\n", now.Format(time.RFC3339))
	fmt.Fprintf(&b, "# public key: %s\n", recipient)
	b.Write(identity)
	b.WriteByte('\n')
	return b.Bytes()
}

// EncryptIdentity encrypts an identity file with a passphrase, as
// `age -p -a` would: an ASCII-armored age file that stock `age -d -i FILE`
// and [ParseIdentities] take as an encrypted identity file.
func EncryptIdentity(identityFile []byte, pass []byte) ([]byte, error) {
	return encryptIdentity(identityFile, pass, scryptLogN)
}

func encryptIdentity(identityFile []byte, pass []byte, logN int) ([]byte, error) {
	// Refuse what could never be used with -i later.
	if _, err := parseIdentityLines("(new)", identityFile, nil); err != nil {
		return nil, err
	}
	r, err := passphraseRecipient(pass, logN)
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	aw := armor.NewWriter(&buf)
	w, err := age.Encrypt(aw, r)
	if err != nil {
		return nil, err
	}
	if _, err := w.Write(identityFile); err != nil {
		return nil, err
	}
	if err := w.Close(); err != nil {
		return nil, err
	}
	if err := aw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
