package share

import (
	"errors"
	"fmt"
)

// Kind says which kind of key a custodian brings to open a share. It is
// informative: age itself decides what opens the sealed payload.
type Kind uint8

// The recipient kinds of FORMAT.md §3.
const (
	KindX25519     Kind = 1 // age1…
	KindHybrid     Kind = 2 // age1pq1…: ML-KEM-768 + X25519, age 1.3 or later
	KindSSHEd25519 Kind = 3 // ssh-ed25519 …
	KindSSHRSA     Kind = 4 // ssh-rsa …
	KindPassphrase Kind = 5 // age scrypt
	KindPlugin     Kind = 6 // age1name1…, opened by the plugin binary
)

var kindNames = map[Kind]string{
	KindX25519:     "x25519",
	KindHybrid:     "post-quantum",
	KindSSHEd25519: "ssh-ed25519",
	KindSSHRSA:     "ssh-rsa",
	KindPassphrase: "passphrase",
	KindPlugin:     "plugin",
}

// String returns the kind's name as the manifest and the sheet write it.
func (k Kind) String() string {
	if s, ok := kindNames[k]; ok {
		return s
	}
	return fmt.Sprintf("kind(%d)", uint8(k))
}

// Valid reports whether k is one of the kinds of this format version.
func (k Kind) Valid() bool {
	_, ok := kindNames[k]
	return ok
}

// ParseKind returns the kind named s, as written by [Kind.String].
func ParseKind(s string) (Kind, error) {
	for k, name := range kindNames {
		if name == s {
			return k, nil
		}
	}
	return 0, errors.New("unknown recipient kind")
}
