// Package sss is the one place where HashiCorp Vault's shamir package is
// used. It keeps Vault's layout (each share is "{y1, y2, .., yN, x}", the
// x-coordinate last), which FORMAT.md §5 specifies, and adds the checks
// Vault leaves out: Vault's Combine returns a wrong secret without an
// error when a share is wrong or missing, so callers must always run the
// set-key integrity check on what Combine returns. Combine is quorum's own,
// checked against Vault's (see Combine).
package sss

import (
	"errors"
	"fmt"

	"github.com/hashicorp/vault/shamir"
)

// Split splits input into n payloads, any k of which give it back. Vault
// draws the polynomial coefficients from crypto/rand and the
// x-coordinates as a random permutation of 1…255; neither can be injected,
// so Split is not deterministic even in tests.
func Split(input []byte, n, k int) ([][]byte, error) {
	if k < 2 || k > n || n > 255 {
		return nil, fmt.Errorf("cannot split %d-of-%d", k, n)
	}
	return shamir.Split(input, n, k)
}

// Combine interpolates payloads at x = 0. It refuses payloads of different
// lengths and repeated x-coordinates; whether there were enough of them,
// and whether they were right, only the integrity check can tell.
//
// It gives what Vault's Combine gives (TestCombineVault), with the
// Lagrange coefficients computed once for all bytes: they depend only on
// the x-coordinates, and Vault computes them again for every byte, k²
// constant-time divisions each time. Here that is k inversions and k²
// multiplications once, then k multiplications a byte: the split's
// self-test, which combines hundreds of subsets, and combine itself, run
// this code.
func Combine(payloads [][]byte) ([]byte, error) {
	if len(payloads) < 2 {
		return nil, errors.New("need at least two payloads")
	}
	size := len(payloads[0])
	for _, p := range payloads {
		if len(p) != size || len(p) < 2 {
			return nil, errors.New("payloads differ in length")
		}
	}
	var seen [256]bool
	for _, p := range payloads {
		if seen[X(p)] {
			return nil, errors.New("repeated x-coordinate")
		}
		seen[X(p)] = true
	}
	coeffs := lagrange(payloads)
	defer clear(coeffs)
	out := make([]byte, size-1)
	for i, p := range payloads {
		l := coeffs[i]
		for j, y := range p[:size-1] {
			out[j] ^= mul(l, y)
		}
	}
	return out, nil
}

// lagrange returns the coefficient of each payload's y at x = 0:
// lᵢ = ∏ⱼ≠ᵢ xⱼ / (xᵢ + xⱼ), addition being subtraction in GF(2⁸).
func lagrange(payloads [][]byte) []byte {
	coeffs := make([]byte, len(payloads))
	for i, pi := range payloads {
		num, den := byte(1), byte(1)
		for j, pj := range payloads {
			if i != j {
				num = mul(num, X(pj))
				den = mul(den, X(pi)^X(pj))
			}
		}
		coeffs[i] = mul(num, inverse(den))
	}
	return coeffs
}

// mul multiplies in GF(2⁸) with the AES polynomial x⁸+x⁴+x³+x+1, as
// Vault does and FORMAT.md §5 specifies, without branches or table
// lookups on its operands: a y byte is a piece of the secret, and its
// timing must not depend on it.
func mul(a, b byte) byte {
	var r byte
	for i := 7; i >= 0; i-- {
		r = (-(b >> i & 1) & a) ^ (-(r >> 7) & 0x1b) ^ (r << 1)
	}
	return r
}

// inverse returns a⁻¹ = a²⁵⁴ in GF(2⁸), in constant time; 0 for 0, which
// Combine never asks for (the x-coordinates differ, so no denominator is
// 0).
func inverse(a byte) byte {
	r := byte(1)
	for i := 7; i >= 1; i-- { // 254 = 0b11111110
		r = mul(r, r)
		r = mul(r, a)
	}
	return mul(r, r)
}

// Mul multiplies in GF(2⁸), as Split's polynomials and Combine do. It is
// exported for FORMAT.md's worked example, whose test evaluates the
// example's polynomials with the field arithmetic quorum itself uses.
func Mul(a, b byte) byte { return mul(a, b) }

// X returns a payload's x-coordinate.
func X(payload []byte) byte {
	return payload[len(payload)-1]
}
