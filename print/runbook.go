package print

import (
	"fmt"
	"strings"
	"time"

	"quorum/runbook"
)

// RunbookOptions says how to print a runbook.
type RunbookOptions struct {
	Paper Paper
	// Date is the PDF's creation date; the zero time means the clock's.
	Date time.Time
}

// RunbookPDF lays out a runbook as a checklist to fill in with a pen at a
// table: the set's facts, the roles with a line for each name, what to
// bring, the numbered steps each with a box to tick, a time and initials,
// the quorum command set apart in the typewriter font, what to check in
// the console, lines for the values used; then the exceptions table, the
// box for what went wrong and what to improve, and the signatures. A step
// is never split across pages, so that it is read and ticked whole. The
// text is the runbook's: print adds only the layout.
func RunbookPDF(r *runbook.Runbook, o RunbookOptions) ([]byte, error) {
	fs, err := loadFonts()
	if err != nil {
		return nil, err
	}
	date := o.Date
	if date.IsZero() {
		date = time.Now()
	}
	l := newLayout(o.Paper, fs)
	pages := l.runbook(r)
	return documentPDF(o.Paper, date, "quorum runbook: "+r.Title, pages)
}

// The runbook's sizes, in points: larger than a sheet's prose, since it
// is read at arm's length while people work, and with room to write.
const (
	rbText     = 9
	rbLead     = 11.8
	rbCmd      = 7.8
	rbCmdLead  = 10.2
	rbWriteH   = 21 // a line to write a value on
	rbBox      = 11 // the side of a box to tick
	rbIndent   = 22 // the steps' text, right of their box
	rbRowH     = 24 // a row of the exceptions table
	rbLessonsH = 24 // a line of the lessons box
)

// runbook lays out r. Each block is drawn first on a scratch page to
// measure it, then where it fits.
func (l *layout) runbook(r *runbook.Runbook) []*page {
	const head = "QUORUM RUNBOOK"
	right := "scenario " + r.Name
	p := l.newPage()
	pages := []*page{p}
	more := func() float64 {
		p = l.newPage()
		pages = append(pages, p)
		y := l.eyebrow(p, l.y0, head+", CONTINUED", right) + 8
		return l.paragraph(p, l.x0, y, l.width(), bold, 10, 12, ink, l.fs.printable(bold, r.Title)) + 6
	}
	// place draws block at y if it fits above the footer, else on a new
	// page, and returns the y below it.
	place := func(y float64, block func(p *page, y float64) float64) float64 {
		h := block(l.newPage(), 0)
		if y+h > l.bottom() {
			y = more()
		}
		return block(p, y)
	}

	y := l.eyebrow(p, l.y0, head, right)
	y = l.title(p, y+4, l.fs.printable(bold, r.Title), bold, 18, 13, ink)
	y = l.paragraph(p, l.x0, y, l.width(), regular, proseSize+0.4, proseLead+0.5, dim, l.fs.printable(regular, r.Guidance)) + 6
	l.hrule(p, y)
	y = l.runbookFacts(p, y+6, r)

	y = place(y+4, func(p *page, y float64) float64 { return l.runbookRoles(p, y, r.Roles) })
	y = place(y+gap, func(p *page, y float64) float64 {
		y = l.heading(p, y, "Before the first step")
		for _, s := range r.Bring {
			y = l.ticked(p, y, s)
		}
		return y
	})
	for i, s := range r.Steps {
		y = place(y, func(p *page, y float64) float64 {
			// The heading goes with the first step, never alone at the
			// foot of a page.
			if i == 0 {
				y = l.heading(p, y+gap, "Steps")
				y = l.paragraph(p, l.x0, y, l.width(), regular, proseSize, proseLead, dim,
					"Tick each step's box when it is done; write the time, and the initials of the operator and the witness.") + 2
			}
			return l.step(p, y, i+1, s)
		})
	}
	y = place(y+gap, func(p *page, y float64) float64 { return l.exceptions(p, y, r) })
	y = place(y+gap, func(p *page, y float64) float64 { return l.lessons(p, y, r.Lessons, r.LessonsNote) })
	place(y+gap, func(p *page, y float64) float64 { return l.runbookSignatures(p, y) })

	left := "quorum runbook · " + r.Name
	for _, f := range r.Facts {
		if f.Label == "Set fingerprint" && !strings.HasPrefix(f.Value, "(") {
			left += " · set " + f.Value
		}
	}
	for i, p := range pages {
		l.footer(p, l.fs.printable(regular, left), i+1, len(pages))
	}
	return pages
}

// heading writes a block's heading and returns the y below it.
func (l *layout) heading(p *page, y float64, s string) float64 {
	y += 13
	p.text(l.x0, y, bold, 11, ink, s)
	return y + 3
}

// runbookFacts writes the set's facts: the short ones three to a row,
// the fingerprint with the manifest, the custodians and the kit across the
// width.
func (l *layout) runbookFacts(p *page, y float64, r *runbook.Runbook) float64 {
	value := map[string]string{}
	for _, f := range r.Facts {
		value[f.Label] = f.Value
	}
	one := func(label string, font fontID, size float64) fact {
		return fact{label, []factLine{{font, size, l.fs.printable(font, value[label])}}}
	}
	size := valueSize - 1
	y = l.facts(p, l.x0, y, l.width(), []float64{0, 0.36, 0.72}, []fact{
		one("Set", regular, size), one("Threshold", regular, size), one("Access log", regular, size)})
	y = l.facts(p, l.x0, y, l.width(), []float64{0, 0.36}, []fact{
		one("Set fingerprint", mono, 9), one("Manifest", regular, size)})
	y = l.facts(p, l.x0, y, l.width(), []float64{0}, []fact{one("Custodians", regular, size)})
	if len(r.Kit) > 0 {
		var lines []factLine
		for _, it := range r.Kit {
			lines = append(lines, factLine{regular, size, l.fs.printable(regular, fmt.Sprintf("%s (%s): %s", it.ID, it.Kind, it.Place))})
		}
		y = l.facts(p, l.x0, y, l.width(), []float64{0}, []fact{{"Kit: items and places", lines}})
	}
	return y
}

// runbookRoles writes the roles as a table: the role, a line for the
// names (or the names the facts give), the duty.
func (l *layout) runbookRoles(p *page, y float64, roles []runbook.Role) float64 {
	y = l.heading(p, y, "Roles")
	cols := []float64{0, 0.17, 0.45, 1}
	x := func(i int) float64 { return l.x0 + cols[i]*l.width() }
	w := func(i int) float64 { return (cols[i+1]-cols[i])*l.width() - 10 }
	y += 4
	p.fill(l.x0, y, l.width(), 15, shade)
	for i, h := range []string{"Role", "Name (write in)", "Duty"} {
		p.text(x(i)+4, y+10.5, bold, 7.5, ink, h)
	}
	y += 15
	for _, r := range roles {
		duty := l.fs.wrap(regular, 8.2, l.fs.printable(regular, r.Duty), w(2))
		who := l.fs.wrap(regular, 8.5, l.fs.printable(regular, r.Who), w(1))
		h := max(float64(len(duty))*10.4, float64(len(who))*10.6, 18) + 9
		p.text(x(0)+4, y+13, bold, 8.5, ink, r.Role)
		if r.Who == "" {
			p.line(x(1)+4, y+h-6, x(2)-10, y+h-6, 0.6, dim)
		} else {
			for j, s := range who {
				p.text(x(1)+4, y+13+float64(j)*10.6, regular, 8.5, ink, s)
			}
		}
		for j, s := range duty {
			p.text(x(2)+4, y+13+float64(j)*10.4, regular, 8.2, dim, s)
		}
		y += h
		p.line(l.x0, y, l.x1, y, 0.5, rule)
	}
	return y
}

// ticked writes s beside a box to tick and returns the y below it.
func (l *layout) ticked(p *page, y float64, s string) float64 {
	y += 4
	p.box(l.x0, y+2, rbBox-2, rbBox-2, 0.8, ink)
	return l.paragraph(p, l.x0+16, y-rbLead+rbBox-1, l.width()-16, regular, rbText-0.5, rbLead-0.5, ink, l.fs.printable(regular, s)) + 2
}

// step writes one numbered step: its box, number and title, the time
// and initials to write in, its text, command, console check and values.
func (l *layout) step(p *page, y float64, n int, s runbook.Step) float64 {
	y += 8
	top := y
	p.box(l.x0, top, rbBox+2, rbBox+2, 1, ink)
	// The time and initials, at the right of the title line.
	const fieldW = 58
	fx := l.x1
	for _, f := range []string{"Initials", "Time"} {
		p.line(fx-fieldW, top+rbBox+1, fx, top+rbBox+1, 0.6, dim)
		fx -= fieldW + 4
		l.textRight(p, fx, top+rbBox-1, regular, 7.5, dim, f)
		fx -= l.fs.width(regular, 7.5, f) + 10
	}
	titleW := fx - (l.x0 + rbIndent) - 6
	_, title := l.fs.fit(bold, fmt.Sprintf("%d. %s", n, l.fs.printable(bold, s.Title)), 10.5, 10.5, titleW)
	for i, line := range title {
		p.text(l.x0+rbIndent, top+rbBox-1+float64(i)*13, bold, 10.5, ink, line)
	}
	y = top + rbBox + float64(len(title)-1)*13 + 1
	x, w := l.x0+rbIndent, l.width()-rbIndent
	y = l.paragraph(p, x, y, w, regular, rbText, rbLead, ink, l.fs.printable(regular, s.Do))
	if s.Command != "" {
		var lines []string
		for _, c := range strings.Split(s.Command, "\n") {
			lines = append(lines, l.commandLines(l.fs.printable(mono, c), w-16)...)
		}
		h := float64(len(lines))*rbCmdLead + 7
		y += 4
		p.fill(x, y, w, h, stripe)
		for i, line := range lines {
			p.text(x+6, y+rbCmdLead+float64(i)*rbCmdLead-1, mono, rbCmd, ink, line)
		}
		y += h
	}
	if s.Console != "" {
		y = l.leadIn(p, x, y+2, w, "In the console: ", l.fs.printable(regular, s.Console))
	}
	for _, v := range s.Write {
		y += rbWriteH
		label := l.fs.printable(regular, v)
		p.text(x, y-3, regular, 8, dim, label)
		p.line(x+l.fs.width(regular, 8, label)+6, y, l.x1, y, 0.6, dim)
	}
	y += 7
	p.line(l.x0, y, l.x1, y, 0.5, rule)
	return y
}

// commandLines wraps a command to width w: between its words, never
// between a flag and its value ("--run RUN") nor inside a quoted value,
// later lines indented, as a
// shell continues a command, so that each line reads as whole options.
func (l *layout) commandLines(cmd string, w float64) []string {
	var groups []string
	for _, word := range strings.Fields(cmd) {
		n := len(groups)
		quoted := n > 0 && strings.Count(groups[n-1], `"`)%2 == 1
		flag := n > 0 && strings.HasPrefix(groups[n-1], "-") && !strings.Contains(groups[n-1], " ") && !strings.HasPrefix(word, "-")
		if quoted || flag {
			groups[n-1] += " " + word
			continue
		}
		groups = append(groups, word)
	}
	const indent = "    "
	var lines []string
	line := ""
	for _, g := range groups {
		try := g
		if line != "" {
			try = line + " " + g
		}
		if line == "" || l.fs.width(mono, rbCmd, try) <= w {
			line = try
			continue
		}
		lines = append(lines, line)
		line = indent + g
	}
	return append(lines, line)
}

// leadIn writes a paragraph whose first words are bold.
func (l *layout) leadIn(p *page, x, y, w float64, lead, s string) float64 {
	extra := l.fs.width(bold, rbText, lead) - l.fs.width(regular, rbText, lead)
	lines := l.fs.wrap(regular, rbText, lead+s, w-extra)
	for i, line := range lines {
		y += rbLead
		if i == 0 {
			p.text(x, y, bold, rbText, ink, strings.TrimSpace(lead))
			line = strings.TrimPrefix(line, strings.TrimSpace(lead))
			p.text(x+l.fs.width(bold, rbText, lead), y, regular, rbText, ink, strings.TrimSpace(line))
			continue
		}
		p.text(x, y, regular, rbText, ink, line)
	}
	return y
}

// exceptions writes the exceptions table, the guidance's columns with
// empty rows to write in, and the commands that record a row in the log.
func (l *layout) exceptions(p *page, y float64, r *runbook.Runbook) float64 {
	y = l.heading(p, y, "Exceptions")
	y = l.paragraph(p, l.x0, y, l.width(), regular, rbText-0.5, rbLead-0.5, dim,
		"Anything unforeseen, with its time: who left the room and what was taken out; who returned and what was "+
			"brought back. Record each in the log as well:")
	for _, c := range r.ExceptionCommands {
		y = l.paragraph(p, l.x0+6, y+1, l.width()-6, mono, rbCmd, rbCmdLead, ink, l.fs.printable(mono, c))
	}
	y += 6
	cols := []float64{0, 0.11, 0.29, 0.55, 0.73, 1}
	p.fill(l.x0, y, l.width(), 15, shade)
	for i, h := range r.Exceptions {
		p.text(l.x0+cols[i]*l.width()+4, y+10.5, bold, 7.5, ink, h)
	}
	top := y
	y += 15
	for range r.ExceptionRows {
		y += rbRowH
		p.line(l.x0, y, l.x1, y, 0.5, rule)
	}
	for _, c := range cols {
		x := l.x0 + c*l.width()
		p.line(x, top, x, y, 0.5, rule)
	}
	return y
}

// lessons writes the box for what went wrong and what to improve, under
// heading and a note of what to do with it: a runbook's, and a drill
// report's for the quarterly test.
func (l *layout) lessons(p *page, y float64, heading, note string) float64 {
	y = l.heading(p, y, heading)
	y = l.paragraph(p, l.x0, y, l.width(), regular, rbText-0.5, rbLead-0.5, dim, l.fs.printable(regular, note)) + 6
	const lines = 6
	p.box(l.x0, y, l.width(), lines*rbLessonsH+6, 0.8, ink)
	for i := 1; i <= lines; i++ {
		ly := y + float64(i)*rbLessonsH
		p.line(l.x0+8, ly, l.x1-8, ly, 0.4, rule)
	}
	return y + lines*rbLessonsH + 6
}

// runbookSignatures writes the operator's and the witness's lines.
func (l *layout) runbookSignatures(p *page, y float64) float64 {
	y = l.heading(p, y, "Signatures")
	y = l.paragraph(p, l.x0, y, l.width(), regular, rbText-0.5, rbLead-0.5, dim,
		"We did the steps ticked above, in their order, and wrote down every exception.")
	const boxGap = 24
	bw := (l.width() - boxGap) / 2
	bottom := y
	for i, who := range []string{"Operator", "Witness"} {
		x := l.x0 + float64(i)*(bw+boxGap)
		bottom = max(bottom, l.signBox(p, x, y+14, bw, 24, 24, who, "Name", "Signature", "Date"))
	}
	return bottom + 4
}
