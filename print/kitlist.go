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
	var rows [][]string
	for _, it := range items {
		check := "never"
		if !it.LastCheck.IsZero() {
			check = strings.TrimSpace(it.LastCheck.UTC().Format(time.DateOnly) + " " + it.Result)
		}
		rows = append(rows, []string{it.ID, it.Kind, it.Place, check})
	}
	if y+gap+15+17 > l.bottom() {
		p, y = more()
	}
	t := table{cols: []float64{0, 0.25, 0.42, 0.75, 1}, heads: []string{"Item of the kit", "Kind", "Place", "Last check"}}
	return l.draw(t, p, y+gap, rows, more)
}
