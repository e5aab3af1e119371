package share

import (
	"crypto/ed25519"
	"crypto/hkdf"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/binary"
	"errors"
	"fmt"
	"strings"
)

const (
	// MaxSecret is the longest secret, in bytes.
	MaxSecret = 1024
	// SeedSize is the size of the set seed.
	SeedSize = 32
	// padBlock is the unit the secret is padded to, so that every secret
	// up to 64 bytes gives shares of the same size (FORMAT.md §5).
	padBlock = 64

	setKeyInfo   = "quorum set key v1"
	shareKeyInfo = "quorum share key v1"

	fingerprintSymbols = 28
)

// Fingerprint names a set: the first 140 bits of SHA-256 of the set public
// key, in base32. It is what the ceremony record prints in large type and
// what --set pins.
type Fingerprint string

// FingerprintOf returns the fingerprint of a set public key.
func FingerprintOf(setKey ed25519.PublicKey) Fingerprint {
	h := sha256.Sum256(setKey)
	return Fingerprint(encode(h[:])[:fingerprintSymbols])
}

// String returns the fingerprint in groups of four symbols.
func (f Fingerprint) String() string {
	var sb strings.Builder
	for i := 0; i < len(f); i += 4 {
		if i > 0 {
			sb.WriteByte(' ')
		}
		sb.WriteString(string(f[i:min(i+4, len(f))]))
	}
	return sb.String()
}

// ParseFingerprint reads a fingerprint as a person types it: spaces and
// dashes anywhere, any case, Crockford's slips.
func ParseFingerprint(s string) (Fingerprint, error) {
	norm, bad := TypedSymbols([]byte(s))
	if bad >= 0 {
		return "", fmt.Errorf("set fingerprint: symbol %d is not a base32 symbol", bad+1)
	}
	if len(norm) != fingerprintSymbols {
		return "", fmt.Errorf("set fingerprint has %d symbols, not %d", len(norm), fingerprintSymbols)
	}
	return Fingerprint(norm), nil
}

// Pad returns the padded secret of FORMAT.md §5: a two-byte length, the
// secret and zeros up to a multiple of 64 bytes.
func Pad(secret []byte) ([]byte, error) {
	if len(secret) == 0 {
		return nil, errors.New("the secret is empty")
	}
	if len(secret) > MaxSecret {
		return nil, fmt.Errorf("the secret is %d bytes long; the limit is %d", len(secret), MaxSecret)
	}
	size := padBlock * max(1, (len(secret)+padBlock-1)/padBlock)
	p := make([]byte, 2+size)
	binary.BigEndian.PutUint16(p, uint16(len(secret)))
	copy(p[2:], secret)
	return p, nil
}

// Unpad returns the secret inside a padded secret, as a slice of it.
func Unpad(padded []byte) ([]byte, error) {
	if len(padded) < 2+padBlock || (len(padded)-2)%padBlock != 0 {
		return nil, errors.New("padded secret has an impossible length")
	}
	n := int(binary.BigEndian.Uint16(padded))
	if n == 0 || n > len(padded)-2 {
		return nil, errors.New("padded secret has an impossible secret length")
	}
	var nonzero byte
	for _, b := range padded[2+n:] {
		nonzero |= b
	}
	if nonzero != 0 {
		return nil, errors.New("padded secret has non-zero padding")
	}
	return padded[2 : 2+n], nil
}

// SplitInput joins a padded secret and the set seed into what is split.
func SplitInput(padded, seed []byte) []byte {
	in := make([]byte, 0, len(padded)+len(seed))
	return append(append(in, padded...), seed...)
}

// CutSplitInput separates a rebuilt split input into padded secret and
// set seed, as slices of it.
func CutSplitInput(in []byte) (padded, seed []byte, err error) {
	if len(in) < SeedSize+2+padBlock {
		return nil, nil, errors.New("rebuilt data is too short")
	}
	return in[:len(in)-SeedSize], in[len(in)-SeedSize:], nil
}

// SetKey derives the set key from the padded secret and the set seed.
func SetKey(padded, seed []byte) (ed25519.PrivateKey, error) {
	k, err := hkdf.Key(sha256.New, padded, seed, setKeyInfo, ed25519.SeedSize)
	if err != nil {
		return nil, err
	}
	defer clear(k)
	return ed25519.NewKeyFromSeed(k), nil
}

// CheckSetKey is the integrity check of FORMAT.md §6: it derives the set
// key from a rebuilt padded secret and set seed and compares its public
// half with the set's. Any wrong byte in any payload used makes it fail.
func CheckSetKey(padded, seed []byte, want ed25519.PublicKey) error {
	k, err := SetKey(padded, seed)
	if err != nil {
		return err
	}
	defer clear(k)
	got := k.Public().(ed25519.PublicKey)
	if len(want) != len(got) || subtle.ConstantTimeCompare(got, want) != 1 {
		return ErrIntegrity
	}
	return nil
}

// ShareKey derives the per-share key from an opened payload; its public
// half is the share's commitment in the manifest (FORMAT.md §6).
func ShareKey(payload []byte, setKey ed25519.PublicKey) (ed25519.PrivateKey, error) {
	k, err := hkdf.Key(sha256.New, payload, setKey, shareKeyInfo, ed25519.SeedSize)
	if err != nil {
		return nil, err
	}
	defer clear(k)
	return ed25519.NewKeyFromSeed(k), nil
}

// EncodeBinary writes binary values (keys, hashes) in base32, as the
// manifest does.
func EncodeBinary(b []byte) string { return encode(b) }

// DecodeBinary reads what [EncodeBinary] wrote.
func DecodeBinary(s string) ([]byte, error) {
	norm, bad := normalize(s)
	if bad >= 0 {
		return nil, fmt.Errorf("symbol %d is not a base32 symbol", bad+1)
	}
	return decode(norm)
}
