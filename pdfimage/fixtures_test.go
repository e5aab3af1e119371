package pdfimage

import (
	"image"
	"os"
	"path/filepath"
	"testing"
)

// The committed fixtures, made by real programs from the test's own
// source images (grayImage(40, 30), rgbImage(32, 24), twoColour(bitImage(61, 43)),
// the JPEG of rgbImage(32, 24), and bitImage(200, 150) through ppm2tiff
// and tiffcp -c g4), so that the tests and the fuzzer's seeds need no
// program:
//
//	img2pdf gray.png rgb.png bits.png rgb.jpg g4.tif -o img2pdf-multi.pdf
//	python3 -c 'import pikepdf; pikepdf.open("img2pdf-multi.pdf").save("pikepdf-objstm.pdf",
//	    object_stream_mode=pikepdf.ObjectStreamMode.generate)'   # xref and object streams
//	gs -sDEVICE=pdfwrite -dMaxInlineImageSize=0 -o gs-pdfwrite.pdf img2pdf-multi.pdf   # Ghostscript re-encodes
//	gs -sDEVICE=pdfwrite -dMaxInlineImageSize=0 -sColorConversionStrategy=CMYK \
//	    -dAutoFilterColorImages=false -dColorImageFilter=/DCTEncode -o gs-cmyk-jpeg.pdf img2pdf-multi.pdf
//
// (-dMaxInlineImageSize=0 keeps Ghostscript from writing these small
// images inline in the page's content, which Images does not read.)
var fixtureWant = []struct {
	img     image.Image
	lossy   bool
	typeOut string
}{
	{grayImage(40, 30), false, "*image.Gray"},
	{rgbImage(32, 24), false, "*image.RGBA"},
	{bitImage(61, 43), false, "*image.Gray"},
	{rgbImage(32, 24), true, "*image.YCbCr"},
	{bitImage(200, 150), false, "*image.Gray"},
}

func readFixture(t *testing.T, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func TestFixtures(t *testing.T) {
	for _, tt := range []struct {
		file      string
		exactJPEG bool    // whether the JPEG is the original file; gs re-encodes everything
		tolerance float64 // mean difference allowed for lossy images
	}{
		{"img2pdf-multi.pdf", true, 8},
		{"pikepdf-objstm.pdf", true, 8},
		{"gs-pdfwrite.pdf", false, 8},
		// Ghostscript converts RGB to CMYK through ICC profiles and Images
		// back naively, which moves colours (24 here) but keeps black and
		// white: a polarity error would differ by about 220.
		{"gs-cmyk-jpeg.pdf", false, 32},
	} {
		t.Run(tt.file, func(t *testing.T) {
			imgs, err := Images(readFixture(t, tt.file))
			if err != nil {
				t.Fatalf("Images: %v", err)
			}
			if len(imgs) != len(fixtureWant) {
				t.Fatalf("got %d images, want %d", len(imgs), len(fixtureWant))
			}
			for i, im := range imgs {
				w := fixtureWant[i]
				if im.Page != i+1 {
					t.Errorf("image %d: page %d, want %d", i, im.Page, i+1)
				}
				lossy := w.lossy || !tt.exactJPEG
				if lossy {
					if m := meanDiff(im.Image, w.img); m > tt.tolerance {
						t.Errorf("page %d (%T): differs from the source by %.1f on average", im.Page, im.Image, m)
					}
					continue
				}
				if d := diff(t, im.Image, w.img); d != 0 {
					t.Errorf("page %d (%T): pixels differ by up to %d", im.Page, im.Image, d)
				}
			}
		})
	}
}

// TestTiff2pdfJPEGFixture reads a JPEG that tiff2pdf wrote with two SOI
// markers (from rgbImage(120, 77) through ppm2tiff -c jpeg and tiff2pdf),
// which image/jpeg alone refuses.
func TestTiff2pdfJPEGFixture(t *testing.T) {
	imgs, err := Images(readFixture(t, "tiff2pdf-jpeg.pdf"))
	if err != nil {
		t.Fatalf("Images: %v", err)
	}
	if m := meanDiff(imgs[0].Image, rgbImage(120, 77)); m > 10 {
		t.Errorf("differs from the source by %.1f on average", m)
	}
}

// TestLZWFixture reads the LZWDecode images (EarlyChange 1, the default)
// that Ghostscript writes for PDF 1.2 without Flate:
//
//	gs -sDEVICE=pdfwrite -dMaxInlineImageSize=0 -dUseFlateCompression=false \
//	    -dCompatibilityLevel=1.2 -o gs-lzw.pdf img2pdf-multi.pdf
func TestLZWFixture(t *testing.T) {
	imgs, err := Images(readFixture(t, "gs-lzw.pdf"))
	if err != nil {
		t.Fatalf("Images: %v", err)
	}
	for i, want := range []image.Image{grayImage(40, 30), rgbImage(32, 24)} {
		if d := diff(t, imgs[i].Image, want); d != 0 {
			t.Errorf("page %d (%T): pixels differ by up to %d", imgs[i].Page, imgs[i].Image, d)
		}
	}
}
