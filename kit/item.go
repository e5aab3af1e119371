package kit

import (
	"cmp"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"time"

	"quorum/accesslog"
	"quorum/share"
)

// Item is one item of the kit, as the log's records up to some point
// leave it.
type Item struct {
	ID      string   `json:"id"`
	Kind    string   `json:"kind"` // one of accesslog.ItemKinds
	Place   string   `json:"place"`
	Holders []string `json:"holders,omitempty"`
	// Set and Share say which sheets a sheet item is: Share 0 for all of
	// the set's sheets.
	Set   string `json:"set,omitempty"`
	Share int    `json:"share,omitempty"`
	// Expires is the day a battery-based MFA device's battery expires,
	// zero for none.
	Expires time.Time `json:"battery_expires,omitzero"`
	// Since is when it was added, or last replaced: a check counts from it.
	Since time.Time `json:"since"`
	// Out is when it was taken out of its place, zero when it is in; By
	// who took it.
	Out   time.Time `json:"out,omitzero"`
	OutBy []string  `json:"out_by,omitempty"`
	// LastCheck is the day of the last check, and LastResult its outcome
	// (accesslog.Pass or Fail); LastPass the day of the last passing one.
	LastCheck  time.Time `json:"last_check,omitzero"`
	LastResult string    `json:"last_result,omitempty"`
	LastPass   time.Time `json:"last_pass,omitzero"`
	Lost       time.Time `json:"lost,omitzero"`    // when it was recorded lost, zero unless lost now
	Retired    time.Time `json:"retired,omitzero"` // when it was retired
}

// State is the kit as the log leaves it: its items in the order they were
// added, and its reviews.
type State struct {
	Items   []*Item
	Reviews []*accesslog.Record
	// First is the time of the first kit or review record: a review is
	// due from it.
	First time.Time
	byID  map[string]*Item
}

// Find returns the item registered as id, or nil.
func (s *State) Find(id string) *Item { return s.byID[id] }

// Active reports whether the item is in use: neither lost nor retired.
func (it *Item) Active() bool { return it.Lost.IsZero() && it.Retired.IsZero() }

// Checked reports whether items of this kind are tested on a schedule:
// the phone and the MFA device, as the guidance asks.
func (it *Item) Checked() bool { return it.Kind == accesslog.ItemMFA || it.Kind == accesslog.ItemPhone }

// String names the item for a person: "mfa-device mfa-1".
func (it *Item) String() string {
	if it.Kind == accesslog.ItemSheet {
		return fmt.Sprintf("%s (%s)", it.ID, it.sheets())
	}
	return fmt.Sprintf("%s %s", it.Kind, it.ID)
}

// sheets says which sheets a sheet item is: "sheet 2 of set …".
func (it *Item) sheets() string {
	which := "all sheets"
	if it.Share > 0 {
		which = fmt.Sprintf("sheet %d", it.Share)
	}
	return which + " of set " + share.Fingerprint(it.Set).String()
}

// Replay builds the state from the log's records, in order. A kit record
// that does not apply (which quorum never writes, as Apply refuses it) is
// returned among the errors, and passed over.
func Replay(records []*accesslog.Record) (*State, []error) {
	s := &State{byID: map[string]*Item{}}
	var errs []error
	for _, r := range records {
		if err := s.Apply(r); err != nil {
			errs = append(errs, fmt.Errorf("record %d: %w", r.Seq, err))
		}
	}
	return s, errs
}

// Apply checks r against the state and, when it applies, adds it: the one
// place where what each event may do is decided, so that a command refuses
// what the log could not make sense of. Records of other kinds are passed
// over. r.Time is the event's time; dates (an expiry) are compared with it.
func (s *State) Apply(r *accesslog.Record) error {
	if s.byID == nil {
		s.byID = map[string]*Item{}
	}
	if r.Kind == accesslog.KindReview {
		s.first(r.Time)
		s.Reviews = append(s.Reviews, r)
		return nil
	}
	if !slices.Contains(accesslog.KitKinds, r.Kind) {
		return nil
	}
	if err := checkRecord(r); err != nil {
		return err
	}
	it := s.byID[r.Item]
	if r.Kind == accesslog.KindKitAdd {
		if it != nil {
			return &DuplicateError{ID: r.Item, Added: it.Since}
		}
		it = &Item{ID: r.Item, Kind: r.ItemKind, Place: r.Place, Holders: r.Holders, Set: r.Set, Share: r.Share, Since: r.Time}
		it.Expires, _ = parseDate(r.Expires)
		s.first(r.Time)
		s.Items = append(s.Items, it)
		s.byID[it.ID] = it
		return nil
	}
	if it == nil {
		return &UnknownItemError{ID: r.Item, Known: s.ids()}
	}
	if !it.Retired.IsZero() {
		return &StateError{ID: it.ID, Kind: r.Kind, State: "retired on " + it.Retired.Format(time.DateOnly)}
	}
	if !it.Lost.IsZero() && r.Kind != accesslog.KindKitReplace && r.Kind != accesslog.KindKitRetire {
		return &StateError{ID: it.ID, Kind: r.Kind, State: "lost since " + it.Lost.Format(time.DateOnly) + " (replace it: kit replace)"}
	}
	switch r.Kind {
	case accesslog.KindKitOut:
		if !it.Out.IsZero() {
			return &StateError{ID: it.ID, Kind: r.Kind, State: "out since " + it.Out.Format(time.DateOnly)}
		}
		it.Out, it.OutBy = r.Time, r.By
	case accesslog.KindKitIn:
		if it.Out.IsZero() {
			return &StateError{ID: it.ID, Kind: r.Kind, State: "in its place (" + it.Place + ")"}
		}
		it.Out, it.OutBy = time.Time{}, nil
		it.Place = cmp.Or(r.Place, it.Place)
	case accesslog.KindKitMove:
		it.Place = r.Place
	case accesslog.KindKitCheck:
		it.LastCheck, it.LastResult = r.Time, r.Outcome
		if r.Outcome == accesslog.Pass {
			it.LastPass = r.Time
		}
	case accesslog.KindKitReplace:
		it.Lost, it.Out, it.OutBy = time.Time{}, time.Time{}, nil
		it.Since, it.LastCheck, it.LastResult, it.LastPass = r.Time, time.Time{}, "", time.Time{}
		it.Place = cmp.Or(r.Place, it.Place)
		if r.Expires != "" {
			it.Expires, _ = parseDate(r.Expires)
		}
		if len(r.Holders) > 0 {
			it.Holders = r.Holders
		}
	case accesslog.KindKitLost:
		it.Lost = r.Time
	case accesslog.KindKitRetire:
		it.Retired = r.Time
	}
	return nil
}

// checkRecord checks what a kit record must hold whatever the state: a
// place where one is needed, a known kind of item, a check's outcome, and
// an expiry that is a date not before the record's day.
func checkRecord(r *accesslog.Record) error {
	if r.Kind == accesslog.KindKitAdd || r.Kind == accesslog.KindKitMove || r.Place != "" {
		if strings.TrimSpace(r.Place) == "" {
			return &FieldError{Field: "place", Reason: "is empty: say where it is kept (\"safe B, 2nd floor\")"}
		}
	}
	if r.Kind == accesslog.KindKitAdd {
		if !slices.Contains(accesslog.ItemKinds, r.ItemKind) {
			return &FieldError{Field: "kind", Reason: fmt.Sprintf("%q is not a kind of item (%s)", r.ItemKind, strings.Join(accesslog.ItemKinds, ", "))}
		}
		if r.ItemKind == accesslog.ItemSheet && r.Set == "" {
			return &FieldError{Field: "manifest", Reason: "a sheet item names its set"}
		}
		if r.ItemKind != accesslog.ItemSheet && (r.Set != "" || r.Share != 0) {
			return &FieldError{Field: "share", Reason: "only a sheet item names a set and a share"}
		}
	}
	if r.Expires != "" {
		if r.ItemKind != "" && r.ItemKind != accesslog.ItemMFA {
			return &FieldError{Field: "battery-expires", Reason: "only an MFA device has a battery to expire"}
		}
		t, err := parseDate(r.Expires)
		if err != nil {
			return &FieldError{Field: "battery-expires", Reason: err.Error()}
		}
		if t.Before(share.Day(r.Time)) {
			return &FieldError{Field: "battery-expires", Reason: fmt.Sprintf("%s is in the past", r.Expires)}
		}
	}
	if r.Kind == accesslog.KindKitCheck && r.Outcome != accesslog.Pass && r.Outcome != accesslog.Fail {
		return &FieldError{Field: "result", Reason: "a check is ok or failed"}
	}
	return nil
}

// ParseDate reads a date as the kit's flags take it: YYYY-MM-DD.
func ParseDate(s string) (time.Time, error) { return parseDate(s) }

func parseDate(s string) (time.Time, error) {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil || t.Format(time.DateOnly) != s {
		return time.Time{}, fmt.Errorf("%q is not a date like 2027-03-31 (YYYY-MM-DD)", s)
	}
	return t, nil
}

func (s *State) first(t time.Time) {
	if s.First.IsZero() || t.Before(s.First) {
		s.First = t
	}
}

func (s *State) ids() []string {
	var ids []string
	for _, it := range s.Items {
		ids = append(ids, it.ID)
	}
	return ids
}

// PhoneNumberIn reports whether s holds what looks like a phone number:
// seven digits or more, with at most spaces, dots, dashes, slashes and
// brackets between them, or a leading "+". The guidance keeps the
// account's phone number on its contact page and nowhere else, so the log
// refuses to hold one. Dates, times and words that mix letters and digits
// (see notPhone) do not count: a reason says when and where a thing was
// last seen, and a device's serial.
func PhoneNumberIn(s string) bool {
	digits := 0
	for _, c := range notPhone.ReplaceAllString(s, "_") {
		switch {
		case c >= '0' && c <= '9':
			digits++
			if digits >= 7 {
				return true
			}
		case strings.ContainsRune(" .-/()+", c):
		default:
			digits = 0
		}
	}
	return false
}

// notPhone matches what PhoneNumberIn does not count, each of which it
// would otherwise take for digits of one number: a date (2026-12-04,
// 04.12.2026, 4/12/2026), a time (18:30, 18:30:05), and a word with a
// letter in it (GAKT000123456, SN18765432: a serial as printed on the
// device). A bare run of seven digits or more still counts, as a serial
// without its letters cannot be told from a phone number; PhoneAdvice says
// how to write one.
var notPhone = regexp.MustCompile(`\b(?:\d{4}-\d{1,2}-\d{1,2}|\d{1,2}[./-]\d{1,2}[./-]\d{4}|\d{1,2}:\d{2}(?::\d{2})?)\b|[\p{L}\p{N}_]*\p{L}[\p{L}\p{N}_]*`)

// PhoneAdvice is what to do when [PhoneNumberIn] refuses text that holds
// no phone number.
const PhoneAdvice = "if it is not a phone number — a serial, say — write it with its letters, e.g. SN18765432"
