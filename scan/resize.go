package scan

import (
	"image"
	"math"

	xdraw "golang.org/x/image/draw"
)

// scaleKernel scales src into dst with the kernel k, as
// k.Scale(dst, dst.Bounds(), src, src.Bounds(), xdraw.Src, nil) does for
// gray images: the same weights, summed in the same order, give the same
// pixels, which the stages were tuned on (TestScaleKernel checks it). The
// difference is memory. x/image spreads every row of the source over the
// destination's width first, into a buffer of four float64 a pixel: for an
// A4 page at 300 dpi that is 418 MB enlarged 1.5 times and 223 MB at 0.8
// of the size, and a damaged scan that reaches those stages peaked near a
// gigabyte, on the old laptop kept off the network. Here a source row is
// spread when the first destination row that draws on it is made, and kept
// only while the rows below still draw on it: a few rows of memory.
func scaleKernel(dst, src *image.Gray, k *xdraw.Kernel) {
	dw, dh := dst.Bounds().Dx(), dst.Bounds().Dy()
	sw, sh := src.Bounds().Dx(), src.Bounds().Dy()
	if dw == 0 || dh == 0 || sw == 0 || sh == 0 {
		return
	}
	across, down := weigh(k, dw, sw), weigh(k, dh, sh)
	// The source rows one destination row draws on lie within span
	// rows, and move down with it: a ring of span rows, each slot
	// holding the row whose index is its own modulo span, keeps them.
	span := 1
	for _, t := range down {
		if len(t.w) > 0 {
			span = max(span, t.w[len(t.w)-1].at-t.w[0].at+1)
		}
	}
	ring := make([][]float64, span)
	held := make([]int, span)
	for i := range ring {
		ring[i] = make([]float64, dw)
		held[i] = -1
	}
	spread := func(y int) []float64 {
		slot := y % span
		if held[slot] == y {
			return ring[slot]
		}
		row := src.Pix[src.PixOffset(src.Rect.Min.X, src.Rect.Min.Y+y):][:sw]
		out := ring[slot]
		for x, t := range across {
			var v float64
			for _, c := range t.w {
				// x/image widens 8-bit gray to 16 bits, then scales
				// by 1/0xffff; the conversions keep Go from fusing
				// the multiply and the add, which would round
				// differently.
				v += float64(float64(uint32(row[c.at])*0x101) * c.w)
			}
			out[x] = v * (t.inv / 0xffff)
		}
		held[slot] = y
		return out
	}
	rows := make([][]float64, 0, span)
	for y, t := range down {
		rows = rows[:0]
		var total float64
		for _, c := range t.w {
			rows = append(rows, spread(c.at))
			total += float64(1 * c.w)
		}
		out := dst.Pix[dst.PixOffset(dst.Rect.Min.X, dst.Rect.Min.Y+y):][:dw]
		for x := range out {
			var v float64
			for i, c := range t.w {
				v += float64(rows[i][x] * c.w)
			}
			// x/image clamps the gray to the alpha (the total weight,
			// here) and rounds to 16 bits; image.Gray keeps the top 8.
			v = min(v, total)
			out[x] = uint8(to16(v*t.inv) >> 8)
		}
	}
}

// to16 maps [0, 1] to [0, 0xffff], rounding, and clamps what a kernel
// with negative lobes overshoots.
func to16(f float64) uint16 {
	i := int32(float64(0xffff*f) + 0.5)
	return uint16(min(max(i, 0), 0xffff))
}

// tap is the weight w of the source pixel (or row) at.
type tap struct {
	at int
	w  float64
}

// taps are the source pixels that one destination pixel along an axis is
// made of, and the inverse of their total weight.
type taps struct {
	w   []tap
	inv float64
}

// weigh spreads sn source pixels over dn along one axis, as x/image's
// kernel scaler does: destination pixel x is centred on source
// coordinate (x + ½)·sn/dn − ½, and draws on the source pixels within the
// kernel's support of it, a support widened by sn/dn when shrinking so
// that every source pixel counts.
func weigh(k *xdraw.Kernel, dn, sn int) []taps {
	scale := float64(sn) / float64(dn)
	half, argScale := k.Support, 1.0
	if scale > 1 {
		half *= scale
		argScale = 1 / scale
	}
	out := make([]taps, dn)
	for x := range out {
		centre := float64((float64(x)+0.5)*scale) - 0.5
		lo := max(int(math.Floor(centre-half)), 0)
		hi := min(int(math.Ceil(centre+half)), sn)
		var total float64
		var ws []tap
		for at := lo; at < hi; at++ {
			t := math.Abs((centre - float64(at)) * argScale)
			if t >= k.Support {
				continue
			}
			w := k.At(t)
			if w == 0 {
				continue
			}
			total += w
			ws = append(ws, tap{at, w})
		}
		out[x] = taps{ws, 1 / total}
	}
	return out
}
