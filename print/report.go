package print

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"quorum/share"
)

// Report is what a drill or reveal report shows: the public facts of one
// drill, or of one reveal of the secret (combine --log), as its record in
// the access log holds them. Nothing in it is secret.
type Report struct {
	// Reveal makes it the report of a reveal: the secret was shown, for
	// Reason. A reveal's record, like a drill's, can be cut from the end
	// of the log without any key; its head hash on signed paper cannot.
	Reveal      bool
	Reason      string
	Fingerprint share.Fingerprint
	Label       string
	Threshold   int
	Shares      int
	Time        time.Time // when the drill ran, by the laptop's clock
	Passed      bool
	// Summary says in one line what happened: "quorum met: 3 of 5 shares
	// rebuilt the set and passed the integrity check", or why not.
	Summary   string
	Taking    []ReportShare // every share presented, in index order
	Operator  string
	Witnesses []string
	Head      string // the log's head hash after the drill's record
	Seq       int    // the drill record's place in the log
	Tool      string
	Paper     Paper
	// Kit is the root kit on the day of the report, from the access log.
	Kit []KitItem
	// Format is the format line of the drill's or reveal's record
	// ("quorum log v1"), printed at the top of each page.
	Format string
	// Run is the id of the runbook's run the drill or reveal was a step
	// of (accesslog.RunID), or "".
	Run string
}

// ReportShare is one share presented at a drill, and how it fared.
type ReportShare struct {
	Index     int // 0 when the share could not be read
	Custodian string
	Source    string
	Result    string // "ok", or why it failed
}

// ReportPDF lays out a drill report, one page or more: for the binder in
// which the process is documented, signed by everyone who took part and by
// the witness. The access log's head hash stands in large type, so that
// "quorum status --head" can later prove the log was not cut short of it.
func ReportPDF(r *Report) ([]byte, error) {
	if r.Head == "" {
		return nil, errors.New("a report needs the log's head hash")
	}
	fs, err := loadFonts()
	if err != nil {
		return nil, err
	}
	l := newLayout(r.Paper, fs)
	pages := l.report(r)
	return documentPDF(r.Paper, r.Time, fmt.Sprintf("quorum %s report, set %s", r.what(), r.Fingerprint), pages)
}

// what names the event the report is of.
func (r *Report) what() string {
	if r.Reveal {
		return "reveal"
	}
	return "drill"
}

// report lays out the drill or reveal report, on the model of the ceremony
// record: facts, who took part and how each share fared, the head hash in
// a box, and lines for signatures.
func (l *layout) report(r *Report) []*page {
	head := "QUORUM " + strings.ToUpper(r.what()) + " REPORT"
	p := l.newPage()
	pages := []*page{p}
	more := func() float64 {
		p = l.newPage()
		pages = append(pages, p)
		y := l.eyebrow(p, l.y0, head+", CONTINUED", r.Format) + 14
		p.text(l.x0, y, bold, 12, ink, fmt.Sprintf("Set %s", r.Fingerprint))
		return y + 10
	}
	y := l.eyebrow(p, l.y0, head, r.Format)
	y = l.label(p, y, r.Label)
	y += shareSize * 1.1
	outcome := "DRILL FAILED"
	switch {
	case r.Reveal:
		outcome = "SECRET REVEALED"
	case r.Passed:
		outcome = "DRILL PASSED"
	}
	p.text(l.x0, y, bold, shareSize, ink, outcome)
	y = l.paragraph(p, l.x0, y, l.width(), regular, valueSize, valueSize*1.3, ink, r.Summary) + 9
	if r.Reveal {
		reason := "Reason: " + r.Reason
		if r.Run != "" {
			reason += " (run " + r.Run + ")"
		}
		y = l.paragraph(p, l.x0, y-4, l.width(), regular, valueSize, valueSize*1.3, ink, l.fs.printable(regular, reason)) + 9
	}
	l.hrule(p, y)
	witnesses := strings.Join(r.Witnesses, ", ")
	if witnesses == "" {
		witnesses = "none named"
	}
	operator := r.Operator
	if operator == "" {
		operator = "not named"
	}
	y = l.facts(p, l.x0, y+7, l.width(), []float64{0, 0.3, 0.6}, []fact{
		{"date and time (laptop clock, UTC)", []factLine{{regular, valueSize, r.Time.UTC().Format("2006-01-02 15:04:05")}}},
		{"threshold and shares", []factLine{{regular, valueSize, fmt.Sprintf("any %d of %d", r.Threshold, r.Shares)}}},
		{"made by", []factLine{{regular, valueSize, r.Tool}}},
	})
	y = l.facts(p, l.x0, y, l.width(), []float64{0, 0.3, 0.6}, []fact{
		{"set fingerprint", []factLine{{mono, 9, r.Fingerprint.String()}}},
		{"operator", []factLine{{regular, valueSize, l.fs.printable(regular, operator)}}},
		{"witnesses", []factLine{{regular, valueSize, l.fs.printable(regular, witnesses)}}},
	})

	// The shares presented, and how each fared.
	var rows [][]string
	for _, s := range r.Taking {
		index := "?"
		if s.Index > 0 {
			index = fmt.Sprint(s.Index)
		}
		rows = append(rows, []string{index, s.Custodian, s.Source, s.Result})
	}
	t := table{cols: []float64{0, 0.06, 0.28, 0.56, 1}, heads: []string{"#", "Custodian", "Share given as", "Result"}, bold: 1}
	continued := func() (*page, float64) { y := more(); return p, y }
	p, y = l.draw(t, p, y+4, rows, continued)
	p, y = l.kitTable(p, y, r.Kit, continued)

	// The head hash, in a shaded box, as large as the width allows.
	const boxH = 74.0
	if y+gap+boxH+40 > l.bottom() {
		y = more()
	}
	y += gap
	p.fill(l.x0, y, l.width(), boxH, stripe)
	p.box(l.x0, y, l.width(), boxH, 0.8, rule)
	l.textCenter(p, l.x0+l.width()/2, y+15, bold, 8, dim, fmt.Sprintf("ACCESS LOG HEAD HASH AFTER THIS %s (RECORD %d)", strings.ToUpper(r.what()), r.Seq))
	hash := group4(r.Head)
	// 52 symbols fit one line at 12 points on either paper; a narrower
	// page would wrap them at a space, between groups.
	size, lines := l.fs.fit(monoBold, hash, 18, 9, l.width()-30)
	for i, line := range lines[:min(2, len(lines))] {
		l.textCenter(p, l.x0+l.width()/2, y+22+size*(1.05+1.2*float64(i)), monoBold, size, ink, line)
	}
	y += boxH
	signedWhen := "The drill's record in the access log is signed with the set key only when the quorum was met"
	if r.Reveal {
		signedWhen = "The reveal's record in the access log is signed with the set key"
	}
	y = l.paragraph(p, l.x0, y+2, l.width(), regular, proseSize, proseLead, dim,
		"This report is public: nothing on it is secret. "+signedWhen+
			": it proves that someone who held enough shares made it, not when or who was "+
			"present. This signed page proves that. Later, 'quorum status --head HASH' with the hash above checks that "+
			"the log still holds this record and everything before it.") + 8
	if !r.Reveal {
		place := func(y float64, block func(p *page, y float64) float64) float64 {
			if y+block(l.newPage(), 0) > l.bottom() {
				y = more()
			}
			return block(p, y)
		}
		y = l.quarterlyChecks(r, y, place)
	}

	// Signatures: everyone who took part, the operator and the witnesses.
	signers := []string{"Operator: " + operator}
	for _, w := range r.Witnesses {
		signers = append(signers, "Witness: "+w)
	}
	if len(r.Witnesses) == 0 {
		signers = append(signers, "Witness")
	}
	for _, s := range r.Taking {
		if s.Custodian != "" {
			signers = append(signers, fmt.Sprintf("Custodian of share %d: %s", s.Index, s.Custodian))
		}
	}
	const boxGap, sigH = 24, 92
	bw := (l.width() - boxGap) / 2
	y += 12
	if y+12+sigH > l.bottom() {
		y = more() + 12
	}
	p.text(l.x0, y, bold, 10, ink, "Signatures")
	present := "We were present at this drill, saw quorum report the result above, and saw that the secret was not shown, written or printed."
	if r.Reveal {
		present = "We were present when the secret was revealed, for the reason above, and saw quorum report the result above."
	}
	y = l.paragraph(p, l.x0, y, l.width(), regular, proseSize, proseLead, dim, present)
	y += 4
	for i, who := range signers {
		if i%2 == 0 && i > 0 {
			y += sigH
		}
		if i%2 == 0 && y+sigH > l.bottom() {
			y = more()
		}
		x := l.x0 + float64(i%2)*(bw+boxGap)
		_, name := l.fs.fit(bold, l.fs.printable(bold, who), 9, 9, bw)
		l.signBox(p, x, y+12, bw, 30, 26, name[0], "Signature", "Date")
	}
	left := fmt.Sprintf("quorum %s report · set %s · log head %s", r.what(), r.Fingerprint, r.Head[:min(8, len(r.Head))])
	for i, p := range pages {
		l.footer(p, left, i+1, len(pages))
	}
	return pages
}
