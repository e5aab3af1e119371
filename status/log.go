package status

// What the log's records say about each set, and what accesslog.Read
// cannot check alone: that a share-signed record carries the key of that
// share (the manifest's commitment), and that a record claiming what only
// a key can show is signed with it.

import (
	"crypto/ed25519"
	"errors"
	"fmt"
	"time"

	"quorum/accesslog"
	"quorum/share"
)

// checkLog goes through the records in order and updates the sets they
// name. Records of a set that is neither given nor superseded are passed
// over; newSet adds a set known only from the log (a superseded one).
func checkLog(opts Options, sets map[string]*setState, newSet func(fp string) *setState) *Log {
	l := &Log{Records: len(opts.Records), Head: accesslog.Head(opts.Records)}
	if n := len(opts.Records); n > 0 {
		l.Newest = opts.Records[n-1].Time
	}
	var be *accesslog.BrokenError
	if errors.As(opts.LogErr, &be) {
		l.Broken = be
		l.Problems = append(l.Problems, be.Error())
	} else if opts.LogErr != nil {
		l.Problems = append(l.Problems, opts.LogErr.Error())
	}
	if opts.Head != "" {
		l.Wanted = opts.Head
		if r := accesslog.Find(opts.Records, opts.Head); r != nil {
			l.Found = r.Seq
		} else {
			l.Problems = append(l.Problems, fmt.Sprintf("the log does not contain head %s: records after it were cut off, or this is another log", opts.Head))
		}
	}
	// First the reshares and retire records, so that a superseded or
	// retired set is known before its sheet-destroyed records are read,
	// whatever the order of manifests.
	retired, void := accesslog.Retirements(opts.Records)
	for _, r := range opts.Records {
		if retired[r.Set] == r {
			s := sets[r.Set]
			if s == nil {
				s = newSet(r.Set)
				s.label = r.Label
			}
			s.retiredOn = day(r.Time)
			if s.m == nil && len(r.Participants) > 0 {
				// The retire record lists the set's custodians:
				// its sheets are known without the manifest,
				// which wins when it is given.
				s.sheetsKnown = true
				for _, p := range r.Participants {
					s.custodian(p.Index).Name = p.Custodian
				}
			}
		}
		if r.Supersedes() {
			s := sets[r.Set]
			if s == nil {
				s = newSet(r.Set)
				s.label = r.Label
			}
			if s.newSet == "" {
				s.newSet, s.supersededOn = r.NewSet, day(r.Time)
			}
		}
	}
	for _, r := range void {
		l.Notes = append(l.Notes, voidRetire(opts.Records, r))
	}
	// Times are what a laptop's clock said. A record dated after today
	// (a drill "in 2099" would keep every set clean for decades) is not
	// counted; one dated before the record it follows is counted but
	// named, since a clock set back, or a record backdated, is what it
	// shows. The record a later one is compared with is the last one not
	// dated in the future, so that one wrong date is named once.
	today := day(opts.Now())
	var last *accesslog.Record
	for _, r := range opts.Records {
		if r.Signer != "" {
			l.Signed++
		}
		if day(r.Time).After(today) {
			l.Problems = append(l.Problems, fmt.Sprintf("record %d (%s) is dated %s, after today by this laptop's clock (%s): one of the clocks is wrong, or the record is forged; it is not counted",
				r.Seq, r.Kind, r.Time.Format(time.DateOnly), today.Format(time.DateOnly)))
			continue
		}
		if last != nil && r.Time.Before(last.Time) {
			l.Problems = append(l.Problems, fmt.Sprintf("record %d (%s) is dated %s, before record %d that it follows (%s): a clock was set back, or the record was backdated",
				r.Seq, r.Kind, r.Time.UTC().Format(time.DateTime), last.Seq, last.Time.UTC().Format(time.DateTime)))
		}
		last = r
		s := sets[r.Set]
		if s == nil {
			continue
		}
		if !s.split.IsZero() && day(r.Time).Before(s.split) {
			l.Problems = append(l.Problems, fmt.Sprintf("record %d (%s) is dated %s, before its set was made (%s, the manifest's date): a clock was wrong, or the record was backdated",
				r.Seq, r.Kind, r.Time.UTC().Format(time.DateOnly), s.split.Format(time.DateOnly)))
		}
		if problem := s.checkKey(r); problem != "" {
			l.Signed--
			l.Problems = append(l.Problems, fmt.Sprintf("record %d (%s): %s", r.Seq, r.Kind, problem))
			continue
		}
		if _, isShare := accesslog.ShareOf(r.Signer); isShare && s.m == nil {
			l.Unchecked++
			continue
		}
		if problem := s.apply(r); problem != "" {
			l.Problems = append(l.Problems, fmt.Sprintf("record %d (%s): %s", r.Seq, r.Kind, problem))
		}
	}
	return l
}

// checkKey says what is wrong with a signed record's key for this set.
func (s *setState) checkKey(r *accesslog.Record) string {
	switch n, isShare := accesslog.ShareOf(r.Signer); {
	case r.Signer == accesslog.SignerSet:
		// accesslog has checked the fingerprint; the manifest has the
		// whole key.
		if s.key != nil && !s.key.Equal(r.PublicKey) {
			return "signed with a key that is not the manifest's set key"
		}
	case isShare && s.m != nil:
		want := s.commitment(n)
		if want == nil {
			return fmt.Sprintf("signed as share %d, which the set does not have", n)
		}
		if !want.Equal(r.PublicKey) {
			return fmt.Sprintf("signed as share %d, but not with that share's key (the manifest's commitment): forged, or made from another share", n)
		}
	}
	return ""
}

func (s *setState) commitment(n int) ed25519.PublicKey {
	for _, c := range s.m.Custodians {
		if c.Index == n {
			if b, err := share.DecodeBinary(c.Commitment); err == nil && len(b) == ed25519.PublicKeySize {
				return b
			}
		}
	}
	return nil
}

// apply updates the set with one record whose key checked. It returns a
// problem for a record that claims a pass its signature cannot show.
func (s *setState) apply(r *accesslog.Record) string {
	d := day(r.Time)
	switch r.Kind {
	case accesslog.KindDrill, accesslog.KindCombine:
		if r.Outcome != accesslog.Pass {
			return ""
		}
		if r.Signer != accesslog.SignerSet {
			return "claims a pass but is not signed with the set key: not counted"
		}
		if d.After(s.lastDrill) {
			s.lastDrill = d
		}
		// Participants whose share failed did not show that they can
		// open it.
		failed := map[int]bool{}
		for _, f := range r.Failures {
			failed[f.Index] = true
		}
		for _, p := range r.Participants {
			if !failed[p.Index] {
				s.verified(p.Index, d)
			}
		}
	case accesslog.KindVerify:
		if r.Outcome == accesslog.Fail {
			return ""
		}
		n, isShare := accesslog.ShareOf(r.Signer)
		if !isShare {
			return "claims a verified share but is not signed with a share key: not counted"
		}
		s.verified(n, d)
	case accesslog.KindSheetLost:
		if r.Share > 0 {
			c := s.custodian(r.Share)
			c.Lost, c.Found = true, zeroTime
		}
	case accesslog.KindSheetIn:
		// Custody events are unsigned: anyone who can write the log can
		// add one. They may lower a margin, never raise it, so a lost
		// sheet recorded back in counts again only once its custodian
		// proves it with a signed record: a verify with the share's key,
		// or a drill or combine with the set key that opened it.
		if r.Share > 0 {
			c := s.custodian(r.Share)
			c.Out = zeroTime
			if c.Lost {
				c.Found = d
			}
		}
	case accesslog.KindSheetOut:
		if r.Share > 0 {
			s.custodian(r.Share).Out = d
		}
	case accesslog.KindSheetDestroyed:
		if r.Share > 0 {
			c := s.custodian(r.Share)
			c.Destroyed, c.Out = true, zeroTime
		}
	}
	return ""
}

// verified counts a signed record that proves share n opened on day d. A
// sheet recorded lost counts again from here on: the share is at hand.
func (s *setState) verified(n int, d time.Time) {
	if s.m != nil && s.custodians[n] == nil {
		return
	}
	c := s.custodian(n)
	c.Lost, c.Found = false, zeroTime
	if d.After(c.LastVerified) {
		c.LastVerified = d
	}
}

var zeroTime time.Time

// voidRetire says what a retire record of an aborted run leaves to do:
// nothing of the set it names, whose password is live again (the console
// refused the new one); the sheets of the new set that the run made hold
// a password that was never set, and are the ones to destroy.
func voidRetire(records []*accesslog.Record, r *accesslog.Record) string {
	runs, _ := accesslog.Runs(records)
	scenario := ""
	for _, run := range runs {
		if run.ID == r.Run {
			scenario = run.Start.Scenario
		}
	}
	return fmt.Sprintf("run %s (%s) ended aborted, so record %d, which retired set %q (%s), does not count: that set is live again, keep its sheets; "+
		"a new set made in that run (the record says: %s) holds a password that was never set: destroy its sheets, or record it void with 'quorum retire -m NEW/manifest.json'",
		r.Run, scenario, r.Seq, r.Label, share.Fingerprint(r.Set), r.Reason)
}
