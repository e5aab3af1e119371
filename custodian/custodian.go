// Package custodian reads the custodians file of quorum split: one
// custodian a line, "NAME RECIPIENT", where RECIPIENT is the rest of the
// line so that an OpenSSH public key with its comment fits, or the word
// "passphrase". A "#" that begins the line or follows a space or tab
// starts a comment that runs to the end of the line, so that a file can
// say beside each custodian who they are; no recipient holds such a "#"
// (bech32 and base64 have none). It checks syntax and uniqueness, of names
// and of keys in the canonical form the seal package gives (one key
// written two ways is one key); whether a recipient is well formed is for
// seal to say.
package custodian

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"quorum/seal"
	"quorum/share"
)

// Passphrase is the recipient word of a custodian who types a passphrase
// during the ceremony instead of holding a key.
const Passphrase = "passphrase"

const (
	maxFileSize   = 1 << 20
	maxLineLength = 16 << 10 // RSA-16384 public keys fit
	maxCustodians = 255
)

// Custodian is one line of the custodians file.
type Custodian struct {
	Line      int    // line number in the file, for error messages
	Name      string // unique, valid for share.ValidateCustodian
	Recipient string // as written, comment included
	Kind      share.Kind
}

// Key returns the recipient in canonical form ([seal.CanonicalRecipient]):
// what makes two lines the same recipient, and what the recipient
// fingerprint hashes. For a key written as age-keygen and ssh-keygen write
// them, that is the recipient without an SSH key's comment. A recipient
// that does not parse (Parse leaves that to seal) is compared as written.
func (c Custodian) Key() string {
	if k, _, err := seal.CanonicalRecipient(c.Recipient); err == nil {
		return k
	}
	return written(c.Recipient)
}

// written returns a recipient as written, without an SSH key's comment.
func written(r string) string {
	f := strings.Fields(r)
	if strings.HasPrefix(r, "ssh-") && len(f) >= 2 {
		return f[0] + " " + f[1]
	}
	return f[0]
}

// Fingerprint returns the recipient fingerprint of the manifest
// (FORMAT.md §9), or "" for a passphrase custodian.
func (c Custodian) Fingerprint() string {
	if c.Kind == share.KindPassphrase {
		return ""
	}
	h := sha256.Sum256([]byte(c.Key()))
	return share.EncodeBinary(h[:])[:16]
}

// LineError is an error on one line of the custodians file.
type LineError struct {
	Line int
	Err  error
}

func (e *LineError) Error() string { return fmt.Sprintf("line %d: %v", e.Line, e.Err) }
func (e *LineError) Unwrap() error { return e.Err }

// DuplicateKeyError means that two lines of the custodians file name one
// key: one key under two names would lower the threshold. Reencoded says
// that the two lines write it differently (its numbers encoded another
// way), which a reader comparing the lines would miss.
type DuplicateKeyError struct {
	Name      string // the custodian of the later line
	FirstName string // the custodian of the first line with that key
	FirstLine int
	Reencoded bool
}

func (e *DuplicateKeyError) Error() string {
	how := ""
	if e.Reencoded {
		how = fmt.Sprintf(", the key of %s written differently", e.FirstName)
	}
	return fmt.Sprintf("recipient of %s is already on line %d%s: one key under two names would lower the threshold", e.Name, e.FirstLine, how)
}

// Parse reads a custodians file. Every error names its line.
func Parse(data []byte) ([]Custodian, error) {
	if len(data) > maxFileSize {
		return nil, errors.New("custodians file is larger than 1 MiB")
	}
	var cs []Custodian
	keys := map[string]int{} // canonical key to its index in cs
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(nil, maxLineLength+2)
	n := 0
	for sc.Scan() {
		n++
		line := strings.TrimSpace(stripComment(sc.Text()))
		if line == "" {
			continue
		}
		if !utf8.ValidString(line) {
			return nil, &LineError{n, errors.New("not valid UTF-8")}
		}
		// A pasted identity must never be echoed into an error (or a
		// terminal's scrollback): look for one before quoting anything.
		if strings.Contains(strings.ToUpper(line), "AGE-SECRET-KEY-") || strings.Contains(strings.ToUpper(line), "AGE-PLUGIN-") ||
			strings.Contains(line, "PRIVATE KEY") {
			return nil, &LineError{n, errors.New("this is a secret key, not a recipient: never put identities in the custodians file")}
		}
		name, rest, ok := strings.Cut(line, " ")
		if i := strings.IndexByte(line, '\t'); i >= 0 && (!ok || i < len(name)) {
			name, rest, ok = line[:i], line[i+1:], true
		}
		rest = strings.TrimSpace(rest)
		if !ok || rest == "" {
			return nil, &LineError{n, errors.New("no recipient; write NAME RECIPIENT")}
		}
		if err := share.ValidateCustodian(name); err != nil {
			return nil, &LineError{n, err}
		}
		c := Custodian{Line: n, Name: name, Recipient: rest, Kind: kindOf(rest)}
		if c.Kind == share.KindPassphrase && rest != Passphrase {
			return nil, &LineError{n, errors.New("text after the word passphrase: write the word alone, and a comment after #")}
		}
		if c.Kind == 0 {
			return nil, &LineError{n, errors.New("unknown recipient: want age1…, age1pq1…, ssh-ed25519 …, ssh-rsa …, a plugin recipient, or the word passphrase")}
		}
		if c.Kind != share.KindPassphrase {
			key := c.Key()
			if i, dup := keys[key]; dup {
				first := cs[i]
				return nil, &LineError{n, &DuplicateKeyError{Name: name, FirstName: first.Name, FirstLine: first.Line, Reencoded: written(first.Recipient) != written(rest)}}
			}
			keys[key] = len(cs)
		}
		cs = append(cs, c)
	}
	if err := sc.Err(); err != nil {
		return nil, &LineError{n + 1, fmt.Errorf("line is too long (the limit is %d bytes)", maxLineLength)}
	}
	if len(cs) > maxCustodians {
		return nil, fmt.Errorf("%d custodians; the limit is %d", len(cs), maxCustodians)
	}
	if len(cs) == 0 {
		return nil, errors.New("no custodians in the file")
	}
	names := make([]string, len(cs))
	for i, c := range cs {
		names[i] = c.Name
	}
	var lae *share.LookAlikeError
	if err := share.CheckNames(names); errors.As(err, &lae) {
		first, again := cs[lae.First-1].Line, cs[lae.Second-1].Line
		return nil, &LineError{again, fmt.Errorf("this name is the one on line %d, or looks like it: give each custodian a name no one can mistake for another's", first)}
	}
	return cs, nil
}

func firstField(s string) string {
	if f := strings.Fields(s); len(f) > 0 {
		return f[0]
	}
	return s
}

// stripComment drops a "#" comment: one that begins the line, or whose "#"
// follows a space or a tab.
func stripComment(line string) string {
	for i := 0; i < len(line); i++ {
		if line[i] == '#' && (i == 0 || line[i-1] == ' ' || line[i-1] == '\t') {
			return line[:i]
		}
	}
	return line
}

// kindOf tells a recipient's kind from its first field, as age's own CLI
// does. The whole recipient is not compared: a kind named by a word that
// is then refused for that word would make an error contradict itself.
func kindOf(r string) share.Kind {
	first := firstField(r)
	switch {
	case first == Passphrase:
		return share.KindPassphrase
	case strings.HasPrefix(first, "age1pq1"):
		return share.KindHybrid
	case strings.HasPrefix(first, "age1") && strings.Count(first, "1") > 1: // bech32 data has no "1"
		return share.KindPlugin
	case strings.HasPrefix(first, "age1"):
		return share.KindX25519
	case first == "ssh-ed25519":
		return share.KindSSHEd25519
	case first == "ssh-rsa":
		return share.KindSSHRSA
	}
	return 0
}
