package seal

import (
	"crypto/rsa"
	"errors"
	"fmt"
	"strings"

	"filippo.io/age"
	"filippo.io/age/agessh"
	"golang.org/x/crypto/ssh"

	"quorum/share"
)

// minRSABits is age's own floor for ssh-rsa recipients.
const minRSABits = 2048

// ParseRecipient parses one recipient as the custodians file names it, and
// says which [share.Kind] it is:
//
//	age1…                 share.KindX25519
//	age1pq1…              share.KindHybrid
//	ssh-ed25519 AAAA… c   share.KindSSHEd25519 (an authorized_keys line)
//	ssh-rsa AAAA… c       share.KindSSHRSA, at least 2048 bits
//	age1name1…            share.KindPlugin, sealed by age-plugin-name
//
// ui is how a plugin talks to the user while sealing; it may be nil. The
// word "passphrase" is not a recipient: callers handle it, with
// [PassphraseRecipient]. Errors are [*RecipientError], quoting the
// recipient, or [ErrIdentityGiven], which does not.
func ParseRecipient(s string, ui *PluginUI) (age.Recipient, share.Kind, error) {
	s = strings.TrimSpace(s)
	upper := strings.ToUpper(s)
	switch {
	case strings.HasPrefix(upper, "AGE-SECRET-KEY-"), strings.HasPrefix(upper, "AGE-PLUGIN-"),
		strings.HasPrefix(s, "-----BEGIN"):
		return nil, 0, ErrIdentityGiven
	case strings.HasPrefix(s, "age1tag1"), strings.HasPrefix(s, "age1tagpq1"):
		// age 1.3's tagged hardware-key recipients need filippo.io/age/tag,
		// which the quorum build does not include.
		return nil, 0, &RecipientError{s, errors.New("tagged hardware-key recipients (age1tag1…) are not supported; use the plugin's own recipient (age1name1…)")}
	case strings.HasPrefix(s, "age1pq1"):
		r, err := age.ParseHybridRecipient(s)
		return recipient(r, share.KindHybrid, s, err)
	case strings.HasPrefix(s, "age1") && strings.Count(s, "1") > 1:
		// Bech32 data has no "1", so a second one ends a plugin's name.
		r, err := newPluginRecipient(s, ui)
		return recipient(r, share.KindPlugin, s, err)
	case strings.HasPrefix(s, "age1"):
		r, err := age.ParseX25519Recipient(s)
		return recipient(r, share.KindX25519, s, err)
	case strings.HasPrefix(s, "ssh-"), strings.HasPrefix(s, "ecdsa-"), strings.HasPrefix(s, "sk-"):
		return parseSSHRecipient(s)
	}
	return nil, 0, &RecipientError{s, errors.New("unknown recipient type: want age1…, age1pq1…, ssh-ed25519 …, ssh-rsa … or an age plugin's age1name1…")}
}

// recipient turns the results of age's parsers into ParseRecipient's. The
// interface conversion happens only when err is nil, so that a nil pointer
// never becomes a non-nil age.Recipient.
func recipient[R age.Recipient](r R, kind share.Kind, s string, err error) (age.Recipient, share.Kind, error) {
	if err != nil {
		return nil, 0, &RecipientError{s, err}
	}
	return r, kind, nil
}

func parseSSHRecipient(s string) (age.Recipient, share.Kind, error) {
	pub, _, _, rest, err := ssh.ParseAuthorizedKey([]byte(s))
	if err != nil {
		return nil, 0, &RecipientError{s, fmt.Errorf("malformed SSH public key: %v", err)}
	}
	if len(rest) > 0 {
		return nil, 0, &RecipientError{s, errors.New("more than one SSH key: give one per custodian")}
	}
	switch t := pub.Type(); t {
	case ssh.KeyAlgoED25519:
		r, err := agessh.NewEd25519Recipient(pub)
		return recipient(r, share.KindSSHEd25519, s, err)
	case ssh.KeyAlgoRSA:
		if k, ok := pub.(ssh.CryptoPublicKey); ok {
			if rk, ok := k.CryptoPublicKey().(*rsa.PublicKey); ok && rk.N.BitLen() < minRSABits {
				return nil, 0, &RecipientError{s, fmt.Errorf("RSA key of %d bits is too weak: age needs %d bits or more (ssh-ed25519 is better)", rk.N.BitLen(), minRSABits)}
			}
		}
		r, err := agessh.NewRSARecipient(pub)
		return recipient(r, share.KindSSHRSA, s, err)
	default:
		return nil, 0, &RecipientError{s, fmt.Errorf("SSH key type %s is not supported by age: use ssh-ed25519 or ssh-rsa", t)}
	}
}
