package main

// Typos in a head hash (--head) typed from paper, which only status and
// log read. The rule, the --set of the commands that take shares and of
// record, are ceremony's (typo.go, record.go).

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
