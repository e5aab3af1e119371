package pdfimage

import (
	"errors"
	"fmt"
)

// ErrNoImages is returned by [Images] for a well-formed PDF that draws no
// image XObject on any page: a PDF written by a program rather than a
// scanner, such as quorum's own sheets.pdf, whose QR codes are vector paths.
// The hint (print the PDF and scan the paper) is cmd's to give.
var ErrNoImages = errors.New("pdf has no images (a scanner did not make it)")

// where formats the location shared by the error types: page and object
// number, either of which may be unknown (zero).
func where(page, object int) string {
	switch {
	case page > 0 && object > 0:
		return fmt.Sprintf("pdf page %d, object %d: ", page, object)
	case page > 0:
		return fmt.Sprintf("pdf page %d: ", page)
	case object > 0:
		return fmt.Sprintf("pdf object %d: ", object)
	}
	return "pdf: "
}

// LimitError reports a PDF that exceeds one of the bounds [Images] sets
// before it allocates or recurses: too many pages or objects, an image too
// large, a stream that inflates beyond what its image needs (a
// decompression bomb), nesting too deep.
type LimitError struct {
	Page   int    // 1-based page number, or 0 if the limit is not about one page
	Object int    // object number, or 0 if unknown
	What   string // what is too large and the bound, such as "image of 100000 × 100000 pixels, more than the limit of 80 million"
	Limit  int64  // the bound it exceeds
}

func (e *LimitError) Error() string {
	return where(e.Page, e.Object) + e.What
}

// UnsupportedError reports a valid PDF feature that [Images] does not read,
// such as a JBIG2Decode or JPXDecode image, or an encrypted PDF.
type UnsupportedError struct {
	Page    int    // 1-based page number, or 0
	Object  int    // object number, or 0
	Feature string // such as "filter JBIG2Decode" or "encrypted pdf"
}

func (e *UnsupportedError) Error() string {
	return fmt.Sprintf("%s%s is not supported", where(e.Page, e.Object), e.Feature)
}

// FormatError reports a malformed or truncated PDF.
type FormatError struct {
	Page   int    // 1-based page number, or 0
	Object int    // object number, or 0
	Offset int64  // byte offset in the file, or -1 if unknown
	Reason string // what is wrong
	Err    error  // the underlying decoder's error, if any
}

func (e *FormatError) Error() string {
	s := "malformed or truncated " + where(e.Page, e.Object) + e.Reason
	if e.Offset >= 0 {
		s += fmt.Sprintf(" (at byte %d)", e.Offset)
	}
	if e.Err != nil {
		s += ": " + e.Err.Error()
	}
	return s
}

func (e *FormatError) Unwrap() error { return e.Err }
