// Package degrade makes of a clean page what a scanner or a phone might:
// turned, scaled, blurred, noisy, faded, unevenly lit, photographed at an
// angle, creased, stained, or two sheets on one scan. It is plain pixel
// arithmetic, seeded, so that a seed gives the same image every run.
// bench/scancorpus builds its robustness corpus with it, and scan's tests
// degrade their sheets with it; it is not part of quorum itself.
package degrade

import (
	"hash/fnv"
	"image"
	"image/draw"
	"math"
	"math/rand/v2"

	xdraw "golang.org/x/image/draw"
	"golang.org/x/image/math/f64"
)

// Stream returns the random numbers for the image named name of the
// corpus made with seed: a stream of its own, so that one image can be
// made again without the others (bench/scancorpus -only, and scan's tests
// of images the corpus found hard).
func Stream(seed uint64, name string) *rand.Rand {
	h := fnv.New64a()
	h.Write([]byte(name))
	return rand.New(rand.NewPCG(seed, h.Sum64()))
}

func clamp(v float64) uint8 {
	switch {
	case v <= 0:
		return 0
	case v >= 255:
		return 255
	}
	return uint8(v + 0.5)
}

func filled(w, h int, v uint8) *image.Gray {
	g := image.NewGray(image.Rect(0, 0, w, h))
	for i := range g.Pix {
		g.Pix[i] = v
	}
	return g
}

// Rotate turns img by deg degrees about its centre onto a canvas large
// enough to hold it, of the gray of a scanner's lid.
func Rotate(img *image.Gray, deg float64, bg uint8) *image.Gray {
	w, h := float64(img.Bounds().Dx()), float64(img.Bounds().Dy())
	a := deg * math.Pi / 180
	cos, sin := math.Cos(a), math.Sin(a)
	nw := int(math.Ceil(math.Abs(w*cos)+math.Abs(h*sin))) + 40
	nh := int(math.Ceil(math.Abs(w*sin)+math.Abs(h*cos))) + 40
	dst := filled(nw, nh, bg)
	cx, cy := float64(nw)/2, float64(nh)/2
	m := f64.Aff3{cos, -sin, cx - cos*w/2 + sin*h/2, sin, cos, cy - sin*w/2 - cos*h/2}
	xdraw.BiLinear.Transform(dst, m, img, img.Bounds(), xdraw.Src, nil)
	return dst
}

// Scale resizes img by f with bilinear interpolation.
func Scale(img *image.Gray, f float64) *image.Gray {
	b := img.Bounds()
	dst := image.NewGray(image.Rect(0, 0, max(1, int(float64(b.Dx())*f)), max(1, int(float64(b.Dy())*f))))
	xdraw.BiLinear.Scale(dst, dst.Bounds(), img, b, xdraw.Src, nil)
	return dst
}

// Blur is a Gaussian blur of standard deviation sigma pixels, in two
// passes.
func Blur(img *image.Gray, sigma float64) *image.Gray {
	r := int(math.Ceil(3 * sigma))
	k := make([]float64, 2*r+1)
	sum := 0.0
	for i := range k {
		x := float64(i - r)
		k[i] = math.Exp(-x * x / (2 * sigma * sigma))
		sum += k[i]
	}
	for i := range k {
		k[i] /= sum
	}
	w, h := img.Bounds().Dx(), img.Bounds().Dy()
	tmp := make([]float64, w*h)
	for y := range h {
		row := img.Pix[y*img.Stride:]
		for x := range w {
			v := 0.0
			for i, kv := range k {
				xx := min(max(x+i-r, 0), w-1)
				v += kv * float64(row[xx])
			}
			tmp[y*w+x] = v
		}
	}
	dst := image.NewGray(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			v := 0.0
			for i, kv := range k {
				yy := min(max(y+i-r, 0), h-1)
				v += kv * tmp[yy*w+x]
			}
			dst.Pix[y*dst.Stride+x] = clamp(v)
		}
	}
	return dst
}

// Gaussian adds noise of standard deviation sigma gray levels.
func Gaussian(img *image.Gray, r *rand.Rand, sigma float64) *image.Gray {
	dst := image.NewGray(img.Bounds())
	for i, p := range img.Pix {
		dst.Pix[i] = clamp(float64(p) + r.NormFloat64()*sigma)
	}
	return dst
}

// SaltPepper turns a fraction of the pixels black or white.
func SaltPepper(img *image.Gray, r *rand.Rand, frac float64) *image.Gray {
	dst := image.NewGray(img.Bounds())
	copy(dst.Pix, img.Pix)
	for i := range dst.Pix {
		if r.Float64() < frac {
			if r.IntN(2) == 0 {
				dst.Pix[i] = 0
			} else {
				dst.Pix[i] = 255
			}
		}
	}
	return dst
}

// Contrast maps black to lo and white to hi.
func Contrast(img *image.Gray, lo, hi float64) *image.Gray {
	dst := image.NewGray(img.Bounds())
	for i, p := range img.Pix {
		dst.Pix[i] = clamp(lo + float64(p)*(hi-lo)/255)
	}
	return dst
}

// Lighting multiplies the page by a light that falls from full at a
// corner of the page to dark at the opposite one, plus a vignette: a phone
// photo under a desk lamp.
func Lighting(img *image.Gray, r *rand.Rand, dark float64) *image.Gray {
	w, h := img.Bounds().Dx(), img.Bounds().Dy()
	a := r.Float64() * 2 * math.Pi
	dx, dy := math.Cos(a), math.Sin(a)
	dst := image.NewGray(img.Bounds())
	diag := math.Hypot(float64(w), float64(h))
	for y := range h {
		for x := range w {
			fx, fy := float64(x)-float64(w)/2, float64(y)-float64(h)/2
			t := (fx*dx+fy*dy)/diag + 0.5 // 0 … 1 across the page
			v := 1 - dark*t
			rr := math.Hypot(fx, fy) / (diag / 2)
			v *= 1 - 0.3*dark*rr*rr
			dst.Pix[y*dst.Stride+x] = clamp(float64(img.Pix[y*img.Stride+x]) * v)
		}
	}
	return dst
}

// Perspective maps the page onto a quadrilateral whose corners are moved
// inwards by up to k of the page's size each, on a background bg: a phone
// held not quite parallel to the sheet. The result is then scaled by f,
// as a phone's camera holds fewer pixels than a scan.
func Perspective(img *image.Gray, r *rand.Rand, k, f float64, bg uint8) *image.Gray {
	w, h := float64(img.Bounds().Dx()), float64(img.Bounds().Dy())
	m := 0.06 * max(w, h)
	jit := func(s float64) float64 { return r.Float64() * k * s }
	// Destination corners: top left, top right, bottom right, bottom left.
	dst := [4][2]float64{
		{m + jit(w), m + jit(h)},
		{m + w - jit(w), m + jit(h)},
		{m + w - jit(w), m + h - jit(h)},
		{m + jit(w), m + h - jit(h)},
	}
	src := [4][2]float64{{0, 0}, {w, 0}, {w, h}, {0, h}}
	hm := Homography(dst, src) // destination pixel to source pixel
	W, H := int(w+2*m), int(h+2*m)
	out := filled(W, H, bg)
	for y := range H {
		for x := range W {
			X, Y := float64(x)+0.5, float64(y)+0.5
			d := hm[6]*X + hm[7]*Y + 1
			sx := (hm[0]*X + hm[1]*Y + hm[2]) / d
			sy := (hm[3]*X + hm[4]*Y + hm[5]) / d
			if sx < 0 || sy < 0 || sx >= w-1 || sy >= h-1 {
				continue
			}
			out.Pix[y*out.Stride+x] = bilinear(img, sx-0.5, sy-0.5)
		}
	}
	if f != 1 {
		return Scale(out, f)
	}
	return out
}

func bilinear(img *image.Gray, x, y float64) uint8 {
	x, y = max(x, 0), max(y, 0)
	x0, y0 := int(x), int(y)
	x1, y1 := min(x0+1, img.Bounds().Dx()-1), min(y0+1, img.Bounds().Dy()-1)
	fx, fy := x-float64(x0), y-float64(y0)
	p := func(x, y int) float64 { return float64(img.Pix[y*img.Stride+x]) }
	return clamp((p(x0, y0)*(1-fx)+p(x1, y0)*fx)*(1-fy) + (p(x0, y1)*(1-fx)+p(x1, y1)*fx)*fy)
}

// Homography solves for the projective map taking the four points from
// onto the four points to, by Gaussian elimination on the usual 8×8
// system.
func Homography(from, to [4][2]float64) [8]float64 {
	var a [8][9]float64
	for i := range 4 {
		x, y, u, v := from[i][0], from[i][1], to[i][0], to[i][1]
		a[2*i] = [9]float64{x, y, 1, 0, 0, 0, -u * x, -u * y, u}
		a[2*i+1] = [9]float64{0, 0, 0, x, y, 1, -v * x, -v * y, v}
	}
	for c := range 8 {
		p := c
		for r := c + 1; r < 8; r++ {
			if math.Abs(a[r][c]) > math.Abs(a[p][c]) {
				p = r
			}
		}
		a[c], a[p] = a[p], a[c]
		for r := range 8 {
			if r != c {
				f := a[r][c] / a[c][c]
				for k := c; k < 9; k++ {
					a[r][k] -= f * a[c][k]
				}
			}
		}
	}
	var h [8]float64
	for i := range 8 {
		h[i] = a[i][8] / a[i][i]
	}
	return h
}

// Crease draws a fold across the box: a dark line a few pixels wide with a
// shadow beside it, at a random angle through a random point of the box.
func Crease(img *image.Gray, r *rand.Rand, box image.Rectangle, width float64) *image.Gray {
	dst := image.NewGray(img.Bounds())
	copy(dst.Pix, img.Pix)
	cx := float64(box.Min.X) + r.Float64()*float64(box.Dx())
	cy := float64(box.Min.Y) + r.Float64()*float64(box.Dy())
	a := r.Float64() * math.Pi
	nx, ny := -math.Sin(a), math.Cos(a)
	b := dst.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			d := (float64(x)-cx)*nx + (float64(y)-cy)*ny
			i := y*dst.Stride + x
			switch {
			case math.Abs(d) < width/2:
				dst.Pix[i] = clamp(float64(dst.Pix[i]) * 0.35)
			case d > 0 && d < 4*width:
				dst.Pix[i] = clamp(float64(dst.Pix[i]) * (0.75 + 0.25*d/(4*width)))
			}
		}
	}
	return dst
}

// Stain darkens a few overlapping discs in the box, as coffee does: the
// modules stay visible under it, at lower contrast.
func Stain(img *image.Gray, r *rand.Rand, box image.Rectangle, radius float64) *image.Gray {
	dst := image.NewGray(img.Bounds())
	copy(dst.Pix, img.Pix)
	for range 3 {
		cx := float64(box.Min.X) + r.Float64()*float64(box.Dx())
		cy := float64(box.Min.Y) + r.Float64()*float64(box.Dy())
		rad := radius * (0.6 + 0.4*r.Float64())
		depth := 0.45 + 0.2*r.Float64()
		rc := image.Rect(int(cx-rad), int(cy-rad), int(cx+rad)+1, int(cy+rad)+1).Intersect(dst.Bounds())
		for y := rc.Min.Y; y < rc.Max.Y; y++ {
			for x := rc.Min.X; x < rc.Max.X; x++ {
				d := math.Hypot(float64(x)-cx, float64(y)-cy) / rad
				if d >= 1 {
					continue
				}
				f := 1 - depth
				if d > 0.85 { // the darker ring at a dried edge
					f -= 0.1
				}
				i := y*dst.Stride + x
				dst.Pix[i] = clamp(float64(dst.Pix[i]) * f)
			}
		}
	}
	return dst
}

// SideBySide puts two pages on one scanner glass, each turned a little,
// as a flatbed scan of two sheets laid down by hand.
func SideBySide(a, b *image.Gray, r *rand.Rand) *image.Gray {
	a = Rotate(a, r.Float64()*6-3, 235)
	b = Rotate(b, r.Float64()*6-3, 235)
	w := a.Bounds().Dx() + b.Bounds().Dx()
	h := max(a.Bounds().Dy(), b.Bounds().Dy())
	dst := filled(w, h, 235)
	draw.Draw(dst, a.Bounds(), a, image.Point{}, draw.Src)
	draw.Draw(dst, b.Bounds().Add(image.Pt(a.Bounds().Dx(), 0)), b, image.Point{}, draw.Src)
	return dst
}

// Blank is a w × h page with nothing printed on it, as a scanner gives
// the back of a sheet: paper a little off white, with the sensor's noise
// of a few gray levels.
func Blank(w, h int, r *rand.Rand) *image.Gray {
	return Gaussian(filled(w, h, 242), r, 3)
}

// Noise is a w × h image of uniformly random gray levels: the page that
// shows the most texture and no code, the decoder's worst case.
func Noise(w, h int, r *rand.Rand) *image.Gray {
	g := image.NewGray(image.Rect(0, 0, w, h))
	for i := range g.Pix {
		g.Pix[i] = uint8(r.Uint32())
	}
	return g
}

// Photo is page photographed by a phone of pixels pixels, held over the
// sheet and not quite parallel to it (corners moved in by up to 6 %),
// under a desk lamp (a fifth darker at the far corner), slightly out of
// focus (σ 1.2 px) and with the sensor's noise (σ 6): the sheet fills
// most of the frame, as a custodian asked to photograph it would frame
// it. Saving it as a phone does (JPEG) is the caller's.
func Photo(page *image.Gray, r *rand.Rand, pixels int) *image.Gray {
	img := Perspective(page, r, 0.06, 1, 60)
	img = Scale(img, math.Sqrt(float64(pixels)/float64(img.Bounds().Dx()*img.Bounds().Dy())))
	img = Lighting(img, r, 0.2)
	return Gaussian(Blur(img, 1.2), r, 6)
}
