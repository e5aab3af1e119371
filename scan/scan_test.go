package scan

import (
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	qrcode "github.com/skip2/go-qrcode"
	xdraw "golang.org/x/image/draw"
	"golang.org/x/image/math/f64"
)

// shareLike returns n symbols of Crockford base32 after a prefix, as a
// share or part string is.
func shareLike(r *rand.Rand, prefix string, n int) string {
	const alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
	var b strings.Builder
	b.WriteString(prefix)
	for range n {
		b.WriteByte(alphabet[r.IntN(len(alphabet))])
	}
	return b.String()
}

// codeImage draws text as a QR code at level Q, px pixels a module, with
// a four-module quiet zone.
func codeImage(t *testing.T, text string, px int) *image.Gray {
	t.Helper()
	q, err := qrcode.New(text, qrcode.High)
	if err != nil {
		t.Fatal(err)
	}
	bm := q.Bitmap() // with its quiet zone
	img := image.NewGray(image.Rect(0, 0, len(bm)*px, len(bm)*px))
	for y, row := range bm {
		for x, dark := range row {
			c := color.Gray{Y: 0xff}
			if dark {
				c = color.Gray{}
			}
			draw.Draw(img, image.Rect(x*px, y*px, (x+1)*px, (y+1)*px), image.NewUniform(c), image.Point{}, draw.Src)
		}
	}
	return img
}

// rotate turns img by deg degrees about its centre onto a larger white
// canvas, with bilinear interpolation, as a scanner fed askew gives it.
func rotate(img *image.Gray, deg float64) *image.Gray {
	w, h := float64(img.Bounds().Dx()), float64(img.Bounds().Dy())
	side := int(math.Ceil(math.Hypot(w, h))) + 20
	dst := image.NewGray(image.Rect(0, 0, side, side))
	draw.Draw(dst, dst.Bounds(), image.White, image.Point{}, draw.Src)
	a := deg * math.Pi / 180
	cos, sin := math.Cos(a), math.Sin(a)
	c := float64(side) / 2
	// dst = R·(src − centre of src) + centre of dst
	m := f64.Aff3{cos, -sin, c - cos*w/2 + sin*h/2, sin, cos, c - sin*w/2 - cos*h/2}
	xdraw.BiLinear.Transform(dst, m, img, img.Bounds(), xdraw.Over, nil)
	return dst
}

func TestDecode(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	share := shareLike(r, "QRM1", 567) // version 18, as a typical share
	code := codeImage(t, share, 4)
	tests := []struct {
		name string
		img  image.Image
	}{
		{"as drawn", code},
		{"3 pixels a module", codeImage(t, share, 3)},
		{"turned 90°", rotate(code, 90)},
		{"upside down", rotate(code, 180)},
		{"askew by 7°", rotate(code, 7)},
		{"askew by −25°", rotate(code, -25)},
		{"cut from a larger image", rotate(code, 0).SubImage(image.Rect(5, 5, 500, 500))},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Decode(tt.img)
			if err != nil || !slices.Equal(got, []string{share}) {
				t.Fatalf("Decode = %.30q, %v; want the share", got, err)
			}
		})
	}
}

// TestDecodeSeveral puts the parts of a long share side by side, close
// together as a sheet prints them: every one must be read.
func TestDecodeSeveral(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 8))
	for _, tt := range []struct{ parts, symbols, cols, px int }{
		{2, 900, 2, 4},
		{3, 1000, 2, 4},
		{4, 1000, 2, 3},
		{4, 700, 4, 4},
	} {
		t.Run(fmt.Sprintf("%d parts in %d columns", tt.parts, tt.cols), func(t *testing.T) {
			var want []string
			var imgs []*image.Gray
			for range tt.parts {
				want = append(want, shareLike(r, "QRP1", tt.symbols))
				imgs = append(imgs, codeImage(t, want[len(want)-1], tt.px))
			}
			side := imgs[0].Bounds().Dx()
			rows := (tt.parts + tt.cols - 1) / tt.cols
			page := image.NewGray(image.Rect(0, 0, tt.cols*side, rows*side))
			draw.Draw(page, page.Bounds(), image.White, image.Point{}, draw.Src)
			for i, img := range imgs {
				at := image.Pt(i%tt.cols*side, i/tt.cols*side)
				draw.Draw(page, img.Bounds().Add(at), img, image.Point{}, draw.Src)
			}
			got, err := Decode(page)
			slices.Sort(got)
			slices.Sort(want)
			if err != nil || !slices.Equal(got, want) {
				t.Fatalf("Decode found %d codes (%v), want %d", len(got), err, len(want))
			}
		})
	}
}

func TestDecodeNone(t *testing.T) {
	blank := image.NewGray(image.Rect(0, 0, 300, 300))
	draw.Draw(blank, blank.Bounds(), image.White, image.Point{}, draw.Src)
	noise := image.NewGray(image.Rect(0, 0, 300, 300))
	r := rand.New(rand.NewPCG(9, 10))
	for i := range noise.Pix {
		noise.Pix[i] = uint8(r.IntN(256))
	}
	for name, img := range map[string]image.Image{
		"blank": blank, "noise": noise, "empty": image.NewGray(image.Rectangle{}),
	} {
		if got, err := Decode(img); !errors.Is(err, ErrNoCode) {
			t.Errorf("%s: Decode = %q, %v; want ErrNoCode", name, got, err)
		}
	}
}

// TestGrayOf checks the direct conversions against draw.Draw, which they
// replace for speed: the same gray values, from images not at the origin.
func TestGrayOf(t *testing.T) {
	r := rand.New(rand.NewPCG(11, 12))
	rect := image.Rect(3, 5, 40, 33)
	gray := image.NewGray(image.Rect(0, 0, 50, 40))
	rgba := image.NewRGBA(image.Rect(0, 0, 50, 40))
	for i := range gray.Pix {
		gray.Pix[i] = uint8(r.IntN(256))
	}
	for i := range rgba.Pix {
		rgba.Pix[i] = uint8(r.IntN(256))
	}
	for name, img := range map[string]image.Image{
		"gray": gray, "gray, cut": gray.SubImage(rect),
		"rgba": rgba, "rgba, cut": rgba.SubImage(rect),
	} {
		b := img.Bounds()
		want := image.NewGray(image.Rect(0, 0, b.Dx(), b.Dy()))
		draw.Draw(want, want.Bounds(), img, b.Min, draw.Src)
		got := grayOf(img)
		if got.Bounds() != want.Bounds() || !slices.Equal(got.Pix, want.Pix) {
			t.Errorf("%s: grayOf differs from draw.Draw", name)
		}
	}
}

// TestGrayOfYCbCr checks that a colour JPEG's luma, which grayOf takes
// as its gray, is within two levels of what draw.Draw makes of it through
// RGB, wherever the colour is not clipped there.
func TestGrayOfYCbCr(t *testing.T) {
	r := rand.New(rand.NewPCG(13, 14))
	for _, ratio := range []image.YCbCrSubsampleRatio{image.YCbCrSubsampleRatio420, image.YCbCrSubsampleRatio444} {
		img := image.NewYCbCr(image.Rect(0, 0, 64, 48), ratio)
		for i := range img.Y {
			img.Y[i] = uint8(r.IntN(256))
		}
		for i := range img.Cb {
			// A sheet's paper and ink, under coloured light: colours
			// near gray.
			img.Cb[i], img.Cr[i] = uint8(128+r.IntN(41)-20), uint8(128+r.IntN(41)-20)
		}
		cut := img.SubImage(image.Rect(3, 5, 60, 40)).(*image.YCbCr)
		b := cut.Bounds()
		want := image.NewGray(image.Rect(0, 0, b.Dx(), b.Dy()))
		draw.Draw(want, want.Bounds(), cut, b.Min, draw.Src)
		got := grayOf(cut)
		for y := range b.Dy() {
			for x := range b.Dx() {
				c := cut.YCbCrAt(b.Min.X+x, b.Min.Y+y)
				if r, g, bl := color.YCbCrToRGB(c.Y, c.Cb, c.Cr); max(r, g, bl) == 255 || min(r, g, bl) == 0 {
					continue // clipped
				}
				if d := int(got.GrayAt(x, y).Y) - int(want.GrayAt(x, y).Y); d < -2 || d > 2 {
					t.Fatalf("%v: pixel (%d, %d): luma %d, draw.Draw %d", ratio, x, y, got.GrayAt(x, y).Y, want.GrayAt(x, y).Y)
				}
			}
		}
	}
}

// TestDecodeOne reads codes of every size a sheet prints, alone at four
// pixels a module as print's read-back check draws them. ZXing's single
// pass misjudges the module size of some of these (the share strings of
// 615, 706, 874 and 881 symbols below, among others), so this also runs
// the fallback to Decode.
func TestDecodeOne(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for n := 20; n <= 1040; n += 7 {
		s := shareLike(r, "QRM1", n)
		if got, err := DecodeOne(codeImage(t, s, 4)); err != nil || got != s {
			t.Errorf("%d symbols: DecodeOne = %.20q…, %v; want the text drawn", n, got, err)
		}
	}
	blank := image.NewGray(image.Rect(0, 0, 300, 300))
	draw.Draw(blank, blank.Bounds(), image.White, image.Point{}, draw.Src)
	for name, img := range map[string]image.Image{"blank": blank, "empty": image.NewGray(image.Rectangle{})} {
		if got, err := DecodeOne(img); !errors.Is(err, ErrNoCode) {
			t.Errorf("%s: DecodeOne = %q, %v; want ErrNoCode", name, got, err)
		}
	}
}
