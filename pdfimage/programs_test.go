package pdfimage

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"quorum/internal/testtool"
)

// run runs a real program in dir and fails the test if it fails.
func run(t *testing.T, dir, name string, args ...string) {
	t.Helper()
	cmd := exec.Command(testtool.Need(t, name), args...)
	cmd.Dir = dir
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("%s %v: %v\n%s", name, args, err, out)
	}
}

// Source images, drawn so that a wrong row length, channel order,
// polarity or predictor shows as a pixel difference.
func grayImage(w, h int) *image.Gray {
	img := image.NewGray(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			img.SetGray(x, y, color.Gray{uint8(x*7 + y*3 + (x*y)%11)})
		}
	}
	return img
}

func rgbImage(w, h int) *image.NRGBA {
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			img.SetNRGBA(x, y, color.NRGBA{uint8(x * 5), uint8(y * 9), uint8((x + y) * 3 % 256), 255})
		}
	}
	return img
}

// bitImage is a one-bit picture: a disc and a checkerboard corner, with
// a width that is not a multiple of 8.
func bitImage(w, h int) *image.Gray {
	img := image.NewGray(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			dx, dy := x-w/2, y-h/2
			black := dx*dx+dy*dy < (h/3)*(h/3) || (x < 24 && y < 24 && (x/4+y/4)%2 == 0)
			v := uint8(255)
			if black {
				v = 0
			}
			img.SetGray(x, y, color.Gray{v})
		}
	}
	return img
}

func writePNG(t *testing.T, path string, img image.Image) {
	t.Helper()
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, b.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
}

// writeJPEG writes img as a JPEG and returns the decoded file, after
// checking that it is near the source on average.
func writeJPEG(t *testing.T, path string, img image.Image) image.Image {
	t.Helper()
	var b bytes.Buffer
	if err := jpeg.Encode(&b, img, &jpeg.Options{Quality: 90}); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, b.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	dec, err := jpeg.Decode(bytes.NewReader(b.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	if m := meanDiff(dec, img); m > 8 {
		t.Fatalf("%s differs from its source by %.1f on average", path, m)
	}
	return dec
}

// meanDiff is the mean absolute difference of the RGB channels.
func meanDiff(a, b image.Image) float64 {
	sum, n := 0, 0
	r := a.Bounds()
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			r1, g1, b1, _ := a.At(x, y).RGBA()
			r2, g2, b2, _ := b.At(x, y).RGBA()
			sum += abs(int(r1>>8)-int(r2>>8)) + abs(int(g1>>8)-int(g2>>8)) + abs(int(b1>>8)-int(b2>>8))
			n += 3
		}
	}
	return float64(sum) / float64(n)
}

// writePBM writes a binary PBM (P4), 1 meaning black, for ppm2tiff.
func writePBM(t *testing.T, path string, img *image.Gray) {
	t.Helper()
	b := img.Bounds()
	var buf bytes.Buffer
	fmt.Fprintf(&buf, "P4\n%d %d\n", b.Dx(), b.Dy())
	row := make([]byte, (b.Dx()+7)/8)
	for y := 0; y < b.Dy(); y++ {
		clear(row)
		for x := 0; x < b.Dx(); x++ {
			if img.GrayAt(x, y).Y < 128 {
				row[x/8] |= 0x80 >> (x % 8)
			}
		}
		buf.Write(row)
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
}

// twoColour is a paletted copy of a one-bit image, which image/png
// writes with one bit per pixel.
func twoColour(g *image.Gray) *image.Paletted {
	p := image.NewPaletted(g.Bounds(), color.Palette{color.Black, color.White})
	for i, v := range g.Pix {
		if v >= 128 {
			p.Pix[i] = 1
		}
	}
	return p
}

// diff compares img with want by luminance and RGB and returns the largest
// channel difference.
func diff(t *testing.T, img, want image.Image) int {
	t.Helper()
	if img.Bounds().Size() != want.Bounds().Size() {
		t.Fatalf("image is %v, want %v", img.Bounds().Size(), want.Bounds().Size())
	}
	worst := 0
	b, wb := img.Bounds(), want.Bounds()
	for y := 0; y < b.Dy(); y++ {
		for x := 0; x < b.Dx(); x++ {
			r1, g1, b1, _ := img.At(b.Min.X+x, b.Min.Y+y).RGBA()
			r2, g2, b2, _ := want.At(wb.Min.X+x, wb.Min.Y+y).RGBA()
			for _, d := range []int{int(r1>>8) - int(r2>>8), int(g1>>8) - int(g2>>8), int(b1>>8) - int(b2>>8)} {
				worst = max(worst, abs(d))
			}
		}
	}
	return worst
}

// TestImg2pdf makes PDFs with img2pdf, the tool Debian offers for putting
// scans into a PDF without re-encoding them, from PNG (gray, RGB, one-bit),
// JPEG (gray and RGB) and a CCITT Group 4 TIFF made by tiffcp, and checks
// that the pixels come back: exactly for lossless kinds, within JPEG's
// error for JPEG (img2pdf embeds the JPEG file as it is).
func TestImg2pdf(t *testing.T) {
	testtool.Need(t, "img2pdf")
	dir := t.TempDir()
	gray, rgb, bits := grayImage(173, 91), rgbImage(120, 77), bitImage(301, 203)
	writePNG(t, filepath.Join(dir, "gray.png"), gray)
	writePNG(t, filepath.Join(dir, "rgb.png"), rgb)
	writePNG(t, filepath.Join(dir, "bits.png"), twoColour(bits))
	gray16 := image.NewGray16(image.Rect(0, 0, 37, 19))
	for i := range gray16.Pix {
		gray16.Pix[i] = uint8(i * 13)
	}
	writePNG(t, filepath.Join(dir, "gray16.png"), gray16)
	// img2pdf embeds a JPEG as it is, so its pixels are what image/jpeg
	// makes of the file; how near those are to the source is JPEG's affair
	// (meanDiff checks that it is near).
	rgbJPEG := writeJPEG(t, filepath.Join(dir, "rgb.jpg"), rgb)
	grayJPEG := writeJPEG(t, filepath.Join(dir, "gray.jpg"), gray)

	tests := []struct {
		name    string
		inputs  []string
		want    []image.Image
		maxDiff int
	}{
		{"gray png", []string{"gray.png"}, []image.Image{gray}, 0},
		{"rgb png", []string{"rgb.png"}, []image.Image{rgb}, 0},
		{"one-bit png", []string{"bits.png"}, []image.Image{bits}, 0},
		// Images keeps the high byte of 16-bit samples; diff compares 8 bits.
		{"16-bit gray png", []string{"gray16.png"}, []image.Image{gray16}, 0},
		{"rgb jpeg", []string{"rgb.jpg"}, []image.Image{rgbJPEG}, 0},
		{"gray jpeg", []string{"gray.jpg"}, []image.Image{grayJPEG}, 0},
		{"multi-page", []string{"gray.png", "rgb.jpg", "bits.png"}, []image.Image{gray, rgbJPEG, bits}, 0},
	}
	if testtool.Have(t, "tiffcp") {
		writePBM(t, filepath.Join(dir, "bits.pbm"), bits)
		run(t, dir, "ppm2tiff", "bits.pbm", "bits1.tif")
		run(t, dir, "tiffcp", "-c", "g4", "bits1.tif", "g4.tif")
		tests = append(tests, struct {
			name    string
			inputs  []string
			want    []image.Image
			maxDiff int
		}{"ccitt g4 tiff", []string{"g4.tif"}, []image.Image{bits}, 0})
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := filepath.Join(dir, tt.name+".pdf")
			run(t, dir, "img2pdf", append(tt.inputs, "-o", out)...)
			data, err := os.ReadFile(out)
			if err != nil {
				t.Fatal(err)
			}
			imgs, err := Images(data)
			if err != nil {
				t.Fatalf("Images: %v", err)
			}
			if len(imgs) != len(tt.want) {
				t.Fatalf("got %d images, want %d", len(imgs), len(tt.want))
			}
			for i, im := range imgs {
				if im.Page != i+1 {
					t.Errorf("image %d is on page %d, want %d", i, im.Page, i+1)
				}
				if d := diff(t, im.Image, tt.want[i]); d > tt.maxDiff {
					t.Errorf("page %d (%T): pixels differ by up to %d, want at most %d", im.Page, im.Image, d, tt.maxDiff)
				}
			}
		})
	}
}

// tiffStrip returns the fields of a one-strip TIFF that a PDF's
// CCITTFaxDecode image needs: its size, compression and the strip itself.
func tiffStrip(t *testing.T, data []byte) (w, h, compression int, strip []byte) {
	t.Helper()
	var bo binary.ByteOrder = binary.LittleEndian
	if string(data[:2]) == "MM" {
		bo = binary.BigEndian
	}
	ifd := int(bo.Uint32(data[4:]))
	n := int(bo.Uint16(data[ifd:]))
	var off, count int
	for i := 0; i < n; i++ {
		e := data[ifd+2+12*i:]
		tag, typ, cnt := bo.Uint16(e), bo.Uint16(e[2:]), bo.Uint32(e[4:])
		v := int(bo.Uint32(e[8:]))
		if typ == 3 {
			v = int(bo.Uint16(e[8:]))
		}
		if cnt != 1 && (tag == 273 || tag == 279) {
			t.Fatalf("TIFF has %d strips, want one", cnt)
		}
		switch tag {
		case 256:
			w = v
		case 257:
			h = v
		case 259:
			compression = v
		case 266:
			if v != 1 {
				t.Fatalf("TIFF fill order %d, want 1", v)
			}
		case 273:
			off = v
		case 279:
			count = v
		}
	}
	return w, h, compression, data[off : off+count]
}

// TestCCITTGroup3 puts the strip of a Group 3 one-dimensional TIFF from
// tiffcp into a PDF image with /K 0 /EndOfLine true (libtiff writes an
// end-of-line code before each row) and checks the pixels.
func TestCCITTGroup3(t *testing.T) {
	testtool.Need(t, "tiffcp")
	dir := t.TempDir()
	bits := bitImage(301, 203)
	writePBM(t, filepath.Join(dir, "bits.pbm"), bits)
	run(t, dir, "ppm2tiff", "bits.pbm", "bits1.tif")
	run(t, dir, "tiffcp", "-c", "g3", "-r", "100000", "bits1.tif", "g3.tif")
	data, err := os.ReadFile(filepath.Join(dir, "g3.tif"))
	if err != nil {
		t.Fatal(err)
	}
	w, h, comp, strip := tiffStrip(t, data)
	if comp != 3 {
		t.Fatalf("TIFF compression %d, want 3 (CCITT Group 3)", comp)
	}
	pdf := buildPDF(onePage(streamObj(fmt.Sprintf(
		"/Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray /BitsPerComponent 1 /Filter /CCITTFaxDecode /DecodeParms << /K 0 /EndOfLine true /Columns %d /Rows %d >>",
		w, h, w, h), strip)), "")
	imgs, err := Images(pdf)
	if err != nil {
		t.Fatalf("Images: %v", err)
	}
	if d := diff(t, imgs[0].Image, bits); d != 0 {
		t.Errorf("pixels differ by up to %d", d)
	}
}

// writePPM writes a binary PPM (P6) of img, for ppm2tiff.
func writePPM(t *testing.T, path string, img image.Image) {
	t.Helper()
	b := img.Bounds()
	var buf bytes.Buffer
	fmt.Fprintf(&buf, "P6\n%d %d\n255\n", b.Dx(), b.Dy())
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			c := color.NRGBAModel.Convert(img.At(x, y)).(color.NRGBA)
			buf.Write([]byte{c.R, c.G, c.B})
		}
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
}

// TestTiff2pdf uses libtiff's tiff2pdf, the other way scans get into PDF
// on Debian: it passes CCITT Group 4 and JPEG strips through as they are
// (a JPEG one as its JPEG tables followed by the strip, with two SOI
// markers) and writes Deflate strips as Flate.
func TestTiff2pdf(t *testing.T) {
	testtool.Need(t, "tiff2pdf")
	dir := t.TempDir()
	rgb, bits := rgbImage(120, 77), bitImage(301, 203)
	writePPM(t, filepath.Join(dir, "rgb.ppm"), rgb)
	writePBM(t, filepath.Join(dir, "bits.pbm"), bits)
	run(t, dir, "ppm2tiff", "-c", "jpeg:95", "rgb.ppm", "jpeg.tif")
	run(t, dir, "ppm2tiff", "-c", "zip", "rgb.ppm", "zip.tif")
	run(t, dir, "ppm2tiff", "bits.pbm", "bits1.tif")
	run(t, dir, "tiffcp", "-c", "g4", "bits1.tif", "g4.tif")
	for _, tt := range []struct {
		tif     string
		want    image.Image
		maxMean float64
	}{
		{"jpeg.tif", rgb, 8},
		{"zip.tif", rgb, 0},
		{"g4.tif", bits, 0},
	} {
		t.Run(tt.tif, func(t *testing.T) {
			out := filepath.Join(dir, tt.tif+".pdf")
			run(t, dir, "tiff2pdf", "-o", out, tt.tif)
			data, err := os.ReadFile(out)
			if err != nil {
				t.Fatal(err)
			}
			imgs, err := Images(data)
			if err != nil {
				t.Fatalf("Images: %v", err)
			}
			if len(imgs) != 1 {
				t.Fatalf("got %d images, want 1", len(imgs))
			}
			m := meanDiff(imgs[0].Image, tt.want)
			t.Logf("%T, mean difference %.1f", imgs[0].Image, m)
			if m > tt.maxMean {
				t.Errorf("%T differs from the source by %.1f on average, want at most %.0f", imgs[0].Image, m, tt.maxMean)
			}
		})
	}
}
