package main

// Typos in values typed from paper that only status, log and record read:
// a head hash (--head) and a set named by the log (--set). The rule, and
// the --set of the commands that take shares, are ceremony's (typo.go).

import (
	"fmt"

	"quorum/accesslog"
	"quorum/ceremony"
	"quorum/share"
)

// parseHead reads a typed --head ("" for none) for status and log. A typo
// comes first: a head one or two symbols from a record's hash was typed
// wrong, and says nothing of the log. A head that is in no form a hash is
// a mistake in the command line; one the log does not contain is for
// status to report.
func parseHead(records []*accesslog.Record, typed string) (string, error) {
	if typed == "" {
		return "", nil
	}
	if r, at := accesslog.NearHash(records, typed); r != nil {
		return "", &usageError{err: &ceremony.TypoError{Flag: "--head", Symbols: at, Of: fmt.Sprintf("record %d's hash", r.Seq),
			Value: group4(r.Hash), Paper: "the drill or reveal report"}}
	}
	head, err := accesslog.ParseHash(typed)
	if err != nil {
		return "", usagef("--head: %v", err)
	}
	return head, nil
}

// group4 writes a hash in groups of four symbols, as reports print it.
func group4(s string) string {
	return share.Fingerprint(s).String()
}

// logSetTypo checks a typed --set against the sets the log names: when the
// log names the pinned set, or none near it, nil.
func logSetTypo(records []*accesslog.Record, typed string, pinned share.Fingerprint) error {
	if typed == "" {
		return nil
	}
	for _, r := range records {
		if r.Set == string(pinned) || r.NewSet == string(pinned) {
			return nil
		}
	}
	for _, r := range records {
		for _, fp := range []string{r.Set, r.NewSet} {
			if at := share.Typos(typed, fp); fp != "" && at != nil {
				return &usageError{err: &ceremony.TypoError{Flag: "--set", Symbols: at,
					Of:    fmt.Sprintf("the set%s of record %d", labelSuffix(r.Label), r.Seq),
					Value: share.Fingerprint(fp).String(), Paper: "the signed ceremony record"}}
			}
		}
	}
	return nil
}
