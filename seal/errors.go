package seal

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"filippo.io/age"
)

// ErrNoIdentity means that none of the identities given opens a sealed
// payload. [Open] wraps age's [*age.NoIdentityMatchError] with it, whose
// StanzaTypes say what the payload is sealed to.
var ErrNoIdentity = errors.New("no identity fits")

// ErrWrongPassphrase means that a payload sealed to a passphrase did not
// open with the passphrase given.
var ErrWrongPassphrase = errors.New("wrong passphrase")

// ErrDamaged means that an identity opened a payload's header but the rest
// of the age file fails its authentication: it was altered or damaged.
var ErrDamaged = errors.New("sealed payload is damaged")

// ErrIdentityGiven means that an identity, a secret key, was given where a
// recipient, a public key, belongs. The error never quotes it.
var ErrIdentityGiven = errors.New("this is an identity (a secret key), not a recipient: give its public key instead")

// RecipientError means that a recipient cannot be used. Recipients are
// public, so it quotes the recipient, as age does.
type RecipientError struct {
	Recipient string
	Err       error
}

func (e *RecipientError) Error() string {
	// age's own parse errors already quote the recipient; twice reads badly.
	if msg := e.Err.Error(); strings.Contains(msg, strconv.Quote(e.Recipient)) {
		return msg
	}
	return fmt.Sprintf("recipient %q: %v", e.Recipient, e.Err)
}

func (e *RecipientError) Unwrap() error { return e.Err }

// IdentityFileError means that an identity file cannot be used. It never
// holds key material: it names the file and line, and says why.
type IdentityFileError struct {
	File   string
	Line   int // 0 when the problem is not one line
	Reason string
}

func (e *IdentityFileError) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("identity file %q: line %d: %s", e.File, e.Line, e.Reason)
	}
	return fmt.Sprintf("identity file %q: %s", e.File, e.Reason)
}

// IdentityPassphraseError means that the passphrase given for an encrypted
// identity file or SSH key is wrong. It is not [ErrWrongPassphrase], which
// is about a share's passphrase: the hint for each is different.
type IdentityPassphraseError struct {
	File string
}

func (e *IdentityPassphraseError) Error() string {
	return fmt.Sprintf("wrong passphrase for identity file %q", e.File)
}

// WeakPassphraseError is returned by [CheckPassphrase]. Reason never
// quotes the passphrase.
type WeakPassphraseError struct {
	Reason string
}

func (e *WeakPassphraseError) Error() string {
	return fmt.Sprintf("passphrase too weak: %s; whoever holds the sealed file can guess offline, so use six or more uncommon words, or a generated passphrase", e.Reason)
}

// noIdentityError is what [Open] returns when no identity fits: it is
// [ErrNoIdentity] and it carries age's error, and it says what the payload
// is sealed to, which is public and tells the custodian which key to bring.
type noIdentityError struct {
	age *age.NoIdentityMatchError // nil when no identity was given
}

func (e *noIdentityError) Error() string {
	if e.age == nil {
		return ErrNoIdentity.Error() + ": no identity was given"
	}
	var kinds []string
	for _, t := range e.age.StanzaTypes {
		kinds = append(kinds, stanzaKind(t))
	}
	return ErrNoIdentity.Error() + ": the share is sealed to " + strings.Join(kinds, ", ")
}

func (e *noIdentityError) Unwrap() []error {
	if e.age == nil {
		return []error{ErrNoIdentity}
	}
	return []error{ErrNoIdentity, e.age}
}

// stanzaKind names what opens an age stanza, in the words of the sheet.
func stanzaKind(t string) string {
	switch t {
	case "X25519":
		return "an age key (age1…)"
	case "mlkem768x25519":
		return "a post-quantum age key (age1pq1…)"
	case "ssh-ed25519":
		return "an SSH ed25519 key"
	case "ssh-rsa":
		return "an SSH RSA key"
	case "scrypt":
		return "a passphrase"
	}
	return fmt.Sprintf("a key of type %q (an age plugin)", t)
}
