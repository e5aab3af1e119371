// Package random draws the secrets quorum makes up: symbols of an
// alphabet, each equally likely, from a source of randomness that is
// crypto/rand.Reader but in tests.
package random

import (
	"fmt"
	"io"
	"math/bits"

	"quorum/internal/harden"
)

// Symbols returns n symbols of alphabet drawn from rnd by rejection
// sampling: it reads rnd as a stream of bits, most significant first,
// takes as many at a time as the alphabet's size needs, and draws again
// when they name no symbol, so that no symbol is likelier than another.
// An alphabet of 2^b symbols rejects nothing: every b bits give one
// symbol, in base32's bit order (FORMAT.md §1). The result is locked in
// memory; the caller wipes it. Alphabets have 2 to 256 symbols; another
// size is a programmer's error and panics.
func Symbols(rnd io.Reader, alphabet string, n int) ([]byte, error) {
	if len(alphabet) < 2 || len(alphabet) > 256 {
		panic(fmt.Sprintf("random: an alphabet of %d symbols", len(alphabet)))
	}
	width := uint(bits.Len(uint(len(alphabet) - 1)))
	out := make([]byte, n)
	harden.Lock(out)
	var acc uint32 // the unused bits, the low have of them
	var have uint
	defer func() { acc = 0 }()
	var b [1]byte
	defer clear(b[:])
	for i := 0; i < n; {
		for have < width {
			if _, err := io.ReadFull(rnd, b[:]); err != nil {
				clear(out)
				return nil, fmt.Errorf("reading randomness: %v", err)
			}
			acc, have = acc<<8|uint32(b[0]), have+8
		}
		have -= width
		v := acc >> have
		acc &= 1<<have - 1
		if int(v) < len(alphabet) {
			out[i] = alphabet[v]
			i++
		}
	}
	return out, nil
}

// Grouped returns symbols in dash-separated groups of four, as quorum
// shows what it made up ("7QX4-M2KD-…"), to be read aloud and typed back.
// The result is a new slice, locked in memory, for the caller to wipe.
func Grouped(symbols []byte) []byte {
	out := make([]byte, 0, len(symbols)+len(symbols)/4)
	harden.Lock(out[:cap(out)])
	for i, c := range symbols {
		if i > 0 && i%4 == 0 {
			out = append(out, '-')
		}
		out = append(out, c)
	}
	return out
}
