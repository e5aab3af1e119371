package scan

import (
	"bytes"
	"errors"
	"image"
	"image/jpeg"
	"image/png"
	"testing"

	qrcode "github.com/skip2/go-qrcode"

	"quorum/pdfimage"
)

// maxFuzzPixels keeps each input small enough that the fuzzer explores
// rather than waits; large images are a matter for the decoder's callers,
// which bound dimensions before decoding.
const maxFuzzPixels = 256 * 256

// FuzzDecode feeds arbitrary PNG bytes to Decode, the entry point that
// scanned sheets will reach: it must never panic or hang, whatever the
// image holds, and what it returns is only ever text it read.
func FuzzDecode(f *testing.F) {
	seeds := 0
	for _, text := range []string{"QRM1ABCDEFGH0123456789", "not a share", "QRP1" + "Z"} {
		q, err := qrcode.New(text, qrcode.High)
		if err != nil {
			f.Fatal(err)
		}
		b, err := q.PNG(128)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
		seeds++
	}
	var blank bytes.Buffer
	png.Encode(&blank, image.NewGray(image.Rect(0, 0, 40, 40)))
	f.Add(blank.Bytes())
	if seeds == 0 {
		f.Fatal("no seeds")
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		cfg, err := png.DecodeConfig(bytes.NewReader(data))
		if err != nil || cfg.Width*cfg.Height > maxFuzzPixels || cfg.Width <= 0 || cfg.Height <= 0 {
			return
		}
		img, err := png.Decode(bytes.NewReader(data))
		if err != nil {
			return
		}
		texts, err := Decode(img)
		if err == nil && len(texts) == 0 {
			t.Fatal("Decode returned no text and no error")
		}
	})
}

// FuzzDecodeFile feeds arbitrary bytes to DecodeFile, the entry point for
// files a custodian brings: no panic, no hang, and a typed error for what
// it refuses. Images that claim more than maxFuzzPixels but fewer than
// MaxPixels are skipped, as their decoding is slow, not wrong; those that
// claim more must be refused before decoding.
func FuzzDecodeFile(f *testing.F) {
	text := "QRM1ABCDEFGH0123456789"
	q, err := qrcode.New(text, qrcode.High)
	if err != nil {
		f.Fatal(err)
	}
	code, err := q.PNG(128)
	if err != nil {
		f.Fatal(err)
	}
	img, err := png.Decode(bytes.NewReader(code))
	if err != nil {
		f.Fatal(err)
	}
	var jpg bytes.Buffer
	if err := jpeg.Encode(&jpg, img, &jpeg.Options{Quality: 50}); err != nil {
		f.Fatal(err)
	}
	for _, seed := range [][]byte{
		code, jpg.Bytes(), code[:len(code)/2], jpg.Bytes()[:jpg.Len()/2],
		pngHeader(100000, 100000), jpegHeader(65535, 65535), pngHeader(64, 64),
		[]byte("%PDF-1.4\n"), []byte(text), nil,
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		if format := formatOf(data); format != "" {
			var cfg image.Config
			var err error
			if format == "PNG" {
				cfg, err = png.DecodeConfig(bytes.NewReader(data))
			} else {
				cfg, err = jpeg.DecodeConfig(bytes.NewReader(data))
			}
			if err == nil && cfg.Width*cfg.Height > maxFuzzPixels && checkSize(format, cfg.Width, cfg.Height) == nil {
				return
			}
		}
		texts, err := DecodeFile(data)
		var limit *LimitError
		var bad *FormatError
		var pdfLimit *pdfimage.LimitError
		var pdfBad *pdfimage.FormatError
		var pdfUnsupported *pdfimage.UnsupportedError
		switch {
		case err == nil && len(texts) == 0:
			t.Fatal("DecodeFile returned no text and no error")
		case err != nil && !errors.Is(err, ErrNoCode) && !errors.Is(err, ErrUnknownFormat) &&
			!errors.As(err, &limit) && !errors.As(err, &bad) && !errors.Is(err, pdfimage.ErrNoImages) &&
			!errors.As(err, &pdfLimit) && !errors.As(err, &pdfBad) && !errors.As(err, &pdfUnsupported):
			t.Fatalf("DecodeFile: untyped error %v", err)
		}
	})
}
