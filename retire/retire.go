// Package retire records that a set's password is dead: the account was
// deleted, or a new set for a new password replaces it. Every sheet of a
// retired set is then to be destroyed; package status lists them until
// each is recorded destroyed (FORMAT.md §14, "Retiring a set").
//
// A set is retired once: a second retire record would say nothing new,
// and a second date would blur the first.
package retire

import (
	"fmt"
	"time"

	"quorum/accesslog"
	"quorum/manifest"
	"quorum/share"
)

// RetiredError is a set that the log already records as retired.
type RetiredError struct {
	Set   share.Fingerprint
	Label string
	Seq   int       // the retire record
	On    time.Time // its time
}

func (e *RetiredError) Error() string {
	return fmt.Sprintf("set %q (%s) is already retired: record %d of the log, on %s", e.Label, e.Set, e.Seq, e.On.UTC().Format(time.DateOnly))
}

// Check returns a *RetiredError when records retire set fp, nil otherwise.
func Check(records []*accesslog.Record, fp share.Fingerprint) error {
	if r := accesslog.RetiredBy(records, string(fp)); r != nil {
		return &RetiredError{Set: fp, Label: r.Label, Seq: r.Seq, On: r.Time}
	}
	return nil
}

// Options are what a retire record says besides its set.
type Options struct {
	Time      time.Time
	Operator  string
	Witnesses []string
	Reason    string // why its password is dead, in words
	Tool      string
}

// Record returns the record that retires the set of m, for
// accesslog.Append, or a *RetiredError when records (the log as read)
// already retire it.
func Record(m *manifest.Manifest, records []*accesslog.Record, o Options) (*accesslog.Record, error) {
	fp, err := m.Fingerprint()
	if err != nil {
		return nil, err
	}
	if err := Check(records, fp); err != nil {
		return nil, err
	}
	// The set's custodians go in as participants, so that status knows
	// from the log alone which sheets are left to destroy: the manifest
	// of a retired set is seldom at hand years later.
	var custodians []accesslog.Participant
	for _, c := range m.Custodians {
		custodians = append(custodians, accesslog.Participant{Index: c.Index, Custodian: c.Name})
	}
	return &accesslog.Record{Kind: accesslog.KindRetire, Time: o.Time, Set: string(fp), Label: m.Label, Participants: custodians,
		Operator: o.Operator, Witnesses: o.Witnesses, Reason: o.Reason, Tool: o.Tool}, nil
}
