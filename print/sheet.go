package print

import (
	"fmt"
	"math"
	"strings"

	"quorum/share"
)

// formatVersion is the share format the sheets print: the digit of
// [share.Prefix].
const formatVersion = 1

const (
	maxModule   = 1 * mm // larger modules only make the code harder to frame
	custodyRow  = 21     // a handwritten line
	custodyMin  = 3      // rows the custody table has at least
	custodyHead = 30     // its title and column heads
)

// sheet lays out one custodian's sheet. A share in one code gets one page
// with everything a custodian needs: facts, code, text, instructions and
// the custody table; a text too long to fit beside the code goes on on
// page 2. A share in parts gets its codes alone on page 1, as large as the
// page allows, and the instructions, the custody table and the text on the
// pages after it.
func (l *layout) sheet(d *sheetData) []*page {
	var pages []*page
	if len(d.codes) == 1 {
		pages = l.oneCode(d, false)
		if len(pages) > 1 {
			// Say on page 1 that the sheet has more pages; the sentence
			// takes room, so lay out again: more pages can only stay more.
			pages = l.oneCode(d, true)
		}
	} else {
		pages = l.parts(d)
	}
	s := d.s
	left := fmt.Sprintf("quorum share sheet · set %s · share %d of %d (%s)", s.Fingerprint(), s.Index, s.Shares, l.fs.printable(regular, s.Custodian))
	for i, p := range pages {
		l.footer(p, left, i+1, len(pages))
	}
	return pages
}

// head writes the top of page 1 and returns the y below its rule.
func (l *layout) head(p *page, s *share.Share) float64 {
	y := l.eyebrow(p, l.y0, "QUORUM SHARE SHEET", fmt.Sprintf("quorum share format, version %d", formatVersion))
	y = l.label(p, y, s.Label)
	y += shareSize * 1.1
	p.text(l.x0, y, bold, shareSize, ink, fmt.Sprintf("Share %d of %d: any %d of them rebuild the secret", s.Index, s.Shares, s.Threshold))
	y += 9
	l.hrule(p, y)
	return y
}

// oneCode lays out the sheet of a share in one code.
func (l *layout) oneCode(d *sheetData, multi bool) []*page {
	p := l.newPage()
	top := l.head(p, d.s) + 12 // at least the quiet zone of a code at maxModule
	// The instructions and at least a few custody rows stay on page 1;
	// the facts, the code and the text get the rest.
	instrH := l.instructions(l.newPage(), 0, d, multi)
	limit := l.bottom() - custodyHead - custodyMin*custodyRow - gap - instrH - gap
	bandBottom, rest := l.codeAndText(p, top, limit, d)
	y := bandBottom + gap
	y += l.instructions(p, y, d, multi)
	l.custody(p, y+gap, l.bottom())
	pages := []*page{p}
	for len(rest) > 0 {
		p, rest = l.continuation(d, rest, false)
		pages = append(pages, p)
	}
	return pages
}

// parts lays out the sheet of a share in several codes.
func (l *layout) parts(d *sheetData) []*page {
	p := l.newPage()
	facts := l.sheetFacts(d)
	y := l.head(p, d.s)
	y = l.facts(p, l.x0, y+8, l.width(), []float64{0, 0.3, 0.62}, facts[:3])
	y = l.facts(p, l.x0, y, l.width(), []float64{0}, facts[3:])
	l.hrule(p, y)
	note := fmt.Sprintf("This share is too long for one QR code: it is printed as %d codes. Scan every one, "+
		"in any order: quorum joins them. What this sheet is, how to keep it, and the share as text for "+
		"typing are on the next pages.", len(d.codes))
	noteH := float64(len(l.fs.wrap(regular, 9, note, l.width())))*12 + 6
	bottom := l.codeGrid(p, y+12, l.bottom()-noteH, d.codes)
	l.paragraph(p, l.x0, bottom, l.width(), regular, 9, 12, ink, note)
	pages := []*page{p}
	for rest, first := d.lines, true; len(rest) > 0; first = false {
		p, rest = l.continuation(d, rest, first)
		pages = append(pages, p)
	}
	return pages
}

// sheetFacts returns who and what: custodian, date, recipient, set
// fingerprint.
func (l *layout) sheetFacts(d *sheetData) []fact {
	s := d.s
	return []fact{
		{"custodian", []factLine{{bold, 12, l.fs.printable(bold, s.Custodian)}}},
		{"created", []factLine{{regular, valueSize, s.Created.Format("2006-01-02")}}},
		{"recipient", l.recipient(d)},
		{"set fingerprint: check it against the ceremony record", []factLine{{monoBold, 12, s.Fingerprint().String()}}},
	}
}

// label writes the set's label as the sheet's title.
func (l *layout) label(p *page, y float64, label string) float64 {
	if label == "" {
		return l.title(p, y, "(a set without a label)", regular, 20, 12, dim)
	}
	return l.title(p, y, l.fs.printable(bold, label), bold, 22, 11, ink)
}

// kindText names each recipient kind in words a custodian knows.
var kindText = map[share.Kind]string{
	share.KindX25519:     "age key (X25519)",
	share.KindHybrid:     "age post-quantum key (ML-KEM-768 + X25519)",
	share.KindSSHEd25519: "SSH key (Ed25519)",
	share.KindSSHRSA:     "SSH key (RSA)",
	share.KindPassphrase: "passphrase, typed by the custodian",
	share.KindPlugin:     "age plugin (hardware key)",
}

// pluginKind names a plugin custodian's kind with the plugin, whose
// program age-plugin-NAME opens the share.
func pluginKind(name string) string { return "age plugin: " + name }

// recipient says what opens the share, and the recipient fingerprint of
// FORMAT.md §9 when the manifest gives it.
func (l *layout) recipient(d *sheetData) []factLine {
	lines := []factLine{{regular, valueSize, kindText[d.s.Kind]}}
	if d.s.Kind == share.KindPlugin && d.plugin != "" {
		lines[0].s = l.fs.printable(regular, pluginKind(d.plugin)+" (hardware key)")
	}
	switch {
	case d.recipientFP != "":
		lines = append(lines, factLine{mono, 9.5, "fingerprint " + group4(d.recipientFP)})
	case !d.manifest && d.s.Kind != share.KindPassphrase:
		lines = append(lines, factLine{regular, 8, "fingerprint: in manifest.json"})
	}
	return lines
}

// group4 writes symbols in groups of four, as fingerprints are shown.
func group4(s string) string {
	var g []string
	for i := 0; i < len(s); i += 4 {
		g = append(g, s[i:min(i+4, len(s))])
	}
	return strings.Join(g, " ")
}

// lineText is a numbered line exactly as the share file writes it
// (FORMAT.md §7), so that the sheet, the file and pdftotext agree.
func lineText(l share.Line, width int) (num, groups, check string) {
	return fmt.Sprintf("%0*d", width, l.Number), l.Groups(), l.Check
}

// groupsWidth is how many characters the symbols of a full line take in
// groups of four.
const groupsWidth = share.LineSymbols + share.LineSymbols/4 - 1

// lineChars is how many characters a printed line takes.
func lineChars(lines []share.Line) int {
	return share.NumberWidth(lines) + 2 + groupsWidth + 2 + 2
}

// shareLine draws one numbered line at baseline y: the number in gray, the
// symbols in black, the check symbols in bold, a light band under every
// other line.
func (l *layout) shareLine(p *page, x, y float64, ln share.Line, lines []share.Line) {
	adv := l.fs.width(mono, lineSize, "0")
	w := share.NumberWidth(lines)
	num, groups, check := lineText(ln, w)
	if ln.Number%2 == 0 {
		p.fill(x-4, y-lineSize*0.95, float64(lineChars(lines))*adv+8, lineLead, stripe)
	}
	p.text(x, y, mono, lineSize, dim, num)
	p.text(x+float64(w+2)*adv, y, mono, lineSize, ink, groups)
	p.text(x+float64(w+2+groupsWidth+2)*adv, y, monoBold, lineSize, ink, check)
}

// textHead writes the heading over the share text and returns the y of the
// first line's top.
func (l *layout) textHead(p *page, x, y, w float64, note string) float64 {
	y += 9.5
	p.text(x, y, bold, 9.5, ink, "The share as text")
	return l.paragraph(p, x, y, w, regular, 7.8, 10, dim, note) + 6
}

// codeAndText draws the facts and the code below them on the left, and the
// share text on the right, as many lines as fit above limit. It returns
// the bottom of the band and the lines left over.
func (l *layout) codeAndText(p *page, top, limit float64, d *sheetData) (float64, []share.Line) {
	c := d.codes[0]
	adv := l.fs.width(mono, lineSize, "0")
	textW := float64(lineChars(d.lines)) * adv
	textX := l.x1 - textW
	y := l.textHead(p, textX, top-4, textW, "If the code cannot be read, type these lines instead.")
	fit := int((limit - y) / lineLead)
	n := len(d.lines)
	if n > fit {
		n = fit - 1 // room to say where the text goes on
	}
	for i, ln := range d.lines[:n] {
		l.shareLine(p, textX, y+float64(i+1)*lineLead-3.5, ln, d.lines)
	}
	textBottom := y + float64(n)*lineLead
	if n < len(d.lines) {
		textBottom += lineLead
		p.text(textX, textBottom-3.5, bold, 8.5, ink, fmt.Sprintf("Continued on page 2, from line %d.", n+1))
	}

	leftW := textX - 18 - l.x0
	facts := l.sheetFacts(d)
	y = l.facts(p, l.x0, top-4, leftW, []float64{0, 0.62}, facts[:2])
	y = l.facts(p, l.x0, y, leftW, []float64{0}, facts[2:3])
	y = l.facts(p, l.x0, y, leftW, []float64{0}, facts[3:])

	// The code's dark modules start at the box's left edge; its quiet zone
	// lies in the margin on the left, in the space below the facts, and
	// before the text on the right.
	const captionH = 26
	codeTop := y + float64(quiet)*maxModule
	module := min(maxModule, leftW/float64(c.size+quiet), (limit-codeTop-captionH)/float64(c.size+quiet))
	side := module * float64(c.size)
	p.code(c, l.x0, codeTop, module)
	cy := codeTop + side + float64(quiet)*module
	cy = l.codeCaption(p, l.x0, cy, side, c)
	return max(textBottom, cy), d.lines[n:]
}

// codeCaption writes what a code is under it, and returns the y below.
func (l *layout) codeCaption(p *page, x, y, w float64, c *code) float64 {
	tech := fmt.Sprintf("QR version %d, error correction level Q, %d × %d modules", c.version, c.size, c.size)
	if c.parts > 1 {
		y += 11
		p.text(x, y, bold, 10, ink, fmt.Sprintf("Part %d of %d", c.part, c.parts))
		tech = fmt.Sprintf("QR version %d, level Q", c.version)
	} else {
		y = l.paragraph(p, x, y-2, w, regular, 8, 10, dim, "Scan with any QR code reader: the text it gives is this share.")
	}
	return l.paragraph(p, x, y, w, regular, 6.8, 9, faint, tech)
}

// codeGrid draws the codes of a share in parts, as large as the space
// down to limit allows, each labelled "Part i of m", and returns the y
// below them.
func (l *layout) codeGrid(p *page, top, limit float64, codes []*code) float64 {
	const captionH = 24
	const gutter = 14
	size := 0
	for _, c := range codes {
		size = max(size, c.size)
	}
	span := float64(size + 2*quiet)
	// Try every number of columns; keep the one with the largest modules.
	best, bestCols := 0.0, 1
	for cols := 1; cols <= len(codes); cols++ {
		rows := (len(codes) + cols - 1) / cols
		cellW := (l.width() - float64(cols-1)*gutter) / float64(cols)
		cellH := (limit-top)/float64(rows) - captionH
		if m := min(cellW/span, cellH/span, maxModule); m > best {
			best, bestCols = m, cols
		}
	}
	module := math.Floor(best*100) / 100
	cellW := span * module
	// Centre the grid across the box.
	left := l.x0 + (l.width()-float64(bestCols)*cellW-float64(bestCols-1)*gutter)/2
	bottom := top
	for i, c := range codes {
		row, col := i/bestCols, i%bestCols
		x := left + float64(col)*(cellW+gutter) + float64(quiet)*module
		y := top + float64(row)*(cellW+captionH) + float64(quiet)*module
		p.code(c, x, y, module)
		bottom = max(bottom, l.codeCaption(p, x, y+float64(c.size+quiet)*module, float64(c.size)*module, c))
	}
	return bottom + 8
}

// continuation lays out a page after page 1: for a share in parts the first
// one starts with the instructions and the custody table; then the share
// text, in two columns. It returns the lines still left.
func (l *layout) continuation(d *sheetData, lines []share.Line, first bool) (*page, []share.Line) {
	s := d.s
	p := l.newPage()
	y := l.eyebrow(p, l.y0, "QUORUM SHARE SHEET, CONTINUED", fmt.Sprintf("quorum share format, version %d", formatVersion))
	y = l.title(p, y, fmt.Sprintf("Share %d of %d (%s)", s.Index, s.Shares, l.fs.printable(bold, s.Custodian)), bold, 15, 10, ink) - 4
	sub := fmt.Sprintf("Set %s", s.Fingerprint())
	if s.Label != "" {
		sub = fmt.Sprintf("“%s”, set %s", l.fs.printable(regular, s.Label), s.Fingerprint())
	}
	_, subLines := l.fs.fit(regular, sub, 9, 9, l.width())
	for _, line := range subLines {
		y += 12
		p.text(l.x0, y, regular, 9, dim, line)
	}
	y += 6
	l.hrule(p, y)
	if first {
		y += l.instructions(p, y+2, d, true) + 2
		y = l.custody(p, y+gap, y+gap+custodyHead+6*custodyRow) + gap
		l.hrule(p, y)
	}
	adv := l.fs.width(mono, lineSize, "0")
	colW := float64(lineChars(d.lines)) * adv
	head := "The lines go on from the previous page."
	if lines[0].Number == 1 {
		head = "Type these lines in order when the codes cannot be read: line number, symbols, two check symbols."
	}
	y = l.textHead(p, l.x0, y+2, l.width(), head)
	cols := []float64{l.x0}
	if 2*colW+30 <= l.width() {
		cols = append(cols, l.x1-colW)
	}
	perCol := int((l.bottom() - y - 2*lineLead) / lineLead)
	i := 0
	for _, x := range cols {
		for r := 0; r < perCol && i < len(lines); r++ {
			l.shareLine(p, x, y+float64(r+1)*lineLead-3.5, lines[i], d.lines)
			i++
		}
	}
	if len(cols) == 2 && i > perCol {
		mid := (cols[0] + colW + cols[1]) / 2
		p.line(mid, y, mid, y+float64(perCol)*lineLead, 0.5, rule)
	}
	end := y + float64(min(perCol, i))*lineLead + lineLead + 2
	if i < len(lines) {
		p.text(l.x0, end, bold, 8.5, ink, fmt.Sprintf("Continued on the next page, from line %d.", lines[i].Number))
	} else {
		p.text(l.x0, end, bold, 8.5, ink, fmt.Sprintf("End of the share text: line %d is the last.", lines[i-1].Number))
	}
	return p, lines[i:]
}

// custody draws the chain-of-custody table from y down to bottom, with as
// many rows as fit, and returns its bottom.
func (l *layout) custody(p *page, y, bottom float64) float64 {
	y += 10
	p.text(l.x0, y, bold, 10, ink, "Chain of custody")
	l.textRight(p, l.x1, y, regular, 8, dim, "Record every time this sheet leaves its storage place, and when it returns.")
	y += 6
	heads := []string{"Date", "Taken out by", "Purpose", "Returned (date)", "Signature"}
	cols := []float64{0, 0.14, 0.37, 0.66, 0.80, 1}
	// As many rows as fit, a little taller rather than leave a gap.
	avail := bottom - y - 14
	rows := max(custodyMin, int(avail/custodyRow))
	rowH := min(max(custodyRow, avail/float64(rows)), 1.3*custodyRow)
	h := 14 + float64(rows)*rowH
	p.fill(l.x0, y, l.width(), 14, shade)
	for i, head := range heads {
		p.text(l.x0+cols[i]*l.width()+4, y+10, bold, 7.5, ink, head)
	}
	for r := 0; r <= rows; r++ {
		ry := y + 14 + float64(r)*rowH
		p.line(l.x0, ry, l.x1, ry, 0.5, rule)
	}
	for _, c := range cols {
		x := l.x0 + c*l.width()
		p.line(x, y, x, y+h, 0.5, rule)
	}
	p.line(l.x0, y, l.x1, y, 0.5, rule)
	return y + h
}
