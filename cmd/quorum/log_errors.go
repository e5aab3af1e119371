package main

// Hints for the access log's errors and the exits of status and log
// (record.go, status.go, log.go), kept apart from errors.go's switch, which
// calls them.

import (
	"errors"
	"fmt"

	"quorum/accesslog"
)

func isLogError(err error) bool {
	var (
		be *accesslog.BrokenError
		ie *accesslog.InvalidError
		ne *notCleanError
		lb *logBrokenError
	)
	return errors.As(err, &be) || errors.As(err, &ie) || errors.As(err, &ne) || errors.As(err, &lb)
}

func logHints(err error) []string {
	var (
		be *accesslog.BrokenError
		ie *accesslog.InvalidError
		ne *notCleanError
		lb *logBrokenError
	)
	switch {
	case errors.As(err, &be):
		h := []string{
			fmt.Sprintf("record %d or the one before it was changed, deleted, moved or inserted, or the last write did not finish; %s", be.Seq, checkedBefore(be.Seq)),
			"quorum never rewrites a log: keep this file as evidence, compare it with a backup and the printed drill reports, and start a new log whose first note names this one",
		}
		return h
	case errors.As(err, &ie):
		return []string{fmt.Sprintf("fix the %s given on the command line: names and text hold no control characters", ie.Field)}
	case errors.As(err, &lb):
		return []string{"each line starting with ! above says what does not check; quorum never rewrites a log: keep this file as evidence and compare it with a backup and the signed reports"}
	case errors.As(err, &ne):
		return []string{"each line starting with ! above says what is due or wrong: run the drill, have the custodian run 'quorum verify', or record the event"}
	}
	return nil
}

// checkedBefore says how many records before record seq check.
func checkedBefore(seq int) string {
	switch seq {
	case 1:
		return "it is the first record"
	case 2:
		return "the record before it checks"
	}
	return fmt.Sprintf("the %d records before it check", seq-1)
}
