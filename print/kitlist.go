package print

// The root kit on paper: the drill report and the ceremony record list
// each item of the kit (the MFA device, the phone, the email, the keys of
// the safes, where the sheets are) on that day, and a custodian's sheet
// names the MFA device's place among those it must not be kept in. The
// items come from the access log (package kit); their words pass the one
// filter (fonts.printable) like every text from a file.

import (
	"strings"
	"time"
)

// KitItem is one item of the root kit as paper shows it.
type KitItem struct {
	ID        string
	Kind      string // "mfa-device", "phone", "email", "safe-key", "sheet", "other"
	Place     string
	LastCheck time.Time // zero for never
	Result    string    // the last check's: "ok" or "failed"; "" for never
}

// mfaPlaces are the places of the kit's MFA devices.
func mfaPlaces(items []KitItem) []string {
	var places []string
	for _, it := range items {
		if it.Kind == "mfa-device" && it.Place != "" {
			places = append(places, it.Place)
		}
	}
	return places
}

// kitTable lays out the kit from y on p, continuing on the page more
// makes, and returns the page and y it ends on; nothing when there is no
// kit.
func (l *layout) kitTable(p *page, y float64, items []KitItem, more func() (*page, float64)) (*page, float64) {
	if len(items) == 0 {
		return p, y
	}
	cols := []float64{0, 0.25, 0.42, 0.75, 1}
	heads := []string{"Item of the kit", "Kind", "Place", "Last check"}
	colW := func(i int) float64 { return (cols[i+1]-cols[i])*l.width() - 8 }
	head := func(y float64) float64 {
		p.fill(l.x0, y, l.width(), 15, shade)
		for i, h := range heads {
			p.text(l.x0+cols[i]*l.width()+4, y+10.5, bold, 7.5, ink, h)
		}
		return y + 15
	}
	if y+gap+15+17 > l.bottom() {
		p, y = more()
	}
	y = head(y + gap)
	for _, it := range items {
		check := "never"
		if !it.LastCheck.IsZero() {
			check = it.LastCheck.UTC().Format(time.DateOnly) + " " + it.Result
		}
		cells := [][]string{
			l.fs.wrap(bold, 8.5, l.fs.printable(bold, it.ID), colW(0)),
			{l.fs.printable(regular, it.Kind)},
			l.fs.wrap(regular, 8.5, l.fs.printable(regular, it.Place), colW(2)),
			{strings.TrimSpace(check)},
		}
		n := 1
		for _, c := range cells {
			n = max(n, len(c))
		}
		rowH := float64(n)*10 + 7
		if y+rowH > l.bottom() {
			p, y = more()
			y = head(y)
		}
		for i, c := range cells {
			f := regular
			if i == 0 {
				f = bold
			}
			for j, s := range c {
				p.text(l.x0+cols[i]*l.width()+4, y+13+float64(j)*10, f, 8.5, ink, s)
			}
		}
		y += rowH
		p.line(l.x0, y, l.x1, y, 0.5, rule)
	}
	return p, y
}
