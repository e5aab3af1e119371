package scan

import "image"

// The survey: when its first search, of a small copy of the image, did
// not read a whole sheet, Decode looks at that copy for the texture of a
// code's modules, and spends its costly passes only where that texture is.
// A search of a whole page with ZXing's detectors costs a tenth of a second
// to a second, and the stages after it a dozen such searches; on a blank
// page, a page of text or a page of noise, which a sheet feeder puts among
// the sheets, all of that found nothing, in seconds and a gigabyte. The
// survey costs a few hundredths of a second, as much as the search of the
// small copy: a clean sheet, read by that search, is not surveyed.

// evidence is what the survey saw.
type evidence int

const (
	// noTexture: nothing shaped like modules, as on a blank page (flat,
	// or the scanner's noise) or a page of noise (contrast without
	// shape). No code can be read there: Decode gives up.
	noTexture evidence = iota
	// someTexture: blocks of module texture, but not a square of them a
	// code's size: text, or a small code alone in a small image. Decode
	// searches the image once, and goes on to the stages only when that
	// search saw a code's finder patterns it could not read.
	someTexture
	// codeTexture: a square of module texture the size of a code on a
	// quorum sheet. Decode searches as hard as it can.
	codeTexture
)

// surveyPixels bounds the small copy the survey looks at, and that Decode
// searches first (see Decode): an A4 page at 300 dpi is halved, a
// 12-megapixel photo shrunk to a third, a page at 150 dpi kept as it is.
// The modules of a sheet's codes, printed near a millimetre, keep a few
// pixels each in it; where they do not, the search of the image as given
// follows.
const surveyPixels = 2_500_000

// surveyBlock is the side, in pixels of the small copy, of the blocks whose
// texture the survey judges: a few modules of a sheet's code at any
// resolution the survey sees.
const surveyBlock = 16

// codeBlocks is the side, in blocks, of the square that must be mostly
// module texture for codeTexture: 192 pixels of the small copy. The codes
// of bench/scancorpus's sheets, at any degradation it makes, show squares
// of 19 blocks or more; the densest text quorum prints (a sheet's share
// text in two columns, the ceremony record) at most 8.
const codeBlocks = 12

// surveyFactor returns the smallest n that brings gray within
// surveyPixels when it is shrunk n times in each direction.
func surveyFactor(gray *image.Gray) int {
	w, h := gray.Bounds().Dx(), gray.Bounds().Dy()
	n := 1
	for int64(w/n)*int64(h/n) > surveyPixels {
		n++
	}
	return n
}

// look surveys small, the image shrunk to at most surveyPixels
// (surveyFactor), and judges each block of surveyBlock pixels, as it is
// and, when that shows contrast from pixel to pixel (rough),
// median-filtered: salt and pepper hides the modules' texture, and the
// filter removes isolated specks. Filtering only those blocks spares the
// paper, the text and the code of a clean sheet.
func look(small *image.Gray) evidence {
	cols, rows := small.Bounds().Dx()/surveyBlock, small.Bounds().Dy()/surveyBlock
	if cols == 0 || rows == 0 {
		// Too small to judge, and too small to cost: search it.
		return someTexture
	}
	tex := make([]int, cols*rows) // each block's texture, row by row
	var blk block
	for i := range tex {
		blk.copy(small, i%cols*surveyBlock, i/cols*surveyBlock)
		tex[i] = blk.texture()
	}
	// sat is the summed-area table of the blocks that show module
	// texture, (cols+1) × (rows+1), for the squares below.
	sat := make([]int, (cols+1)*(rows+1))
	sum := func() {
		for by := range rows {
			for bx := range cols {
				v := 0
				if tex[by*cols+bx] == modules {
					v = 1
				}
				i := (by+1)*(cols+1) + bx + 1
				sat[i] = v + sat[i-1] + sat[i-cols-1] - sat[i-cols-2]
			}
		}
	}
	// dense reports whether a square of k blocks, three quarters of
	// them module texture, is anywhere in the image. A code turned by
	// 45° still holds one of its size; text never holds a large one,
	// its lines leaving rows of paper between them; and noise, whose
	// blocks pass the test one in a thousand, apart, not even one of 2.
	dense := func(k int) bool {
		for y := 0; y+k <= rows; y++ {
			for x := 0; x+k <= cols; x++ {
				s := sat[(y+k)*(cols+1)+x+k] - sat[y*(cols+1)+x+k] - sat[(y+k)*(cols+1)+x] + sat[y*(cols+1)+x]
				if 4*s >= 3*k*k {
					return true
				}
			}
		}
		return false
	}
	// The rough blocks are filtered only when the others do not show a
	// code already, as they do on most pages that reach the survey: the
	// filter costs more than the rest of it.
	sum()
	if dense(codeBlocks) {
		return codeTexture
	}
	for i, t := range tex {
		if t == rough {
			blk.median(small, i%cols*surveyBlock, i/cols*surveyBlock)
			tex[i] = blk.texture()
		}
	}
	sum()
	switch {
	case dense(codeBlocks):
		return codeTexture
	case dense(2):
		return someTexture
	}
	return noTexture
}

// block is the pixels of one block, row by row.
type block [surveyBlock * surveyBlock]uint8

// copy takes the block of g at (x0, y0).
func (blk *block) copy(g *image.Gray, x0, y0 int) {
	for y := range surveyBlock {
		copy(blk[y*surveyBlock:][:surveyBlock], g.Pix[(y0+y)*g.Stride+x0:])
	}
}

// median takes the block of g at (x0, y0) median-filtered, as median3
// filters the whole image: each pixel the median of its 3 × 3
// neighbourhood, the image's border kept.
func (blk *block) median(g *image.Gray, x0, y0 int) {
	w, h := g.Bounds().Dx(), g.Bounds().Dy()
	// Columns x0-1 to x0+surveyBlock, sorted: lo[i] is column x0-1+i's.
	var lo, mid, hi [surveyBlock + 2]uint8
	for y := range surveyBlock {
		yy := y0 + y
		row := g.Pix[yy*g.Stride:][:w]
		if yy == 0 || yy == h-1 {
			copy(blk[y*surveyBlock:][:surveyBlock], row[x0:])
			continue
		}
		r0, r2 := g.Pix[(yy-1)*g.Stride:][:w], g.Pix[(yy+1)*g.Stride:][:w]
		for i := range lo {
			if x := x0 - 1 + i; x >= 0 && x < w {
				lo[i], mid[i], hi[i] = sort3(r0[x], row[x], r2[x])
			}
		}
		for x := range surveyBlock {
			xx := x0 + x
			if xx == 0 || xx == w-1 {
				blk[y*surveyBlock+x] = row[xx]
				continue
			}
			blk[y*surveyBlock+x] = med3(max(lo[x], lo[x+1], lo[x+2]), med3(mid[x], mid[x+1], mid[x+2]), min(hi[x], hi[x+1], hi[x+2]))
		}
	}
}

// A block's texture, as the survey judges it.
const (
	flat    = iota // no more contrast than the paper's grain
	rough          // contrast from pixel to pixel, as noise has
	sparse         // contrast, but mostly light or mostly dark, as text is
	modules        // a piece of a code, as far as one block shows
)

// texture judges the block: modules when it looks like a piece of a code,
// light and dark in comparable amounts (a code's mask keeps them near half
// and half; text is mostly paper), with enough contrast to be more than
// the paper's grain (a standard deviation of 3 gray levels), in patches
// wider than a pixel. The last is what tells modules from noise:
// neighbouring pixels of a module are alike, so the mean difference
// between neighbours is small against the block's spread (below half of
// its standard deviation), where in noise it is larger than the spread.
func (blk *block) texture() int {
	const b = surveyBlock
	var sum, sumSq, diff uint64
	for y := range b {
		row := blk[y*b:][:b]
		for x, p := range row {
			sum += uint64(p)
			sumSq += uint64(p) * uint64(p)
			if x+1 < b {
				diff += uint64(absDiff(p, row[x+1]))
			}
			if y+1 < b {
				diff += uint64(absDiff(p, blk[(y+1)*b+x]))
			}
		}
	}
	const n = b * b
	const pairs = 2 * b * (b - 1)
	// In units of 1/n² (variance) and 1/pairs (mean difference).
	variance := n*sumSq - sum*sum
	if variance < 9*n*n {
		return flat
	}
	// mean difference < sd/2 ⇔ 4·(diff/pairs)² < variance/n².
	if 4*diff*diff*n*n >= variance*pairs*pairs {
		return rough
	}
	dark := 0
	for _, p := range blk {
		if uint64(p)*n < sum {
			dark++
		}
	}
	if 4*dark <= n || 4*dark >= 3*n {
		return sparse
	}
	return modules
}

func absDiff(a, b uint8) uint8 {
	if a > b {
		return a - b
	}
	return b - a
}
