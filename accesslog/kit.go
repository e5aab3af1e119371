package accesslog

// The kit: the other things the root user's sign-in rests on besides the
// password (the MFA device, the account's phone, the group email address,
// the key of a safe, where each set's sheets are kept), their custody
// events, and the periodic access review. These kinds and members came
// after the first format, so a record that uses any of them says
// FormatKit in its first member: a quorum that reads only Format refuses
// it by name instead of mistaking it for a forgery, and every record an
// earlier quorum wrote still reads, byte for byte.

import (
	"errors"
	"fmt"
	"slices"
	"time"
)

// FormatKit is the first member of a record that uses a kind or member of
// the kit (KitKinds, KindReview, and the members ItemKind, Place, Holders,
// Expires, Access); every other record says [Format].
const FormatKit = "quorum log v2"

// Kinds of the kit's records. Item holds the item's ID in each.
const (
	KindKitAdd     = "kit-add"     // an item registered: its kind, place and holders
	KindKitOut     = "kit-out"     // taken out of its place
	KindKitIn      = "kit-in"      // put back (Place: where, when not where it was)
	KindKitMove    = "kit-move"    // moved to Place
	KindKitCheck   = "kit-check"   // tested: Outcome pass or fail
	KindKitReplace = "kit-replace" // replaced by a new one (a new Expires, Place)
	KindKitLost    = "kit-lost"    // lost
	KindKitRetire  = "kit-retire"  // no longer in use
	// KindReview is the periodic review of who has access (Access), with
	// the custodians who confirmed at it (Participants), each of whom
	// also has a verify record signed with their share key.
	KindReview = "review"
)

// KitKinds are the kinds of the kit's item records.
var KitKinds = []string{KindKitAdd, KindKitOut, KindKitIn, KindKitMove, KindKitCheck,
	KindKitReplace, KindKitLost, KindKitRetire}

// Kinds of item, the value of [Record.ItemKind].
const (
	ItemMFA     = "mfa-device" // the root user's MFA device
	ItemPhone   = "phone"      // the account's contact phone: the handset and its SIM (never its number)
	ItemEmail   = "email"      // the group email address, and who receives its mail
	ItemSafeKey = "safe-key"   // the key (or code holder) of a safe
	ItemSheet   = "sheet"      // a set's sheets: one (Share) or all of them
	ItemOther   = "other"
)

// ItemKinds are every kind of item.
var ItemKinds = []string{ItemMFA, ItemPhone, ItemEmail, ItemSafeKey, ItemSheet, ItemOther}

// Access is who has access to each of the four things the guidance has a
// review cover, as a review recorded it. Password is the set's
// custodians, confirmed.
type Access struct {
	Email    []string `json:"email,omitempty"`
	Password []string `json:"password,omitempty"`
	MFA      []string `json:"mfa,omitempty"`
	Phone    []string `json:"phone,omitempty"`
}

// AccessKinds are the names of Access's members, as --access takes them.
var AccessKinds = []string{"email", "password", "mfa", "phone"}

// Names returns the names recorded for kind (one of [AccessKinds]).
func (a *Access) Names(kind string) []string {
	switch kind {
	case "email":
		return a.Email
	case "password":
		return a.Password
	case "mfa":
		return a.MFA
	case "phone":
		return a.Phone
	}
	return nil
}

// Set sets the names for kind, and reports whether kind is one of
// [AccessKinds].
func (a *Access) Set(kind string, names []string) bool {
	switch kind {
	case "email":
		a.Email = names
	case "password":
		a.Password = names
	case "mfa":
		a.MFA = names
	case "phone":
		a.Phone = names
	default:
		return false
	}
	return true
}

// Format is the format line r is written with: the newest whose kinds or
// members it uses. Reports print it, so that a reader knows which section
// of FORMAT.md the record they sign follows.
func (r *Record) Format() string { return toWire(r).Format }

// formatOf is the format a record must say: the newest whose kinds or
// members it uses (FormatRun, FormatRetire, FormatKit), Format when it
// uses none of theirs, so that a record has one spelling.
func formatOf(w *wire) string {
	if usesRun(w) {
		return FormatRun
	}
	if w.Kind == KindRetire {
		return FormatRetire
	}
	if slices.Contains(KitKinds, w.Kind) || w.Kind == KindReview ||
		w.ItemKind != "" || w.Place != "" || len(w.Holders) > 0 || w.Expires != "" || w.Access != nil {
		return FormatKit
	}
	return Format
}

// checkKit checks the kit's members: the item's kind, the expiry date,
// and the names of holders and of the review.
func checkKit(w *wire) (field, reason string) {
	if w.Format != formatOf(w) {
		return "format", fmt.Sprintf("%q, and a record of kind %s with these members says %q", w.Format, w.Kind, formatOf(w)) // both checked known by now
	}
	if w.Kind == KindRetire && w.Set == "" {
		return "set", "a retire record names its set"
	}
	if slices.Contains(KitKinds, w.Kind) && w.Item == "" {
		return "item", "a kit record names its item"
	}
	if w.ItemKind != "" && !slices.Contains(ItemKinds, w.ItemKind) {
		return "item_kind", "is not a kind of item"
	}
	if w.Expires != "" {
		if t, err := time.Parse(time.DateOnly, w.Expires); err != nil || t.Format(time.DateOnly) != w.Expires {
			return "expires", "is not a date like 2027-03-31"
		}
	}
	if reason := badText(w.Place); reason != "" {
		return "place", reason
	}
	return "", ""
}

// kitNames are the names of people that the kit's members hold: the
// holders of an item, and a review's names. check holds them to the rule
// of every name in the log.
func kitNames(w *wire) []string {
	names := slices.Clone(w.Holders)
	if w.Access != nil {
		for _, k := range AccessKinds {
			names = append(names, w.Access.Names(k)...)
		}
	}
	return names
}

// CheckName checks a person's name as the log holds it (operator,
// witnesses, by, holders, a review's names), so that a command can name
// the flag that gave a bad one before it builds a record.
func CheckName(n string) error {
	if reason := nameReason(n); reason != "" {
		return errors.New(reason)
	}
	return nil
}

// CheckText checks one line of a person's words as the log holds it (a
// place, a reason), so that a command can name the flag that gave it.
func CheckText(s string) error {
	if reason := badText(s); reason != "" {
		return errors.New(reason)
	}
	return nil
}
