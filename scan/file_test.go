package scan

import (
	"bytes"
	be "encoding/binary"
	"errors"
	"hash/crc32"
	"image"
	"image/jpeg"
	"image/png"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	xdraw "golang.org/x/image/draw"

	"quorum/pdfimage"
)

// pngHeader returns the first bytes of a PNG file claiming w × h pixels of
// 8-bit gray: its signature and a valid IHDR chunk, no pixels.
func pngHeader(w, h uint32) []byte {
	ihdr := be.BigEndian.AppendUint32(nil, w)
	ihdr = be.BigEndian.AppendUint32(ihdr, h)
	ihdr = append(ihdr, 8, 0, 0, 0, 0) // depth 8, gray, no interlace
	b := []byte("\x89PNG\r\n\x1a\n")
	b = be.BigEndian.AppendUint32(b, uint32(len(ihdr)))
	chunk := append([]byte("IHDR"), ihdr...)
	b = append(b, chunk...)
	return be.BigEndian.AppendUint32(b, crc32.ChecksumIEEE(chunk))
}

// jpegHeader returns the first bytes of a baseline JPEG claiming w × h
// pixels of gray: start of image, a JFIF segment (without which Go's
// decoder reads on to learn the colour transform) and a start of frame.
func jpegHeader(w, h uint16) []byte {
	b := []byte{0xff, 0xd8, 0xff, 0xe0, 0, 16, 'J', 'F', 'I', 'F', 0, 1, 1, 0, 0, 1, 0, 1, 0, 0}
	b = append(b, 0xff, 0xc0, 0, 11, 8)
	b = be.BigEndian.AppendUint16(b, h)
	b = be.BigEndian.AppendUint16(b, w)
	return append(b, 1, 1, 0x11, 0)
}

func encodePNG(t testing.TB, img image.Image) []byte {
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func encodeJPEG(t testing.TB, img image.Image, q int) []byte {
	var b bytes.Buffer
	if err := jpeg.Encode(&b, img, &jpeg.Options{Quality: q}); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestDecodeFile(t *testing.T) {
	r := rand.New(rand.NewPCG(21, 22))
	text := shareLike(r, "QRM1", 567)
	code := rotate(codeImage(t, text, 4), 30)
	for name, data := range map[string][]byte{
		"PNG":         encodePNG(t, code),
		"JPEG":        encodeJPEG(t, code, 75),
		"JPEG at 20%": encodeJPEG(t, code, 20),
	} {
		t.Run(name, func(t *testing.T) {
			if !IsImage(data) {
				t.Errorf("IsImage = false")
			}
			got, err := DecodeFile(data)
			if err != nil || !slices.Equal(got, []string{text}) {
				t.Fatalf("DecodeFile = %.30q, %v; want the code's text", got, err)
			}
		})
	}
}

// TestDecodeFileRefused checks every refusal: each with its own error,
// and the huge ones before anything is allocated for their pixels.
func TestDecodeFileRefused(t *testing.T) {
	blank := image.NewGray(image.Rect(0, 0, 300, 300))
	for i := range blank.Pix {
		blank.Pix[i] = 0xff
	}
	pngFile := encodePNG(t, codeImage(t, "QRM1ABCDEFGH", 4))
	jpegFile := encodeJPEG(t, codeImage(t, "QRM1ABCDEFGH", 4), 90)
	limit := func(format string, w, h int) func(error) bool {
		return func(err error) bool {
			var e *LimitError
			return errors.As(err, &e) && e.Format == format && e.Width == w && e.Height == h && e.Limit == MaxPixels
		}
	}
	format := func(name string) func(error) bool {
		return func(err error) bool {
			var e *FormatError
			return errors.As(err, &e) && e.Format == name
		}
	}
	is := func(target error) func(error) bool { return func(err error) bool { return errors.Is(err, target) } }
	tests := []struct {
		name string
		data []byte
		want func(error) bool
	}{
		{"PNG of 100000 × 100000", pngHeader(100000, 100000), limit("PNG", 100000, 100000)},
		{"PNG of 9000 × 9000", pngHeader(9000, 9000), limit("PNG", 9000, 9000)},
		{"PNG a pixel tall, 40000 wide", pngHeader(40000, 1), limit("PNG", 40000, 1)},
		{"JPEG of 65535 × 65535", jpegHeader(65535, 65535), limit("JPEG", 65535, 65535)},
		{"JPEG of 12000 × 7000", jpegHeader(12000, 7000), limit("JPEG", 12000, 7000)},
		{"PNG, header alone", pngHeader(100, 100), format("PNG")},
		{"PNG, truncated", pngFile[:len(pngFile)/2], format("PNG")},
		{"PNG, signature alone", pngFile[:8], format("PNG")},
		{"JPEG, truncated", jpegFile[:len(jpegFile)/2], format("JPEG")},
		{"JPEG, start of image alone", jpegFile[:3], format("JPEG")},
		{"JPEG of 0 × 0", jpegHeader(0, 0), format("JPEG")},
		{"share text", []byte("QRM1 ABCD EFGH\n"), is(ErrUnknownFormat)},
		{"GIF", []byte("GIF89a\x01\x00\x01\x00"), is(ErrUnknownFormat)},
		{"PDF, header alone", []byte("%PDF-1.7\n"), func(err error) bool {
			var e *pdfimage.FormatError
			return errors.As(err, &e)
		}},
		{"empty", nil, is(ErrUnknownFormat)},
		{"blank page", encodePNG(t, blank), is(ErrNoCode)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			start := time.Now()
			got, err := DecodeFile(tt.data)
			if !tt.want(err) {
				t.Fatalf("DecodeFile = %q, %v (%T)", got, err, err)
			}
			if d := time.Since(start); d > time.Second {
				t.Errorf("refused after %v; want at once", d)
			}
		})
	}
}

func TestIsImage(t *testing.T) {
	for _, tt := range []struct {
		data string
		want bool
	}{
		{"\x89PNG\r\n\x1a\n", true},
		{"\xff\xd8\xff\xe0", true},
		{"\x89PNG", false},
		{"\xff\xd8", false},
		{"QRM1ABCD", false},
		{"%PDF-1.4", true},
		{"%PD", false},
		{"", false},
	} {
		if got := IsImage([]byte(tt.data)); got != tt.want {
			t.Errorf("IsImage(%q) = %v, want %v", tt.data, got, tt.want)
		}
	}
}

// TestMed9 checks the median network against sorting, on every
// arrangement of small values and on random ones.
func TestMed9(t *testing.T) {
	r := rand.New(rand.NewPCG(51, 52))
	for range 100000 {
		var v [9]uint8
		for i := range v {
			v[i] = uint8(r.IntN(6) * 50)
		}
		s := v[:]
		sorted := slices.Clone(s)
		slices.Sort(sorted)
		if got := med9(&v); got != sorted[4] {
			t.Fatalf("med9(%v) = %d, want %d", sorted, got, sorted[4])
		}
	}
}

// TestNearest checks the gray nearest-neighbour scaler against x/image's,
// which it replaces for speed.
func TestNearest(t *testing.T) {
	r := rand.New(rand.NewPCG(53, 54))
	src := image.NewGray(image.Rect(0, 0, 97, 61))
	for i := range src.Pix {
		src.Pix[i] = uint8(r.IntN(256))
	}
	for _, f := range []float64{0.5, 0.9, 1.1, 1.5, 0.37, 2.3} {
		got := resample(src, rescale{f, xdraw.NearestNeighbor})
		want := image.NewGray(got.Bounds())
		xdraw.NearestNeighbor.Scale(want, want.Bounds(), src, src.Bounds(), xdraw.Src, nil)
		if !slices.Equal(got.Pix, want.Pix) {
			t.Errorf("factor %v: nearest differs from x/image's NearestNeighbor", f)
		}
	}
}
