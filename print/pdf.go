package print

import (
	"fmt"
	"io"
	"strings"

	"codeberg.org/go-pdf/fpdf"
)

// writePDF draws pages into a PDF with codeberg.org/go-pdf/fpdf: text in
// the Go fonts, embedded as subsets, and QR codes as filled vector
// rectangles, sharp at any printer resolution.
func writePDF(w io.Writer, d *Document, pages []*page) error {
	size := "A4"
	if d.paper == Letter {
		size = "Letter"
	}
	f := fpdf.New("P", "pt", size, "")
	f.SetMargins(0, 0, 0)
	f.SetAutoPageBreak(false, 0)
	f.SetCompression(true)
	// Sorted catalogs and a fixed date make the same input give the same
	// bytes.
	f.SetCatalogSort(true)
	f.SetCreationDate(d.date)
	f.SetModificationDate(d.date)
	f.SetCreator("quorum", false)
	f.SetProducer("quorum", false)
	f.SetTitle(d.title, true)
	for id := range numFonts {
		f.AddUTF8FontFromBytes(fontName[id], "", fontTTF(id))
	}
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
				f.RawWriteStr(codePath(o, p.h))
			}
		}
	}
	if err := f.Error(); err != nil {
		return fmt.Errorf("pdf: %v", err)
	}
	return f.Output(w)
}

// codePath returns the PDF content that fills a code's rectangles as one
// path, in black, without touching the graphics state outside it. PDF's y
// axis points up from the bottom of the page.
func codePath(o codeOp, pageH float64) string {
	var b strings.Builder
	b.WriteString("q 0 g\n")
	for _, r := range o.c.rects {
		x := o.x + float64(r.x)*o.module
		y := o.y + float64(r.y+r.h)*o.module
		fmt.Fprintf(&b, "%.3f %.3f %.3f %.3f re\n", x, pageH-y, float64(r.w)*o.module, float64(r.h)*o.module)
	}
	b.WriteString("f Q\n")
	return b.String()
}
