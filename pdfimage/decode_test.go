package pdfimage

import (
	"bytes"
	"compress/lzw"
	a85enc "encoding/ascii85"
	"image"
	"image/jpeg"
	"testing"
)

// pix lists an image's pixels as gray values (for *image.Gray) or as
// RGB triples, row by row, for comparing small images in tables.
func pix(img image.Image) []uint8 {
	var out []uint8
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			if g, ok := img.(*image.Gray); ok {
				out = append(out, g.GrayAt(x, y).Y)
				continue
			}
			r, g, b, _ := img.At(x, y).RGBA()
			out = append(out, uint8(r>>8), uint8(g>>8), uint8(b>>8))
		}
	}
	return out
}

// lzwBytes compresses with compress/lzw, which writes PDF's EarlyChange 0.
func lzwBytes(b []byte) []byte {
	var out bytes.Buffer
	w := lzw.NewWriter(&out, lzw.MSB, 8)
	w.Write(b)
	w.Close()
	return out.Bytes()
}

func a85(b []byte) []byte {
	out := make([]byte, a85enc.MaxEncodedLen(len(b)))
	n := a85enc.Encode(out, b)
	return append(out[:n], "~>"...)
}

// pngUp applies the PNG "Up" filter (type 2) to rows of rowLen bytes, as
// writers do with /Predictor 12.
func pngUp(data []byte, rowLen int) []byte {
	var out []byte
	prev := make([]byte, rowLen)
	for r := 0; r+rowLen <= len(data); r += rowLen {
		row := data[r : r+rowLen]
		out = append(out, 2)
		for i := range row {
			out = append(out, row[i]-prev[i])
		}
		prev = row
	}
	return out
}

// tiffDiff applies TIFF predictor 2 to rows of rowLen bytes, bpp bytes a
// pixel.
func tiffDiff(data []byte, rowLen, bpp int) []byte {
	out := append([]byte(nil), data...)
	for r := 0; r < len(out); r += rowLen {
		for i := rowLen - 1; i >= bpp; i-- {
			out[r+i] -= out[r+i-bpp]
		}
	}
	return out
}

func TestDecode(t *testing.T) {
	rgb := []byte{255, 0, 0, 0, 255, 0, 0, 0, 255, 10, 20, 30, 40, 50, 60, 70, 80, 90} // 3 × 2
	var jpg bytes.Buffer
	g := image.NewGray(image.Rect(0, 0, 16, 8))
	for i := range g.Pix {
		g.Pix[i] = uint8(i * 2)
	}
	jpeg.Encode(&jpg, g, &jpeg.Options{Quality: 100})

	tests := []struct {
		name  string
		dict  string
		data  []byte
		want  []uint8
		check func(t *testing.T, img image.Image)
	}{
		{"gray 8", "/Width 3 /Height 1 /ColorSpace /DeviceGray /BitsPerComponent 8", []byte{0, 128, 255}, []uint8{0, 128, 255}, nil},
		{"gray 8 decode inverted", "/Width 3 /Height 1 /ColorSpace /DeviceGray /BitsPerComponent 8 /Decode [1 0]", []byte{0, 128, 255}, []uint8{255, 127, 0}, nil},
		{"gray 1, odd width", "/Width 3 /Height 2 /ColorSpace /DeviceGray /BitsPerComponent 1", []byte{0xa0, 0x40}, []uint8{255, 0, 255, 0, 255, 0}, nil},
		{"gray 2", "/Width 4 /Height 1 /ColorSpace /DeviceGray /BitsPerComponent 2", []byte{0x1b}, []uint8{0, 85, 170, 255}, nil},
		{"gray 4", "/Width 2 /Height 1 /ColorSpace /CalGray /BitsPerComponent 4", []byte{0x0f}, []uint8{0, 255}, nil},
		{"gray 16", "/Width 2 /Height 1 /ColorSpace /DeviceGray /BitsPerComponent 16", []byte{0x12, 0x34, 0xff, 0xff}, []uint8{0x12, 0xff}, nil},
		{"image mask", "/Width 4 /Height 1 /ImageMask true", []byte{0x50}, []uint8{0, 255, 0, 255}, nil},
		{"image mask decode 1 0", "/Width 4 /Height 1 /ImageMask true /Decode [1 0]", []byte{0x50}, []uint8{255, 0, 255, 0}, nil},
		{"rgb", "/Width 3 /Height 2 /ColorSpace /DeviceRGB /BitsPerComponent 8", rgb, rgb, nil},
		{"cmyk", "/Width 2 /Height 1 /ColorSpace /DeviceCMYK /BitsPerComponent 8", []byte{255, 0, 0, 0, 0, 0, 0, 255}, []uint8{0, 255, 255, 0, 0, 0}, nil},
		{"icc gray", "/Width 2 /Height 1 /ColorSpace [/ICCBased 5 0 R] /BitsPerComponent 8", []byte{7, 9}, []uint8{7, 9}, nil},
		{"indexed rgb", "/Width 3 /Height 1 /ColorSpace [/Indexed /DeviceRGB 2 <ff000000ff000000ff>] /BitsPerComponent 2", []byte{0x18}, []uint8{255, 0, 0, 0, 255, 0, 0, 0, 255}, nil},
		{"indexed gray, index past hival", "/Width 2 /Height 1 /ColorSpace [/Indexed /DeviceGray 1 (\\001\\377)] /BitsPerComponent 8", []byte{1, 9}, []uint8{255, 255}, nil},
		{"ascii hex", "/Width 3 /Height 1 /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /AHx", []byte("00 80f\nf>"), []uint8{0, 128, 255}, nil},
		{"ascii85 then flate with png predictor", "/Width 3 /Height 2 /ColorSpace /DeviceRGB /BitsPerComponent 8 /Filter [/ASCII85Decode /FlateDecode] /DecodeParms [null << /Predictor 12 /Colors 3 /Columns 3 >>]",
			a85(zlibBytes(pngUp(rgb, 9))), rgb, nil},
		{"flate with tiff predictor", "/Width 3 /Height 2 /ColorSpace /DeviceRGB /BitsPerComponent 8 /Filter /FlateDecode /DecodeParms << /Predictor 2 /Colors 3 /Columns 3 >>",
			zlibBytes(tiffDiff(rgb, 9, 3)), rgb, nil},
		{"lzw, early change 0", "/Width 3 /Height 2 /ColorSpace /DeviceRGB /BitsPerComponent 8 /Filter /LZWDecode /DecodeParms << /EarlyChange 0 >>",
			lzwBytes(rgb), rgb, nil},
		{"run length", "/Width 5 /Height 1 /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /RunLengthDecode", []byte{0xfe, 7, 1, 1, 2, 128}, []uint8{7, 7, 7, 1, 2}, nil},
		{"flate then jpeg", "/Width 16 /Height 8 /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter [/FlateDecode /DCTDecode]", zlibBytes(jpg.Bytes()), nil,
			func(t *testing.T, img image.Image) {
				if m := meanDiff(img, g); m > 2 {
					t.Errorf("jpeg differs by %.1f on average", m)
				}
			}},
		{"jpeg decode inverted", "/Width 16 /Height 8 /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /DCTDecode /Decode [1 0]", jpg.Bytes(), nil,
			func(t *testing.T, img image.Image) {
				if v := img.(*image.Gray).Pix[0]; v < 250 {
					t.Errorf("first pixel %d, want about 255", v)
				}
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			objs := onePage(streamObj("/Type /XObject /Subtype /Image "+tt.dict, tt.data))
			objs = append(objs, streamObj("/N 1", []byte("icc")))
			imgs, err := Images(buildPDF(objs, ""))
			if err != nil {
				t.Fatalf("Images: %v", err)
			}
			if tt.check != nil {
				tt.check(t, imgs[0].Image)
				return
			}
			if got := pix(imgs[0].Image); !bytes.Equal(got, tt.want) {
				t.Errorf("pixels %v, want %v", got, tt.want)
			}
		})
	}
}

// TestStructure covers the page tree: inherited resources, an image in a
// Form XObject, one image on two pages, and pages in order.
func TestStructure(t *testing.T) {
	img := func(v byte) string {
		return streamObj("/Subtype /Image /Width 1 /Height 1 /ColorSpace /DeviceGray /BitsPerComponent 8", []byte{v})
	}
	objs := []string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R 4 0 R] /Resources << /XObject << /A 6 0 R /F 8 0 R >> >> >>",
		"<< /Type /Pages /Kids [5 0 R] >>",
		"<< /Type /Page >>", // page 2: inherits /A and the form /F
		"<< /Type /Page /Resources << /XObject << /B 7 0 R /C 6 0 R >> >> >>", // page 1
		img(10),
		img(20),
		streamObj("/Subtype /Form /Resources << /XObject << /I 7 0 R >> >>", []byte("q /I Do Q")),
	}
	// The tree's order is objects 5, 4: page 1 has its own /B and /C,
	// page 2 inherits /A and gets /I through the form.
	imgs, err := Images(buildPDF(objs, ""))
	if err != nil {
		t.Fatal(err)
	}
	var got [][2]int
	for _, im := range imgs {
		got = append(got, [2]int{im.Page, int(im.Image.(*image.Gray).Pix[0])})
	}
	want := [][2]int{{1, 20}, {1, 10}, {2, 10}, {2, 20}}
	if len(got) != len(want) {
		t.Fatalf("got %v, want %v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("got %v, want %v", got, want)
		}
	}
}
