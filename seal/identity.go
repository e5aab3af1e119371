package seal

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"filippo.io/age"
	"filippo.io/age/armor"
)

// MaxIdentityFileSize is the largest identity file [ParseIdentities] takes;
// callers read files with this limit. age-keygen writes about 200 bytes.
const MaxIdentityFileSize = 1 << 20

// maxLineLength bounds one line of an identity file; a plugin identity is
// the longest kind, and far shorter.
const maxLineLength = 64 << 10

// ParseIdentities parses what an `-i FILE` may hold, as stock age reads it:
//
//   - an age identity file: AGE-SECRET-KEY-1…, AGE-SECRET-KEY-PQ-1… and
//     AGE-PLUGIN-… lines, blank lines and # comments;
//   - an age file, binary or armored, encrypted with a passphrase, whose
//     content is an identity file (as `quorum keygen` and `age -p` write):
//     it is decrypted on first use, after asking p for "passphrase for
//     identity file NAME";
//   - an SSH private key, ed25519 or RSA; if it is passphrase-protected, p
//     is asked on first use, and sshPub, the content of NAME.pub (or nil),
//     gives the public key an old PEM key does not hold.
//
// name is the file's name, used in prompts and errors; ui is how plugins
// talk to the user, and may be nil. Errors are [*IdentityFileError], which
// never quote key material. A wrong passphrase makes [Open] fail with
// [*IdentityPassphraseError]. The identities keep their own copy of what
// they decrypt later, so the caller may wipe data when this returns.
func ParseIdentities(name string, data []byte, sshPub []byte, p Prompter, ui *PluginUI) ([]age.Identity, error) {
	if len(data) > MaxIdentityFileSize {
		return nil, &IdentityFileError{File: name, Reason: fmt.Sprintf("larger than %d bytes, too large to be an identity file", MaxIdentityFileSize)}
	}
	// As stock age: look at the start, past some white space, to tell the
	// three forms apart.
	const maxWhitespace = 1024
	start := bytes.TrimSpace(data[:min(len(data), maxWhitespace+len(armor.Header))])
	switch {
	case bytes.HasPrefix(data, []byte("age-encryption.org/")):
		return []age.Identity{&encryptedIdentity{name: name, contents: bytes.Clone(data), p: p, ui: ui}}, nil
	case bytes.HasPrefix(start, []byte(armor.Header)):
		contents, err := io.ReadAll(armor.NewReader(bytes.NewReader(data)))
		if err != nil {
			return nil, &IdentityFileError{File: name, Reason: fmt.Sprintf("damaged armor: %v", err)}
		}
		return []age.Identity{&encryptedIdentity{name: name, contents: contents, p: p, ui: ui}}, nil
	case bytes.HasPrefix(start, []byte("-----BEGIN")):
		return parseSSHIdentity(name, data, sshPub, p)
	}
	return parseIdentityLines(name, data, ui)
}

// parseIdentityLines parses an age identity file.
func parseIdentityLines(name string, data []byte, ui *PluginUI) ([]age.Identity, error) {
	var ids []age.Identity
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(nil, maxLineLength)
	n := 0
	for sc.Scan() {
		n++
		line := bytes.TrimSpace(sc.Bytes())
		if len(line) == 0 || line[0] == '#' {
			continue
		}
		if !utf8.Valid(line) {
			return nil, &IdentityFileError{File: name, Line: n, Reason: "not valid UTF-8"}
		}
		id, reason := parseIdentity(line, ui)
		if reason != "" {
			return nil, &IdentityFileError{File: name, Line: n, Reason: reason}
		}
		ids = append(ids, id)
	}
	if err := sc.Err(); err != nil {
		return nil, &IdentityFileError{File: name, Line: n + 1, Reason: "line too long"}
	}
	if len(ids) == 0 {
		return nil, &IdentityFileError{File: name, Reason: "no identities found"}
	}
	return ids, nil
}

// parseIdentity parses one line of an identity file, or says what is wrong
// with it. age's own errors are not passed on: they may quote parts of the
// line, which is a secret key.
func parseIdentity(line []byte, ui *PluginUI) (age.Identity, string) {
	// age's parsers take a string: this copy of the key cannot be wiped.
	s := string(line)
	var (
		id  age.Identity
		err error
	)
	switch {
	case strings.HasPrefix(s, "AGE-PLUGIN-"):
		id, err = newPluginIdentity(s, ui)
	case strings.HasPrefix(s, "AGE-SECRET-KEY-PQ-1"):
		id, err = age.ParseHybridIdentity(s)
	case strings.HasPrefix(s, "AGE-SECRET-KEY-1"):
		id, err = age.ParseX25519Identity(s)
	case strings.HasPrefix(s, "age1"):
		return nil, "this is a recipient (a public key), not an identity"
	case strings.HasPrefix(s, "ssh-"):
		return nil, "this is an SSH public key: give the private key file"
	default:
		return nil, "not an age identity"
	}
	if err != nil {
		return nil, "malformed age identity (is a character wrong?)"
	}
	return id, ""
}

// encryptedIdentity is an identity file encrypted with a passphrase. It is
// decrypted, asking for the passphrase, only when a share needs it, so
// that `-i` can always name it, as with stock age.
type encryptedIdentity struct {
	name     string
	contents []byte // the age file, binary
	p        Prompter
	ui       *PluginUI

	ids []age.Identity // once decrypted
}

func (e *encryptedIdentity) Unwrap(stanzas []*age.Stanza) ([]byte, error) {
	if len(stanzas) == 1 && stanzas[0].Type == "scrypt" {
		// An identity file holds no passphrase, so a passphrase share is
		// no reason to ask for this file's passphrase.
		return nil, fmt.Errorf("%w: share is sealed to a passphrase", age.ErrIncorrectIdentity)
	}
	if e.ids == nil {
		ids, err := e.decrypt()
		if err != nil {
			return nil, err
		}
		e.ids = ids
	}
	for _, id := range e.ids {
		key, err := id.Unwrap(stanzas)
		if errors.Is(err, age.ErrIncorrectIdentity) {
			continue
		}
		return key, err
	}
	return nil, fmt.Errorf("%w: no identity in %q fits", age.ErrIncorrectIdentity, e.name)
}

func (e *encryptedIdentity) decrypt() ([]age.Identity, error) {
	pass := PassphraseIdentity(func() ([]byte, error) {
		if e.p == nil {
			return nil, errors.New("no terminal to ask on")
		}
		return e.p.Secret(fmt.Sprintf("passphrase for identity file %q", e.name))
	})
	r, err := age.Decrypt(bytes.NewReader(e.contents), pass)
	var noMatch *age.NoIdentityMatchError
	switch {
	case errors.Is(err, ErrWrongPassphrase):
		return nil, &IdentityPassphraseError{File: e.name}
	case errors.As(err, &noMatch):
		return nil, &IdentityFileError{File: e.name, Reason: "it is an age file, but not encrypted with a passphrase"}
	case err != nil:
		return nil, fmt.Errorf("identity file %q: %w", e.name, err)
	}
	plain, err := readPlaintext(r, min(len(e.contents), MaxIdentityFileSize+1))
	defer clear(plain)
	if errors.Is(err, errTooLarge) {
		return nil, &IdentityFileError{File: e.name, Reason: "decrypts to more than an identity file"}
	}
	if err != nil {
		return nil, &IdentityFileError{File: e.name, Reason: fmt.Sprintf("damaged: %v", err)}
	}
	return parseIdentityLines(e.name, plain, e.ui)
}

// Format keeps the decrypted keys out of any %v.
func (e *encryptedIdentity) Format(f fmt.State, _ rune) {
	fmt.Fprintf(f, "encrypted identity file %q", e.name)
}
