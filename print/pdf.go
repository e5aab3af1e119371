package print

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strconv"
	"time"

	"codeberg.org/go-pdf/fpdf"
)

// pdfJob writes a document's PDF beside the rest of New, from the moment
// New starts: the writer's fixed cost, reading four fonts, is a fifth of a
// 3-of-5 ceremony's time and needs nothing laid out, so it overlaps the
// layout; and the pages are written while the codes are drawn and read
// back, each code drawn by the writer or waited for as its page comes
// (code.draw), rather than all of it after them (bench/RESULTS.md,
// BenchmarkSheets). The read-back leaves the writer a core of its own
// until it is done (readBack).
type pdfJob struct {
	pages chan []*page // New sends the pages, or closes it unsent when it fails
	done  chan struct{}
	pdf   []byte
	err   error
}

func startPDF(d *Document) *pdfJob {
	j := &pdfJob{pages: make(chan []*page, 1), done: make(chan struct{})}
	go func() {
		defer close(j.done)
		f := newPDF(d)
		pages, ok := <-j.pages
		if !ok {
			j.err = errors.New("the document was not laid out")
			return
		}
		var b bytes.Buffer
		if j.err = writePages(f, pages, &b); j.err == nil {
			j.pdf = b.Bytes()
		}
	}()
	return j
}

// newPDF returns a PDF writer, codeberg.org/go-pdf/fpdf, with the
// document's settings and fonts.
func newPDF(d *Document) *fpdf.Fpdf {
	f := newWriter(d.paper)
	// Sorted catalogs and a fixed date make the same input give the same
	// bytes.
	f.SetCatalogSort(true)
	f.SetCreationDate(d.date)
	f.SetModificationDate(d.date)
	f.SetCreator("quorum", false)
	f.SetProducer("quorum", false)
	f.SetTitle(d.title, true)
	return f
}

// newWriter returns a PDF writer on paper p with the sheet's fonts: all of
// its settings that do not depend on the document.
func newWriter(p Paper) *fpdf.Fpdf {
	size := "A4"
	if p == Letter {
		size = "Letter"
	}
	f := fpdf.New("P", "pt", size, "")
	f.SetMargins(0, 0, 0)
	f.SetAutoPageBreak(false, 0)
	// Page contents are not compressed: compressing them was a fifth of
	// the PDF's writing time (bench/ANALYSIS.md), and a sheet is printed,
	// not mailed, so its bytes do not matter (a 3-of-5 sheets.pdf is about
	// 440 kB instead of 140 kB). An auditor can also read every page's
	// drawing operators in a text editor. The embedded fonts stay
	// compressed.
	f.SetCompression(false)
	for id := range numFonts {
		// A copy: fpdf writes into the bytes it is given when it subsets
		// a font, which made every PDF after a process's first differ
		// from it, and would race with the fonts that measure and draw
		// the same bytes (TestDeterministic, TestFontsUnchanged).
		f.AddUTF8FontFromBytes(fontName[id], "", bytes.Clone(fontTTF(id)))
	}
	return f
}

// documentPDF writes pages as one document with its paper, date and
// title: the end that the ceremony's other papers (drill and reveal
// reports, the recovery kit, runbooks) share.
func documentPDF(paper Paper, date time.Time, title string, pages []*page) ([]byte, error) {
	d := &Document{paper: paper, date: date, title: title}
	var b bytes.Buffer
	if err := writePages(newPDF(d), pages, &b); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// writePages draws pages with f, which newPDF made, and writes the PDF to
// w: text in the Go fonts, embedded as subsets, and QR codes as filled
// vector rectangles, sharp at any printer resolution.
func writePages(f *fpdf.Fpdf, pages []*page, w io.Writer) error {
	for _, p := range pages {
		f.AddPage()
		for _, o := range p.ops {
			switch o := o.(type) {
			case textOp:
				f.SetFont(fontName[o.font], "", o.size)
				g := int(o.gray)
				f.SetTextColor(g, g, g)
				f.Text(o.x, o.y, o.s)
			case fillOp:
				g := int(o.gray)
				f.SetFillColor(g, g, g)
				f.Rect(o.x, o.y, o.w, o.h, "F")
			case lineOp:
				g := int(o.gray)
				f.SetDrawColor(g, g, g)
				f.SetLineWidth(o.width)
				f.Line(o.x1, o.y1, o.x2, o.y2)
			case codeOp:
				// The writer draws the code itself when no one has yet,
				// rather than wait for it (code.draw runs once): it is
				// the longest path of New, and idle it would leave its
				// core to the read-back, which can wait.
				if err := o.c.draw(); err != nil {
					return err
				}
				f.RawWriteStr(o.takePath(p.h))
			}
		}
	}
	if err := f.Error(); err != nil {
		return fmt.Errorf("pdf: %v", err)
	}
	return f.Output(w)
}

// preparePath makes codePath(o, pageH) ahead of the writer, unless it has
// written the code already: the read-back's workers do it right after
// drawing a code, so that the writer, New's longest path, finds it ready
// (a tenth of its own work on a 3-of-5 set).
func (o codeOp) preparePath(pageH float64) {
	c := o.c
	c.pathMu.Lock()
	defer c.pathMu.Unlock()
	if !c.pathTaken && c.path == "" {
		c.path, c.pathAt = codePath(o, pageH), pathKey{o.x, o.y, o.module, pageH}
	}
}

// takePath returns codePath(o, pageH) for the writer, the prepared one if
// it is for the same place; the code lets go of it (40 kB for a version
// 18 code).
func (o codeOp) takePath(pageH float64) string {
	c := o.c
	c.pathMu.Lock()
	defer c.pathMu.Unlock()
	path := c.path
	if path == "" || c.pathAt != (pathKey{o.x, o.y, o.module, pageH}) {
		path = codePath(o, pageH)
	}
	c.path, c.pathTaken = "", true
	return path
}

// codePath returns the PDF content that fills a code's rectangles as one
// path, in black, without touching the graphics state outside it. PDF's y
// axis points up from the bottom of the page.
func codePath(o codeOp, pageH float64) string {
	// strconv rather than fmt: a 255-sheet set has a quarter of a million
	// rectangles, and the text is the same as "%.3f" gives.
	b := make([]byte, 0, 32*len(o.c.rects)+16)
	b = append(b, "q 0 g\n"...)
	num := func(v float64, sep byte) {
		b = strconv.AppendFloat(b, v, 'f', 3, 64)
		b = append(b, sep)
	}
	for _, r := range o.c.rects {
		x := o.x + float64(r.x)*o.module
		y := o.y + float64(r.y+r.h)*o.module
		num(x, ' ')
		num(pageH-y, ' ')
		num(float64(r.w)*o.module, ' ')
		num(float64(r.h)*o.module, ' ')
		b = append(b, "re\n"...)
	}
	b = append(b, "f Q\n"...)
	return string(b)
}
