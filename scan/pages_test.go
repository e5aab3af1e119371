package scan_test

import (
	"bytes"
	"errors"
	"image"
	"image/jpeg"
	"image/png"
	"sync"
	"testing"

	"quorum/internal/degrade"
	"quorum/print"
	"quorum/scan"
)

// The pages of a scanned stack that are not a clean sheet, as bench/run
// measures them against zbarimg (bench/scanrows makes the same images from
// pdftoppm's rendering): the blank back of a sheet and a page of noise,
// A4 at 300 dpi; the ceremony record, which has no code, at 200 dpi; and
// a custodian's sheet photographed by a 12-megapixel phone. Each is the
// bytes of its file, as DecodeFile reads them.
var pages struct {
	once                        sync.Once
	blank, noise, record, photo []byte
	want                        string // the photographed sheet's share
	err                         error
}

const a4Width300, a4Height300 = 2481, 3508

func noCodePages(t testing.TB) (blank, noise, record, photo []byte, want string) {
	t.Helper()
	pages.once.Do(func() {
		set := ceremonySet(t)
		p := &pages
		if p.want, p.err = set.Shares[0].Marshal(); p.err != nil {
			return
		}
		doc, err := print.New(set.Shares, print.Options{Manifest: set.Manifest, Record: true})
		if err != nil {
			p.err = err
			return
		}
		// The record's first page: PNG stacks a sheet's pages.
		rec, err := renderGray(doc, doc.Sheets[0], 200)
		if err != nil {
			p.err = err
			return
		}
		rec = rec.SubImage(image.Rect(0, 0, rec.Bounds().Dx(), min(rec.Bounds().Dy(), 2339))).(*image.Gray)
		sheet, err := renderGray(doc, doc.Sheets[1], 300)
		if err != nil {
			p.err = err
			return
		}
		p.blank = pngBytes(degrade.Blank(a4Width300, a4Height300, degrade.Stream(1, "blank")))
		p.noise = pngBytes(degrade.Noise(a4Width300, a4Height300, degrade.Stream(1, "noise")))
		p.record = pngBytes(rec)
		var b bytes.Buffer
		p.err = jpeg.Encode(&b, degrade.Photo(sheet, degrade.Stream(1, "photo"), 12_000_000), &jpeg.Options{Quality: 90})
		p.photo = b.Bytes()
	})
	if pages.err != nil {
		t.Fatal(pages.err)
	}
	return pages.blank, pages.noise, pages.record, pages.photo, pages.want
}

func renderGray(doc *print.Document, s *print.Sheet, dpi float64) (*image.Gray, error) {
	data, err := doc.PNG(s, dpi)
	if err != nil {
		return nil, err
	}
	img, err := png.Decode(bytes.NewReader(data))
	if err != nil {
		return nil, err
	}
	g, ok := img.(*image.Gray)
	if !ok {
		return nil, errors.New("print's PNG is not gray")
	}
	return g, nil
}

func pngBytes(img image.Image) []byte {
	var b bytes.Buffer
	if err := (&png.Encoder{CompressionLevel: png.BestSpeed}).Encode(&b, img); err != nil {
		panic(err)
	}
	return b.Bytes()
}

// TestDecodeNoCodePages checks that the pages without a code are refused
// as every image without one is, and that the photo is read.
func TestDecodeNoCodePages(t *testing.T) {
	blank, noise, record, photo, want := noCodePages(t)
	for _, tt := range []struct {
		name string
		data []byte
	}{
		{"blank A4 at 300 dpi", blank},
		{"noise A4 at 300 dpi", noise},
		{"ceremony record at 200 dpi", record},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if texts, err := scan.DecodeFile(tt.data); !errors.Is(err, scan.ErrNoCode) {
				t.Errorf("DecodeFile = %d texts, %v; want ErrNoCode", len(texts), err)
			}
		})
	}
	t.Run("phone photo, 12 megapixels", func(t *testing.T) {
		texts, err := scan.DecodeFile(photo)
		if err != nil || len(texts) != 1 || texts[0] != want {
			t.Errorf("DecodeFile = %d texts, %v; want the sheet's share", len(texts), err)
		}
	})
}

// BenchmarkDecodePages times DecodeFile on each page, its decoding of the
// file included, as quorum reads a scan given as a SHARE.
func BenchmarkDecodePages(b *testing.B) {
	blank, noise, record, photo, want := noCodePages(b)
	for _, tt := range []struct {
		name string
		data []byte
		want string
	}{
		{"blank A4 at 300 dpi", blank, ""},
		{"noise A4 at 300 dpi", noise, ""},
		{"ceremony record at 200 dpi", record, ""},
		{"phone photo, 12 megapixels", photo, want},
	} {
		b.Run(tt.name, func(b *testing.B) {
			for b.Loop() {
				texts, err := scan.DecodeFile(tt.data)
				if tt.want == "" && !errors.Is(err, scan.ErrNoCode) || tt.want != "" && (err != nil || len(texts) != 1 || texts[0] != tt.want) {
					b.Fatalf("DecodeFile: %d texts, %v", len(texts), err)
				}
			}
		})
	}
}
