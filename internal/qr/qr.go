// Package qr encodes text as a QR code (ISO/IEC 18004:2015, model 2,
// versions 1 to 40): the codes quorum prints on its sheets.
//
// It exists for speed alone. github.com/skip2/go-qrcode, the encoder the
// project chose, spent 3.7 ms and 1.3 MB on each sheet's code (Reed–Solomon
// over polynomials of bitsets, eight masked symbols built and scored one
// module at a time), which made a 3-of-5 ceremony slower than the shell
// pipeline it is measured against (bench/ANALYSIS.md). This encoder does
// the same work with tables and flat slices. go-qrcode stays the reference:
// the tests check, version by version and level by level, that for the
// same text and mask both give the same modules, and gozxing and zbarimg
// read what this one draws. print reads every code back before a sheet is
// written, so an encoder fault cannot reach paper unseen.
//
// The text is split into numeric, alphanumeric and byte segments so that
// it takes the fewest bits (a share string is one alphanumeric segment);
// byte segments hold the text's UTF-8 bytes, without an ECI header. The
// version is the smallest that holds the text at the level asked for, and
// the mask the one with the lowest penalty of §7.8.3 (ZXing's reading of
// it: a 1:1:3:1:1 pattern counts once for each light side).
package qr

import (
	"errors"
	"fmt"
)

// Level is an error-correction level.
type Level int

// The four levels, by the share of codewords each restores: about 7%,
// 15%, 25% and 30%.
const (
	L Level = iota
	M
	Q
	H
)

func (l Level) String() string {
	if l < L || l > H {
		return fmt.Sprintf("Level(%d)", int(l))
	}
	return "LMQH"[l : l+1]
}

// ErrTooLong is returned for text that no version holds at the level.
var ErrTooLong = errors.New("qr: text too long for a QR code")

// Code is an encoded QR code.
type Code struct {
	Version int   // 1 to 40
	Level   Level //
	Mask    int   // 0 to 7
	Size    int   // modules a side, 17 + 4 × Version, without the quiet zone
	dark    []bool
}

// Dark reports whether the module in column x and row y is dark; (0, 0)
// is the top left, inside the quiet zone.
func (c *Code) Dark(x, y int) bool { return c.dark[y*c.Size+x] }

// Bitmap returns the modules as rows, bm[y][x], true for dark.
func (c *Code) Bitmap() [][]bool {
	bm := make([][]bool, c.Size)
	for y := range bm {
		bm[y] = c.dark[y*c.Size : (y+1)*c.Size : (y+1)*c.Size]
	}
	return bm
}

// Version returns the smallest version that holds text at level l, without
// drawing the code, or ErrTooLong.
func Version(text string, l Level) (int, error) {
	if l < L || l > H {
		return 0, fmt.Errorf("qr: unknown level %d", int(l))
	}
	v, _, err := fit(text, l)
	return v, err
}

// Encode returns the QR code of text at level l: the smallest version that
// holds it, and the mask with the lowest penalty.
func Encode(text string, l Level) (*Code, error) {
	return encode(text, l, -1)
}

// EncodeMask is Encode with the mask chosen by the caller, 0 to 7.
func EncodeMask(text string, l Level, mask int) (*Code, error) {
	if mask < 0 || mask > 7 {
		return nil, fmt.Errorf("qr: mask %d is not 0 to 7", mask)
	}
	return encode(text, l, mask)
}

func encode(text string, l Level, mask int) (*Code, error) {
	if l < L || l > H {
		return nil, fmt.Errorf("qr: unknown level %d", int(l))
	}
	v, segs, err := fit(text, l)
	if err != nil {
		return nil, err
	}
	data := dataCodewords(text, segs, v, l)
	s := newSymbol(v)
	s.place(interleave(data, v, l))
	if mask < 0 {
		mask = s.bestMask(l)
	}
	s.applyMask(mask)
	s.drawFormat(l, mask)
	return &Code{Version: v, Level: l, Mask: mask, Size: s.size, dark: s.dark}, nil
}
