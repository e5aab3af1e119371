package pdfimage

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	"iter"
)

// maxImages bounds the images returned for one file: a scan has one a
// page, and the same image listed on every page of a hostile file must
// not make millions of entries.
const maxImages = 10_000

// headerWindow is how far into a file its header may start. Viewers accept
// "%PDF-" anywhere in the first 1024 bytes, after junk that mail gateways
// and some scanners put before it.
const headerWindow = 1024

// Image is one image drawn on a page.
type Image struct {
	Page  int // 1-based page number
	Image image.Image
}

// IsPDF reports whether data has a PDF header where [Images] and [All]
// look for one: "%PDF-" within its first 1024 bytes. A caller that tells
// a PDF from other input by its first bytes asks this, so that what it
// takes for a PDF is what this package reads.
func IsPDF(data []byte) bool {
	return bytes.Contains(data[:min(len(data), headerWindow)], []byte("%PDF-"))
}

// Images returns the images of every page of a PDF, in page order, and
// within a page in the order of their resource names. It returns
// [ErrNoImages] if the PDF is well formed but has none, and otherwise a
// [*FormatError], [*LimitError] or [*UnsupportedError].
func Images(data []byte) ([]Image, error) {
	d, pages, err := open(data)
	if err != nil {
		return nil, err
	}
	var out []Image
	err = d.eachImage(pages, func(page int, s *stream) error {
		img, err := d.decodeImage(s, page)
		if err != nil {
			return err
		}
		out = append(out, Image{Page: page, Image: img})
		return nil
	})
	if err != nil {
		return nil, err
	}
	if len(out) == 0 {
		return nil, ErrNoImages
	}
	return out, nil
}

// All returns the images of a PDF as [Images] does, one at a time: each is
// decoded when the loop reaches it and kept by nothing here, so that a
// scanned stack of sheets is read a page at a time and never held whole.
// An image drawn again on a later page is not given again. The sequence
// ends at the first error, given with a zero Image: [ErrNoImages] when the
// PDF is well formed but has no image, or one of the errors of [Images],
// after the images of the pages before it.
func All(data []byte) iter.Seq2[Image, error] {
	return func(yield func(Image, error) bool) {
		d, pages, err := open(data)
		if err != nil {
			yield(Image{}, err)
			return
		}
		given := map[int]bool{}
		err = d.eachImage(pages, func(page int, s *stream) error {
			if given[s.num] {
				return nil
			}
			given[s.num] = true
			img, err := d.decodeImageOnce(s, page)
			if err != nil {
				return err
			}
			if !yield(Image{Page: page, Image: img}, nil) {
				return errStopped
			}
			return nil
		})
		switch {
		case errors.Is(err, errStopped):
		case err != nil:
			yield(Image{}, err)
		case len(given) == 0:
			yield(Image{}, ErrNoImages)
		}
	}
}

// errStopped is how All learns that its caller left the loop.
var errStopped = errors.New("stopped")

// open checks the header, reads the cross-reference and walks the page
// tree.
func open(data []byte) (*doc, []page, error) {
	if !IsPDF(data) {
		return nil, nil, &FormatError{Offset: -1, Reason: "not a pdf file (no %PDF- header)"}
	}
	d := newDoc(data)
	if err := d.readXref(); err != nil {
		return nil, nil, err
	}
	pages, err := d.pages()
	if err != nil {
		return nil, nil, err
	}
	return d, pages, nil
}

// eachImage calls f with every image of every page, in order, at most
// maxImages in all.
func (d *doc) eachImage(pages []page, f func(page int, s *stream) error) error {
	n := 0
	for _, p := range pages {
		streams, err := d.pageImages(p)
		if err != nil {
			return err
		}
		for _, s := range streams {
			if n >= maxImages {
				return &LimitError{Page: p.num, Limit: maxImages, What: fmt.Sprintf("more than %d images", maxImages)}
			}
			n++
			if err := f(p.num, s); err != nil {
				return err
			}
		}
	}
	return nil
}
