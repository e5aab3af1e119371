package split

import (
	"bytes"
	"crypto/ed25519"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math/big"

	"quorum/internal/sss"
	"quorum/share"
)

// selfTestBudget bounds the self-test's work, in GF(2⁸) multiplications
// (subsetCost). One costs about 20 ns on a small 2-core machine
// (BenchmarkCombine in internal/sss), so this is about a quarter of a
// second whatever k and n are: 132 subsets of 254-of-255, where Vault's
// Combine, which divided k² times for every byte, tested 2 in two
// seconds.
const selfTestBudget = 12_000_000

// subsetCost is the work of testing one k-subset of payloads of size
// bytes, in multiplications: sss.Combine's k per byte and k² for its
// coefficients, and the set key derived again from what it returns, about
// a thousand multiplications' time.
func subsetCost(k, size int) int {
	return k*size + k*k + 1000
}

// maxSubsets caps the sample when subsets are cheap.
const maxSubsets = 1000

// selfTest rebuilds the secret from k-subsets of the payloads in memory,
// before any share leaves the process: every subset when there are few,
// else a random sample that uses every share at least once.
func selfTest(payloads [][]byte, k int, secret []byte, setPub ed25519.PublicKey, rnd io.Reader) error {
	n := len(payloads)
	sample, err := subsets(n, k, len(payloads[0]), rnd)
	if err != nil {
		return err
	}
	for _, subset := range sample {
		pick := make([][]byte, k)
		for i, j := range subset {
			pick[i] = payloads[j]
		}
		if err := rebuilds(pick, secret, setPub); err != nil {
			return fmt.Errorf("self-test failed for shares %v: %w (nothing was written)", plusOne(subset), err)
		}
	}
	return nil
}

// ErrSelfTest means that a k-subset did not give the secret back.
var ErrSelfTest = errors.New("the shares do not rebuild the secret")

func rebuilds(pick [][]byte, secret []byte, setPub ed25519.PublicKey) error {
	input, err := sss.Combine(pick)
	if err != nil {
		return err
	}
	defer clear(input)
	padded, seed, err := share.CutSplitInput(input)
	if err != nil {
		return err
	}
	if err := share.CheckSetKey(padded, seed, setPub); err != nil {
		return err
	}
	got, err := share.Unpad(padded)
	if err != nil || !bytes.Equal(got, secret) {
		return ErrSelfTest
	}
	return nil
}

func plusOne(s []int) []int {
	out := make([]int, len(s))
	for i, v := range s {
		out[i] = v + 1
	}
	return out
}

// subsets returns the k-subsets (0-based) to test.
func subsets(n, k, size int, rnd io.Reader) ([][]int, error) {
	limit := max(1, min(maxSubsets, selfTestBudget/subsetCost(k, size)))
	total := new(big.Int).Binomial(int64(n), int64(k))
	if total.IsInt64() && total.Int64() <= int64(limit) {
		var all [][]int
		var walk func(start int, cur []int)
		walk = func(start int, cur []int) {
			if len(cur) == k {
				all = append(all, append([]int(nil), cur...))
				return
			}
			for i := start; i <= n-(k-len(cur)); i++ {
				walk(i+1, append(cur, i))
			}
		}
		walk(0, nil)
		return all, nil
	}
	// Cover every share: a random order cut into groups of k, the last
	// group filled up from the start. Then random subsets up to the limit.
	order, err := perm(n, rnd)
	if err != nil {
		return nil, err
	}
	var out [][]int
	for i := 0; i < n; i += k {
		g := make([]int, 0, k)
		for j := 0; j < k; j++ {
			g = append(g, order[(i+j)%n])
		}
		out = append(out, g)
	}
	for len(out) < limit {
		p, err := perm(n, rnd)
		if err != nil {
			return nil, err
		}
		out = append(out, p[:k])
	}
	return out, nil
}

// perm is a Fisher–Yates shuffle driven by rnd, so that tests with a
// fixed reader are deterministic.
func perm(n int, rnd io.Reader) ([]int, error) {
	p := make([]int, n)
	for i := range p {
		p[i] = i
	}
	var b [8]byte
	for i := n - 1; i > 0; i-- {
		if _, err := io.ReadFull(rnd, b[:]); err != nil {
			return nil, fmt.Errorf("reading randomness: %v", err)
		}
		j := int(binary.BigEndian.Uint64(b[:]) % uint64(i+1))
		p[i], p[j] = p[j], p[i]
	}
	return p, nil
}
