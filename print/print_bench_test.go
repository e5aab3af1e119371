package print

import (
	"bytes"
	"fmt"
	"io"
	"testing"
)

// The benchmarks below split the work of `quorum split` after the split
// itself, so that a regression shows in the function that has it. Their
// numbers are in bench/RESULTS.md, next to the whole command's.

// benchSet is an n-share set of a 64-byte secret sealed to X25519
// custodians, as the ceremony of bench/run makes with n = 5, k = 3.
func benchSet(b *testing.B, n, k int) *testSet {
	b.Helper()
	return newSet(b, setSpec{n: n, k: k, secret: bytes.Repeat([]byte("s"), 64), label: "root 2026"})
}

// BenchmarkSheets is what quorum split does after the split: New, which
// lays out, draws and reads back every code and writes the PDF beside
// them, then PDF. One sheet alone; the ceremony's five with the record;
// fifty with the record.
func BenchmarkSheets(b *testing.B) {
	five, fifty := benchSet(b, 5, 3), benchSet(b, 50, 3)
	for _, tt := range []struct {
		name string
		ts   *testSet
		n    int
		opts Options
	}{
		{"one sheet", five, 1, Options{Date: created}},
		{"3-of-5 with record", five, 5, Options{Manifest: five.m, Record: true, Date: created}},
		{"3-of-50 with record", fifty, 50, Options{Manifest: fifty.m, Record: true, Date: created}},
	} {
		b.Run(tt.name, func(b *testing.B) {
			for b.Loop() {
				d, err := New(tt.ts.shares[:tt.n], tt.opts)
				if err != nil {
					b.Fatal(err)
				}
				if _, err := d.PDF(); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkPDF writes the PDF of laid-out pages alone, as New's PDF writer
// does beside the codes: fonts read, subset and embedded, codes as paths.
func BenchmarkPDF(b *testing.B) {
	ts := benchSet(b, 5, 3)
	for _, tt := range []struct {
		name string
		opts Options
		n    int
	}{
		{"one sheet", Options{Date: created}, 1},
		{"3-of-5 with record", Options{Manifest: ts.m, Record: true, Date: created}, 5},
	} {
		d, err := New(ts.shares[:tt.n], tt.opts)
		if err != nil {
			b.Fatal(err)
		}
		b.Run(tt.name, func(b *testing.B) {
			for b.Loop() {
				if err := writePages(newPDF(d), d.pages(), io.Discard); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkEncode makes one sheet's QR code (version 18) and merges its
// modules into rectangles.
func BenchmarkEncode(b *testing.B) {
	str := benchSet(b, 5, 3).strings(b)[0]
	for b.Loop() {
		if _, err := encode(str); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkReadBack is the read-back check of one code: drawn at
// readBackPixels a module and decoded. The split's read-back is this
// times the codes, spread over the cores.
func BenchmarkReadBack(b *testing.B) {
	ts := benchSet(b, 5, 3)
	d, err := New(ts.shares[:1], Options{})
	if err != nil {
		b.Fatal(err)
	}
	ops := d.pages()[0].codes()
	if len(ops) != 1 {
		b.Fatalf("%d codes on the sheet, want 1", len(ops))
	}
	b.Run(fmt.Sprintf("version %d", ops[0].c.version), func(b *testing.B) {
		for b.Loop() {
			if err := readCode(ops[0]); err != nil {
				b.Fatal(err)
			}
		}
	})
}
