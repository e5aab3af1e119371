package pdfimage

import (
	"bytes"
	"fmt"
	"image"

	"golang.org/x/image/ccitt"
)

// ccittImage decodes CCITTFaxDecode data (ISO 32000-1 §7.4.6) with
// golang.org/x/image/ccitt: K < 0 is Group 4, K = 0 Group 3 one-
// dimensional; K > 0 (Group 3 two-dimensional) it does not read. invert is
// a /Decode of [1 0].
func ccittImage(data []byte, parms dict, w, h int, invert bool, num, page int) (img image.Image, err error) {
	k, cols, rows := int64(0), int64(1728), int64(0)
	if v, ok := parms["K"].(int64); ok {
		k = v
	}
	if v, ok := parms["Columns"].(int64); ok {
		cols = v
	}
	if v, ok := parms["Rows"].(int64); ok {
		rows = v
	}
	blackIs1 := parms["BlackIs1"] == true
	align := parms["EncodedByteAlign"] == true
	if cols != int64(w) || (rows != 0 && rows != int64(h)) {
		return nil, &FormatError{Page: page, Object: num, Offset: -1,
			Reason: fmt.Sprintf("CCITT /Columns %d and /Rows %d do not match the image's %d × %d", cols, rows, w, h)}
	}
	sf := ccitt.Group4
	switch {
	case k == 0:
		sf = ccitt.Group3
	case k > 0:
		return nil, &UnsupportedError{Page: page, Object: num, Feature: "CCITTFaxDecode Group 3 two-dimensional (K > 0)"}
	}
	// x/image/ccitt says it is not hardened against hostile input: a
	// panic in it must be a format error here, not a crash of quorum.
	defer func() {
		if r := recover(); r != nil {
			img, err = nil, &FormatError{Page: page, Object: num, Offset: -1, Reason: "bad CCITT data", Err: fmt.Errorf("decoder panic: %v", r)}
		}
	}()
	g := image.NewGray(image.Rect(0, 0, w, h))
	if err := ccitt.DecodeIntoGray(g, bytes.NewReader(data), ccitt.MSB, sf, &ccitt.Options{Align: align}); err != nil {
		if sf == ccitt.Group3 && parms["EndOfLine"] != true {
			return nil, &UnsupportedError{Page: page, Object: num, Feature: "CCITTFaxDecode Group 3 without end-of-line codes"}
		}
		return nil, &FormatError{Page: page, Object: num, Offset: -1, Reason: "bad CCITT data", Err: err}
	}
	// The decoder writes black as 0. With BlackIs1, black pixels are the
	// sample 1, which DeviceGray shows as white; /Decode [1 0] swaps again.
	if blackIs1 != invert {
		for i, v := range g.Pix {
			g.Pix[i] = 255 - v
		}
	}
	return g, nil
}
