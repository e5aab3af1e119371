package pdfimage

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
)

// Limits on images. One image may be as large as an A3 page scanned at
// 600 dpi (7016 × 9921, 69.6 million pixels) or a tabloid one (67.3
// million), with room to spare. All images of a document together may
// take 1 GiB decoded, counting a gray pixel as one byte and a colour one
// as four: about 120 gray or 30 colour A4 pages at 300 dpi, or three
// colour A3 pages at 600 dpi. Each bound is checked before any pixel is
// allocated, the total with a JPEG's own size, not the size the PDF claims.
const (
	maxPixels     = 80_000_000
	maxTotalBytes = 1 << 30
	maxDimension  = 1 << 20 // per side; also the most x/image/ccitt decodes
)

// spend counts an image of w × h pixels of bpp bytes against
// maxTotalBytes.
func (d *doc) spend(w, h, bpp, page, num int) error {
	n := int64(w) * int64(h) * int64(bpp)
	if d.spent+n > maxTotalBytes {
		return &LimitError{Page: page, Object: num, Limit: maxTotalBytes,
			What: fmt.Sprintf("images of more than %d MiB decoded in all", maxTotalBytes>>20)}
	}
	d.spent += n
	return nil
}

// bombMargin is how far a decoded stream may exceed what its image needs:
// writers pad rows or end with a few stray bytes, never with more.
func bombMargin(need int) int { return need/16 + 4096 }

// decodeImage decodes one image XObject (ISO 32000-1 §8.9.5), once: an
// image drawn on several pages is the same image.Image on each.
func (d *doc) decodeImage(s *stream, page int) (image.Image, error) {
	if img, ok := d.images[s.num]; ok {
		return img, nil
	}
	img, err := d.decodeImageOnce(s, page)
	if err != nil {
		return nil, err
	}
	d.images[s.num] = img
	return img, nil
}

func (d *doc) decodeImageOnce(s *stream, page int) (image.Image, error) {
	dct, num := s.dict, s.num
	bad := func(reason string, err error) error {
		return &FormatError{Page: page, Object: num, Offset: -1, Reason: reason, Err: err}
	}
	w, okw := d.intOf(dct["Width"])
	h, okh := d.intOf(dct["Height"])
	if !okw || !okh || w <= 0 || h <= 0 {
		return nil, bad("image has no valid /Width and /Height", nil)
	}
	if w > maxDimension || h > maxDimension || int64(w)*int64(h) > maxPixels {
		return nil, &LimitError{Page: page, Object: num, Limit: maxPixels,
			What: fmt.Sprintf("image of %d × %d pixels, more than the %d million of an A3 page at 600 dpi", w, h, maxPixels/1_000_000)}
	}

	filters, parms, err := d.filters(dct)
	if err != nil {
		return nil, withPage(withObject(err, num), page)
	}
	codec := ""
	for i, f := range filters {
		switch f {
		case "JBIG2Decode", "JPXDecode", "Crypt":
			return nil, &UnsupportedError{Page: page, Object: num, Feature: "image filter " + f}
		case "DCTDecode", "CCITTFaxDecode":
			if i != len(filters)-1 {
				return nil, &UnsupportedError{Page: page, Object: num, Feature: f + " followed by another filter"}
			}
			codec = f
		}
	}

	mask := dct["ImageMask"] == true
	cs := colorSpace{n: 1, kind: csGray}
	bpc := 1
	if !mask {
		if cs, err = d.colorSpace(dct["ColorSpace"], 0); err != nil && codec != "DCTDecode" {
			return nil, withPage(withObject(err, num), page)
		}
		// A JPEG says itself how many components it has.
		if err != nil {
			cs = colorSpace{}
		}
		v, ok := d.intOf(dct["BitsPerComponent"])
		switch {
		case codec == "DCTDecode":
			bpc = 8
		case !ok:
			return nil, bad("image has no /BitsPerComponent", nil)
		case v == 1 || v == 2 || v == 4 || v == 8 || v == 16:
			bpc = v
		default:
			return nil, bad(fmt.Sprintf("image has %d bits per component", v), nil)
		}
	}
	if codec != "DCTDecode" {
		bpp := 4
		if cs.kind == csGray || (cs.kind == csIndexed && cs.baseN == 1) {
			bpp = 1
		}
		if err := d.spend(w, h, bpp, page, num); err != nil {
			return nil, err
		}
	}
	decode, err := d.decodeArray(dct["Decode"], max(cs.n, 1))
	if err != nil {
		return nil, withPage(withObject(err, num), page)
	}

	rowBytes := (w*max(cs.n, 1)*bpc + 7) / 8
	need := rowBytes * h
	// What the last byte filter may produce: the samples, or for a codec
	// its encoded data, which is never much larger than the samples.
	limit := need + bombMargin(need)
	if codec != "" {
		limit = 2*max(need, w*h*4/8) + 1<<20
	}
	data := s.raw
	for i, f := range filters {
		if f == codec {
			break
		}
		l := limit
		if (f == "FlateDecode" || f == "LZWDecode") && codec == "" {
			// PNG prediction adds a byte a row before it is undone.
			if pred, _, rowLen, _, ok := d.predictorShape(parms[i]); ok && pred >= 10 {
				l = h*(rowLen+1) + bombMargin(need)
			}
		}
		if data, err = d.byteFilter(f, parms[i], data, l, num, page); err != nil {
			return nil, err
		}
	}

	switch codec {
	case "DCTDecode":
		return d.jpegImage(data, cs, decode, num, page)
	case "CCITTFaxDecode":
		if cs.kind != csGray || cs.n != 1 {
			return nil, &UnsupportedError{Page: page, Object: num, Feature: "CCITTFaxDecode in a colour space other than gray"}
		}
		return ccittImage(data, parms[len(parms)-1], w, h, decode[0] > decode[1], num, page)
	}
	if len(data) < need {
		return nil, bad(fmt.Sprintf("image data is %d bytes, %d × %d pixels need %d", len(data), w, h, need), nil)
	}
	return samples(data, w, h, bpc, cs, decode), nil
}

// decodeArray returns /Decode as 2n numbers, [0 1 …] if absent.
func (d *doc) decodeArray(o object, n int) ([]float64, error) {
	out := make([]float64, 2*n)
	for i := 0; i < n; i++ {
		out[2*i+1] = 1
	}
	v, err := d.resolve(o)
	if err != nil {
		return nil, err
	}
	a, ok := v.(array)
	if !ok || len(a) < 2*n {
		return out, nil
	}
	for i := range out {
		switch x := a[i].(type) {
		case int64:
			out[i] = float64(x)
		case float64:
			out[i] = x
		}
	}
	return out, nil
}

// jpegImage decodes a DCTDecode image with image/jpeg, after checking its
// own size against the limit (the PDF's /Width may lie).
func (d *doc) jpegImage(data []byte, cs colorSpace, decode []float64, num, page int) (image.Image, error) {
	data = dropStraySOI(data)
	cfg, err := jpeg.DecodeConfig(bytes.NewReader(data))
	if err != nil {
		return nil, jpegError(err, num, page)
	}
	if int64(cfg.Width)*int64(cfg.Height) > maxPixels {
		return nil, &LimitError{Page: page, Object: num, Limit: maxPixels,
			What: fmt.Sprintf("jpeg image of %d × %d pixels, more than the %d million of an A3 page at 600 dpi", cfg.Width, cfg.Height, maxPixels/1_000_000)}
	}
	bpp := 4
	if cfg.ColorModel == color.GrayModel {
		bpp = 1
	}
	if err := d.spend(cfg.Width, cfg.Height, bpp, page, num); err != nil {
		return nil, err
	}
	img, err := jpeg.Decode(bytes.NewReader(data))
	if err != nil {
		return nil, jpegError(err, num, page)
	}
	inverted := decode[0] > decode[1]
	if _, ok := img.(*image.CMYK); ok && hasAdobeMarker(data) {
		// image/jpeg inverts a CMYK JPEG with an Adobe marker, as
		// Photoshop stores them. A PDF takes the JPEG's values as they
		// are and inverts only by /Decode [1 0 1 0 1 0 1 0], which
		// writers add for Photoshop's JPEGs and Ghostscript does not for
		// its own: so invert back unless /Decode asks for it.
		inverted = !inverted
	}
	if inverted {
		return invert(img), nil
	}
	return img, nil
}

// jpegError tells a JPEG that image/jpeg does not read (12-bit samples,
// arithmetic coding) from a damaged one.
func jpegError(err error, num, page int) error {
	var ue jpeg.UnsupportedError
	if errors.As(err, &ue) {
		return &UnsupportedError{Page: page, Object: num, Feature: "jpeg feature (" + string(ue) + ")"}
	}
	return &FormatError{Page: page, Object: num, Offset: -1, Reason: "bad jpeg image", Err: err}
}

// dropStraySOI removes start-of-image and end-of-image markers that
// stand between the header segments of a JPEG, before its scan. tiff2pdf
// writes a JPEG-compressed TIFF as its JPEGTables followed by the strip,
// each with its own SOI; libjpeg (and so poppler) reads past the second,
// image/jpeg does not. Data without such markers is returned as it is.
func dropStraySOI(data []byte) []byte {
	if len(data) < 4 || data[0] != 0xff || data[1] != 0xd8 {
		return data
	}
	var out []byte // nil until a stray marker is found
	last := 0      // data[:last] is accounted for in out
	for p := 2; p+4 <= len(data) && data[p] == 0xff; {
		switch m := data[p+1]; {
		case m == 0xd8 || m == 0xd9:
			out = append(out, data[last:p]...)
			p += 2
			last = p
		case m == 0xda || m == 0xff:
			p = len(data) // the scan: entropy-coded data follows
		default:
			p += 2 + (int(data[p+2])<<8 | int(data[p+3]))
		}
	}
	if out == nil {
		return data
	}
	return append(out, data[last:]...)
}

// hasAdobeMarker reports whether a JPEG has an APP14 "Adobe" segment
// (marker FF EE, two length bytes, "Adobe") in its first 64 KiB, where
// the headers are.
func hasAdobeMarker(data []byte) bool {
	head := data[:min(len(data), 64<<10)]
	for i := 0; ; {
		j := bytes.Index(head[i:], []byte{0xff, 0xee})
		if j < 0 {
			return false
		}
		i += j + 2
		if i+7 <= len(head) && string(head[i+2:i+7]) == "Adobe" {
			return true
		}
	}
}

// invert inverts each component of img, as a /Decode [1 0 …] asks: gray
// and CMYK stay what they are, anything else becomes RGBA.
func invert(img image.Image) image.Image {
	b := img.Bounds()
	if c, ok := img.(*image.CMYK); ok {
		out := image.NewCMYK(b)
		for i, v := range c.Pix {
			out.Pix[i] = 255 - v
		}
		return out
	}
	if g, ok := img.(*image.Gray); ok {
		out := image.NewGray(b)
		for i, v := range g.Pix {
			out.Pix[i] = 255 - v
		}
		return out
	}
	out := image.NewRGBA(b)
	for py := b.Min.Y; py < b.Max.Y; py++ {
		for px := b.Min.X; px < b.Max.X; px++ {
			r, g, bl, _ := img.At(px, py).RGBA()
			i := out.PixOffset(px, py)
			out.Pix[i], out.Pix[i+1], out.Pix[i+2], out.Pix[i+3] = 255-uint8(r>>8), 255-uint8(g>>8), 255-uint8(bl>>8), 255
		}
	}
	return out
}
