package print

// table is a ruled table with a shaded head, its rows wrapped to their
// columns and continued on further pages, head repeated: the shares of a
// drill report, the kit on a report or a ceremony record.
type table struct {
	cols  []float64 // where each column starts, as a fraction of the width, and 1
	heads []string
	bold  int // the column set in bold (names)
}

// draw lays out rows (one string a cell, from a file or not: each passes
// fonts.printable) from y on p, starting a new page with more when a row
// does not fit, and returns the page and y it ends on.
func (l *layout) draw(t table, p *page, y float64, rows [][]string, more func() (*page, float64)) (*page, float64) {
	colW := func(i int) float64 { return (t.cols[i+1]-t.cols[i])*l.width() - 8 }
	head := func(y float64) float64 {
		p.fill(l.x0, y, l.width(), 15, shade)
		for i, h := range t.heads {
			p.text(l.x0+t.cols[i]*l.width()+4, y+10.5, bold, 7.5, ink, h)
		}
		return y + 15
	}
	y = head(y)
	for _, row := range rows {
		cells := make([][]string, len(row))
		n := 1
		for i, s := range row {
			f := regular
			if i == t.bold {
				f = bold
			}
			cells[i] = l.fs.wrap(f, 8.5, l.fs.printable(f, s), colW(i))
			n = max(n, len(cells[i]))
		}
		rowH := float64(n)*10 + 7
		if y+rowH > l.bottom() {
			p, y = more()
			y = head(y)
		}
		for i, c := range cells {
			f := regular
			if i == t.bold {
				f = bold
			}
			for j, s := range c {
				p.text(l.x0+t.cols[i]*l.width()+4, y+13+float64(j)*10, f, 8.5, ink, s)
			}
		}
		y += rowH
		p.line(l.x0, y, l.x1, y, 0.5, rule)
	}
	return p, y
}
