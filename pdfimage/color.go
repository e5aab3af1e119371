package pdfimage

import "image"

// Colour space kinds that images use (ISO 32000-1 §8.6).
const (
	csGray = iota + 1
	csRGB
	csCMYK
	csIndexed
)

// colorSpace is an image's colour space: n components per pixel, or for
// Indexed one index into palette, hival+1 entries of baseN bytes each.
type colorSpace struct {
	kind    int
	n       int
	baseN   int
	hival   int
	palette []byte
}

// colorSpace reads /ColorSpace. ICCBased spaces are taken as the device
// space with the same number of components: the profile tunes colour,
// which a QR decoder does not need.
func (d *doc) colorSpace(o object, depth int) (colorSpace, error) {
	v, err := d.resolve(o)
	if err != nil {
		return colorSpace{}, err
	}
	unsupported := func(what string) (colorSpace, error) {
		return colorSpace{}, &UnsupportedError{Feature: "colour space " + what}
	}
	switch v := v.(type) {
	case name:
		switch v {
		case "DeviceGray", "G", "CalGray":
			return colorSpace{kind: csGray, n: 1}, nil
		case "DeviceRGB", "RGB", "CalRGB":
			return colorSpace{kind: csRGB, n: 3}, nil
		case "DeviceCMYK", "CMYK":
			return colorSpace{kind: csCMYK, n: 4}, nil
		}
		return unsupported(string(v))
	case array:
		if len(v) == 0 {
			break
		}
		fam, _ := v[0].(name)
		switch fam {
		case "CalGray", "CalRGB", "DeviceGray", "DeviceRGB", "DeviceCMYK":
			return d.colorSpace(fam, depth)
		case "ICCBased":
			if len(v) < 2 {
				break
			}
			sv, err := d.resolve(v[1])
			if err != nil {
				return colorSpace{}, err
			}
			s, ok := sv.(*stream)
			if !ok {
				break
			}
			switch n, _ := d.intOf(s.dict["N"]); n {
			case 1:
				return colorSpace{kind: csGray, n: 1}, nil
			case 3:
				return colorSpace{kind: csRGB, n: 3}, nil
			case 4:
				return colorSpace{kind: csCMYK, n: 4}, nil
			}
		case "Indexed", "I":
			if len(v) < 4 || depth > 0 {
				break
			}
			base, err := d.colorSpace(v[1], depth+1)
			if err != nil {
				return colorSpace{}, err
			}
			hival, ok := d.intOf(v[2])
			if !ok || hival < 0 || hival > 255 {
				break
			}
			lv, err := d.resolve(v[3])
			if err != nil {
				return colorSpace{}, err
			}
			var pal []byte
			switch l := lv.(type) {
			case []byte:
				pal = l
			case *stream:
				// A palette is at most 256 entries of 4 bytes.
				if pal, err = d.plainStream(l, 256*4+bombMargin(0)); err != nil {
					return colorSpace{}, err
				}
			}
			if len(pal) < (hival+1)*base.n {
				break
			}
			if base.n == 3 && grayPalette(pal[:(hival+1)*3]) {
				// A black-and-white or gray scan saved as a palette image
				// (PNG writers do this for one-bit images) stays gray:
				// a quarter of the memory, and what the decoder wants.
				g := make([]byte, hival+1)
				for i := range g {
					g[i] = pal[3*i]
				}
				return colorSpace{kind: csIndexed, n: 1, baseN: 1, hival: hival, palette: g}, nil
			}
			return colorSpace{kind: csIndexed, n: 1, baseN: base.n, hival: hival, palette: pal}, nil
		default:
			return unsupported(string(fam))
		}
	case nil:
		return colorSpace{}, &FormatError{Offset: -1, Reason: "image has no /ColorSpace"}
	}
	return colorSpace{}, &FormatError{Offset: -1, Reason: "image has a malformed /ColorSpace"}
}

// samples turns decoded sample data into an image: *image.Gray for one
// component (and an Indexed gray palette), *image.RGBA otherwise. data
// holds at least h rows of ⌈w·n·bpc/8⌉ bytes.
func samples(data []byte, w, h, bpc int, cs colorSpace, decode []float64) image.Image {
	n := cs.n
	rowBytes := (w*n*bpc + 7) / 8
	// lut maps a sample (its high byte when bpc is 16) to 0…255 through
	// /Decode (§8.9.5.2): Dmin + v·(Dmax−Dmin)/(2^bpc−1).
	bits := min(bpc, 8)
	maxv := float64(int(1)<<bits - 1)
	luts := make([][]uint8, n)
	for c := range luts {
		luts[c] = make([]uint8, 1<<bits)
		for v := range luts[c] {
			x := decode[2*c] + float64(v)*(decode[2*c+1]-decode[2*c])/maxv
			if cs.kind == csIndexed {
				x = float64(v) / 255 // an index, not an intensity
			}
			x = min(max(x, 0), 1)
			luts[c][v] = uint8(x*255 + 0.5)
		}
	}
	row := make([]uint8, w*n)
	unpack := func(y int) {
		src := data[y*rowBytes : (y+1)*rowBytes]
		switch bpc {
		case 8:
			copy(row, src)
		case 16:
			for i := range row {
				row[i] = src[2*i]
			}
		default:
			perByte := 8 / bpc
			mask := uint8(1<<bpc - 1)
			for i := range row {
				b := src[i/perByte]
				shift := 8 - bpc*(i%perByte+1)
				row[i] = b >> shift & mask
			}
		}
	}
	gray := n == 1 && (cs.kind != csIndexed || cs.baseN == 1)
	if gray {
		img := image.NewGray(image.Rect(0, 0, w, h))
		for y := 0; y < h; y++ {
			unpack(y)
			out := img.Pix[y*img.Stride : y*img.Stride+w]
			if cs.kind == csIndexed {
				for x, v := range row {
					out[x] = cs.palette[min(int(v), cs.hival)]
				}
				continue
			}
			lut := luts[0]
			for x, v := range row {
				out[x] = lut[v]
			}
		}
		return img
	}
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		unpack(y)
		out := img.Pix[y*img.Stride : y*img.Stride+4*w]
		for x := 0; x < w; x++ {
			var c [4]uint8
			k := cs.n
			if cs.kind == csIndexed {
				k = cs.baseN
				i := min(int(row[x]), cs.hival) * k
				copy(c[:], cs.palette[i:i+k])
			} else {
				for j := 0; j < k; j++ {
					c[j] = luts[j][row[x*k+j]]
				}
			}
			r, g, b := c[0], c[1], c[2]
			if k == 4 {
				// The naive CMYK conversion, as image/color's CMYKToRGB.
				r, g, b = cmyk(c[0], c[3]), cmyk(c[1], c[3]), cmyk(c[2], c[3])
			}
			out[4*x], out[4*x+1], out[4*x+2], out[4*x+3] = r, g, b, 255
		}
	}
	return img
}

func cmyk(c, k uint8) uint8 {
	return uint8((255 - uint32(c)) * (255 - uint32(k)) / 255)
}

// grayPalette reports whether every RGB entry of pal has r = g = b.
func grayPalette(pal []byte) bool {
	for i := 0; i+2 < len(pal); i += 3 {
		if pal[i] != pal[i+1] || pal[i] != pal[i+2] {
			return false
		}
	}
	return true
}
