package kit

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"time"

	"quorum/accesslog"
	"quorum/share"
)

// Defaults of [Rules], as the guidance puts them: a check at least
// quarterly, a review monthly or quarterly, and an item back in its place
// the day it was taken out.
const (
	DefaultOutDays     = 1
	DefaultCheckEvery  = 90
	DefaultReviewEvery = 90
	DefaultBatteryDays = 90
)

// Rules are the intervals, in days; a zero takes its default.
type Rules struct {
	OutDays     int
	CheckEvery  int
	ReviewEvery int
	BatteryDays int
}

func (r Rules) withDefaults() Rules {
	r.OutDays = cmp.Or(r.OutDays, DefaultOutDays)
	r.CheckEvery = cmp.Or(r.CheckEvery, DefaultCheckEvery)
	r.ReviewEvery = cmp.Or(r.ReviewEvery, DefaultReviewEvery)
	r.BatteryDays = cmp.Or(r.BatteryDays, DefaultBatteryDays)
	return r
}

// Set is what the rules need of a set in use: its threshold and who holds
// which share.
type Set struct {
	Fingerprint string
	Label       string
	Threshold   int
	Custodians  map[int]string // by share index
}

// Report is the kit on one day, and what needs a person's action.
type Report struct {
	Items []*ItemStatus `json:"items"`
	// LastReview is the newest review record's day, zero for none;
	// ReviewDue when the next is due (zero while the log holds no kit).
	LastReview    time.Time `json:"last_review,omitzero"`
	ReviewBy      []string  `json:"last_review_by,omitempty"`
	ReviewDue     time.Time `json:"review_due,omitzero"`
	ReviewOverdue bool      `json:"review_overdue"`
	// Problems are what a person must act on, in words.
	Problems []string `json:"problems"`
}

// ItemStatus is an item and what is due for it.
type ItemStatus struct {
	*Item
	OutDays      int       `json:"out_days,omitempty"` // days out of its place, when out
	CheckDue     time.Time `json:"check_due,omitzero"` // the phone and MFA device only
	CheckOverdue bool      `json:"check_overdue"`
	BatterySoon  bool      `json:"battery_expires_soon"`
}

// Notes say what a list of the kit says of the item on the report's day:
// in or out (since when, by whom), which sheets, its holders, its last
// check and the next, its battery. The words come from the log: the
// caller filters them before a terminal.
func (is *ItemStatus) Notes() []string {
	var notes []string
	switch {
	case !is.Retired.IsZero():
		notes = append(notes, "retired "+is.Retired.Format(time.DateOnly))
	case !is.Lost.IsZero():
		notes = append(notes, "LOST "+is.Lost.Format(time.DateOnly))
	case !is.Out.IsZero():
		notes = append(notes, fmt.Sprintf("OUT since %s (%s) by %s", is.Out.Format(time.DateOnly), plural(is.OutDays, "day"), strings.Join(is.OutBy, ", ")))
	default:
		notes = append(notes, "in")
	}
	if is.Kind == accesslog.ItemSheet {
		notes = append(notes, is.sheets())
	}
	if len(is.Holders) > 0 {
		notes = append(notes, "holders "+strings.Join(is.Holders, ", "))
	}
	if !is.LastCheck.IsZero() {
		res := "ok"
		if is.LastResult == accesslog.Fail {
			res = "FAILED"
		}
		notes = append(notes, fmt.Sprintf("checked %s %s", is.LastCheck.Format(time.DateOnly), res))
	} else if is.Checked() {
		notes = append(notes, "never checked")
	}
	if !is.CheckDue.IsZero() && is.Active() {
		due := "next due " + is.CheckDue.Format(time.DateOnly)
		if is.CheckOverdue {
			due += " OVERDUE"
		}
		notes = append(notes, due)
	}
	if !is.Expires.IsZero() {
		b := "battery expires " + is.Expires.Format(time.DateOnly)
		if is.BatterySoon {
			b += " SOON"
		}
		notes = append(notes, b)
	}
	return notes
}

// Compute makes the report for the day of now from the state, the sets in
// use, and the rules.
func Compute(st *State, sets []Set, now time.Time, rules Rules) *Report {
	rules = rules.withDefaults()
	today := share.Day(now)
	rep := &Report{}
	for _, it := range st.Items {
		is := &ItemStatus{Item: it}
		rep.Items = append(rep.Items, is)
		if !it.Retired.IsZero() {
			continue
		}
		if !it.Lost.IsZero() {
			rep.Problems = append(rep.Problems, fmt.Sprintf("%s was lost on %s and is not replaced: replace it (quorum kit replace)", it, day(it.Lost)))
			continue
		}
		if !it.Out.IsZero() {
			is.OutDays = days(it.Out, today)
			if is.OutDays > rules.OutDays {
				rep.Problems = append(rep.Problems, fmt.Sprintf("%s is out of %s since %s (%s): put it back and record it (quorum kit in)", it, it.Place, day(it.Out), plural(is.OutDays, "day")))
			}
		}
		if it.Checked() {
			from := it.Since
			if !it.LastPass.IsZero() {
				from = it.LastPass
			}
			is.CheckDue = share.Day(from).AddDate(0, 0, rules.CheckEvery)
			is.CheckOverdue = today.After(is.CheckDue)
			if is.CheckOverdue {
				rep.Problems = append(rep.Problems, fmt.Sprintf("%s: check OVERDUE since %s: test it and record it (quorum kit check)", it, day(is.CheckDue)))
			}
			if it.LastResult == accesslog.Fail {
				rep.Problems = append(rep.Problems, fmt.Sprintf("%s failed its check on %s: replace it or fix it, and check it again", it, day(it.LastCheck)))
			}
		}
		if !it.Expires.IsZero() && days(today, it.Expires) <= rules.BatteryDays {
			is.BatterySoon = true
			rep.Problems = append(rep.Problems, fmt.Sprintf("%s: its battery expires on %s: replace it before then (quorum kit replace)", it, day(it.Expires)))
		}
	}
	rep.Problems = append(rep.Problems, separation(st, sets)...)
	rep.Problems = append(rep.Problems, reachAlone(st, sets)...)
	rep.Problems = append(rep.Problems, reviewDue(st, sets, today, rules, rep)...)
	return rep
}

// samePlace compares places as words: case and spacing aside.
func samePlace(a, b string) bool {
	norm := func(s string) string { return strings.ToLower(strings.Join(strings.Fields(s), " ")) }
	return norm(a) != "" && norm(a) == norm(b)
}

// separation: the MFA device apart from every sheet, the phone apart from
// the MFA device and the sheets.
func separation(st *State, sets []Set) []string {
	inUse := map[string]bool{}
	for _, s := range sets {
		inUse[s.Fingerprint] = true
	}
	var mfas, phones, sheets []*Item
	for _, it := range st.Items {
		if !it.Active() {
			continue
		}
		switch it.Kind {
		case accesslog.ItemMFA:
			mfas = append(mfas, it)
		case accesslog.ItemPhone:
			phones = append(phones, it)
		case accesslog.ItemSheet:
			if len(sets) == 0 || inUse[it.Set] {
				sheets = append(sheets, it)
			}
		}
	}
	var p []string
	for _, m := range mfas {
		for _, s := range sheets {
			if samePlace(m.Place, s.Place) {
				p = append(p, fmt.Sprintf("%s is in %s with %s: keep the MFA device apart from the password; move one of them (quorum kit move)", m, m.Place, s))
			}
		}
	}
	for _, ph := range phones {
		for _, o := range append(slices.Clone(mfas), sheets...) {
			if samePlace(ph.Place, o.Place) {
				p = append(p, fmt.Sprintf("%s is in %s with %s: keep the phone apart from the other credentials; move one of them (quorum kit move)", ph, ph.Place, o))
			}
		}
	}
	return p
}

// reachAlone: the people who may take an MFA device out must not, among
// themselves, reach k shares of a set: as custodians, or as holders of a
// sheet item.
func reachAlone(st *State, sets []Set) []string {
	var p []string
	for _, m := range st.Items {
		if m.Kind != accesslog.ItemMFA || !m.Active() || len(m.Holders) == 0 {
			continue
		}
		for _, s := range sets {
			reach := map[int]bool{}
			for i, name := range s.Custodians {
				if slices.Contains(m.Holders, name) {
					reach[i] = true
				}
			}
			for _, sh := range st.Items {
				if sh.Kind != accesslog.ItemSheet || !sh.Active() || sh.Set != s.Fingerprint || !shareAny(sh.Holders, m.Holders) {
					continue
				}
				for i := range s.Custodians {
					if sh.Share == 0 || sh.Share == i {
						reach[i] = true
					}
				}
			}
			if s.Threshold > 0 && len(reach) >= s.Threshold {
				p = append(p, fmt.Sprintf("%s: its holders %s could reach %d shares of set %q (%s), %d needed: they could sign in alone; give the MFA device other holders, or the sheets other keepers",
					m, strings.Join(m.Holders, ", "), len(reach), s.Label, share.Fingerprint(s.Fingerprint), s.Threshold))
			}
		}
	}
	return p
}

func shareAny(a, b []string) bool {
	return slices.ContainsFunc(a, func(n string) bool { return slices.Contains(b, n) })
}

// reviewDue: a review every ReviewEvery days once the kit is in use, and
// every custodian named by the last review's password access.
func reviewDue(st *State, sets []Set, today time.Time, rules Rules, rep *Report) []string {
	if st.First.IsZero() {
		return nil
	}
	from := st.First
	var last *accesslog.Record
	if n := len(st.Reviews); n > 0 {
		last = st.Reviews[n-1]
		from = last.Time
		rep.LastReview, rep.ReviewBy = share.Day(last.Time), last.By
	}
	rep.ReviewDue = share.Day(from).AddDate(0, 0, rules.ReviewEvery)
	rep.ReviewOverdue = today.After(rep.ReviewDue)
	var p []string
	if rep.ReviewOverdue {
		p = append(p, fmt.Sprintf("access review OVERDUE since %s: review who has access (quorum review)", day(rep.ReviewDue)))
	}
	if last == nil || last.Access == nil {
		return p
	}
	for _, s := range sets {
		if last.Set != "" && last.Set != s.Fingerprint {
			continue
		}
		for _, i := range sortedKeys(s.Custodians) {
			name := s.Custodians[i]
			if !slices.Contains(last.Access.Password, name) {
				p = append(p, fmt.Sprintf("the review of %s left %s out of the password's access, yet %s holds share %d of set %q: reshare the set without them (quorum reshare)",
					day(last.Time), name, name, i, s.Label))
			}
		}
	}
	return p
}

func sortedKeys(m map[int]string) []int {
	var k []int
	for i := range m {
		k = append(k, i)
	}
	slices.Sort(k)
	return k
}

func day(t time.Time) string { return t.UTC().Format(time.DateOnly) }

func days(from, to time.Time) int { return int(share.Day(to).Sub(share.Day(from)).Hours() / 24) }

// plural says n things: "1 day", "2 days".
func plural(n int, thing string) string {
	if n == 1 {
		return "1 " + thing
	}
	return fmt.Sprintf("%d %ss", n, thing)
}
