package accesslog

import (
	"errors"
	"fmt"
)

// ErrBusy means that another process held the log's lock for longer than
// an append takes: it is stuck, or still appending to a log on a very slow
// disk. Nothing was written.
var ErrBusy = errors.New("access log is locked by another process; nothing was written")

// BrokenError means that the log does not check from a record on: the
// record was edited, deleted, moved, inserted, forged, or cut off by a
// write that did not finish. Everything before it checks.
type BrokenError struct {
	Seq    int    `json:"seq"`            // the record's place in the log (1 for the first), which is also its line number
	Line   int    `json:"line"`           // its line number in the file
	Kind   string `json:"kind,omitempty"` // the record's kind, when the line could be read that far
	Reason string `json:"reason"`         // what is wrong with it
}

func (e *BrokenError) Error() string {
	if e.Kind != "" {
		return fmt.Sprintf("access log is broken at record %d (%s, line %d): %s", e.Seq, e.Kind, e.Line, e.Reason)
	}
	return fmt.Sprintf("access log is broken at record %d (line %d): %s", e.Seq, e.Line, e.Reason)
}

// InvalidError means that [Append] was given a record that cannot be
// written: a field is missing or holds what the format forbids.
type InvalidError struct {
	Field  string
	Reason string
}

func (e *InvalidError) Error() string {
	return fmt.Sprintf("access log record: %s: %s", e.Field, e.Reason)
}
