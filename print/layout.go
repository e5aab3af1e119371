package print

import (
	"fmt"
	"strings"
)

// Page geometry, in points. The margin is 14 mm on every side: wider than
// the unprintable edge of any office printer (at most about 6 mm), so
// that nothing is cut off on A4 or Letter, whichever the printer is fed.
const (
	mm     = 72 / 25.4
	margin = 14 * mm
	// footerH is kept free above the bottom margin for the footer.
	footerH = 16
	// gap is the space between blocks.
	gap = 11
)

// Text sizes, in points.
const (
	eyebrowSize = 7.5
	shareSize   = 13   // "Share 2 of 5: any 3 of them rebuild the secret"
	keySize     = 7    // the small capitals over each fact
	valueSize   = 10.5 // the facts
	lineSize    = 9.2  // the share text
	lineLead    = 12.6 // its line spacing: room for a finger or a ruler
	proseSize   = 8.3
	proseLead   = 10.8
	footerSize  = 7
)

// layout places blocks on pages of one paper size.
type layout struct {
	w, h           float64
	x0, y0, x1, y1 float64 // the box inside the margins
	fs             *fonts
}

func newLayout(p Paper, fs *fonts) *layout {
	w, h := p.size()
	return &layout{w: w, h: h, x0: margin, y0: margin, x1: w - margin, y1: h - margin, fs: fs}
}

func (l *layout) newPage() *page { return &page{w: l.w, h: l.h} }

// width is the width of the box inside the margins.
func (l *layout) width() float64 { return l.x1 - l.x0 }

// bottom is the lowest y a block may reach, above the footer.
func (l *layout) bottom() float64 { return l.y1 - footerH }

// eyebrow writes the small line at the top of every page and returns the
// y below it.
func (l *layout) eyebrow(p *page, y float64, left, right string) float64 {
	base := y + eyebrowSize
	p.text(l.x0, base, bold, eyebrowSize, dim, left)
	l.textRight(p, l.x1, base, regular, eyebrowSize, dim, right)
	return base + 6
}

// title writes s as large as fits on one line (down to a size where it
// wraps), and returns the y below it.
func (l *layout) title(p *page, y float64, s string, f fontID, big, small float64, gray uint8) float64 {
	size, lines := l.fs.fit(f, s, big, small, l.width())
	for _, line := range lines {
		y += size * 1.2
		p.text(l.x0, y, f, size, gray, line)
	}
	return y + size*0.35
}

func (l *layout) textRight(p *page, x, y float64, f fontID, size float64, gray uint8, s string) {
	p.text(x-l.fs.width(f, size, s), y, f, size, gray, s)
}

func (l *layout) textCenter(p *page, x, y float64, f fontID, size float64, gray uint8, s string) {
	p.text(x-l.fs.width(f, size, s)/2, y, f, size, gray, s)
}

// hrule draws a thin line across the box at y.
func (l *layout) hrule(p *page, y float64) {
	p.line(l.x0, y, l.x1, y, 0.6, rule)
}

// paragraph writes wrapped text in [x, x+w] from y and returns the y below
// it.
func (l *layout) paragraph(p *page, x, y, w float64, f fontID, size, lead float64, gray uint8, s string) float64 {
	for _, line := range l.fs.wrap(f, size, s, w) {
		y += lead
		p.text(x, y, f, size, gray, line)
	}
	return y
}

// fact is one labelled value in a row of facts: a small capital key above
// one or more lines of value.
type fact struct {
	key   string
	lines []factLine
}

type factLine struct {
	font fontID
	size float64
	s    string
}

// facts writes a row of facts in the box [x, x+w], in columns starting at
// the given fractions of w, and returns the y below the tallest.
func (l *layout) facts(p *page, x, y, w float64, cols []float64, fs []fact) float64 {
	bottom := y
	for i, f := range fs {
		fx := x + cols[i]*w
		right := x + w
		if i+1 < len(cols) {
			right = x + cols[i+1]*w - 10
		}
		fy := y + keySize
		p.text(fx, fy, bold, keySize, dim, strings.ToUpper(f.key))
		fy += 3
		for _, fl := range f.lines {
			size, lines := l.fs.fit(fl.font, fl.s, fl.size, fl.size-3, right-fx)
			for _, line := range lines {
				fy += size * 1.25
				p.text(fx, fy, fl.font, size, ink, line)
			}
		}
		bottom = max(bottom, fy)
	}
	return bottom + 7
}

// footer writes the line at the foot of a page.
func (l *layout) footer(p *page, left string, n, of int) {
	y := l.y1 - 2
	right := fmt.Sprintf("page %d of %d", n, of)
	rw := l.fs.width(regular, footerSize, right)
	_, lines := l.fs.fit(regular, left, footerSize, footerSize, l.width()-rw-20)
	p.text(l.x0, y, regular, footerSize, faint, lines[0])
	p.text(l.x1-rw, y, regular, footerSize, faint, right)
}

// signBox draws one signer's box, as the ceremony record, the reports and
// the runbooks end: who in bold at by, then a labelled write-in line for
// each of fields, the first first below by and each next step below the
// last, across w from x. It returns the y of the last line.
func (l *layout) signBox(p *page, x, by, w, first, step float64, who string, fields ...string) float64 {
	p.text(x, by, bold, 9, ink, who)
	ly := by
	for j, what := range fields {
		ly = by + first + float64(j)*step
		p.text(x, ly-3, regular, 7.5, dim, what)
		p.line(x+44, ly, x+w, ly, 0.6, dim)
	}
	return ly
}
