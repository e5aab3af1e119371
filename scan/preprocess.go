package scan

import (
	"image"

	xdraw "golang.org/x/image/draw"
)

// The preprocessing Decode tries when the image as given does not read:
// each stage makes a cleaner copy of the image, at its size or smaller,
// and is tried in order of cost and of how often it reads what the ones
// before it missed, on the degraded-scan corpus of bench/scancorpus.

// Every image here is at the origin with rows of its width, as grayOf
// and these functions make them; they index Pix by that.

// stage is one preprocessing of the image: apply returns the image to
// search and its size as a factor of the input's, or nil when the stage
// has nothing to add (a page too small to shrink).
type stage struct {
	name    string
	apply   func(p *prep) (*image.Gray, float64)
	global  bool // binarize with one threshold a row, not a block
	rescale bool // try the image at one other scale too (see Decode)
}

var stages = []stage{
	// A faded print or a scan with the exposure too high: ZXing's
	// binarizer takes a block whose range is under 24 gray levels for
	// flat, and a code of 40 levels from dark to light loses modules.
	{"stretch", func(p *prep) (*image.Gray, float64) { return p.stretched(), 1 }, false, true},
	// Noise that makes the block thresholds uneven, so that the detector
	// misjudges the module size and the code's dimension.
	{"stretch, global", func(p *prep) (*image.Gray, float64) { return p.stretched(), 1 }, true, false},
	// Noise at 150 dpi, where a module is two or three pixels and
	// shrinking would lose it: a light blur, then the stretch.
	{"smooth", func(p *prep) (*image.Gray, float64) { return stretch(smooth(p.g)), 1 }, false, false},
	// Noise, speckle and JPEG blocks are finer than a module at 150 dpi
	// and above: averaging blocks of 2×2 or 3×3 pixels lowers them by as
	// much, where a module stays several pixels wide.
	{"shrink 2", func(p *prep) (*image.Gray, float64) { return shrunk(p.stretched(), 2) }, false, false},
	{"shrink 3", func(p *prep) (*image.Gray, float64) { return shrunk(p.stretched(), 3) }, false, false},
	// Salt and pepper: a median filter removes isolated black and white
	// pixels, which averaging only spreads.
	{"median", func(p *prep) (*image.Gray, float64) { return p.median(), 1 }, false, true},
	{"median, shrink 2", func(p *prep) (*image.Gray, float64) { return shrunk(p.median(), 2) }, false, false},
	{"median twice, shrink 3", func(p *prep) (*image.Gray, float64) {
		return shrunk(stretch(median3(p.median())), 3)
	}, false, false},
	// Blur and a phone's JPEG at three pixels a module: ZXing's threshold
	// for a block of 8 × 8 pixels comes from a neighbourhood of 40, where
	// a blurred module's gray is judged against the whole code's. A
	// threshold from each pixel's own neighbourhood, a module or two
	// across, keeps the modules that zbar reads in these images (sigma 4
	// at 300 dpi, and JPEG 50 of a whole sheet, which the stages above
	// read in part).
	{"adaptive 8", func(p *prep) (*image.Gray, float64) { return adaptive(p.stretched(), 8), 1 }, true, false},
	{"adaptive 5", func(p *prep) (*image.Gray, float64) { return adaptive(p.stretched(), 5), 1 }, true, false},
	// A crease across a code: ZXing samples one pixel at each module's
	// centre, and at the image's own scale the crease's edge falls on
	// the centres of a row of modules. Enlarged with an interpolation
	// that keeps edges, the centres move off it.
	{"enlarge 1.5", func(p *prep) (*image.Gray, float64) { return enlarged(p.stretched(), 1.5) }, false, false},
	// The phone photo whose modules are under three pixels: enlarged,
	// then thresholded as above.
	{"enlarge 2, adaptive 8", func(p *prep) (*image.Gray, float64) {
		g, f := enlarged(p.stretched(), 2)
		if g == nil {
			return nil, 0
		}
		return adaptive(g, 8), f
	}, true, false},
	// A wide crease over codes in several parts: averaged down by half,
	// then enlarged back to three quarters, the crease's edges and the
	// module centres fall apart as at 1.5, with the noise of the page
	// averaged out; it reads a code of carol's sheet under a 120-pixel
	// crease at 300 dpi that the stages above miss.
	{"shrink 2, enlarge 1.5", func(p *prep) (*image.Gray, float64) {
		g, f := shrunk(p.stretched(), 2)
		if g == nil {
			return nil, 0
		}
		g, f2 := enlarged(g, 1.5)
		return g, f * f2
	}, false, false},
	// A sheet photographed whole at a strong angle, and a stain across a
	// finder pattern: at some sizes ZXing's detector misjudges the
	// pattern's module size or the grid fitted to it drifts off the
	// modules; at 0.8 of the size, with either threshold, it reads two
	// such images of the corpus that every stage above missed
	// (TestDecodeDegraded300).
	{"scale 0.8", func(p *prep) (*image.Gray, float64) {
		return resample(p.stretched(), rescale{0.8, xdraw.BiLinear}), 0.8
	}, false, false},
	{"scale 0.8, adaptive 5", func(p *prep) (*image.Gray, float64) {
		return adaptive(resample(p.stretched(), rescale{0.8, xdraw.BiLinear}), 5), 0.8
	}, true, false},
	// A sheet printed in parts, photographed whole: a code's modules are
	// four pixels or so, blurred by the lens and the JPEG, and its
	// neighbours' finder patterns mislead the detector. At 0.6 and 0.65
	// of the size, a 7-pixel window thresholds each module against the
	// few around it; each reads a part of the corpus's post-quantum sheet
	// that zbarimg read and every stage above missed
	// (TestDecodeDegraded300).
	{"scale 0.65, adaptive 3", func(p *prep) (*image.Gray, float64) {
		return adaptive(resample(p.stretched(), rescale{0.65, xdraw.BiLinear}), 3), 0.65
	}, true, false},
	{"scale 0.6, adaptive 3", func(p *prep) (*image.Gray, float64) {
		return adaptive(resample(p.stretched(), rescale{0.6, xdraw.BiLinear}), 3), 0.6
	}, true, false},
}

// enlarged returns g scaled up f times by Catmull-Rom interpolation, or
// nil when the copy would be larger than workPixels.
func enlarged(g *image.Gray, f float64) (*image.Gray, float64) {
	w, h := int(float64(g.Bounds().Dx())*f), int(float64(g.Bounds().Dy())*f)
	if int64(w)*int64(h) > workPixels {
		return nil, 0
	}
	dst := image.NewGray(image.Rect(0, 0, w, h))
	scaleKernel(dst, g, xdraw.CatmullRom)
	return dst, f
}

// adaptive thresholds g pixel by pixel, black where a pixel is a tenth
// darker than the mean of the square of side 2r+1 around it (Bradley and
// Roth, "Adaptive thresholding using the integral image", 2007), and
// returns the image in black and white. The means come from running sums
// along the rows, then down the columns, in the memory of a row.
func adaptive(g *image.Gray, r int) *image.Gray {
	w, h := g.Bounds().Dx(), g.Bounds().Dy()
	dst := image.NewGray(image.Rect(0, 0, w, h))
	// rows[y%(2r+1)] holds the sums along row y; cols the sums of those
	// over the rows in the window.
	n := 2*r + 1
	rows := make([][]uint32, n)
	for i := range rows {
		rows[i] = make([]uint32, w)
	}
	cols := make([]uint32, w)
	rowSums := func(y int, out []uint32) {
		src := g.Pix[y*g.Stride:][:w]
		var s uint32
		for x := 0; x < min(r, w); x++ {
			s += uint32(src[x])
		}
		for x := range w {
			if x+r < w {
				s += uint32(src[x+r])
			}
			if x-r-1 >= 0 {
				s -= uint32(src[x-r-1])
			}
			out[x] = s
		}
	}
	for y := 0; y < min(r, h); y++ {
		rowSums(y, rows[y%n])
		for x, v := range rows[y%n] {
			cols[x] += v
		}
	}
	for y := range h {
		// Row y-r-1 leaves the window before row y+r takes its place.
		if y-r-1 >= 0 {
			for x, v := range rows[(y-r-1)%n] {
				cols[x] -= v
			}
		}
		if y+r < h {
			rowSums(y+r, rows[(y+r)%n])
			for x, v := range rows[(y+r)%n] {
				cols[x] += v
			}
		}
		ys := min(h, y+r+1) - max(0, y-r)
		src := g.Pix[y*g.Stride:][:w]
		out := dst.Pix[y*dst.Stride:][:w]
		for x, p := range src {
			xs := min(w, x+r+1) - max(0, x-r)
			// p < mean × 0.9, in integers: 10·p·area < 9·sum.
			if 10*uint64(p)*uint64(xs*ys) < 9*uint64(cols[x]) {
				out[x] = 0
			} else {
				out[x] = 255
			}
		}
	}
	return dst
}

// prep holds the image Decode searches and the copies that several
// stages start from, each made once.
type prep struct {
	g        *image.Gray
	str, med *image.Gray
}

func (p *prep) stretched() *image.Gray {
	if p.str == nil {
		p.str = stretch(p.g)
	}
	return p.str
}

// median returns the image median-filtered, then stretched.
func (p *prep) median() *image.Gray {
	if p.med == nil {
		p.med = stretch(median3(p.g))
	}
	return p.med
}

// minSide is the smallest image, in pixels a side, that a stage shrinks:
// below it, modules would be a pixel or less.
const minSide = 200

func shrunk(g *image.Gray, n int) (*image.Gray, float64) {
	if g.Bounds().Dx()/n < minSide || g.Bounds().Dy()/n < minSide {
		return nil, 0
	}
	return shrink(g, n), 1 / float64(n)
}

// workPixels is the size Decode shrinks a larger image to before
// searching it: a sheet of A4 at 400 dpi, or A3 at 280. Codes on a sheet
// are printed at a module of a millimetre or more, a dozen pixels at 300
// dpi: what a 600 dpi scan adds is time, not modules.
const workPixels = 24_000_000

// shrinkFactor returns the smallest n that brings a w × h image within
// workPixels when it is shrunk n times in each direction.
func shrinkFactor(w, h int) int {
	n := 1
	for int64(w/n)*int64(h/n) > workPixels {
		n++
	}
	return n
}

// shrink averages blocks of n × n pixels into one. Halving, which the
// survey, unread and a stage do to a whole page, sums its four pixels
// directly: the loop for any n costs twice as much.
func shrink(g *image.Gray, n int) *image.Gray {
	w, h := g.Bounds().Dx()/n, g.Bounds().Dy()/n
	dst := image.NewGray(image.Rect(0, 0, w, h))
	if n == 2 {
		for y := range h {
			r0 := g.Pix[g.PixOffset(g.Rect.Min.X, g.Rect.Min.Y+2*y):][:2*w]
			r1 := g.Pix[g.PixOffset(g.Rect.Min.X, g.Rect.Min.Y+2*y+1):][:2*w]
			out := dst.Pix[y*dst.Stride:][:w]
			for x := range out {
				out[x] = uint8((int(r0[2*x]) + int(r0[2*x+1]) + int(r1[2*x]) + int(r1[2*x+1])) / 4)
			}
		}
		return dst
	}
	sums := make([]int, w)
	for y := range h {
		clear(sums)
		for yy := y * n; yy < (y+1)*n; yy++ {
			row := g.Pix[g.PixOffset(g.Rect.Min.X, g.Rect.Min.Y+yy):][:w*n]
			i := 0
			for x := range sums {
				s := 0
				for range n {
					s += int(row[i])
					i++
				}
				sums[x] += s
			}
		}
		out := dst.Pix[y*dst.Stride:]
		for x, s := range sums {
			out[x] = uint8(s / (n * n))
		}
	}
	return dst
}

// stretch maps the darkest percent of the image to black and the
// lightest to white, linearly.
func stretch(g *image.Gray) *image.Gray {
	var hist [256]int
	w, h := g.Bounds().Dx(), g.Bounds().Dy()
	for y := range h {
		for _, p := range g.Pix[y*g.Stride:][:w] {
			hist[p]++
		}
	}
	cut := w * h / 100
	lo, hi := 0, 255
	for n := 0; lo < 255 && n+hist[lo] <= cut; lo++ {
		n += hist[lo]
	}
	for n := 0; hi > 0 && n+hist[hi] <= cut; hi-- {
		n += hist[hi]
	}
	dst := image.NewGray(image.Rect(0, 0, w, h))
	if hi-lo < 2 {
		// A flat image: nothing to stretch.
		for y := range h {
			copy(dst.Pix[y*dst.Stride:][:w], g.Pix[y*g.Stride:])
		}
		return dst
	}
	var lut [256]uint8
	for v := range lut {
		lut[v] = uint8(min(max((v-lo)*255/(hi-lo), 0), 255))
	}
	for y := range h {
		out := dst.Pix[y*dst.Stride:][:w]
		for x, p := range g.Pix[y*g.Stride:][:w] {
			out[x] = lut[p]
		}
	}
	return dst
}

// median3 replaces each pixel by the median of its 3 × 3 neighbourhood;
// the border keeps its pixels. Each column of three is sorted once for
// the three pixels whose neighbourhood it is part of (see med9).
func median3(g *image.Gray) *image.Gray {
	w, h := g.Bounds().Dx(), g.Bounds().Dy()
	dst := image.NewGray(image.Rect(0, 0, w, h))
	for y := range h {
		copy(dst.Pix[y*dst.Stride:][:w], g.Pix[y*g.Stride:])
	}
	lo, mid, hi := make([]uint8, w), make([]uint8, w), make([]uint8, w)
	for y := 1; y < h-1; y++ {
		r0, r1, r2 := g.Pix[(y-1)*g.Stride:][:w], g.Pix[y*g.Stride:][:w], g.Pix[(y+1)*g.Stride:][:w]
		for x := range w {
			lo[x], mid[x], hi[x] = sort3(r0[x], r1[x], r2[x])
		}
		out := dst.Pix[y*dst.Stride:][:w]
		for x := 1; x < w-1; x++ {
			out[x] = med3(max(lo[x-1], lo[x], lo[x+1]), med3(mid[x-1], mid[x], mid[x+1]), min(hi[x-1], hi[x], hi[x+1]))
		}
	}
	return dst
}

// med9 returns the median of a 3 × 3 neighbourhood, v row by row. With
// each column sorted, the median is the median of three: the largest of
// the columns' smallest values, the median of their medians, and the
// smallest of their largest (TestMed9 checks it against sorting). A
// filter sorts each column once for three pixels: a third of the work of
// Paeth's network of 19 exchanges, which this replaced.
func med9(v *[9]uint8) uint8 {
	l0, m0, h0 := sort3(v[0], v[3], v[6])
	l1, m1, h1 := sort3(v[1], v[4], v[7])
	l2, m2, h2 := sort3(v[2], v[5], v[8])
	return med3(max(l0, l1, l2), med3(m0, m1, m2), min(h0, h1, h2))
}

// sort3 returns a, b and c in order, each exchange a min and a max
// without a branch.
func sort3(a, b, c uint8) (uint8, uint8, uint8) {
	a, b = min(a, b), max(a, b)
	b, c = min(b, c), max(b, c)
	a, b = min(a, b), max(a, b)
	return a, b, c
}

// med3 returns the median of a, b and c.
func med3(a, b, c uint8) uint8 {
	return max(min(a, b), min(max(a, b), c))
}

// smooth blurs g with the 3 × 3 binomial kernel (1 2 1 by 1 2 1, over
// 16), the cheapest blur that lowers pixel noise by half; the border
// keeps its pixels.
func smooth(g *image.Gray) *image.Gray {
	w, h := g.Bounds().Dx(), g.Bounds().Dy()
	dst := image.NewGray(image.Rect(0, 0, w, h))
	for y := range h {
		copy(dst.Pix[y*dst.Stride:][:w], g.Pix[y*g.Stride:])
	}
	for y := 1; y < h-1; y++ {
		r0, r1, r2 := g.Pix[(y-1)*g.Stride:], g.Pix[y*g.Stride:], g.Pix[(y+1)*g.Stride:]
		out := dst.Pix[y*dst.Stride:]
		for x := 1; x < w-1; x++ {
			s := int(r0[x-1]) + 2*int(r0[x]) + int(r0[x+1]) +
				2*int(r1[x-1]) + 4*int(r1[x]) + 2*int(r1[x+1]) +
				int(r2[x-1]) + 2*int(r2[x]) + int(r2[x+1])
			out[x] = uint8((s + 8) / 16)
		}
	}
	return dst
}
