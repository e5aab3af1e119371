package print

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"golang.org/x/image/font"
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/gomono"
	"golang.org/x/image/font/gofont/gomonobold"
	"golang.org/x/image/font/gofont/goregular"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"

	"quorum/internal/filter"
)

// fontID names one of the four fonts a sheet uses: the Go fonts (BSD
// licence), embedded whole in the binary and as subsets in the PDF. Go Mono
// draws 0 with a slash and gives 1, l and I distinct serifs, so that a
// person typing the share text cannot mistake them.
type fontID int

const (
	regular fontID = iota
	bold
	mono
	monoBold
	numFonts
)

// fontName is the name each font has inside the PDF.
var fontName = [numFonts]string{"GoRegular", "GoBold", "GoMono", "GoMonoBold"}

func fontTTF(id fontID) []byte {
	switch id {
	case bold:
		return gobold.TTF
	case mono:
		return gomono.TTF
	case monoBold:
		return gomonobold.TTF
	}
	return goregular.TTF
}

// fonts measures text in the sheet's fonts, and gives glyph outlines to
// the preview renderer. It is not safe for concurrent use.
type fonts struct {
	f       [numFonts]*sfnt.Font
	buf     sfnt.Buffer
	advance map[glyphKey]float64 // in em
}

type glyphKey struct {
	font fontID
	r    rune
}

func loadFonts() (*fonts, error) {
	fs := &fonts{advance: map[glyphKey]float64{}}
	for id := range numFonts {
		f, err := sfnt.Parse(fontTTF(id))
		if err != nil {
			return nil, fmt.Errorf("font %s: %v", fontName[id], err)
		}
		fs.f[id] = f
	}
	return fs, nil
}

// has reports whether font id draws r; a rune it lacks would print as an
// empty box.
func (fs *fonts) has(id fontID, r rune) bool {
	gi, err := fs.f[id].GlyphIndex(&fs.buf, r)
	return err == nil && gi != 0
}

// em returns the advance width of r in font id, in em. The PDF reader uses
// the same widths (from the font's hmtx table) and neither side kerns, so
// that what is measured here is what is printed.
func (fs *fonts) em(id fontID, r rune) float64 {
	k := glyphKey{id, r}
	if a, ok := fs.advance[k]; ok {
		return a
	}
	f := fs.f[id]
	upem := f.UnitsPerEm()
	var a float64
	if gi, err := f.GlyphIndex(&fs.buf, r); err == nil {
		// At ppem = units per em, the advance comes out in font units.
		if adv, err := f.GlyphAdvance(&fs.buf, gi, fixed.I(int(upem)), font.HintingNone); err == nil {
			a = float64(adv) / 64 / float64(upem)
		}
	}
	fs.advance[k] = a
	return a
}

// width returns the width of s set in font id at size points.
func (fs *fonts) width(id fontID, size float64, s string) float64 {
	var w float64
	for _, r := range s {
		w += fs.em(id, r)
	}
	return w * size
}

// printable returns s through filter.Text, with every rune that font id
// cannot draw written as <U+XXXX>, so that a label in a script the Go fonts lack prints as
// something a person can still read back exactly, not as empty boxes.
func (fs *fonts) printable(id fontID, s string) string {
	var b strings.Builder
	for _, r := range filter.Text(s) {
		if fs.has(id, r) {
			b.WriteRune(r)
		} else {
			fmt.Fprintf(&b, "<U+%04X>", r)
		}
	}
	return b.String()
}

// wrap breaks s into lines no wider than w: at spaces where it can, inside
// a word only when the word alone is wider than w (a 64-byte name).
func (fs *fonts) wrap(id fontID, size float64, s string, w float64) []string {
	var lines []string
	line := ""
	for _, word := range strings.Fields(s) {
		try := word
		if line != "" {
			try = line + " " + word
		}
		if fs.width(id, size, try) <= w {
			line = try
			continue
		}
		if line != "" {
			lines = append(lines, line)
			line = ""
		}
		for fs.width(id, size, word) > w {
			_, cut := utf8.DecodeRuneInString(word)
			for i := range word {
				if i > 0 && fs.width(id, size, word[:i]) > w {
					break
				}
				cut = max(cut, i)
			}
			lines = append(lines, word[:cut])
			word = word[cut:]
		}
		line = word
	}
	if line != "" || len(lines) == 0 {
		lines = append(lines, line)
	}
	return lines
}

// fit returns the largest size from big down to small at which s fits w on
// one line, and s wrapped at small when it fits at no size.
func (fs *fonts) fit(id fontID, s string, big, small, w float64) (float64, []string) {
	for size := big; size >= small; size -= 0.5 {
		if fs.width(id, size, s) <= w {
			return size, []string{s}
		}
	}
	return small, fs.wrap(id, small, s, w)
}
