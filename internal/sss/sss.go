// Package sss is the one place where HashiCorp Vault's shamir package is
// used. It keeps Vault's layout (each share is "{y1, y2, .., yN, x}", the
// x-coordinate last), which FORMAT.md §5 specifies, and adds the checks
// Vault leaves out: Vault's Combine returns a wrong secret without an
// error when a share is wrong or missing, so callers must always run the
// set-key integrity check on what Combine returns.
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
func Combine(payloads [][]byte) ([]byte, error) {
	if len(payloads) < 2 {
		return nil, errors.New("need at least two payloads")
	}
	for _, p := range payloads {
		if len(p) != len(payloads[0]) || len(p) < 2 {
			return nil, errors.New("payloads differ in length")
		}
	}
	return shamir.Combine(payloads)
}

// X returns a payload's x-coordinate.
func X(payload []byte) byte {
	return payload[len(payload)-1]
}
