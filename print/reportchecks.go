package print

// The quarterly test on a drill report: the guidance asks, at least every
// quarter, that access to the root user be tested and the phone be shown
// operational, and that each test end with a reflection. The drill is the
// test's first check; the report gives the others a box each, with their
// time and initials, and the lessons box, so that the page signed at the
// drill holds the whole test. The checks' words are the quarterly-test
// runbook's (runbook.QuarterlyChecks): print adds only the layout.

import (
	"fmt"
	"strings"

	"quorum/runbook"
)

// quarterlyChecks lays out the quarterly test's boxes from y, each block
// where place puts it, and returns the y below them.
func (l *layout) quarterlyChecks(r *Report, y float64, place func(y float64, block func(p *page, y float64) float64) float64) float64 {
	var kit []runbook.KitItem
	for _, it := range r.Kit {
		kit = append(kit, runbook.KitItem{ID: it.ID, Kind: it.Kind, Place: it.Place})
	}
	rb := runbook.Fill(runbook.Scenario{Name: "quarterly-test", Steps: runbook.QuarterlyChecks()}, runbook.Facts{Kit: kit})
	drill := runbook.Step{Title: "The drill: the sheets rebuild the set"}
	summary := strings.TrimSuffix(r.Summary, ".")
	if r.Passed {
		drill.Do = fmt.Sprintf("DRILL PASSED, record %d of the access log, signed with the set key: %s.", r.Seq, summary)
	} else {
		drill.Do = fmt.Sprintf("DRILL FAILED, record %d of the access log: %s. The test is not passed until a drill passes.", r.Seq, summary)
	}
	heading := "The quarterly test"
	if r.Run != "" {
		heading += ", run " + r.Run
	}
	y = place(y, func(p *page, y float64) float64 {
		y = l.heading(p, y+gap, l.fs.printable(bold, heading))
		y = l.paragraph(p, l.x0, y, l.width(), regular, proseSize, proseLead, dim,
			"The drill is the first check of the quarterly test (the quarterly-test runbook). Tick each of the others "+
				"when it is done, with its time and the initials of the operator and the witness; strike through the "+
				"sign-in if the team did not choose it this quarter.") + 2
		top := y
		y = l.step(p, y, 1, drill)
		if r.Passed {
			// The drill's box is ticked by quorum: the record says so.
			x, by, side := l.x0, top+8, float64(rbBox+2)
			p.line(x+2, by+2, x+side-2, by+side-2, 1.2, ink)
			p.line(x+2, by+side-2, x+side-2, by+2, 1.2, ink)
		}
		return y
	})
	for i, st := range rb.Steps {
		// The commands are the runbook's; the report is for ticking
		// and signing.
		st.Command = ""
		y = place(y, func(p *page, y float64) float64 { return l.step(p, y, i+2, st) })
	}
	note := rb.LessonsNote
	if r.Run != "" {
		note = strings.ReplaceAll(note, "runbook end RUN", "runbook end "+r.Run)
	}
	return place(y+gap, func(p *page, y float64) float64 { return l.lessons(p, y, rb.Lessons, note) + 8 })
}
