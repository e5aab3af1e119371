package print

import (
	"bytes"
	"testing"
)

// TestPreload: a PDF whose fonts Preload read is byte for byte the PDF
// New makes alone, on either paper, and a Preload for other paper is set
// aside rather than used.
func TestPreload(t *testing.T) {
	ts := newSet(t, setSpec{n: 3, k: 2, secret: secret64, label: "root 2026"})
	pdf := func(p Paper, pre *Preloaded) []byte {
		t.Helper()
		d, err := New(ts.shares, Options{Paper: p, Manifest: ts.m, Record: true, Date: created, Preloaded: pre})
		if err != nil {
			t.Fatal(err)
		}
		b, err := d.PDF()
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	for _, tt := range []struct {
		name           string
		preload, paper Paper
	}{
		{"a4", A4, A4},
		{"letter", Letter, Letter},
		{"letter preloaded, a4 printed", Letter, A4},
	} {
		t.Run(tt.name, func(t *testing.T) {
			want := pdf(tt.paper, nil)
			pre := Preload(tt.preload)
			if got := pdf(tt.paper, pre); !bytes.Equal(got, want) {
				t.Errorf("PDF after Preload(%v) differs from the PDF without", tt.preload)
			}
			// A second New with the same Preloaded reads its own fonts.
			if got := pdf(tt.paper, pre); !bytes.Equal(got, want) {
				t.Errorf("second PDF with one Preload(%v) differs from the PDF without", tt.preload)
			}
		})
	}
}

// TestFontsUnchanged: writing a PDF leaves the fonts' bytes, which the
// layout and the previews read too, as they were.
func TestFontsUnchanged(t *testing.T) {
	ts := newSet(t, setSpec{n: 3, k: 2, secret: secret64, label: "root 2026"})
	var before [numFonts][]byte
	for id := range numFonts {
		before[id] = bytes.Clone(fontTTF(id))
	}
	d, err := New(ts.shares, Options{Date: created})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := d.PDF(); err != nil {
		t.Fatal(err)
	}
	for id := range numFonts {
		if !bytes.Equal(fontTTF(id), before[id]) {
			t.Errorf("font %s changed by writing a PDF", fontName[id])
		}
	}
}
