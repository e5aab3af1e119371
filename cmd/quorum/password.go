package main

import (
	"bytes"
	"crypto/rand"
	"fmt"
	"io"
	"math"

	"filippo.io/age"

	"quorum/internal/harden"
)

type ageRecipient = age.Recipient

// passwordAlphabet has no look-alikes: no I, O, l, o, 0 or 1. Upper case,
// lower case and digits together meet the complexity rules of cloud root
// passwords; the dashes between groups add a symbol.
const passwordAlphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789"

const defaultPasswordLength = 24 // 24 × log2(56) ≈ 139 bits

// generatePassword returns length random characters of passwordAlphabet
// in dash-separated groups of four, with at least one upper-case letter,
// one lower-case letter and one digit, and its strength in bits.
func generatePassword(rnd io.Reader, length int) ([]byte, int, error) {
	if length < 12 || length > 256 {
		return nil, 0, fmt.Errorf("--length %d: choose 12 to 256 characters", length)
	}
	if rnd == nil {
		rnd = rand.Reader
	}
	bits := int(float64(length) * math.Log2(float64(len(passwordAlphabet))))
	for {
		chars := make([]byte, length)
		harden.Lock(chars)
		for i := range chars {
			c, err := uniform(rnd, len(passwordAlphabet))
			if err != nil {
				return nil, 0, err
			}
			chars[i] = passwordAlphabet[c]
		}
		// Redraw rather than patch a class in, so that every accepted
		// password is equally likely.
		if !bytes.ContainsAny(chars, "ABCDEFGHJKLMNPQRSTUVWXYZ") ||
			!bytes.ContainsAny(chars, "abcdefghijkmnpqrstuvwxyz") ||
			!bytes.ContainsAny(chars, "23456789") {
			clear(chars)
			continue
		}
		out := make([]byte, 0, length+length/4)
		harden.Lock(out[:cap(out)])
		for i, c := range chars {
			if i > 0 && i%4 == 0 {
				out = append(out, '-')
			}
			out = append(out, c)
		}
		clear(chars)
		return out, bits, nil
	}
}

// uniform returns a uniform integer in [0, n) by rejection sampling.
func uniform(rnd io.Reader, n int) (int, error) {
	limit := 256 - 256%n
	var b [1]byte
	for {
		if _, err := io.ReadFull(rnd, b[:]); err != nil {
			return 0, fmt.Errorf("reading randomness: %v", err)
		}
		if int(b[0]) < limit {
			return int(b[0]) % n, nil
		}
	}
}
