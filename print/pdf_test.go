package print

import (
	"bytes"
	"testing"
)

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
