// Package scan finds and decodes the QR codes in an image, in pure Go, so
// that quorum reads its own sheets without a camera app or a C library.
//
// It uses github.com/makiuchi-d/gozxing, a port of ZXing: a decoder written
// apart from the encoder that draws the sheets (github.com/skip2/go-qrcode),
// so that a code both agree on is a code other readers can be expected to
// read too. scan knows nothing of shares: it returns the texts as the codes
// hold them, and share.Read judges them.
//
// [Decode] takes an image as a renderer or a scanner gives it: one code or
// several (a share printed in parts), at any rotation, dark modules on a
// light ground. Photographs of worn sheets are a later job for this
// package.
package scan

import (
	"errors"
	"image"
	"image/draw"
	"math"

	"github.com/makiuchi-d/gozxing"
	multiqr "github.com/makiuchi-d/gozxing/multi/qrcode"
	multidetector "github.com/makiuchi-d/gozxing/multi/qrcode/detector"
	"github.com/makiuchi-d/gozxing/qrcode"
	xdraw "golang.org/x/image/draw"
)

// ErrNoCode means that no QR code could be read in the image.
var ErrNoCode = errors.New("no QR code could be read in the image")

// maxCodes bounds the codes read from one image: a sheet holds a few.
const maxCodes = 64

// Decode returns the text of every QR code it can read in img, each once,
// in the order they were found. It returns [ErrNoCode] if it reads none.
//
// ZXing's detectors misread some codes that zbar reads: among several
// codes on a page they pair finder patterns of different codes, and at
// four pixels a module or so their module size estimate can be off by
// enough to guess a version two sizes wrong. So each code read is painted
// over and the image searched again; and while the image still shows three
// finder patterns laid out as a code's, it is searched again at other
// scales, which moves the rounding that misled the estimate.
func Decode(img image.Image) ([]string, error) {
	b := img.Bounds()
	if b.Empty() {
		return nil, ErrNoCode
	}
	gray := image.NewGray(image.Rect(0, 0, b.Dx(), b.Dy()))
	draw.Draw(gray, gray.Bounds(), img, b.Min, draw.Src)
	var texts []string
	seen := map[string]bool{}
	add := func(rs []*gozxing.Result, scale float64) {
		for _, r := range rs {
			if !seen[r.GetText()] {
				seen[r.GetText()] = true
				texts = append(texts, r.GetText())
			}
			erase(gray, r.GetResultPoints(), scale)
		}
	}
	for len(texts) < maxCodes {
		if rs := find(gray); len(rs) > 0 {
			add(rs, 1)
			continue
		}
		if !codeLeft(gray) {
			break
		}
		found := false
		for _, sc := range rescales {
			if rs := find(resample(gray, sc)); len(rs) > 0 {
				add(rs, sc.factor)
				found = true
				break
			}
		}
		if !found {
			break
		}
	}
	if len(texts) == 0 {
		return nil, ErrNoCode
	}
	return texts, nil
}

// rescales are the other scales an image is searched at, in order of
// what found most codes that the first search missed, in pages that
// poppler rendered at 150 and 300 dpi.
var rescales = []rescale{
	{0.9, xdraw.NearestNeighbor}, {1.1, xdraw.NearestNeighbor}, {0.75, xdraw.BiLinear},
	{1.5, xdraw.NearestNeighbor}, {0.5, xdraw.NearestNeighbor},
}

type rescale struct {
	factor float64
	interp xdraw.Interpolator
}

func resample(gray *image.Gray, sc rescale) *image.Gray {
	b := gray.Bounds()
	dst := image.NewGray(image.Rect(0, 0, int(float64(b.Dx())*sc.factor), int(float64(b.Dy())*sc.factor)))
	sc.interp.Scale(dst, dst.Bounds(), gray, b, xdraw.Src, nil)
	return dst
}

func binary(gray *image.Gray) (*gozxing.BinaryBitmap, error) {
	return gozxing.NewBinaryBitmap(gozxing.NewHybridBinarizer(gozxing.NewLuminanceSourceFromImage(gray)))
}

// TRY_HARDER searches a rotated or skewed image more thoroughly; without
// it, sheets scanned at an angle are missed.
func hints() map[gozxing.DecodeHintType]interface{} {
	return map[gozxing.DecodeHintType]interface{}{gozxing.DecodeHintType_TRY_HARDER: true}
}

// find reads what codes it can in one pass.
func find(gray *image.Gray) []*gozxing.Result {
	bmp, err := binary(gray)
	if err != nil {
		return nil
	}
	results, err := multiqr.NewQRCodeMultiReader().DecodeMultiple(bmp, hints())
	if err == nil && len(results) > 0 {
		return results
	}
	// The detector for several codes gives up on some images that hold
	// one code the plain reader finds.
	if r, err := qrcode.NewQRCodeReader().Decode(bmp, hints()); err == nil {
		return []*gozxing.Result{r}
	}
	return nil
}

// codeLeft reports whether the image still shows three finder patterns
// placed as a code's corners.
func codeLeft(gray *image.Gray) bool {
	bmp, err := binary(gray)
	if err != nil {
		return false
	}
	m, err := bmp.GetBlackMatrix()
	if err != nil {
		return false
	}
	infos, err := multidetector.NewMultiFinderPatternFinder(m, nil).FindMulti(hints())
	return err == nil && len(infos) > 0
}

// erase paints a code that was read white, so that the next pass looks
// elsewhere; its points were found in an image scale times the size of
// gray. The first three points are the centres of the finder patterns
// (bottom left, top left, top right), which lie 3.5 modules in from the
// code's edges; the fourth corner completes the parallelogram.
func erase(gray *image.Gray, pts []gozxing.ResultPoint, scale float64) {
	if len(pts) < 3 {
		return
	}
	ax, ay := pts[0].GetX()/scale, pts[0].GetY()/scale // bottom left
	bx, by := pts[1].GetX()/scale, pts[1].GetY()/scale // top left
	cx, cy := pts[2].GetX()/scale, pts[2].GetY()/scale // top right
	module := 0.0
	for _, p := range pts[:3] {
		if f, ok := p.(interface{ GetEstimatedModuleSize() float64 }); ok {
			module = max(module, f.GetEstimatedModuleSize()/scale)
		}
	}
	ux, uy := cx-bx, cy-by // along the top edge
	vx, vy := ax-bx, ay-by // down the left edge
	lu, lv := math.Hypot(ux, uy), math.Hypot(vx, vy)
	if lu == 0 || lv == 0 {
		return
	}
	if module == 0 {
		module = lu / 20
	}
	// From the finder centres out past the edge, with a module to spare.
	eu, ev := 4.5*module/lu, 4.5*module/lv
	det := ux*vy - uy*vx
	if det == 0 {
		return
	}
	minX, maxX := math.Inf(1), math.Inf(-1)
	minY, maxY := math.Inf(1), math.Inf(-1)
	for _, s := range [][2]float64{{-eu, -ev}, {1 + eu, -ev}, {-eu, 1 + ev}, {1 + eu, 1 + ev}} {
		x, y := bx+s[0]*ux+s[1]*vx, by+s[0]*uy+s[1]*vy
		minX, maxX, minY, maxY = min(minX, x), max(maxX, x), min(minY, y), max(maxY, y)
	}
	r := image.Rect(int(minX), int(minY), int(maxX)+1, int(maxY)+1).Intersect(gray.Bounds())
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			// (x, y) = B + s·u + t·v: solve for s and t.
			px, py := float64(x)-bx, float64(y)-by
			s := (px*vy - py*vx) / det
			t := (ux*py - uy*px) / det
			if s >= -eu && s <= 1+eu && t >= -ev && t <= 1+ev {
				gray.Pix[y*gray.Stride+x] = 0xff
			}
		}
	}
}
