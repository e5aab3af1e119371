package print

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
)

// alnumCapacityQ is how many alphanumeric characters each QR version holds
// at level Q, versions 1 to 40 (ISO/IEC 18004:2015, table 7): what a code
// holds of a share string, whose symbols are all alphanumeric (FORMAT.md
// §13).
var alnumCapacityQ = [41]int{0,
	16, 29, 47, 67, 87, 108, 125, 157, 189, 221,
	259, 296, 352, 376, 426, 470, 531, 574, 644, 702,
	742, 823, 890, 963, 1041, 1094, 1172, 1263, 1322, 1429,
	1499, 1618, 1700, 1787, 1867, 1966, 2071, 2181, 2298, 2420,
}

// TestVersion checks that a code is the smallest version that holds its
// text at level Q (FORMAT.md §13): a text of a version's full capacity
// takes that version, and one character more the next. The texts have no
// digits, so that no numeric segment makes them shorter than one
// alphanumeric segment; past version 40 nothing fits.
func TestVersion(t *testing.T) {
	for v := 1; v <= 40; v++ {
		text := strings.Repeat("QRMABCDEFGHJK", 200)[:alnumCapacityQ[v]]
		if got := version(text); got != v {
			t.Errorf("%d symbols: version %d, want %d", len(text), got, v)
		}
		want := v + 1
		if v == 40 {
			want = 0
		}
		if got := version(text + "A"); got != want {
			t.Errorf("%d symbols: version %d, want %d", len(text)+1, got, want)
		}
	}
	if c, err := plan(strings.Repeat("A", alnumCapacityQ[40]+1)); err == nil {
		t.Errorf("a text longer than version 40 holds was planned at version %d", c.version)
	}
}

// TestSizes checks the sizes FORMAT.md states: §11's table (a 3-of-5 set
// sealed to X25519 custodians, label "root 2026") and §13's (shares long
// enough for parts), share string lengths, codes and versions.
func TestSizes(t *testing.T) {
	tests := []struct {
		secret   int
		pq       bool
		symbols  int
		parts    int
		versions string // each code's version
	}{
		{16, false, 571, 1, "18"},
		{64, false, 571, 1, "18"},
		{128, false, 673, 1, "20"},
		{1024, false, 2107, 3, "22 22 22"},
		{64, true, 2312, 3, "23 23 23"},
		{1024, true, 3848, 4, "25 25 25 25"},
	}
	for _, tt := range tests {
		name := fmt.Sprintf("%d-byte secret, pq %v", tt.secret, tt.pq)
		t.Run(name, func(t *testing.T) {
			s := newSet(t, setSpec{n: 5, k: 3, secret: bytes.Repeat([]byte("s"), tt.secret), label: "root 2026", pq: tt.pq}).shares[0]
			str, err := s.Marshal()
			if err != nil {
				t.Fatal(err)
			}
			codes, err := planCodes(s)
			if err != nil {
				t.Fatal(err)
			}
			var versions []string
			for _, c := range codes {
				versions = append(versions, fmt.Sprint(c.version))
				if c.size != 17+4*c.version {
					t.Errorf("part %d: version %d, %d modules a side", c.part, c.version, c.size)
				}
			}
			if len(str) != tt.symbols || len(codes) != tt.parts || strings.Join(versions, " ") != tt.versions {
				t.Errorf("%d symbols in %d codes, versions %s; want %d in %d, versions %s",
					len(str), len(codes), strings.Join(versions, " "), tt.symbols, tt.parts, tt.versions)
			}
		})
	}
}
