package print

import "quorum/internal/filter"

// A page is laid out once, as a list of drawing operations in points
// (1/72 inch) with the origin at the top left, and then drawn twice: into
// the PDF, and into images for the read-back check and the previews. Both
// draw the same list, so the check sees the code's squares where the PDF
// puts them.

// gray levels, 0 black to 255 white. Sheets are printed on office laser
// printers, often in black and white: no colour carries meaning.
const (
	ink    = 0   // share text, codes, values
	dim    = 80  // labels, prose
	faint  = 135 // footers, notes
	rule   = 150 // lines between blocks
	shade  = 228 // table heads
	stripe = 241 // every other share line, to keep the eye on its line
)

type op interface{ isOp() }

// textOp is one run of text; y is its baseline.
type textOp struct {
	x, y float64
	font fontID
	size float64
	gray uint8
	s    string
}

// fillOp is a filled rectangle.
type fillOp struct {
	x, y, w, h float64
	gray       uint8
}

// lineOp is a straight line.
type lineOp struct {
	x1, y1, x2, y2 float64
	width          float64
	gray           uint8
}

// codeOp is a QR code: its dark modules, merged into rectangles, filled as
// one path, so that no renderer leaves a hairline between two squares.
type codeOp struct {
	c      *code
	x, y   float64 // top left of the first module (inside the quiet zone)
	module float64 // side of one module
}

func (textOp) isOp() {}
func (fillOp) isOp() {}
func (lineOp) isOp() {}
func (codeOp) isOp() {}

// page is one page of the document.
type page struct {
	w, h float64
	ops  []op
}

// text draws s. Every string on a page passes filter.Text here, the last
// step before the PDF and the preview, whether or not it came from a file:
// no field can reorder or hide what a sheet says.
func (p *page) text(x, y float64, f fontID, size float64, gray uint8, s string) {
	s = filter.Text(s)
	if s != "" {
		p.ops = append(p.ops, textOp{x, y, f, size, gray, s})
	}
}

func (p *page) fill(x, y, w, h float64, gray uint8) {
	p.ops = append(p.ops, fillOp{x, y, w, h, gray})
}

func (p *page) line(x1, y1, x2, y2, width float64, gray uint8) {
	p.ops = append(p.ops, lineOp{x1, y1, x2, y2, width, gray})
}

func (p *page) box(x, y, w, h, width float64, gray uint8) {
	p.line(x, y, x+w, y, width, gray)
	p.line(x+w, y, x+w, y+h, width, gray)
	p.line(x+w, y+h, x, y+h, width, gray)
	p.line(x, y+h, x, y, width, gray)
}

func (p *page) code(c *code, x, y, module float64) {
	p.ops = append(p.ops, codeOp{c, x, y, module})
}

// codes returns the page's QR codes.
func (p *page) codes() []codeOp {
	var cs []codeOp
	for _, o := range p.ops {
		if c, ok := o.(codeOp); ok {
			cs = append(cs, c)
		}
	}
	return cs
}
