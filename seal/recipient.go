package seal

import (
	"crypto/rsa"
	"encoding/base64"
	"errors"
	"fmt"
	"strings"

	"filippo.io/age"
	"filippo.io/age/agessh"
	"filippo.io/age/plugin"
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
// ui is how a plugin talks to the user while sealing; it may be nil. The word
// "passphrase" is not a recipient: callers handle it, with
// [PassphraseRecipient]. Errors are [*RecipientError], quoting the
// recipient, or [ErrIdentityGiven], which does not.
func ParseRecipient(s string, ui *PluginUI) (age.Recipient, share.Kind, error) {
	r, kind, _, err := parseRecipient(s, ui)
	return r, kind, err
}

// CanonicalRecipient returns recipient s as its own encoder writes it, and
// its kind: an age recipient as age encodes it again (bech32 has one
// encoding of a key in lower case; capitals, which bech32 allows, age
// refuses, and so does quorum), an SSH key as its type, one space and the
// base64 of the key marshalled again, without a comment. One key written
// two ways has one canonical form: with another comment or other spaces,
// or with another wire encoding of the same numbers (x/crypto/ssh takes an
// RSA modulus or exponent with extra leading zeros).
// Custodians are compared and fingerprinted by it. A key written
// canonically, as age-keygen and ssh-keygen write them, is its own
// canonical form. Errors are [ParseRecipient]'s.
func CanonicalRecipient(s string) (string, share.Kind, error) {
	_, kind, canonical, err := parseRecipient(s, nil)
	return canonical, kind, err
}

func parseRecipient(s string, ui *PluginUI) (age.Recipient, share.Kind, string, error) {
	s = strings.TrimSpace(s)
	upper := strings.ToUpper(s)
	switch {
	case strings.HasPrefix(upper, "AGE-SECRET-KEY-"), strings.HasPrefix(upper, "AGE-PLUGIN-"),
		strings.HasPrefix(s, "-----BEGIN"):
		return nil, 0, "", ErrIdentityGiven
	case strings.HasPrefix(s, "age1tag1"), strings.HasPrefix(s, "age1tagpq1"):
		// age 1.3's tagged hardware-key recipients need filippo.io/age/tag,
		// which the quorum build does not include.
		return nil, 0, "", &RecipientError{s, errors.New("tagged hardware-key recipients (age1tag1…) are not supported; use the plugin's own recipient (age1name1…)")}
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
	return nil, 0, "", &RecipientError{s, errors.New("unknown recipient type: want age1…, age1pq1…, ssh-ed25519 …, ssh-rsa … or an age plugin's age1name1…")}
}

// recipient turns the results of age's parsers into parseRecipient's. The
// interface conversion happens only when err is nil, so that a nil pointer
// never becomes a non-nil age.Recipient. An age recipient's canonical form
// is its own encoder's, lower case: a plugin recipient keeps the text it was
// given, so its name and data are encoded again.
func recipient[R age.Recipient](r R, kind share.Kind, s string, err error) (age.Recipient, share.Kind, string, error) {
	if err != nil {
		return nil, 0, "", &RecipientError{s, err}
	}
	canonical := s
	switch r := any(r).(type) {
	case *age.X25519Recipient:
		canonical = r.String()
	case *age.HybridRecipient:
		canonical = r.String()
	case *pluginRecipient:
		name, data, err := plugin.ParseRecipient(s)
		if err != nil {
			return nil, 0, "", &RecipientError{s, err}
		}
		canonical = plugin.EncodeRecipient(name, data)
	}
	return r, kind, canonical, nil
}

func parseSSHRecipient(s string) (age.Recipient, share.Kind, string, error) {
	pub, _, _, rest, err := ssh.ParseAuthorizedKey([]byte(s))
	if err != nil {
		return nil, 0, "", &RecipientError{s, fmt.Errorf("malformed SSH public key: %v", err)}
	}
	if len(rest) > 0 {
		return nil, 0, "", &RecipientError{s, errors.New("more than one SSH key: give one per custodian")}
	}
	t := pub.Type()
	var r age.Recipient
	var kind share.Kind
	switch t {
	case ssh.KeyAlgoED25519:
		r, err = agessh.NewEd25519Recipient(pub)
		kind = share.KindSSHEd25519
	case ssh.KeyAlgoRSA:
		if k, ok := pub.(ssh.CryptoPublicKey); ok {
			if rk, ok := k.CryptoPublicKey().(*rsa.PublicKey); ok && rk.N.BitLen() < minRSABits {
				return nil, 0, "", &RecipientError{s, fmt.Errorf("RSA key of %d bits is too weak: age needs %d bits or more (ssh-ed25519 is better)", rk.N.BitLen(), minRSABits)}
			}
		}
		r, err = agessh.NewRSARecipient(pub)
		kind = share.KindSSHRSA
	default:
		return nil, 0, "", &RecipientError{s, fmt.Errorf("SSH key type %s is not supported by age: use ssh-ed25519 or ssh-rsa", t)}
	}
	if err != nil {
		return nil, 0, "", &RecipientError{s, err}
	}
	// Marshal writes the numbers of the key in their shortest form.
	return r, kind, t + " " + base64.StdEncoding.EncodeToString(pub.Marshal()), nil
}
