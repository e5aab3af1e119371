package kit

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"quorum/accesslog"
	"quorum/manifest"
	"quorum/share"
)

// Event is one event of the kit as a person gives it (quorum kit's flags),
// before it is a record: [Event.Record] checks what only the person's
// words can get wrong, and [State.Apply] what the event may do to the
// item.
type Event struct {
	Kind      string // the record kind: accesslog.KindKitAdd, …
	ID        string // the item's
	ItemKind  string // kit-add: one of accesslog.ItemKinds
	Place     string
	Holders   []string
	By        []string
	Witnesses []string
	Reason    string
	Result    string // a check's: "ok" or "failed"
	Expires   string // a battery's expiry, YYYY-MM-DD
	// Manifest is a sheet item's set, its signature verified; Share is
	// which of its sheets: an index, or "all".
	Manifest *manifest.Manifest
	Share    string
}

// PhoneReason is why a field a person typed is refused when
// [PhoneNumberIn] finds a number in it, said after the flag's name.
const PhoneReason = "looks like it holds a phone number: never write the phone's number; it belongs on the account's contact page only; " + PhoneAdvice

// CheckID checks an item's ID: a word that names it ("mfa-1"), never the
// phone's number.
func CheckID(id string) error {
	if share.ValidateCustodian(id) != nil {
		return &IDError{ID: id}
	}
	if PhoneNumberIn(id) {
		return &IDError{ID: id, Phone: true}
	}
	return nil
}

// Record checks the event's words (names, one line of text, no phone
// number anywhere, the result, the sheet) and returns its record at time
// now, a [*FieldError] naming the flag when one is wrong (an
// [*IDError] for the ID).
func (e *Event) Record(now time.Time) (*accesslog.Record, error) {
	if err := CheckID(e.ID); err != nil {
		return nil, err
	}
	r := &accesslog.Record{Kind: e.Kind, Time: now, Item: e.ID, ItemKind: e.ItemKind,
		Place: e.Place, Holders: e.Holders, By: e.By, Witnesses: e.Witnesses,
		Reason: e.Reason, Expires: e.Expires}
	for _, f := range []struct {
		flag  string
		names []string
	}{{"holder", e.Holders}, {"by", e.By}, {"witness", e.Witnesses}} {
		for _, n := range f.names {
			if strings.TrimSpace(n) == "" {
				return nil, &FieldError{Field: f.flag, Reason: "is empty: give a person's name"}
			}
			if err := accesslog.CheckName(n); err != nil {
				return nil, &FieldError{Field: f.flag, Reason: fmt.Sprintf("%q: %v", n, err)}
			}
			if PhoneNumberIn(n) {
				return nil, &FieldError{Field: f.flag, Reason: PhoneReason}
			}
		}
	}
	for _, f := range []struct{ flag, text string }{{"place", e.Place}, {"reason", e.Reason}} {
		if err := accesslog.CheckText(f.text); err != nil {
			return nil, &FieldError{Field: f.flag, Reason: err.Error()}
		}
		if PhoneNumberIn(f.text) {
			return nil, &FieldError{Field: f.flag, Reason: PhoneReason}
		}
	}
	switch e.Result {
	case "":
	case "ok":
		r.Outcome = accesslog.Pass
	case "failed":
		r.Outcome = accesslog.Fail
	default:
		return nil, &FieldError{Field: "result", Reason: fmt.Sprintf("%q: a check is ok or failed", e.Result)}
	}
	if e.ItemKind != accesslog.ItemSheet {
		if e.Manifest != nil || e.Share != "" {
			return nil, &FieldError{Field: "share", Reason: "and -m name the sheets of a --kind sheet item only"}
		}
		return r, nil
	}
	m := e.Manifest
	if m == nil {
		return nil, &FieldError{Field: "kind", Reason: "sheet needs -m MANIFEST: the set whose sheets these are"}
	}
	fp, err := m.Fingerprint()
	if err != nil {
		return nil, err
	}
	r.Set, r.Label = string(fp), m.Label
	switch e.Share {
	case "all":
	case "":
		return nil, &FieldError{Field: "kind", Reason: "sheet needs --share N (one sheet) or --share all"}
	default:
		n, err := strconv.Atoi(e.Share)
		if err != nil || n < 1 || n > m.Shares {
			return nil, &FieldError{Field: "share", Reason: fmt.Sprintf("%q: give a sheet of set %q (1…%d) or all", e.Share, m.Label, m.Shares)}
		}
		r.Share = n
	}
	return r, nil
}

// Check checks the intervals a person gave: a number of days, 1 or more.
func (r Rules) Check() error {
	for _, f := range []struct {
		flag string
		v    int
	}{{"out-days", r.OutDays}, {"check-every", r.CheckEvery}, {"review-every", r.ReviewEvery}} {
		if f.v < 1 {
			return &FieldError{Field: f.flag, Reason: fmt.Sprintf("%d: give a number of days, 1 or more", f.v)}
		}
	}
	return nil
}
