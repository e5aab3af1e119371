package pdfimage

import (
	"bytes"
	"fmt"
	"image"
)

// maxImages bounds the images returned for one file: a scan has one a
// page, and the same image listed on every page of a hostile file must
// not make millions of entries.
const maxImages = 10_000

// Image is one image drawn on a page.
type Image struct {
	Page  int // 1-based page number
	Image image.Image
}

// Images returns the images of every page of a PDF, in page order, and
// within a page in the order of their resource names. It returns
// [ErrNoImages] if the PDF is well formed but has none, and otherwise a
// [*FormatError], [*LimitError] or [*UnsupportedError].
func Images(data []byte) ([]Image, error) {
	// Viewers accept the header anywhere in the first 1024 bytes, after
	// junk that mail gateways and some scanners put before it.
	if !bytes.Contains(data[:min(len(data), 1024)], []byte("%PDF-")) {
		return nil, &FormatError{Offset: -1, Reason: "not a pdf file (no %PDF- header)"}
	}
	d := newDoc(data)
	if err := d.readXref(); err != nil {
		return nil, err
	}
	pages, err := d.pages()
	if err != nil {
		return nil, err
	}
	var out []Image
	for _, p := range pages {
		streams, err := d.pageImages(p)
		if err != nil {
			return nil, err
		}
		for _, s := range streams {
			img, err := d.decodeImage(s, p.num)
			if err != nil {
				return nil, err
			}
			if len(out) >= maxImages {
				return nil, &LimitError{Page: p.num, Limit: maxImages, What: fmt.Sprintf("more than %d images", maxImages)}
			}
			out = append(out, Image{Page: p.num, Image: img})
		}
	}
	if len(out) == 0 {
		return nil, ErrNoImages
	}
	return out, nil
}
