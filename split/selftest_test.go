package split

import (
	"bytes"
	"crypto/ed25519"
	"crypto/rand"
	"errors"
	"fmt"
	"io"
	"math/big"
	mrand "math/rand/v2"
	"testing"

	"quorum/internal/sss"
	"quorum/share"
)

// TestSubsets checks the self-test's sample: every k-subset when there
// are few, else a sample within maxSubsets and the work budget that still
// uses every share at least once.
func TestSubsets(t *testing.T) {
	small := 2 + 64 + share.SeedSize + 1 // payload of a secret of up to 64 bytes
	large := 2 + share.MaxSecret + share.SeedSize + 1
	for _, tt := range []struct {
		n, k, size int
		all        bool // every k-subset is tested
	}{
		{3, 2, small, true},
		{5, 3, small, true},
		{7, 4, large, true},
		{12, 6, small, true},  // 924 subsets
		{14, 7, small, false}, // 3432 subsets
		{255, 2, small, false},
		{255, 3, small, false},
		{255, 3, large, false},
		{255, 128, small, false},
		{255, 254, small, false},
		{255, 254, large, false},
		{255, 255, large, true}, // one subset
		{2, 2, large, true},
	} {
		t.Run(fmt.Sprintf("%d-of-%d/%d bytes", tt.k, tt.n, tt.size), func(t *testing.T) {
			got, err := subsets(tt.n, tt.k, tt.size, rand.Reader)
			if err != nil {
				t.Fatal(err)
			}
			// The sample may exceed the budget only as far as covering
			// every share needs: ⌈n/k⌉ subsets.
			limit := max((tt.n+tt.k-1)/tt.k, min(maxSubsets, selfTestBudget/subsetCost(tt.k, tt.size)))
			total := new(big.Int).Binomial(int64(tt.n), int64(tt.k))
			if tt.all {
				if int64(len(got)) != total.Int64() {
					t.Fatalf("%d subsets, want all %v", len(got), total)
				}
			} else if len(got) > limit {
				t.Fatalf("%d subsets, over the limit of %d", len(got), limit)
			}
			if len(got) > maxSubsets {
				t.Fatalf("%d subsets, over maxSubsets %d", len(got), maxSubsets)
			}
			used := make([]bool, tt.n)
			seen := map[string]bool{}
			for _, s := range got {
				if len(s) != tt.k {
					t.Fatalf("subset %v has %d shares, want %d", s, len(s), tt.k)
				}
				in := map[int]bool{}
				for _, i := range s {
					if i < 0 || i >= tt.n || in[i] {
						t.Fatalf("subset %v repeats a share or is out of range", s)
					}
					in[i] = true
					used[i] = true
				}
				if tt.all {
					key := fmt.Sprint(s)
					if seen[key] {
						t.Fatalf("subset %v twice", s)
					}
					seen[key] = true
				}
			}
			for i, u := range used {
				if !u {
					t.Fatalf("share %d is in no subset of %d", i+1, len(got))
				}
			}
			t.Logf("%d subsets, limit %d", len(got), limit)
		})
	}
}

// TestSubsetsDeterministic: with a fixed reader, the sample is the same.
func TestSubsetsDeterministic(t *testing.T) {
	r := func() io.Reader { return mrand.NewChaCha8([32]byte([]byte("quorum self-test sample seed 32B"))) }
	a, err := subsets(255, 3, 99, r())
	if err != nil {
		t.Fatal(err)
	}
	b, _ := subsets(255, 3, 99, r())
	if fmt.Sprint(a) != fmt.Sprint(b) {
		t.Error("the same reader gave two samples")
	}
	if _, err := subsets(255, 3, 99, bytes.NewReader(nil)); err == nil {
		t.Error("an empty reader gave a sample")
	}
}

// TestSelfTestCatches: a set whose payloads do not rebuild the secret is
// refused before anything leaves the process.
func TestSelfTestCatches(t *testing.T) {
	secret := []byte("correct horse battery staple")
	padded, _ := share.Pad(secret)
	seed := bytes.Repeat([]byte{7}, share.SeedSize)
	key, err := share.SetKey(padded, seed)
	if err != nil {
		t.Fatal(err)
	}
	pub := key.Public().(ed25519.PublicKey)
	fresh := func() [][]byte {
		p, err := sss.Split(share.SplitInput(padded, seed), 5, 3)
		if err != nil {
			t.Fatal(err)
		}
		return p
	}
	if err := selfTest(fresh(), 3, secret, pub, rand.Reader); err != nil {
		t.Fatalf("a good set fails its self-test: %v", err)
	}
	otherKey := ed25519.NewKeyFromSeed(make([]byte, 32)).Public().(ed25519.PublicKey)
	for _, tt := range []struct {
		name   string
		mutate func(p [][]byte)
		secret []byte
		pub    ed25519.PublicKey
	}{
		{"a payload byte", func(p [][]byte) { p[4][10] ^= 1 }, secret, pub},
		{"an x-coordinate", func(p [][]byte) { p[2][len(p[2])-1] ^= 1 }, secret, pub},
		{"a repeated x-coordinate", func(p [][]byte) { p[1][len(p[1])-1] = p[0][len(p[0])-1] }, secret, pub},
		{"another set key", func(p [][]byte) {}, secret, otherKey},
		{"another secret", func(p [][]byte) {}, []byte("correct horse battery stapler"), pub},
	} {
		t.Run(tt.name, func(t *testing.T) {
			p := fresh()
			tt.mutate(p)
			err := selfTest(p, 3, tt.secret, tt.pub, rand.Reader)
			if err == nil {
				t.Fatal("the self-test passed")
			}
			if tt.name == "another secret" && !errors.Is(err, ErrSelfTest) {
				t.Errorf("got %v, want ErrSelfTest", err)
			}
		})
	}
}
