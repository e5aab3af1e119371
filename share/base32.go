package share

import (
	"fmt"
	"strings"
)

// alphabet is Crockford's base32: no I, L, O or U, so that handwriting and
// typing cannot confuse 1/I/l or 0/O, and every symbol is in the QR code's
// alphanumeric mode (FORMAT.md §1).
const alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"

// symbolValue maps an input byte to its symbol value, or -1. It accepts
// lower case and the slips Crockford's alphabet was designed to absorb.
var symbolValue = func() (t [256]int8) {
	for i := range t {
		t[i] = -1
	}
	for i := 0; i < len(alphabet); i++ {
		c := alphabet[i]
		t[c] = int8(i)
		if c >= 'A' && c <= 'Z' {
			t[c+'a'-'A'] = int8(i)
		}
	}
	t['O'], t['o'] = 0, 0
	t['I'], t['i'], t['L'], t['l'] = 1, 1, 1, 1
	return t
}()

// encode writes b in base32, most significant bit first, the last symbol
// padded with zero bits.
func encode(b []byte) string {
	var sb strings.Builder
	sb.Grow((len(b)*8 + 4) / 5)
	var acc uint32
	var bits uint
	for _, c := range b {
		acc = acc<<8 | uint32(c)
		bits += 8
		for bits >= 5 {
			bits -= 5
			sb.WriteByte(alphabet[(acc>>bits)&31])
		}
	}
	if bits > 0 {
		sb.WriteByte(alphabet[(acc<<(5-bits))&31])
	}
	return sb.String()
}

// normalize maps every symbol of s to its canonical upper-case form. It
// returns the position of the first byte that is not a symbol, or -1.
func normalize(s string) (string, int) {
	out := make([]byte, len(s))
	for i := 0; i < len(s); i++ {
		v := symbolValue[s[i]]
		if v < 0 {
			return "", i
		}
		out[i] = alphabet[v]
	}
	return string(out), -1
}

// TypedSymbols reads base32 symbols as a person types them from paper:
// the separators put between groups (spaces, tabs, dashes) are dropped, and
// every symbol is mapped to its canonical form as [normalize] does (any
// case, Crockford's slips). It is the one rule for typed fingerprints and
// generated passphrases. bad is the position in typed of the first byte
// that is neither, or -1. It works on bytes and allocates one new slice, so
// that a caller reading a secret can wipe both.
func TypedSymbols(typed []byte) (symbols []byte, bad int) {
	out := make([]byte, 0, len(typed))
	for i, c := range typed {
		switch v := symbolValue[c]; {
		case c == ' ' || c == '\t' || c == '-':
		case v < 0:
			clear(out)
			return nil, i
		default:
			out = append(out, alphabet[v])
		}
	}
	return out, -1
}

// decode reads canonical base32 as written by encode. A string whose length
// no byte count gives, or whose pad bits are not zero, is not canonical and
// is refused, so that every share has exactly one spelling.
func decode(s string) ([]byte, error) {
	n := len(s) * 5 / 8
	if (n*8+4)/5 != len(s) {
		return nil, fmt.Errorf("base32 text of %d symbols cannot encode whole bytes", len(s))
	}
	out := make([]byte, 0, n)
	var acc uint32
	var bits uint
	for i := 0; i < len(s); i++ {
		v := symbolValue[s[i]]
		if v < 0 {
			return nil, fmt.Errorf("symbol %d is not a base32 symbol", i+1)
		}
		acc = acc<<5 | uint32(v)
		bits += 5
		if bits >= 8 {
			bits -= 8
			out = append(out, byte(acc>>bits))
		}
	}
	if acc&(1<<bits-1) != 0 {
		return nil, fmt.Errorf("base32 text has non-zero padding bits")
	}
	return out, nil
}
