package sss

import (
	"bytes"
	"crypto/rand"
	"fmt"
	"testing"

	"github.com/hashicorp/vault/shamir"
)

// gfMul is multiplication in GF(2⁸) with the AES polynomial
// x⁸+x⁴+x³+x+1, written from FORMAT.md §5 and not from Vault, so that the
// tests check the specification rather than the code against itself.
func gfMul(a, b byte) byte {
	var p byte
	for ; b != 0; b >>= 1 {
		if b&1 != 0 {
			p ^= a
		}
		hi := a & 0x80
		a <<= 1
		if hi != 0 {
			a ^= 0x1b
		}
	}
	return p
}

// evaluate returns the polynomial coeffs[0] + coeffs[1]·x + … at x.
func evaluate(coeffs []byte, x byte) byte {
	var y byte
	for i := len(coeffs) - 1; i >= 0; i-- {
		y = gfMul(y, x) ^ coeffs[i]
	}
	return y
}

// makePayloads splits input by hand, in Vault's layout {y1, …, yN, x}.
func makePayloads(input []byte, k int, xs []byte) [][]byte {
	out := make([][]byte, len(xs))
	for i, x := range xs {
		out[i] = make([]byte, len(input)+1)
		out[i][len(input)] = x
	}
	coeffs := make([]byte, k)
	for j, b := range input {
		coeffs[0] = b
		if _, err := rand.Read(coeffs[1:]); err != nil {
			panic(err)
		}
		for i, x := range xs {
			out[i][j] = evaluate(coeffs, x)
		}
	}
	return out
}

func TestGFMul(t *testing.T) {
	// FIPS-197 §4.2: {57}·{83} = {c1}, {57}·{13} = {fe}.
	for _, tt := range []struct{ a, b, want byte }{{0x57, 0x83, 0xc1}, {0x57, 0x13, 0xfe}, {0x01, 0xab, 0xab}, {0, 0x13, 0}} {
		if got := gfMul(tt.a, tt.b); got != tt.want {
			t.Errorf("gfMul(%#x, %#x) = %#x, want %#x", tt.a, tt.b, got, tt.want)
		}
	}
}

// TestCombineSpec: payloads made by hand from FORMAT.md §5 combine to the
// input, so Vault's field and layout are the ones the format names.
func TestCombineSpec(t *testing.T) {
	for _, tt := range []struct {
		name string
		k    int
		xs   []byte
	}{
		{"2 of 2", 2, []byte{1, 2}},
		{"2 of 3, x 255", 2, []byte{255, 7, 128}},
		{"3 of 5", 3, []byte{9, 200, 3, 77, 1}},
		{"5 of 5", 5, []byte{250, 251, 252, 253, 254}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			input := make([]byte, 98)
			rand.Read(input)
			payloads := makePayloads(input, tt.k, tt.xs)
			got, err := Combine(payloads[:tt.k])
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, input) {
				t.Errorf("Combine of hand-made payloads: got %x, want %x", got, input)
			}
			// More than k payloads lie on the same polynomial.
			if got, err := Combine(payloads); err != nil || !bytes.Equal(got, input) {
				t.Errorf("Combine of all %d payloads: %v", len(payloads), err)
			}
		})
	}
	// A fixed case worked by hand: f(x) = 0x42 + 0x57·x at x = 1 and 2.
	p1 := []byte{0x42 ^ 0x57, 1}
	p2 := []byte{0x42 ^ gfMul(0x57, 2), 2}
	if got, err := Combine([][]byte{p1, p2}); err != nil || !bytes.Equal(got, []byte{0x42}) {
		t.Errorf("Combine(%x, %x) = %x, %v; want 42", p1, p2, got, err)
	}
}

// TestSplit tries every k-subset of small sets, as Vault's TestCombine does.
func TestSplit(t *testing.T) {
	for _, size := range []int{1, 98, 1059} {
		for n := 2; n <= 6; n++ {
			for k := 2; k <= n; k++ {
				t.Run(fmt.Sprintf("%d-of-%d/%d bytes", k, n, size), func(t *testing.T) {
					input := make([]byte, size)
					rand.Read(input)
					payloads, err := Split(input, n, k)
					if err != nil {
						t.Fatal(err)
					}
					if len(payloads) != n {
						t.Fatalf("got %d payloads, want %d", len(payloads), n)
					}
					xs := map[byte]bool{}
					for _, p := range payloads {
						if len(p) != size+1 {
							t.Fatalf("payload of %d bytes, want %d", len(p), size+1)
						}
						if X(p) == 0 || xs[X(p)] {
							t.Fatalf("x-coordinate %d is zero or repeated", X(p))
						}
						xs[X(p)] = true
					}
					for _, subset := range subsets(n, k) {
						pick := make([][]byte, 0, k)
						for _, i := range subset {
							pick = append(pick, payloads[i])
						}
						got, err := Combine(pick)
						if err != nil {
							t.Fatalf("Combine %v: %v", subset, err)
						}
						if !bytes.Equal(got, input) {
							t.Fatalf("Combine %v: wrong input", subset)
						}
					}
					// k−1 payloads give no error and, but for a chance of
					// 256^-size, a wrong input: only the integrity check
					// can tell, which is why callers must run it.
					if k > 2 && size >= 98 {
						got, err := Combine(payloads[:k-1])
						if err != nil {
							t.Fatalf("Combine of k-1: %v", err)
						}
						if bytes.Equal(got, input) {
							t.Fatalf("k-1 payloads gave the input back")
						}
					}
				})
			}
		}
	}
}

func subsets(n, k int) [][]int {
	var out [][]int
	var walk func(start int, cur []int)
	walk = func(start int, cur []int) {
		if len(cur) == k {
			out = append(out, append([]int(nil), cur...))
			return
		}
		for i := start; i < n; i++ {
			walk(i+1, append(cur, i))
		}
	}
	walk(0, nil)
	return out
}

func TestErrors(t *testing.T) {
	good, err := Split([]byte("input"), 3, 2)
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		name string
		err  error
	}{
		{"split 1-of-3", func() error { _, err := Split([]byte("x"), 3, 1); return err }()},
		{"split 4-of-3", func() error { _, err := Split([]byte("x"), 3, 4); return err }()},
		{"split 2-of-256", func() error { _, err := Split([]byte("x"), 256, 2); return err }()},
		{"split empty input", func() error { _, err := Split(nil, 3, 2); return err }()},
		{"combine none", func() error { _, err := Combine(nil); return err }()},
		{"combine one", func() error { _, err := Combine(good[:1]); return err }()},
		{"combine lengths differ", func() error { _, err := Combine([][]byte{good[0], good[1][1:]}); return err }()},
		{"combine one-byte payloads", func() error { _, err := Combine([][]byte{{1}, {2}}); return err }()},
		{"combine repeated x", func() error { _, err := Combine([][]byte{good[0], good[0]}); return err }()},
	} {
		if tt.err == nil {
			t.Errorf("%s: no error", tt.name)
		}
	}
}

func TestX(t *testing.T) {
	if got := X([]byte{1, 2, 3, 200}); got != 200 {
		t.Errorf("X = %d, want 200", got)
	}
}

// TestCombineVault: Combine gives what Vault's Combine gives, for right
// payloads, for too few, and for payloads of which one is damaged (both
// return a wrong input without an error; the integrity check catches it).
func TestCombineVault(t *testing.T) {
	for _, tt := range []struct{ n, k, size int }{{2, 2, 1}, {5, 3, 99}, {7, 4, 1059}, {255, 254, 99}, {255, 3, 33}} {
		t.Run(fmt.Sprintf("%d-of-%d/%d bytes", tt.k, tt.n, tt.size), func(t *testing.T) {
			input := make([]byte, tt.size)
			rand.Read(input)
			payloads, err := Split(input, tt.n, tt.k)
			if err != nil {
				t.Fatal(err)
			}
			damaged := make([]byte, tt.size+1)
			copy(damaged, payloads[0])
			damaged[0] ^= 0x5a
			for _, pick := range [][][]byte{
				payloads[:tt.k],
				payloads[tt.n-tt.k:],
				payloads,
				payloads[:tt.k-1],
				append([][]byte{damaged}, payloads[1:tt.k]...),
			} {
				if len(pick) < 2 {
					continue
				}
				got, err := Combine(pick)
				if err != nil {
					t.Fatal(err)
				}
				want, err := shamir.Combine(pick)
				if err != nil {
					t.Fatal(err)
				}
				if !bytes.Equal(got, want) {
					t.Fatalf("Combine of %d payloads differs from Vault's", len(pick))
				}
			}
		})
	}
}

// TestInverse: a·a⁻¹ = 1 for every nonzero a.
func TestInverse(t *testing.T) {
	for a := 1; a < 256; a++ {
		if got := gfMul(byte(a), inverse(byte(a))); got != 1 {
			t.Fatalf("%#x · inverse(%#x) = %#x, want 1", a, a, got)
		}
		if got := mul(byte(a), byte(255-a)); got != gfMul(byte(a), byte(255-a)) {
			t.Fatalf("mul(%#x, %#x) = %#x, want %#x", a, 255-a, got, gfMul(byte(a), byte(255-a)))
		}
	}
}

// BenchmarkCombine is one subset of the split's self-test: a 64-byte
// secret's payloads, k of them, with quorum's Combine and with Vault's.
func BenchmarkCombine(b *testing.B) {
	input := make([]byte, 98)
	rand.Read(input)
	for _, k := range []int{3, 50, 254} {
		payloads, err := Split(input, 255, k)
		if err != nil {
			b.Fatal(err)
		}
		for _, c := range []struct {
			name    string
			combine func([][]byte) ([]byte, error)
		}{{"quorum", Combine}, {"vault", shamir.Combine}} {
			b.Run(fmt.Sprintf("k=%d/%s", k, c.name), func(b *testing.B) {
				for b.Loop() {
					if _, err := c.combine(payloads[:k]); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}
