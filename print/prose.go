package print

import (
	"fmt"
	"strings"

	"quorum/share"
)

// para is one headed paragraph of the custodian's instructions; cmd, when
// set, is a command printed in the typewriter font after the text.
type para struct {
	head, body, cmd, after string
}

// instructionText is what the sheet tells its custodian, in plain words:
// what the sheet is, what it is not, where it must not be kept, and how
// the secret comes back, with and without quorum.
func instructionText(d *sheetData, l *layout, multi bool) (left, right []para) {
	s := d.s
	// A long name is named at the top of the sheet already; repeated in
	// the prose it would take the lines the share text needs.
	name := l.fs.printable(regular, s.Custodian)
	whose := name + "’s"
	if len(s.Custodian) > 16 {
		name, whose = "the custodian named above", "the custodian’s"
	}
	// A short label reads well in the sentence; a long one is named at
	// the top of the sheet already.
	what := "the secret named at the top of this sheet"
	if s.Label != "" && len(s.Label) <= 24 {
		what = fmt.Sprintf("the secret “%s”", l.fs.printable(regular, s.Label))
	}
	opens := fmt.Sprintf("only %s key opens it", whose)
	keep := whose + " key"
	if s.Kind == share.KindPassphrase {
		opens = fmt.Sprintf("only the passphrase %s chose at the ceremony opens it", name)
		keep = whose + " passphrase, written down or not"
	}
	body := fmt.Sprintf("One of %d shares of %s, such as an organization’s root password, that no one "+
		"may hold alone. Any %d shares rebuild it, each opened by its own custodian. "+
		"This is %s share: %s.", s.Shares, what, s.Threshold, whose, opens)
	if multi {
		body += " This sheet has more than one page: keep them together."
	}
	left = []para{
		{head: "What this sheet is", body: body},
		{head: "What it is not", body: fmt.Sprintf("Useless alone: this sheet, or fewer than %d sheets together, "+
			"reveal nothing about the secret. A lost sheet is no breach, but report it: quorum print makes a new "+
			"one from the share file, without the secret.", s.Threshold)},
	}
	mfa := "the account’s MFA device"
	if len(d.mfaPlaces) > 0 {
		var places []string
		for _, pl := range d.mfaPlaces {
			places = append(places, l.fs.printable(regular, pl))
		}
		mfa += " (kept in " + strings.Join(places, ", ") + ": never there)"
	}
	right = []para{
		{head: "Where it must not be kept", body: "In the storage place agreed at the ceremony, in a sleeve, dry and dark. " +
			"Never with " + mfa + ", never with another custodian’s share, never with " + keep + "."},
		{head: "How the secret is rebuilt", body: fmt.Sprintf("%d custodians meet at an offline computer with their "+
			"sheets and keys, check the set fingerprint against the signed ceremony record, scan each code into a "+
			"file (or type its numbered lines), and run:", s.Threshold),
			cmd:   "quorum combine --set FINGERPRINT -i KEY FILE…",
			after: "Without quorum: the recovery kit in the binder holds the steps and the script, line by line."},
	}
	return left, right
}

// instructions draws the instructions in two columns from y and returns
// their height.
func (l *layout) instructions(p *page, y float64, d *sheetData, multi bool) float64 {
	left, right := instructionText(d, l, multi)
	const gutter = 22
	colW := (l.width() - gutter) / 2
	h := 0.0
	for i, col := range [][]para{left, right} {
		x := l.x0 + float64(i)*(colW+gutter)
		cy := y
		for j, pa := range col {
			if j > 0 {
				cy += 6
			}
			cy += 10
			p.text(x, cy, bold, 9, ink, pa.head)
			cy = l.paragraph(p, x, cy, colW, regular, proseSize, proseLead, dim, pa.body)
			if pa.cmd != "" {
				cy = l.paragraph(p, x+8, cy+2, colW-8, mono, 8, proseLead, ink, pa.cmd) + 2
			}
			if pa.after != "" {
				cy = l.paragraph(p, x, cy, colW, regular, proseSize, proseLead, dim, pa.after)
			}
		}
		h = max(h, cy-y)
	}
	return h
}
