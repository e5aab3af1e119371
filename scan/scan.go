// Package scan finds and decodes the QR codes in an image, in pure Go, so
// that quorum reads its own sheets without a camera app or a C library.
//
// It uses github.com/makiuchi-d/gozxing, a port of ZXing: a decoder written
// apart from the encoder that draws the sheets (github.com/skip2/go-qrcode), so
// that a code both agree on is a code other readers can be expected to
// read too. scan returns the texts as the codes hold them, and share.Read
// judges them; of shares it reads only the part header (FORMAT.md §8), to
// know that a sheet printed in parts was read in part and must be
// searched harder.
//
// [Decode] takes an image as a renderer, a scanner or a phone gives it:
// one code or several (a share printed in parts, two sheets on one scan),
// at any rotation, in slight perspective, faded, unevenly lit, noisy,
// blurred or JPEG-compressed. A small copy of the image is surveyed first
// for the texture of a code's modules (survey.go): a page without any, a
// blank back or noise, is given up at once, and a page of text after one
// search. Where a code's texture is, a clean page is read in one pass over
// the small copy or the image; a damaged one is searched again in
// preprocessed copies, cheapest first, within a fixed number of passes, so
// that no image makes it search for long.
// [DecodeFile] takes the bytes of a PNG or JPEG file and checks the
// dimensions it claims ([MaxPixels]) before decoding it.
//
// bench/scancorpus measures what it reads against zbarimg on degraded
// renderings of real sheets; the table is in bench/RESULTS.md.
package scan

import (
	"errors"
	"fmt"
	"image"
	"image/draw"
	"math"
	"strings"

	"github.com/makiuchi-d/gozxing"
	multiqr "github.com/makiuchi-d/gozxing/multi/qrcode"
	multidetector "github.com/makiuchi-d/gozxing/multi/qrcode/detector"
	"github.com/makiuchi-d/gozxing/qrcode"
	xdraw "golang.org/x/image/draw"

	"quorum/share"
)

// ErrNoCode means that no QR code could be read in the image.
var ErrNoCode = errors.New("no QR code could be read in the image")

// maxCodes bounds the codes read from one image: a sheet holds a few.
const maxCodes = 64

// Decode returns the text of every QR code it can read in img, each once,
// in the order they were found. It returns [ErrNoCode] if it reads none.
//
// It searches a small copy of the image first (the image itself when it
// is small: see surveyPixels), which reads a clean sheet. Otherwise it
// surveys that copy (look): without the texture of modules anywhere, it
// returns ErrNoCode; else it searches the image as given (see search). It
// goes on to preprocessed copies (stages, in preprocess.go) only when that
// read nothing, when a share printed in parts was read in part, or when
// the image, halved, still shows a code's finder patterns: the signs of a
// damaged scan; on an image whose texture is not a code's size (a page of
// text), only when the search saw finder patterns it could not read. At
// most maxFinds searches are made in all.
func Decode(img image.Image) ([]string, error) {
	b := img.Bounds()
	if b.Empty() {
		return nil, ErrNoCode
	}
	gray := grayOf(img)
	if n := shrinkFactor(b.Dx(), b.Dy()); n > 1 {
		gray = shrink(gray, n)
	}
	d := &decoder{seen: map[string]bool{}}
	// The image, or a small copy of it, is searched first: that reads a
	// clean sheet, the common case, and the survey, which costs as much
	// as that search, judges only an image it did not read whole.
	n := surveyFactor(gray)
	small, left := gray, false
	if n == 1 {
		left = d.search(gray, 1, rescales) || d.unread(gray)
		if len(d.texts) > 0 && !left {
			return d.texts, nil
		}
	} else {
		small = shrink(gray, n)
		if d.searchSmall(small, n, gray) {
			return d.texts, nil
		}
	}
	ev := look(small)
	if ev == noTexture && len(d.texts) == 0 {
		return nil, ErrNoCode
	}
	if n > 1 {
		left = d.search(gray, 1, rescales) || d.unread(gray)
		if len(d.texts) > 0 && !left {
			return d.texts, nil
		}
	}
	if ev == someTexture && !left {
		// Text, or a small image whose search saw no code's corners:
		// the stages below would search a page of it a dozen times.
		return nil, ErrNoCode
	}
	// The image was not read, or shows codes still unread: it is damaged,
	// and the preprocessed versions of it are searched in turn, cheapest
	// first, until one leaves no code unread. Codes read already are
	// painted over in each, so that each is searched for the rest.
	pre := &prep{g: gray}
	for _, st := range stages {
		work, factor := st.apply(pre)
		if work == nil {
			continue
		}
		d.global = st.global
		fill := paper(work)
		for _, pts := range d.found {
			erase(work, pts, 1/factor, fill)
		}
		before := len(d.texts)
		// The other scales are for the clean image's rounding (see
		// search), and the stages are scales of their own; but the
		// stretched and the median-filtered images are tried at one other
		// scale too, which reads some stained codes.
		var other []rescale
		if st.rescale {
			other = rescales[:1]
		}
		left = d.search(work, factor, other) || d.unread(gray)
		trace(st.name, len(d.texts)-before)
		if len(d.texts) > 0 && !left || len(d.texts) >= maxCodes || d.finds >= maxFinds {
			break
		}
	}
	if len(d.texts) == 0 {
		return nil, ErrNoCode
	}
	return d.texts, nil
}

// maxFinds bounds the searches of a whole image (a binarization and a
// pass of ZXing's detectors, the costly part) that Decode makes: a clean
// sheet takes two to four, a damaged one a dozen, and an image made to
// keep the search going stops there.
const maxFinds = 40

// trace is set by tests to see which stage reads what.
var trace = func(stage string, read int) {}

// decoder gathers the codes read from one image over its searches.
type decoder struct {
	texts  []string
	seen   map[string]bool
	finds  int  // searches of a whole image so far, at most maxFinds
	global bool // binarize with one threshold a row (see binarize)
	// looked is how many codes were painted over when unread last
	// looked, and left what it saw.
	looked int
	left   bool
	// half is the image Decode searches, halved, while that image is
	// not painted over yet, for unread; nil when unread must halve it.
	half *image.Gray
	// found holds the result points of every code read, in the
	// coordinates of the image Decode was given (or its shrunk copy), so
	// that each later search can paint them over.
	found [][]gozxing.ResultPoint
}

// searchSmall searches small, gray shrunk n times (n > 1), a quarter of
// the pixels or fewer: a sheet's modules are large, and it reads a clean
// page and a phone's photo of one. It reports whether that read every
// code; if not, what it read is painted over in gray, which is searched
// next for the rest.
func (d *decoder) searchSmall(small *image.Gray, n int, gray *image.Gray) bool {
	work := small
	if n == 2 {
		// The small copy is gray halved, which unread looks at: searched
		// in a copy, as search paints over it, it serves unread too
		// until gray is painted. (The survey looks at it too.)
		d.half = small
		work = image.NewGray(small.Rect)
		copy(work.Pix, small.Pix)
	}
	d.search(work, 1/float64(n), nil)
	if len(d.texts) > 0 && d.unread(gray) {
		// It read a code and shows another: a share printed in parts,
		// whose modules are smaller, at 300 dpi. At the other scales
		// the small copy reads the rest in half the time of one search
		// of gray; but only once it has read a code, as the small copy
		// of a damaged page would be searched six times for nothing.
		d.search(work, 1/float64(n), rescales)
	}
	if len(d.texts) > 0 && !d.unread(gray) {
		return true
	}
	d.half = nil
	fill := paper(gray)
	for _, pts := range d.found {
		erase(gray, pts, 1, fill)
	}
	return false
}

// search reads what codes it can in gray, an image factor times the size
// of the one Decode searches first, painting each over as it is read. It
// reports whether gray still shows three finder patterns laid out as a
// code's corners that it could not read.
//
// ZXing's detectors misread some codes that zbar reads: among several
// codes on a page they pair finder patterns of different codes, and at
// four pixels a module or so their module size estimate can be off by
// enough to guess a version two sizes wrong. So each code read is painted
// over and the image searched again; and while the image still shows three
// finder patterns laid out as a code's, it is searched again at other
// scales, which moves the rounding that misled the estimate.
func (d *decoder) search(gray *image.Gray, factor float64, rescales []rescale) bool {
	// add reports whether it read a code not seen before. A code read
	// again means painting it over failed (its corner points can be
	// degenerate in a hostile image): searching again would find it
	// again forever, as FuzzDecode showed, so the search stops there.
	fill := -1 // the paper's gray, once a code is to be painted over
	add := func(rs []*gozxing.Result, scale float64) bool {
		fresh := false
		for _, r := range rs {
			if !d.seen[r.GetText()] {
				d.seen[r.GetText()] = true
				d.texts = append(d.texts, r.GetText())
				fresh = true
			}
			if fill < 0 {
				fill = int(paper(gray))
			}
			erase(gray, r.GetResultPoints(), scale, uint8(fill))
			d.found = append(d.found, scaled(r.GetResultPoints(), 1/(scale*factor)))
		}
		return fresh
	}
	for len(d.texts) < maxCodes && d.finds < maxFinds {
		d.finds++
		// One binarization serves the search and, when it finds nothing,
		// the check for finder patterns left: the image is the same.
		bmp := binarize(gray, d.global)
		if rs := find(bmp); len(rs) > 0 {
			if !add(rs, 1) {
				return false
			}
			continue
		}
		// Without other scales to try, the check is the caller's: it
		// costs as much as the search for several codes.
		if len(rescales) == 0 || !codeLeft(bmp) {
			return false
		}
		found := false
		for _, sc := range rescales {
			d.finds++
			if rs := find(binarize(resample(gray, sc), d.global)); len(rs) > 0 {
				found = add(rs, sc.factor)
				break
			}
		}
		if !found {
			return true
		}
	}
	return false
}

// unread reports whether gray, with every code read painted over, still
// shows a code's finder patterns when it is halved: noise that breaks up
// finder patterns at full size, so that search sees none left, averages
// out at half, where a code missed among several shows again.
func (d *decoder) unread(gray *image.Gray) bool {
	if len(d.texts) == 0 || len(d.texts) >= maxCodes {
		return false
	}
	if partsMissing(d.texts) {
		return true
	}
	// Nothing was painted over since the last look: the answer stands.
	if d.looked == len(d.found) {
		return d.left
	}
	d.looked = len(d.found)
	d.left = false
	if gray.Bounds().Dx()/2 < minSide || gray.Bounds().Dy()/2 < minSide {
		return false
	}
	half := d.half
	if half == nil {
		half = shrink(gray, 2)
	}
	half, factor := stretch(half), 0.5
	for _, pts := range d.found {
		erase(half, pts, 1/factor, paper(half))
	}
	d.left = codeLeft(binary(half))
	return d.left
}

// partsMissing reports whether the texts hold some but not all parts of
// a share printed in several codes (FORMAT.md §8): the one fact about
// shares that scan reads, because each part says how many there are, and
// a sheet read in part must be searched harder.
func partsMissing(texts []string) bool {
	type key struct {
		set   [16]byte
		index int
	}
	have := map[key]int{}
	count := map[key]int{}
	for _, t := range texts {
		if !strings.HasPrefix(t, share.PartPrefix) {
			continue
		}
		p, err := share.ParsePart(t)
		if err != nil {
			continue
		}
		k := key{p.SetID, p.Index}
		have[k]++
		count[k] = p.Count
	}
	for k, n := range have {
		if n < count[k] {
			return true
		}
	}
	return false
}

// scaled returns the points multiplied by f.
func scaled(pts []gozxing.ResultPoint, f float64) []gozxing.ResultPoint {
	out := make([]gozxing.ResultPoint, len(pts))
	for i, p := range pts {
		module := 0.0
		if m, ok := p.(interface{ GetEstimatedModuleSize() float64 }); ok {
			module = m.GetEstimatedModuleSize() * f
		}
		out[i] = point{p.GetX() * f, p.GetY() * f, module}
	}
	return out
}

// point is a result point with the module size its finder pattern shows,
// as erase reads it.
type point struct{ x, y, module float64 }

func (p point) GetX() float64                   { return p.x }
func (p point) GetY() float64                   { return p.y }
func (p point) GetEstimatedModuleSize() float64 { return p.module }

// DecodeOne returns the text of the one QR code in img, an image of that
// code alone, as a renderer draws it: print's read-back check. It first
// tries one pass of ZXing's reader for a single code, half the work of
// [Decode], which searches the image again for more codes after each one
// it reads. That pass misses about one code in twenty at four pixels a
// module, where the detector misjudges the module size (see [Decode]);
// then it is Decode, with its other scales, that reads the image, and it
// must find exactly one code. It returns [ErrNoCode] if it reads none.
func DecodeOne(img image.Image) (string, error) {
	if img.Bounds().Empty() {
		return "", ErrNoCode
	}
	if r, err := qrcode.NewQRCodeReader().Decode(binary(grayOf(img)), hints()); err == nil {
		return r.GetText(), nil
	}
	texts, err := Decode(img)
	switch {
	case err != nil:
		return "", err
	case len(texts) != 1:
		return "", fmt.Errorf("%d codes read where one was expected", len(texts))
	}
	return texts[0], nil
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
	interp xdraw.Interpolator // xdraw.NearestNeighbor or an *xdraw.Kernel
}

func resample(gray *image.Gray, sc rescale) *image.Gray {
	b := gray.Bounds()
	dst := image.NewGray(image.Rect(0, 0, int(float64(b.Dx())*sc.factor), int(float64(b.Dy())*sc.factor)))
	if k, ok := sc.interp.(*xdraw.Kernel); ok {
		scaleKernel(dst, gray, k)
	} else {
		nearest(dst, gray)
	}
	return dst
}

// nearest scales src into dst by nearest neighbour, as
// xdraw.NearestNeighbor does (each destination pixel takes the source
// pixel under its centre), ten times faster: x/image converts every
// pixel through color.RGBA64 when the destination is gray.
func nearest(dst, src *image.Gray) {
	dw, dh := dst.Bounds().Dx(), dst.Bounds().Dy()
	sw, sh := src.Bounds().Dx(), src.Bounds().Dy()
	if dw == 0 || dh == 0 {
		return
	}
	xs := make([]int, dw)
	for x := range xs {
		xs[x] = (2*x + 1) * sw / (2 * dw)
	}
	for y := range dh {
		sy := (2*y + 1) * sh / (2 * dh)
		row := src.Pix[src.PixOffset(src.Rect.Min.X, src.Rect.Min.Y+sy):]
		out := dst.Pix[y*dst.Stride:][:dw]
		for x, sx := range xs {
			out[x] = row[sx]
		}
	}
}

// grayOf returns a copy of img in gray, at the origin, which Decode may
// paint over. draw.Draw converts pixel by pixel through color.Color for
// any destination but RGBA, a tenth of a second for a page at 300 dpi:
// gray and RGBA images, what PNG decoding gives for scans and renderings,
// are converted here directly, to the same values, and a colour JPEG's
// luma is taken as it is.
func grayOf(img image.Image) *image.Gray {
	b := img.Bounds()
	gray := image.NewGray(image.Rect(0, 0, b.Dx(), b.Dy()))
	switch src := img.(type) {
	case *image.Gray:
		for y := range b.Dy() {
			i := src.PixOffset(b.Min.X, b.Min.Y+y)
			copy(gray.Pix[y*gray.Stride:][:b.Dx()], src.Pix[i:])
		}
	case *image.RGBA:
		for y := range b.Dy() {
			row := src.Pix[src.PixOffset(b.Min.X, b.Min.Y+y):]
			dst := gray.Pix[y*gray.Stride:][:b.Dx()]
			for x := range dst {
				p := row[4*x : 4*x+3 : 4*x+3]
				// color.GrayModel on the 16-bit values of the 8-bit ones.
				r, g, bl := uint32(p[0])*0x101, uint32(p[1])*0x101, uint32(p[2])*0x101
				dst[x] = uint8((19595*r + 38470*g + 7471*bl + 1<<15) >> 24)
			}
		}
	case *image.YCbCr:
		// A JPEG's luma: the gray a camera's own decoder reads codes
		// from, within a level or two of what draw.Draw makes of its
		// colours through RGB (TestGrayOfYCbCr), in a tenth of the time:
		// a tenth of a second saved on a phone's 12-megapixel photo.
		for y := range b.Dy() {
			i := src.YOffset(b.Min.X, b.Min.Y+y)
			copy(gray.Pix[y*gray.Stride:][:b.Dx()], src.Y[i:])
		}
	default:
		draw.Draw(gray, gray.Bounds(), img, b.Min, draw.Src)
	}
	return gray
}

// binary binarizes gray, whose pixels are read in place: gray must not
// change while the bitmap is in use. A gray image's pixels are its
// luminance, as a camera's Y plane is.
func binary(gray *image.Gray) *gozxing.BinaryBitmap {
	return binarize(gray, false)
}

// binarize binarizes gray with ZXing's binarizer for images (a threshold
// per block of 8 × 8 pixels, from its neighbourhood), or with global
// true its binarizer for one threshold per row, from the image's
// histogram. The global one reads some noisy codes whose blocks the
// other thresholds unevenly, so that the module size is misjudged.
func binarize(gray *image.Gray, global bool) *gozxing.BinaryBitmap {
	w, h := gray.Bounds().Dx(), gray.Bounds().Dy()
	var src gozxing.LuminanceSource
	if gray.Stride == w && gray.Rect.Min == (image.Point{}) {
		src, _ = gozxing.NewPlanarYUVLuminanceSource(gray.Pix, w, h, 0, 0, w, h, false)
	}
	if src == nil {
		src = gozxing.NewLuminanceSourceFromImage(gray)
	}
	b := gozxing.NewHybridBinarizer(src)
	if global {
		b = gozxing.NewGlobalHistgramBinarizer(src)
	}
	bmp, err := gozxing.NewBinaryBitmap(b)
	if err != nil {
		// Only a nil binarizer is refused.
		panic(err)
	}
	return bmp
}

// TRY_HARDER searches a rotated or skewed image more thoroughly; without
// it, sheets scanned at an angle are missed.
func hints() map[gozxing.DecodeHintType]interface{} {
	return map[gozxing.DecodeHintType]interface{}{gozxing.DecodeHintType_TRY_HARDER: true}
}

// find reads what codes it can in one pass.
func find(bmp *gozxing.BinaryBitmap) []*gozxing.Result {
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
func codeLeft(bmp *gozxing.BinaryBitmap) bool {
	m, err := bmp.GetBlackMatrix()
	if err != nil {
		return false
	}
	infos, err := multidetector.NewMultiFinderPatternFinder(m, nil).FindMulti(hints())
	return err == nil && len(infos) > 0
}

// paper returns the gray of the paper in g: the level that a tenth of
// the pixels are lighter than. A code is painted over in it, not in
// white: on a faded or dim scan, a white square beside a code still to be
// read raises the thresholds the binarizer draws from its neighbourhood,
// and that code's light modules turn dark.
func paper(g *image.Gray) uint8 {
	var hist [256]int
	w, h := g.Bounds().Dx(), g.Bounds().Dy()
	for y := range h {
		for _, p := range g.Pix[y*g.Stride:][:w] {
			hist[p]++
		}
	}
	n := 0
	for v := 255; v > 0; v-- {
		if n += hist[v]; n*10 >= w*h {
			return uint8(v)
		}
	}
	return 0
}

// erase paints a code that was read in the paper's gray fill, so that the next pass looks
// elsewhere; its points were found in an image scale times the size of
// gray. The first three points are the centres of the finder patterns
// (bottom left, top left, top right), which lie 3.5 modules in from the
// code's edges; the fourth corner completes the parallelogram.
func erase(gray *image.Gray, pts []gozxing.ResultPoint, scale float64, fill uint8) {
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
				gray.Pix[y*gray.Stride+x] = fill
			}
		}
	}
}
