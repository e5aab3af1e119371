package print

import (
	"bytes"
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"math"

	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
	"golang.org/x/image/vector"
)

// raster draws pages into images, in pure Go: the read-back check draws
// each code with it, and --png draws whole sheets for previews. It draws
// the same operations the PDF holds, with the same fonts, without
// kerning, as the PDF reader sets them.
type raster struct {
	fs    *fonts
	scale float64 // pixels per point
	z     vector.Rasterizer
}

// draw draws o onto dst, whose pixel (0, 0) is at the page point (ox, oy).
func (r *raster) draw(dst *image.RGBA, o op, ox, oy float64) {
	px := func(v, o float64) float32 { return float32((v - o) * r.scale) }
	switch o := o.(type) {
	case fillOp:
		r.shape(dst, o.gray, func(z *vector.Rasterizer, dx, dy float32) {
			rect(z, px(o.x, ox)-dx, px(o.y, oy)-dy, float32(o.w*r.scale), float32(o.h*r.scale))
		}, o.x, o.y, o.w, o.h, ox, oy)
	case lineOp:
		// Lines here are horizontal or vertical: draw them as thin
		// rectangles, at least a pixel wide.
		hw := max(o.width*r.scale, 1) / 2 / r.scale
		x, y := min(o.x1, o.x2)-hw, min(o.y1, o.y2)-hw
		w, h := math.Abs(o.x2-o.x1)+2*hw, math.Abs(o.y2-o.y1)+2*hw
		r.shape(dst, o.gray, func(z *vector.Rasterizer, dx, dy float32) {
			rect(z, px(x, ox)-dx, px(y, oy)-dy, float32(w*r.scale), float32(h*r.scale))
		}, x, y, w, h, ox, oy)
	case codeOp:
		side := float64(o.c.size) * o.module
		r.shape(dst, ink, func(z *vector.Rasterizer, dx, dy float32) {
			for _, m := range o.c.rects {
				rect(z, px(o.x+float64(m.x)*o.module, ox)-dx, px(o.y+float64(m.y)*o.module, oy)-dy,
					float32(float64(m.w)*o.module*r.scale), float32(float64(m.h)*o.module*r.scale))
			}
		}, o.x, o.y, side, side, ox, oy)
	case textOp:
		w := r.fs.width(o.font, o.size, o.s)
		r.shape(dst, o.gray, func(z *vector.Rasterizer, dx, dy float32) {
			r.glyphs(z, o, px(o.x, ox)-dx, px(o.y, oy)-dy)
		}, o.x-1, o.y-o.size, w+2, o.size*1.4, ox, oy)
	}
}

// shape fills what path adds to the rasterizer, in gray, within the page
// box (x, y, w, h): the rasterizer covers only that box, so that a page of
// a few hundred small texts stays fast.
func (r *raster) shape(dst *image.RGBA, gray uint8, path func(z *vector.Rasterizer, dx, dy float32), x, y, w, h, ox, oy float64) {
	box := image.Rect(
		int(math.Floor((x-ox)*r.scale))-1, int(math.Floor((y-oy)*r.scale))-1,
		int(math.Ceil((x+w-ox)*r.scale))+1, int(math.Ceil((y+h-oy)*r.scale))+1,
	).Intersect(dst.Bounds())
	if box.Empty() {
		return
	}
	r.z.Reset(box.Dx(), box.Dy())
	r.z.DrawOp = draw.Over
	path(&r.z, float32(box.Min.X), float32(box.Min.Y))
	r.z.Draw(dst, box, image.NewUniform(color.Gray{Y: gray}), image.Point{})
}

func rect(z *vector.Rasterizer, x, y, w, h float32) {
	z.MoveTo(x, y)
	z.LineTo(x+w, y)
	z.LineTo(x+w, y+h)
	z.LineTo(x, y+h)
	z.ClosePath()
}

// glyphs adds the outlines of a text run, its baseline starting at (x, y)
// in pixels.
func (r *raster) glyphs(z *vector.Rasterizer, o textOp, x, y float32) {
	f := r.fs.f[o.font]
	ppem := fixed.Int26_6(o.size * r.scale * 64)
	var buf sfnt.Buffer
	for _, c := range o.s {
		gi, err := f.GlyphIndex(&buf, c)
		if err == nil && gi != 0 {
			segs, err := f.LoadGlyph(&buf, gi, ppem, nil)
			if err == nil {
				addSegments(z, segs, x, y)
			}
		}
		x += float32(r.fs.em(o.font, c) * o.size * r.scale)
	}
}

func addSegments(z *vector.Rasterizer, segs sfnt.Segments, x, y float32) {
	p := func(a fixed.Point26_6) (float32, float32) {
		return x + float32(a.X)/64, y + float32(a.Y)/64
	}
	for _, s := range segs {
		switch s.Op {
		case sfnt.SegmentOpMoveTo:
			z.MoveTo(p(s.Args[0]))
		case sfnt.SegmentOpLineTo:
			z.LineTo(p(s.Args[0]))
		case sfnt.SegmentOpQuadTo:
			ax, ay := p(s.Args[0])
			bx, by := p(s.Args[1])
			z.QuadTo(ax, ay, bx, by)
		case sfnt.SegmentOpCubeTo:
			ax, ay := p(s.Args[0])
			bx, by := p(s.Args[1])
			cx, cy := p(s.Args[2])
			z.CubeTo(ax, ay, bx, by, cx, cy)
		}
	}
	z.ClosePath()
}

// pageImage draws a whole page at dpi.
func pageImage(fs *fonts, p *page, dpi float64) *image.RGBA {
	r := &raster{fs: fs, scale: dpi / 72}
	img := image.NewRGBA(image.Rect(0, 0, int(math.Ceil(p.w*r.scale)), int(math.Ceil(p.h*r.scale))))
	draw.Draw(img, img.Bounds(), image.White, image.Point{}, draw.Src)
	for _, o := range p.ops {
		r.draw(img, o, 0, 0)
	}
	return img
}

// pngOf draws pages one below the other, a gray band between them, as a
// grayscale PNG.
func pngOf(fs *fonts, pages []*page, dpi float64) ([]byte, error) {
	const band = 12
	var imgs []*image.RGBA
	w, h := 0, 0
	for _, p := range pages {
		img := pageImage(fs, p, dpi)
		imgs = append(imgs, img)
		w = max(w, img.Bounds().Dx())
		h += img.Bounds().Dy() + band
	}
	h -= band
	out := image.NewGray(image.Rect(0, 0, w, h))
	draw.Draw(out, out.Bounds(), image.NewUniform(color.Gray{Y: 160}), image.Point{}, draw.Src)
	y := 0
	for _, img := range imgs {
		draw.Draw(out, img.Bounds().Add(image.Pt(0, y)), img, image.Point{}, draw.Src)
		y += img.Bounds().Dy() + band
	}
	var b bytes.Buffer
	if err := png.Encode(&b, out); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}
