package scan

import (
	"image"
	"math/rand/v2"
	"testing"
)

// TestBlockMedian checks that median3 gives each pixel the median of its
// neighbourhood (med9, which TestMed9 checks), and that the survey
// filters a block as median3 filters the whole image, at the image's
// border too.
func TestBlockMedian(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	g := image.NewGray(image.Rect(0, 0, 5*surveyBlock, 3*surveyBlock))
	for i := range g.Pix {
		g.Pix[i] = uint8(r.IntN(4) * 85)
	}
	want := median3(g)
	for y := 1; y < g.Rect.Dy()-1; y++ {
		for x := 1; x < g.Rect.Dx()-1; x++ {
			var v [9]uint8
			for i := range v {
				v[i] = g.GrayAt(x-1+i%3, y-1+i/3).Y
			}
			if got, w := want.GrayAt(x, y).Y, med9(&v); got != w {
				t.Fatalf("median3: pixel (%d, %d): got %d, want %d", x, y, got, w)
			}
		}
	}
	var blk block
	for y0 := 0; y0 < g.Rect.Dy(); y0 += surveyBlock {
		for x0 := 0; x0 < g.Rect.Dx(); x0 += surveyBlock {
			blk.median(g, x0, y0)
			for y := range surveyBlock {
				for x := range surveyBlock {
					if got, w := blk[y*surveyBlock+x], want.GrayAt(x0+x, y0+y).Y; got != w {
						t.Fatalf("pixel (%d, %d): got %d, want %d", x0+x, y0+y, got, w)
					}
				}
			}
		}
	}
}
