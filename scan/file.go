package scan

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	"image/jpeg"
	"image/png"

	"quorum/pdfimage"
)

// MaxPixels is the largest image, in pixels, that [DecodeFile] decodes. A
// sheet of A3 scanned at 600 dpi is 7016 × 9921 pixels, 69.6 million: the
// largest a custodian's scanner is likely to give for one sheet. Decoding
// allocates a byte or four a pixel before any code is searched, so the
// dimensions a file claims in its header are checked first: a file of a
// few bytes that claims 100000 × 100000 pixels would otherwise ask for
// forty gigabytes.
const MaxPixels = 72_000_000

// maxSide bounds either side alone: a strip a pixel tall and seventy
// million wide is no scan, and the decoder's per-row buffers grow with it.
const maxSide = 30_000

// ErrUnknownFormat means that the bytes are not a PNG, a JPEG or a PDF.
var ErrUnknownFormat = errors.New("not a PNG, JPEG or PDF file")

// LimitError means that an image claims dimensions larger than scan
// decodes ([MaxPixels]); nothing of it was decoded.
type LimitError struct {
	Format        string // "PNG" or "JPEG"
	Width, Height int    // as the file's header claims them
	Limit         int    // MaxPixels
}

func (e *LimitError) Error() string {
	return fmt.Sprintf("%s image of %d × %d pixels is larger than the %d million pixels scan reads (A3 at 600 dpi)",
		e.Format, e.Width, e.Height, e.Limit/1_000_000)
}

// FormatError means that a file that starts as a PNG or JPEG does not
// decode as one: it is truncated or damaged.
type FormatError struct {
	Format string // "PNG" or "JPEG"
	Err    error  // what the image decoder said
}

func (e *FormatError) Error() string {
	return fmt.Sprintf("damaged or truncated %s file: %v", e.Format, e.Err)
}

func (e *FormatError) Unwrap() error { return e.Err }

// IsImage reports whether data starts as a PNG or JPEG file does, or holds
// a PDF header within its first 1024 bytes, where package pdfimage finds
// one, so that a caller can tell a scan from share text before reading it
// as either.
func IsImage(data []byte) bool {
	return formatOf(data) != "" || pdfimage.IsPDF(data)
}

// formatOf names the image format by its magic bytes: PNG's eight-byte
// signature, JPEG's start-of-image marker followed by another marker.
func formatOf(data []byte) string {
	switch {
	case bytes.HasPrefix(data, []byte("\x89PNG\r\n\x1a\n")):
		return "PNG"
	case bytes.HasPrefix(data, []byte{0xff, 0xd8, 0xff}):
		return "JPEG"
	}
	return ""
}

// decodePDF reads the page images of a scanned PDF one at a time, each
// dropped before the next is decoded, and returns the texts of all of
// them, each once; it is ErrNoCode only if no page had a code.
func decodePDF(data []byte) ([]string, error) {
	var texts []string
	seen := map[string]bool{}
	for pi, err := range pdfimage.All(data) {
		if err != nil {
			return nil, err
		}
		b := pi.Image.Bounds()
		if err := checkSize("PDF", b.Dx(), b.Dy()); err != nil {
			return nil, err
		}
		got, err := Decode(pi.Image)
		if errors.Is(err, ErrNoCode) {
			continue
		}
		if err != nil {
			return nil, err
		}
		for _, t := range got {
			if !seen[t] {
				seen[t] = true
				texts = append(texts, t)
			}
		}
	}
	if len(texts) == 0 {
		return nil, ErrNoCode
	}
	return texts, nil
}

// DecodeFile returns the text of every QR code in a PNG or JPEG file, as
// [Decode] reads them, or in the page images of a scanned PDF, decoded and
// searched one at a time, each text once. It checks the dimensions an image file claims before decoding it
// (*[LimitError]); an image file that does not decode is a
// *[FormatError]; bytes that are none of these are [ErrUnknownFormat]; a
// file without a readable code is [ErrNoCode]. A PDF's own errors are
// package pdfimage's, returned as they are: pdfimage.ErrNoImages for a PDF
// that holds no image (such as the sheets.pdf quorum prints, drawn in
// vectors), and its *FormatError, *LimitError and *UnsupportedError.
func DecodeFile(data []byte) ([]string, error) {
	if pdfimage.IsPDF(data) {
		return decodePDF(data)
	}
	img, err := decodeImage(data)
	if err != nil {
		return nil, err
	}
	return Decode(img)
}

// decodeImage decodes a PNG or JPEG file after checking its dimensions.
// The decoders are called directly, not through image.Decode, so that no
// other format registered in the binary is ever parsed from a scan.
func decodeImage(data []byte) (image.Image, error) {
	format := formatOf(data)
	var config func([]byte) (image.Config, error)
	var decode func([]byte) (image.Image, error)
	switch format {
	case "PNG":
		config = func(b []byte) (image.Config, error) { return png.DecodeConfig(bytes.NewReader(b)) }
		decode = func(b []byte) (image.Image, error) { return png.Decode(bytes.NewReader(b)) }
	case "JPEG":
		config = func(b []byte) (image.Config, error) { return jpeg.DecodeConfig(bytes.NewReader(b)) }
		decode = func(b []byte) (image.Image, error) { return jpeg.Decode(bytes.NewReader(b)) }
	default:
		return nil, ErrUnknownFormat
	}
	cfg, err := config(data)
	if err != nil {
		return nil, &FormatError{Format: format, Err: err}
	}
	if err := checkSize(format, cfg.Width, cfg.Height); err != nil {
		return nil, err
	}
	img, err := decode(data)
	if err != nil {
		return nil, &FormatError{Format: format, Err: err}
	}
	return img, nil
}

// checkSize refuses dimensions past the limits, before anything is
// allocated for them.
func checkSize(format string, w, h int) error {
	if w <= 0 || h <= 0 {
		return &FormatError{Format: format, Err: fmt.Errorf("image of %d × %d pixels", w, h)}
	}
	if w > maxSide || h > maxSide || int64(w)*int64(h) > MaxPixels {
		return &LimitError{Format: format, Width: w, Height: h, Limit: MaxPixels}
	}
	return nil
}
