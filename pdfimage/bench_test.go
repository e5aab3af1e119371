package pdfimage

import (
	"bytes"
	"fmt"
	"image/jpeg"
	"testing"
)

// BenchmarkImages extracts an A4 page scanned at 300 dpi (2480 × 3508), as
// Flate-compressed gray with the PNG predictor img2pdf uses and as JPEG.
func BenchmarkImages(b *testing.B) {
	const w, h = 2480, 3508
	g := grayImage(w, h)
	rows := make([]byte, 0, h*(w+1))
	for y := 0; y < h; y++ {
		rows = append(rows, 0)
		rows = append(rows, g.Pix[y*w:(y+1)*w]...)
	}
	var jpg bytes.Buffer
	jpeg.Encode(&jpg, g, &jpeg.Options{Quality: 85})
	for _, bb := range []struct {
		name string
		pdf  []byte
	}{
		{"flate", buildPDF(onePage(streamObj(fmt.Sprintf(
			"/Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /FlateDecode /DecodeParms << /Predictor 15 /Columns %d >>", w, h, w),
			zlibBytes(rows))), "")},
		{"jpeg", buildPDF(onePage(streamObj(fmt.Sprintf(
			"/Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /DCTDecode", w, h), jpg.Bytes())), "")},
	} {
		b.Run(bb.name, func(b *testing.B) {
			b.SetBytes(int64(len(bb.pdf)))
			for b.Loop() {
				if _, err := Images(bb.pdf); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
