// Package manifest reads and writes manifest.json, the public record of a
// set (FORMAT.md §9): who holds which share, each share's hash and
// commitment, signed with the set key. The signature covers a line-based
// text rebuilt from the fields, not the JSON bytes, so that any JSON
// encoder (and docs/recover.py) can check it.
package manifest

import (
	"bytes"
	"crypto/ed25519"
	"encoding/json"
	"errors"
	"fmt"
	"io"

	"quorum/internal/jsonerr"
	"quorum/share"
)

// Format is the manifest format line, the first line of the signed text.
const Format = "quorum manifest v1"

const maxSize = 4 << 20

// Manifest is the public record of one set.
type Manifest struct {
	Format         string      `json:"format"`
	SetFingerprint string      `json:"set_fingerprint"`
	SetPublicKey   string      `json:"set_public_key"`
	Label          string      `json:"label"`
	Created        string      `json:"created"`
	Threshold      int         `json:"threshold"`
	Shares         int         `json:"shares"`
	Custodians     []Custodian `json:"custodians"`
	Tool           string      `json:"tool"`
	Signature      string      `json:"signature"`
}

// Custodian is one share's entry.
type Custodian struct {
	Index                int    `json:"index"`
	Name                 string `json:"name"`
	RecipientKind        string `json:"recipient_kind"`
	RecipientFingerprint string `json:"recipient_fingerprint"`
	ShareFile            string `json:"share_file"`
	ShareHash            string `json:"share_hash"`
	Commitment           string `json:"commitment"`
}

// InvalidSignatureError means that the manifest's signature does not
// verify under its set public key.
type InvalidSignatureError struct {
	Fingerprint share.Fingerprint
}

func (e *InvalidSignatureError) Error() string {
	return fmt.Sprintf("manifest signature is invalid (set %s): the manifest was altered", e.Fingerprint)
}

// ErrNotListed means that the manifest does not list the share: it lists
// another share for the share's index (its share hash differs), or has no
// entry for that index. The share is not the one handed out at the split.
var ErrNotListed = errors.New("the manifest lists another share for this index")

// Entry returns the manifest's entry for s: the one with s's index and
// share hash. It returns ErrNotListed when the manifest lists no such
// share. It compares public facts only; the caller checks s's signature
// and set first.
func (m *Manifest) Entry(s *share.Share) (*Custodian, error) {
	if s.Index < 1 || s.Index > len(m.Custodians) || m.Custodians[s.Index-1].Index != s.Index {
		return nil, ErrNotListed
	}
	h, err := s.Hash()
	if err != nil {
		return nil, err
	}
	c := &m.Custodians[s.Index-1]
	if c.ShareHash != share.EncodeBinary(h[:]) {
		return nil, ErrNotListed
	}
	return c, nil
}

// SetKey returns the set public key.
func (m *Manifest) SetKey() (ed25519.PublicKey, error) {
	k, err := share.DecodeBinary(m.SetPublicKey)
	if err != nil || len(k) != ed25519.PublicKeySize {
		return nil, errors.New("manifest: set_public_key is not a base32 Ed25519 public key")
	}
	return ed25519.PublicKey(k), nil
}

// SignedText returns the text the set key signs (FORMAT.md §9). It
// refuses a manifest whose fields are not of their form (see [Manifest.Verify]),
// so that no two manifests sign the same text and nothing is signed that
// a reader would refuse.
func (m *Manifest) SignedText() ([]byte, error) {
	if err := m.checkFields(); err != nil {
		return nil, err
	}
	var b bytes.Buffer
	fmt.Fprintf(&b, "%s\nset %s\nlabel %s\ncreated %s\nthreshold %d\nshares %d\n",
		Format, m.SetPublicKey, m.Label, m.Created, m.Threshold, m.Shares)
	for _, c := range m.Custodians {
		rfp := c.RecipientFingerprint
		if rfp == "" {
			rfp = "-" // "-" stands for "" in the signed text
		}
		fmt.Fprintf(&b, "custodian %d %s %s %s %s %s\n", c.Index, c.Name, c.RecipientKind, rfp, c.ShareHash, c.Commitment)
	}
	fmt.Fprintf(&b, "tool %s\n", m.Tool)
	return b.Bytes(), nil
}

// Sign fills in the format, fingerprint and signature.
func (m *Manifest) Sign(setKey ed25519.PrivateKey) error {
	pub := setKey.Public().(ed25519.PublicKey)
	m.Format = Format
	m.SetPublicKey = share.EncodeBinary(pub)
	m.SetFingerprint = share.FingerprintOf(pub).String()
	text, err := m.SignedText()
	if err != nil {
		return err
	}
	m.Signature = share.EncodeBinary(ed25519.Sign(setKey, text))
	return nil
}

// Verify checks that every field has its form, the signature, and that
// the entries are those of a set: indexes 1…n once each, k and n in range,
// each share_file the name the split gives it, no two names alike.
//
// A valid signature proves only that whoever made the manifest held its
// set key, and anyone can make a set of their own: so the fields are
// checked as strictly as any file's, and the label and names by the rules
// of the share header (share.ValidateLabel, share.ValidateCustodian).
// Errors name the field, never its content.
func (m *Manifest) Verify() error {
	text, err := m.SignedText()
	if err != nil {
		return err
	}
	pub, err := m.SetKey()
	if err != nil {
		return err
	}
	sig, err := share.DecodeBinary(m.Signature)
	if err != nil || !ed25519.Verify(pub, text, sig) {
		return &InvalidSignatureError{Fingerprint: share.FingerprintOf(pub)}
	}
	if m.Threshold < 2 || m.Threshold > m.Shares || m.Shares > 255 || len(m.Custodians) != m.Shares {
		return fmt.Errorf("manifest: %d-of-%d with %d custodians is not a set", m.Threshold, m.Shares, len(m.Custodians))
	}
	names := make([]string, len(m.Custodians))
	for i, c := range m.Custodians {
		if c.Index != i+1 {
			return fmt.Errorf("manifest: custodian %d has index %d", i+1, c.Index)
		}
		if c.ShareFile != ShareFile(c.Index, m.Shares, c.Name) {
			return fmt.Errorf("manifest: custodian %d: share_file is not the name the split gives the share", i+1)
		}
		names[i] = c.Name
	}
	if err := share.CheckNames(names); err != nil {
		return fmt.Errorf("manifest: %w", err)
	}
	return nil
}

// ShareFile returns the name the split gives a share's file: the index
// zero-padded to the width of n, the custodian name, ".share".
func ShareFile(index, n int, name string) string {
	return fmt.Sprintf("%0*d-%s.share", len(fmt.Sprint(n)), index, name)
}

// Fingerprint returns the fingerprint of the manifest's set.
func (m *Manifest) Fingerprint() (share.Fingerprint, error) {
	pub, err := m.SetKey()
	if err != nil {
		return "", err
	}
	return share.FingerprintOf(pub), nil
}

// Parse reads manifest.json and verifies it. Its errors never quote the
// file: given a secret by mistake ("-m secret.txt"), it must not print it.
func Parse(data []byte) (*Manifest, error) {
	if len(data) > maxSize {
		return nil, errors.New("manifest is larger than 4 MiB")
	}
	var m Manifest
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&m); err != nil {
		// jsonerr, not the decoder's message, which quotes the file.
		return nil, fmt.Errorf("not a manifest: %s", jsonerr.Describe(err))
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, errors.New("manifest has data after its JSON object")
	}
	if err := m.Verify(); err != nil {
		return nil, err
	}
	return &m, nil
}

// Marshal returns manifest.json.
func (m *Manifest) Marshal() ([]byte, error) {
	b, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return nil, err
	}
	return append(b, '\n'), nil
}
