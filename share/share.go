package share

import (
	"crypto/ed25519"
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"fmt"
	"strings"
	"time"
)

const (
	formatVersion = 1
	// Prefix starts every share string of this format version.
	Prefix = "QRM1"
	// prefixMagic is what every version's prefix starts with.
	prefixMagic = "QRM"

	// MaxLabel and MaxCustodian are the longest label and custodian name,
	// in bytes of UTF-8: a sheet must show them in full.
	MaxLabel     = 64
	MaxCustodian = 64

	signatureContext = "quorum share v1\n"
)

// Header is the public part of a share: everything anyone can read from a
// sheet without a key.
type Header struct {
	SetKey    ed25519.PublicKey // the set public key
	Index     int               // 1 … Shares
	Threshold int               // k: how many shares rebuild the secret
	Shares    int               // n: how many shares the set has
	Created   time.Time         // the day of the split, UTC
	Kind      Kind              // the custodian's recipient kind
	Label     string
	Custodian string
}

// Share is one custodian's share: its header, the age file sealed to the
// custodian, and the set key's signature over both.
type Share struct {
	Header
	// Sealed is the age file, byte-exact in age's own binary format, so
	// that stock age decrypts it.
	Sealed    []byte
	Signature []byte
}

// Fingerprint returns the fingerprint of the share's set.
func (h *Header) Fingerprint() Fingerprint { return FingerprintOf(h.SetKey) }

// Validate checks the header against the limits of FORMAT.md §3.
func (h *Header) Validate() error {
	switch {
	case len(h.SetKey) != ed25519.PublicKeySize:
		return errors.New("set public key is not 32 bytes")
	case h.Shares < 2 || h.Shares > 255:
		return fmt.Errorf("share count %d is outside 2…255", h.Shares)
	case h.Threshold < 2 || h.Threshold > h.Shares:
		return fmt.Errorf("threshold %d is outside 2…%d", h.Threshold, h.Shares)
	case h.Index < 1 || h.Index > h.Shares:
		return fmt.Errorf("index %d is outside 1…%d", h.Index, h.Shares)
	case !h.Kind.Valid():
		return fmt.Errorf("unknown recipient kind %d", uint8(h.Kind))
	}
	if d := days(h.Created); d < 0 || d > 0xFFFF || !h.Created.Equal(dayOf(d)) {
		return errors.New("creation date is not a whole UTC day between 1970 and 2149")
	}
	if err := ValidateLabel(h.Label); err != nil {
		return err
	}
	return ValidateCustodian(h.Custodian)
}

func days(t time.Time) int64 {
	return t.Unix() / 86400
}

func dayOf(d int64) time.Time {
	return time.Unix(d*86400, 0).UTC()
}

// Day returns the UTC day that holds t, as a share records it.
func Day(t time.Time) time.Time {
	return dayOf(days(t.UTC()))
}

// signedBody returns the body without its signature: what the set key signs.
func (s *Share) signedBody() ([]byte, error) {
	if err := s.Validate(); err != nil {
		return nil, err
	}
	sealed, err := compactAge(s.Sealed)
	if err != nil {
		return nil, fmt.Errorf("sealed payload: %v", err)
	}
	b := make([]byte, 0, 64+len(sealed)+ed25519.SignatureSize)
	b = append(b, s.SetKey...)
	b = append(b, byte(s.Index), byte(s.Threshold), byte(s.Shares))
	b = binary.BigEndian.AppendUint16(b, uint16(days(s.Created)))
	b = append(b, byte(s.Kind), byte(len(s.Label)))
	b = append(b, s.Label...)
	b = append(b, byte(len(s.Custodian)))
	b = append(b, s.Custodian...)
	return append(b, sealed...), nil
}

// Sign sets the share's signature, made with the set key. The key must be
// the one whose public half is the share's SetKey.
func (s *Share) Sign(setKey ed25519.PrivateKey) error {
	if !setKey.Public().(ed25519.PublicKey).Equal(s.SetKey) {
		return errors.New("signing key is not the share's set key")
	}
	body, err := s.signedBody()
	if err != nil {
		return err
	}
	s.Signature = ed25519.Sign(setKey, append([]byte(signatureContext), body...))
	return nil
}

// Verify checks the share's signature against the set public key it
// carries. It says nothing about whether that set is the right one: pin
// the set fingerprint for that (FORMAT.md §6).
func (s *Share) Verify() error {
	body, err := s.signedBody()
	if err != nil {
		return &MalformedError{Err: err}
	}
	if len(s.Signature) != ed25519.SignatureSize ||
		!ed25519.Verify(s.SetKey, append([]byte(signatureContext), body...), s.Signature) {
		return ErrBadSignature
	}
	return nil
}

// Body returns the share's binary body (FORMAT.md §3).
func (s *Share) Body() ([]byte, error) {
	body, err := s.signedBody()
	if err != nil {
		return nil, err
	}
	if len(s.Signature) != ed25519.SignatureSize {
		return nil, errors.New("share is not signed")
	}
	return append(body, s.Signature...), nil
}

// Marshal returns the share string: [Prefix] and the base32 of the body.
// It is what the QR code holds.
func (s *Share) Marshal() (string, error) {
	body, err := s.Body()
	if err != nil {
		return "", err
	}
	return Prefix + encode(body), nil
}

// Hash returns the share hash: SHA-256 of the share string.
func (s *Share) Hash() ([32]byte, error) {
	str, err := s.Marshal()
	if err != nil {
		return [32]byte{}, err
	}
	return sha256.Sum256([]byte(str)), nil
}

// parseBody reads a binary body. It checks structure and limits, not the
// signature.
func parseBody(b []byte) (*Share, error) {
	if len(b) < ed25519.SignatureSize {
		return nil, &MalformedError{Err: errors.New("data ends too early")}
	}
	r := &reader{b: b[:len(b)-ed25519.SignatureSize]}
	s := &Share{Signature: b[len(b)-ed25519.SignatureSize:]}
	s.SetKey = ed25519.PublicKey(r.bytes(ed25519.PublicKeySize))
	s.Index = int(r.byte())
	s.Threshold = int(r.byte())
	s.Shares = int(r.byte())
	s.Created = dayOf(int64(r.uint16()))
	s.Kind = Kind(r.byte())
	s.Label = string(r.bytes(int(r.byte())))
	s.Custodian = string(r.bytes(int(r.byte())))
	if r.err != nil {
		return nil, &MalformedError{Err: r.err}
	}
	if err := s.Validate(); err != nil {
		return nil, &MalformedError{Err: err}
	}
	sealed, err := expandAge(r)
	if err != nil {
		return nil, &MalformedError{Err: fmt.Errorf("sealed payload: %v", err)}
	}
	if len(r.b) != 0 {
		return nil, &MalformedError{Err: fmt.Errorf("%d bytes after the sealed payload", len(r.b))}
	}
	s.Sealed = sealed
	return s, nil
}

// ParseString reads a share string as the QR code holds it: [Prefix] and
// base32, with no line numbers or checks. Case and Crockford's slips are
// forgiven. The signature is not checked: call [Share.Verify].
func ParseString(str string) (*Share, error) {
	str = strings.TrimSpace(str)
	if err := checkPrefix(str, prefixMagic); err != nil {
		return nil, err
	}
	body, err := decode(str[len(Prefix):])
	if err != nil {
		return nil, &MalformedError{Err: err}
	}
	return parseBody(body)
}

// checkPrefix checks that s starts with magic and a version digit, and
// that the version is this one.
func checkPrefix(s, magic string) error {
	if len(s) < len(magic)+1 || !strings.EqualFold(s[:len(magic)], magic) {
		return ErrNotShare
	}
	v := s[len(magic)]
	if v < '0' || v > '9' {
		if symbolValue[v] == 1 { // a slipped 'I' or 'l' for the digit 1
			return nil
		}
		return ErrNotShare
	}
	if int(v-'0') != formatVersion {
		return &VersionError{Version: int(v - '0')}
	}
	return nil
}
