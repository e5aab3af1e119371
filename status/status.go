package status

import (
	"cmp"
	"crypto/ed25519"
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"

	"quorum/accesslog"
	"quorum/kit"
	"quorum/manifest"
	"quorum/share"
)

// DefaultEvery is the drill interval in days: quarterly, as the guidance
// asks of a recovery test.
const DefaultEvery = 90

// Options is everything a report is computed from.
type Options struct {
	Manifests []*manifest.Manifest
	// Log says whether a log was given; Records and LogErr are what
	// accesslog.Read returned for it.
	Log     bool
	Records []*accesslog.Record
	LogErr  error
	// Head is a head hash printed earlier (accesslog.ParseHash form) that
	// the log must still contain; "" for none.
	Head  string
	Now   func() time.Time
	Every int // days between drills; 0 means DefaultEvery
	// Kit holds the intervals of the kit's rules (package kit); zeros
	// take kit's defaults.
	Kit kit.Rules
	// Scenarios are the runbooks' names (package runbook), listed in
	// this order with their last run once the log holds a run.
	Scenarios []string
}

// Report is the status of every set and of the log.
type Report struct {
	Date  time.Time `json:"date"` // the day the report is for
	Every int       `json:"every_days"`
	Sets  []*Set    `json:"sets"`
	Log   *Log      `json:"log,omitempty"`
	// Kit is the root kit and its access review, when the log holds any
	// of it (package kit).
	Kit *kit.Report `json:"kit,omitempty"`
	// Runs is, for each scenario, its last run and last rehearsal, once
	// the log holds a run; OpenRuns the runs not ended.
	Runs     []*ScenarioRuns `json:"runs,omitempty"`
	OpenRuns []*Run          `json:"open_runs,omitempty"`
	// Problems are the reasons the report is not clean; status exits
	// non-zero when there are any.
	Problems []string `json:"problems"`
}

// Clean reports whether nothing needs a person's action: nothing is
// overdue, the log checks, every set in use has a margin above zero, no
// sheet is out of the safe, and no superseded set has a sheet that still
// opens the secret.
func (r *Report) Clean() bool { return len(r.Problems) == 0 }

// Set is one set's status.
type Set struct {
	Fingerprint string `json:"fingerprint"`
	Label       string `json:"label"`
	Threshold   int    `json:"threshold"`
	Shares      int    `json:"shares"`
	// Manifest is false for a set known only from the log (a reshare
	// or retire record). Sheets is true when its sheets are known: from
	// the manifest, or from the custodians its retire record lists.
	Manifest bool      `json:"manifest"`
	Sheets   bool      `json:"sheets_known"`
	Split    time.Time `json:"split,omitzero"`
	Margin   int       `json:"margin"`
	// LastDrill is the day of the last counted drill, zero for none.
	LastDrill time.Time `json:"last_drill,omitzero"`
	DaysSince int       `json:"days_since_drill"` // since LastDrill, or since the split
	NextDue   time.Time `json:"next_due,omitzero"`
	Overdue   bool      `json:"overdue"`
	// SupersededBy is the fingerprint of the set that a reshare made in
	// its place, on the day SupersededOn; Live are then its shares whose
	// sheets are not recorded destroyed.
	SupersededBy string    `json:"superseded_by,omitempty"`
	SupersededOn time.Time `json:"superseded_on,omitzero"`
	// RetiredOn is the day a retire record retired the set: its password
	// is dead, and Live are its sheets still to be destroyed.
	RetiredOn  time.Time    `json:"retired_on,omitzero"`
	Live       []int        `json:"live,omitempty"`
	Custodians []*Custodian `json:"custodians"`
}

// Custodian is one share's status.
type Custodian struct {
	Index int    `json:"index"`
	Name  string `json:"name"`
	// LastVerified is the day they last opened their share, zero for
	// never; Due counts from it, or from the split.
	LastVerified time.Time `json:"last_verified,omitzero"`
	DaysSince    int       `json:"days_since"`
	Due          time.Time `json:"due"`
	Overdue      bool      `json:"overdue"`
	Lost         bool      `json:"lost"` // the sheet is recorded lost, and not proven found since
	// Found is the day an unsigned sheet-in record said that the lost
	// sheet was back: it does not count until the custodian proves it.
	Found     time.Time `json:"found_unproven,omitzero"`
	Destroyed bool      `json:"destroyed"` // the sheet is recorded destroyed
	// Out is the day the sheet was recorded taken out of the safe and
	// not yet back, zero when it is in.
	Out time.Time `json:"out,omitzero"`
}

// Log is what was checked of the access log.
type Log struct {
	Records int    `json:"records"` // that check
	Head    string `json:"head"`
	// Newest is the time of the newest record, the head: the log's date.
	Newest time.Time `json:"newest,omitzero"`
	// Broken is the first record that does not check, nil when all do.
	Broken *accesslog.BrokenError `json:"broken,omitempty"`
	// Wanted is the head asked for; Found the record that has it (0: not
	// in the log).
	Wanted string `json:"wanted_head,omitempty"`
	Found  int    `json:"wanted_found_at,omitempty"`
	// Signed counts the records whose signatures checked, Unchecked
	// those signed with a share key of a set whose manifest was not
	// given.
	Signed    int `json:"signed"`
	Unchecked int `json:"unchecked"`
	// Problems name records that claim what their signature does not
	// show.
	Problems []string `json:"problems,omitempty"`
	// Notes are what the log says that needs no action to keep status
	// clean: a retire record of a run that ended aborted, which does not
	// count (accesslog.Retirements).
	Notes []string `json:"notes,omitempty"`
}

func day(t time.Time) time.Time { return share.Day(t) }

func days(from, to time.Time) int { return int(day(to).Sub(day(from)).Hours() / 24) }

// Compute makes the report.
func Compute(opts Options) *Report {
	every := opts.Every
	if every <= 0 {
		every = DefaultEvery
	}
	now := day(opts.Now())
	rep := &Report{Date: now, Every: every}
	sets := map[string]*setState{}
	var order []*setState
	for _, m := range opts.Manifests {
		fp, err := m.Fingerprint()
		if err != nil || sets[string(fp)] != nil {
			continue
		}
		s := newSetState(m, string(fp))
		sets[s.fp] = s
		order = append(order, s)
	}
	if opts.Log {
		rep.Log = checkLog(opts, sets, func(fp string) *setState {
			s := &setState{fp: fp, custodians: map[int]*Custodian{}}
			sets[fp] = s
			order = append(order, s)
			return s
		})
		for _, p := range rep.Log.Problems {
			rep.Problems = append(rep.Problems, "access log: "+p)
		}
		var problems []string
		rep.Runs, rep.OpenRuns, problems = runsReport(opts.Records, opts.Scenarios, opts.Now())
		for _, p := range problems {
			rep.Problems = append(rep.Problems, "runs: "+p)
		}
	}
	for _, s := range order {
		set := s.report(now, every)
		if !set.RetiredOn.IsZero() && set.Sheets && len(set.Live) == 0 {
			// Every sheet of a retired set is recorded destroyed:
			// nothing of it is left to keep or to destroy.
			continue
		}
		rep.Sets = append(rep.Sets, set)
		rep.Problems = append(rep.Problems, setProblems(set)...)
	}
	rep.Kit = kitReport(opts, order, now)
	if rep.Kit != nil {
		for _, p := range rep.Kit.Problems {
			rep.Problems = append(rep.Problems, "kit: "+p)
		}
	}
	return rep
}

// kitReport is the kit's part of the report: package kit's rules, for the
// sets given by their manifests and not superseded. Records dated after
// today are left out, as they are for the sets.
func kitReport(opts Options, order []*setState, now time.Time) *kit.Report {
	var records []*accesslog.Record
	for _, r := range opts.Records {
		if !day(r.Time).After(now) {
			records = append(records, r)
		}
	}
	st, _ := kit.Replay(records)
	if len(st.Items) == 0 && len(st.Reviews) == 0 {
		return nil
	}
	var sets []kit.Set
	for _, s := range order {
		if s.m == nil || s.newSet != "" || !s.retiredOn.IsZero() {
			continue
		}
		ks := kit.Set{Fingerprint: s.fp, Label: s.label, Threshold: s.m.Threshold, Custodians: map[int]string{}}
		for _, c := range s.m.Custodians {
			ks.Custodians[c.Index] = c.Name
		}
		sets = append(sets, ks)
	}
	return kit.Compute(st, sets, opts.Now(), opts.Kit)
}

func setProblems(s *Set) []string {
	var p []string
	name := fmt.Sprintf("set %q (%s)", s.Label, share.Fingerprint(s.Fingerprint))
	for _, c := range s.Custodians {
		if !c.Out.IsZero() {
			p = append(p, fmt.Sprintf("%s: sheet %d (%s) is out of the safe since %s: put it back and record it (sheet-in)", name, c.Index, c.Name, c.Out.Format(time.DateOnly)))
		}
		if !c.Found.IsZero() && !c.Destroyed {
			p = append(p, fmt.Sprintf("%s: sheet %d (%s), recorded lost, was recorded back in on %s without proof: it counts again once %s verifies it with 'quorum verify --log'", name, c.Index, c.Name, c.Found.Format(time.DateOnly), cmp.Or(c.Name, "its custodian")))
		}
	}
	if !s.RetiredOn.IsZero() {
		return append(p, retiredProblem(s, name))
	}
	switch {
	case s.SupersededBy != "" && !s.Manifest:
		return append(p, fmt.Sprintf("%s was superseded by %s on %s: give its manifest (-m) to see which of its sheets still open the secret", name, share.Fingerprint(s.SupersededBy), s.SupersededOn.Format(time.DateOnly)))
	case s.SupersededBy != "" && len(s.Live) > 0:
		return append(p, fmt.Sprintf("%s was superseded by %s on %s, but its sheets %s still open the secret: destroy each and record it (sheet-destroyed)", name, share.Fingerprint(s.SupersededBy), s.SupersededOn.Format(time.DateOnly), LiveSheets(s)))
	case s.SupersededBy != "" || !s.Manifest:
		return p
	}
	switch {
	case s.Margin < 0:
		p = append(p, fmt.Sprintf("%s cannot be rebuilt: %d of %d sheets are lost or destroyed, %d needed", name, s.Shares-s.Threshold-s.Margin, s.Shares, s.Threshold))
	case s.Margin == 0:
		p = append(p, fmt.Sprintf("%s has no margin: one more lost sheet or absent custodian and it cannot be rebuilt", name))
	}
	if s.Overdue {
		p = append(p, fmt.Sprintf("%s: drill OVERDUE since %s", name, s.NextDue.Format(time.DateOnly)))
	}
	for _, c := range s.Custodians {
		if c.Overdue {
			p = append(p, fmt.Sprintf("%s: %s (share %d) has not verified since %s: OVERDUE", name, c.Name, c.Index, c.Due.Format(time.DateOnly)))
		}
	}
	return p
}

// retiredProblem is what a retired set still needs: its sheets destroyed,
// or its manifest to see which they are.
func retiredProblem(s *Set, name string) string {
	on := s.RetiredOn.Format(time.DateOnly)
	if !s.Sheets {
		return fmt.Sprintf("%s was retired on %s: give its manifest (-m) to see which of its sheets are still to be destroyed", name, on)
	}
	return fmt.Sprintf("%s was retired on %s: its sheets %s are to be destroyed: destroy each and record it (sheet-destroyed)", name, on, LiveSheets(s))
}

// LiveSheets lists a set's sheets not recorded destroyed, "1 (alice), 2
// (bob)". The names are the manifest's: a caller filters them before a
// terminal.
func LiveSheets(s *Set) string {
	var live []string
	for _, c := range s.Custodians {
		if !c.Destroyed {
			live = append(live, fmt.Sprintf("%d (%s)", c.Index, c.Name))
		}
	}
	return strings.Join(live, ", ")
}

// setState gathers what the log says about one set.
type setState struct {
	fp           string
	m            *manifest.Manifest
	key          ed25519.PublicKey
	label        string
	split        time.Time
	lastDrill    time.Time
	newSet       string
	supersededOn time.Time
	retiredOn    time.Time
	sheetsKnown  bool // the set's sheets are known without its manifest: its retire record lists them
	custodians   map[int]*Custodian
}

func newSetState(m *manifest.Manifest, fp string) *setState {
	s := &setState{fp: fp, m: m, label: m.Label, custodians: map[int]*Custodian{}}
	s.key, _ = m.SetKey()
	if t, err := time.Parse(time.DateOnly, m.Created); err == nil {
		s.split = t
	}
	for _, c := range m.Custodians {
		s.custodians[c.Index] = &Custodian{Index: c.Index, Name: c.Name}
	}
	return s
}

func (s *setState) custodian(i int) *Custodian {
	c := s.custodians[i]
	if c == nil {
		c = &Custodian{Index: i}
		s.custodians[i] = c
	}
	return c
}

func (s *setState) report(now time.Time, every int) *Set {
	set := &Set{Fingerprint: s.fp, Label: s.label, Manifest: s.m != nil, Sheets: s.m != nil || s.sheetsKnown, Split: s.split,
		LastDrill: s.lastDrill, SupersededBy: s.newSet, SupersededOn: s.supersededOn, RetiredOn: s.retiredOn}
	// A superseded or retired set is no longer due: what is left to do
	// is destroy its sheets.
	inUse := s.newSet == "" && s.retiredOn.IsZero()
	if s.m != nil {
		set.Threshold, set.Shares = s.m.Threshold, s.m.Shares
	}
	from := s.lastDrill
	if from.IsZero() {
		from = s.split
	}
	lost := 0
	for _, i := range slices.Sorted(maps.Keys(s.custodians)) {
		c := s.custodians[i]
		if c.Lost || c.Destroyed {
			lost++
		}
		if !c.Destroyed {
			set.Live = append(set.Live, i)
		}
		if s.m != nil {
			since := c.LastVerified
			if since.IsZero() {
				since = s.split
			}
			c.DaysSince = days(since, now)
			c.Due = since.AddDate(0, 0, every)
			c.Overdue = inUse && !c.Destroyed && now.After(c.Due)
		}
		set.Custodians = append(set.Custodians, c)
	}
	if inUse {
		set.Live = nil
	}
	if s.m != nil {
		set.Margin = s.m.Shares - s.m.Threshold - lost
		set.DaysSince = days(from, now)
		set.NextDue = from.AddDate(0, 0, every)
		set.Overdue = inUse && now.After(set.NextDue)
	}
	return set
}
