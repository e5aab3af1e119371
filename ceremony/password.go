package ceremony

import (
	"bytes"
	"fmt"
	"io"
	"math"

	"quorum/internal/random"
)

// passwordAlphabet has no look-alikes: no I, O, l, o, 0 or 1. Upper case,
// lower case and digits together meet the complexity rules of cloud root
// passwords; the dashes between groups add a symbol.
const passwordAlphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789"

// DefaultPasswordLength is the length of a generated password in random
// characters: 24 × log2(56) ≈ 139 bits.
const DefaultPasswordLength = 24

// generatePassword returns length random characters of passwordAlphabet,
// drawn from rnd, in dash-separated groups of four, with at least one
// upper-case letter, one lower-case letter and one digit, and its strength
// in bits.
func generatePassword(rnd io.Reader, length int) ([]byte, int, error) {
	if length < 12 || length > 256 {
		return nil, 0, usagef("--length %d: choose 12 to 256 characters", length)
	}
	bits := int(float64(length) * math.Log2(float64(len(passwordAlphabet))))
	for {
		chars, err := random.Symbols(rnd, passwordAlphabet, length)
		if err != nil {
			return nil, 0, fmt.Errorf("generating the password: %w", err)
		}
		// Redraw rather than patch a class in, so that every accepted
		// password is equally likely.
		if !bytes.ContainsAny(chars, "ABCDEFGHJKLMNPQRSTUVWXYZ") ||
			!bytes.ContainsAny(chars, "abcdefghijkmnpqrstuvwxyz") ||
			!bytes.ContainsAny(chars, "23456789") {
			clear(chars)
			continue
		}
		out := random.Grouped(chars)
		clear(chars)
		return out, bits, nil
	}
}
