package random

import (
	"bytes"
	"crypto/rand"
	"strings"
	"testing"
)

func TestSymbols(t *testing.T) {
	const base32 = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
	for _, tc := range []struct {
		name     string
		alphabet string
		rnd      []byte
		n        int
		want     string
	}{
		// 32 symbols take 5 bits each, most significant first, as base32.
		{"all ones", base32, []byte{0xff, 0xff, 0xff, 0xff, 0xff}, 8, "ZZZZZZZZ"},
		{"all zeros", base32, make([]byte, 5), 8, "00000000"},
		{"counting", base32, []byte{0x00, 0x44, 0x32, 0x14, 0xc7}, 8, "01234567"},
		// 56 symbols take 6 bits; 56 to 63 name none and are drawn again:
		// 111000 (56) is rejected, 000001 gives b, 000000 a.
		{"rejected", "ab" + strings.Repeat("c", 54), []byte{0xe0, 0x10, 0x37}, 2, "ba"},
		// 3 symbols take 2 bits; 11 is rejected.
		{"small", "xyz", []byte{0b11_10_01_00}, 3, "zyx"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := Symbols(bytes.NewReader(tc.rnd), tc.alphabet, tc.n)
			if err != nil || string(got) != tc.want {
				t.Errorf("Symbols = %q, %v; want %q", got, err, tc.want)
			}
		})
	}
}

func TestSymbolsShortRandom(t *testing.T) {
	got, err := Symbols(bytes.NewReader([]byte{0xff, 0xff, 0xff, 0xff}), "0123456789ABCDEFGHJKMNPQRSTVWXYZ", 8)
	if err == nil || got != nil {
		t.Errorf("Symbols from 4 bytes for 40 bits = %q, %v; want an error", got, err)
	}
}

// TestSymbolsUniform draws many symbols of a 3-symbol alphabet, where a
// draw of a byte modulo 3 would favour the first, and checks each is near
// a third.
func TestSymbolsUniform(t *testing.T) {
	const n = 30000
	got, err := Symbols(rand.Reader, "abc", n)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range "abc" {
		if k := bytes.Count(got, []byte{byte(c)}); k < n/3-600 || k > n/3+600 {
			t.Errorf("%c drawn %d times of %d, want about %d", c, k, n, n/3)
		}
	}
}

func TestSymbolsAlphabet(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Error("Symbols with a 1-symbol alphabet did not panic")
		}
	}()
	Symbols(rand.Reader, "a", 1)
}

func TestGrouped(t *testing.T) {
	for in, want := range map[string]string{
		"":          "",
		"ABC":       "ABC",
		"ABCD":      "ABCD",
		"ABCDE":     "ABCD-E",
		"ABCDEFGHJ": "ABCD-EFGH-J",
	} {
		if got := Grouped([]byte(in)); string(got) != want {
			t.Errorf("Grouped(%q) = %q, want %q", in, got, want)
		}
	}
}
