package ceremony

// Values typed from paper: a set fingerprint from the ceremony record
// (--set), a head hash from a drill or reveal report (--head). One that
// matches nothing but is one or two symbols from a value that exists is a
// typo, since SHA-256 gives no one two values that close: quorum says so
// first, before any word of another set or of a log cut short, and the
// person types it again.

import (
	"fmt"
	"strings"

	"quorum/accesslog"
	"quorum/combine"
	"quorum/share"
)

// TypoError is a typed value one or two symbols from one that exists.
type TypoError struct {
	Flag    string // "--set", "--head"
	Symbols []int  // the symbols that differ, 1 for the first
	Of      string // what it is near: "record 14's hash"
	Value   string // that value, grouped as printed
	Paper   string // where the right value is printed
}

func (e *TypoError) Error() string {
	var at []string
	for _, n := range e.Symbols {
		at = append(at, fmt.Sprint(n))
	}
	what := "symbol " + at[0] + " differs"
	if len(at) > 1 {
		what = "symbols " + strings.Join(at, " and ") + " differ"
	}
	return fmt.Sprintf("%s: %s from %s, %s: a typo?", e.Flag, what, e.Of, e.Value)
}

// SetTypo checks a typed --set against the sets of the shares given: when
// no share is of the pinned set but one is of a set one or two symbols
// from it, the pin was mistyped, and no share belongs to another set.
func SetTypo(typed string, pinned share.Fingerprint, inputs []combine.Input) error {
	if typed == "" {
		return nil
	}
	for _, in := range inputs {
		if in.Share.Fingerprint() == pinned {
			return nil
		}
	}
	for _, in := range inputs {
		fp := in.Share.Fingerprint()
		if at := share.Typos(typed, string(fp)); at != nil {
			return &UsageError{&TypoError{Flag: "--set", Symbols: at,
				Of:    fmt.Sprintf("the set of share %d (%s, %s)", in.Share.Index, in.Share.Custodian, in.Source),
				Value: fp.String(), Paper: "the signed ceremony record"}}
		}
	}
	return nil
}

// ParseHead reads a typed --head ("" for none) for status and log. A typo
// comes first: a head one or two symbols from a record's hash was typed
// wrong, and says nothing of the log. A head that is in no form a hash is
// a mistake in the command line; one the log does not contain is for
// status to report.
func ParseHead(records []*accesslog.Record, typed string) (string, error) {
	if typed == "" {
		return "", nil
	}
	if r, at := accesslog.NearHash(records, typed); r != nil {
		return "", &UsageError{&TypoError{Flag: "--head", Symbols: at, Of: fmt.Sprintf("record %d's hash", r.Seq),
			Value: share.Fingerprint(r.Hash).String(), Paper: "the drill or reveal report"}}
	}
	head, err := accesslog.ParseHash(typed)
	if err != nil {
		return "", usagef("--head: %v", err)
	}
	return head, nil
}

// logSetTypo checks a typed --set against the sets the log names, for quorum
// record, which takes no shares: when the log names the pinned set, or none near it, nil.
func logSetTypo(records []*accesslog.Record, typed string, pinned share.Fingerprint) error {
	for _, r := range records {
		if r.Set == string(pinned) || r.NewSet == string(pinned) {
			return nil
		}
	}
	for _, r := range records {
		for _, fp := range []string{r.Set, r.NewSet} {
			if at := share.Typos(typed, fp); fp != "" && at != nil {
				return &UsageError{&TypoError{Flag: "--set", Symbols: at,
					Of:    fmt.Sprintf("the set%s of record %d", LabelSuffix(r.Label), r.Seq),
					Value: share.Fingerprint(fp).String(), Paper: "the signed ceremony record"}}
			}
		}
	}
	return nil
}
