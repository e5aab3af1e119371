package status_test

import (
	"bytes"
	"crypto/ed25519"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"quorum/accesslog"
	"quorum/manifest"
	"quorum/share"
	"quorum/status"
)

// testSet is a 3-of-5 set made for the tests: a set key from a seed byte,
// and per-share keys whose public halves are the manifest's commitments.
type testSet struct {
	key       ed25519.PrivateKey
	shareKeys []ed25519.PrivateKey
	m         *manifest.Manifest
	fp        string
}

var names = []string{"alice", "bob", "carol", "dave", "erin"}

func newSet(t *testing.T, seed byte, label, created string) *testSet {
	t.Helper()
	s := &testSet{key: ed25519.NewKeyFromSeed(bytes.Repeat([]byte{seed}, 32))}
	s.m = &manifest.Manifest{Label: label, Created: created, Threshold: 3, Shares: 5, Tool: "test"}
	for i, name := range names {
		k := ed25519.NewKeyFromSeed(bytes.Repeat([]byte{seed + byte(i) + 1}, 32))
		s.shareKeys = append(s.shareKeys, k)
		s.m.Custodians = append(s.m.Custodians, manifest.Custodian{
			Index: i + 1, Name: name, RecipientKind: "x25519", ShareFile: fmt.Sprintf("%d-%s.share", i+1, name),
			ShareHash: share.EncodeBinary(make([]byte, 32)), Commitment: share.EncodeBinary(k.Public().(ed25519.PublicKey)),
		})
	}
	if err := s.m.Sign(s.key); err != nil {
		t.Fatal(err)
	}
	s.fp = string(share.FingerprintOf(s.key.Public().(ed25519.PublicKey)))
	return s
}

// log appends records to a log in a temporary folder and reads it back.
type log struct {
	t    *testing.T
	path string
}

func newLog(t *testing.T) *log { return &log{t, filepath.Join(t.TempDir(), "access.log")} }

func date(s string) time.Time {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return t.Add(10 * time.Hour)
}

func (l *log) add(r accesslog.Record, key ed25519.PrivateKey, signer string) {
	l.t.Helper()
	if _, err := accesslog.Append(l.path, &r, key, signer); err != nil {
		l.t.Fatal(err)
	}
}

func (l *log) drill(s *testSet, on string, outcome string, who ...int) {
	var ps []accesslog.Participant
	for _, i := range who {
		ps = append(ps, accesslog.Participant{Index: i, Custodian: names[i-1]})
	}
	l.add(accesslog.Record{Kind: accesslog.KindDrill, Time: date(on), Set: s.fp, Outcome: outcome, Participants: ps}, s.key, accesslog.SignerSet)
}

func (l *log) verify(s *testSet, on string, i int) {
	l.add(accesslog.Record{Kind: accesslog.KindVerify, Time: date(on), Set: s.fp, Outcome: accesslog.Pass,
		Participants: []accesslog.Participant{{Index: i, Custodian: names[i-1]}}}, s.shareKeys[i-1], accesslog.ShareSigner(i))
}

func (l *log) event(s *testSet, kind, on string, i int) {
	l.add(accesslog.Record{Kind: kind, Time: date(on), Set: s.fp, Share: i}, nil, "")
}

func (l *log) opts(now string, sets ...*testSet) status.Options {
	data, _ := os.ReadFile(l.path)
	recs, err := accesslog.Read(data)
	o := status.Options{Log: true, Records: recs, LogErr: err, Now: func() time.Time { return date(now) }}
	for _, s := range sets {
		o.Manifests = append(o.Manifests, s.m)
	}
	return o
}

func problems(r *status.Report) string { return strings.Join(r.Problems, "\n") }

func TestFreshSetWithDrillIsClean(t *testing.T) {
	s := newSet(t, 1, "root 2026", "2026-01-05")
	l := newLog(t)
	l.drill(s, "2026-01-05", accesslog.Pass, 1, 2, 3, 4, 5)
	rep := status.Compute(l.opts("2026-02-01", s))
	if !rep.Clean() {
		t.Fatalf("a fresh set with a passing drill is not clean:\n%s", problems(rep))
	}
	set := rep.Sets[0]
	if set.Margin != 2 || set.DaysSince != 27 || !set.NextDue.Equal(date("2026-04-05").Truncate(24*time.Hour)) || set.Overdue {
		t.Errorf("set %+v", set)
	}
	for _, c := range set.Custodians {
		if !c.LastVerified.Equal(share.Day(date("2026-01-05"))) || c.Overdue {
			t.Errorf("custodian %+v", c)
		}
	}
	if rep.Log.Records != 1 || rep.Log.Signed != 1 || rep.Log.Head == "" {
		t.Errorf("log %+v", rep.Log)
	}
}

// TestOverdue walks a fake clock past the due day of the drill and of the
// custodians: due on the 90th day is not late; the day after is.
func TestOverdue(t *testing.T) {
	s := newSet(t, 1, "root 2026", "2026-01-05")
	l := newLog(t)
	l.drill(s, "2026-01-05", accesslog.Pass, 1, 2, 3)
	l.verify(s, "2026-02-01", 4)
	l.drill(s, "2026-02-10", accesslog.Fail, 1, 2) // a failed drill resets nothing
	tests := []struct {
		now        string
		every      int
		drillLate  bool
		lateShares []int
	}{
		{"2026-04-05", 0, false, nil},
		{"2026-04-06", 0, true, []int{1, 2, 3, 5}}, // 5 never verified: counts from the split
		{"2026-05-02", 0, true, []int{1, 2, 3, 5}}, // 4 verified on 2026-02-01: due today
		{"2026-05-03", 0, true, []int{1, 2, 3, 4, 5}},
		{"2026-04-06", 120, false, nil},
		{"2026-01-20", 14, true, []int{1, 2, 3, 4, 5}}, // 4's verify is dated after today: not counted
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("%s every %d", tt.now, tt.every), func(t *testing.T) {
			o := l.opts(tt.now, s)
			o.Every = tt.every
			rep := status.Compute(o)
			set := rep.Sets[0]
			if set.Overdue != tt.drillLate {
				t.Errorf("drill overdue %v, want %v (next due %s)", set.Overdue, tt.drillLate, set.NextDue)
			}
			var late []int
			for _, c := range set.Custodians {
				if c.Overdue {
					late = append(late, c.Index)
				}
			}
			if fmt.Sprint(late) != fmt.Sprint(tt.lateShares) {
				t.Errorf("custodians overdue %v, want %v", late, tt.lateShares)
			}
			if rep.Clean() != (!tt.drillLate && len(tt.lateShares) == 0) {
				t.Errorf("clean %v with problems:\n%s", rep.Clean(), problems(rep))
			}
			if tt.drillLate && !strings.Contains(problems(rep), "drill OVERDUE") {
				t.Errorf("problems do not say the drill is overdue:\n%s", problems(rep))
			}
		})
	}
}

// TestMargin: lost and destroyed sheets reduce the margin; a lost sheet
// counts again once its custodian proves it with a signed verify; zero is a
// problem, and so is below.
func TestMargin(t *testing.T) {
	s := newSet(t, 1, "root 2026", "2026-01-05")
	l := newLog(t)
	l.drill(s, "2026-01-05", accesslog.Pass, 1, 2, 3, 4, 5)
	check := func(want int, wantProblem string) {
		t.Helper()
		rep := status.Compute(l.opts("2026-01-10", s))
		if got := rep.Sets[0].Margin; got != want {
			t.Errorf("margin %d, want %d", got, want)
		}
		if wantProblem == "" && !rep.Clean() || wantProblem != "" && !strings.Contains(problems(rep), wantProblem) {
			t.Errorf("problems %q, want %q", problems(rep), wantProblem)
		}
	}
	check(2, "")
	l.event(s, accesslog.KindSheetLost, "2026-01-06", 2)
	check(1, "")
	l.event(s, accesslog.KindSheetIn, "2026-01-07", 2) // found again, says someone
	check(1, "recorded back in on 2026-01-07 without proof")
	l.verify(s, "2026-01-07", 2) // bob proves it
	check(2, "")
	l.event(s, accesslog.KindSheetDestroyed, "2026-01-08", 4)
	l.event(s, accesslog.KindSheetLost, "2026-01-08", 5)
	check(0, "has no margin")
	l.event(s, accesslog.KindSheetLost, "2026-01-09", 1)
	check(-1, "cannot be rebuilt")
}

// TestSuperseded: after a reshare signed by the old set key, the old set
// is superseded, no longer due, and live until each sheet is recorded
// destroyed; the new set is clean once drilled.
func TestSuperseded(t *testing.T) {
	old := newSet(t, 1, "root 2026", "2026-01-05")
	next := newSet(t, 20, "root 2026 b", "2026-06-01")
	l := newLog(t)
	l.drill(old, "2026-01-05", accesslog.Pass, 1, 2, 3, 4, 5)
	l.add(accesslog.Record{Kind: accesslog.KindReshare, Time: date("2026-06-01"), Set: old.fp, Label: "root 2026",
		NewSet: next.fp, Outcome: accesslog.Pass}, old.key, accesslog.SignerSet)
	l.drill(next, "2026-06-01", accesslog.Pass, 1, 2, 3, 4, 5)
	for _, i := range []int{1, 2, 3} {
		l.event(old, accesslog.KindSheetDestroyed, "2026-06-02", i)
	}
	for _, given := range [][]*testSet{{old, next}, {next}} {
		t.Run(fmt.Sprintf("%d manifests", len(given)), func(t *testing.T) {
			rep := status.Compute(l.opts("2026-07-01", given...))
			// Live old sheets need a person's action: not clean.
			want := "but its sheets 4 (dave), 5 (erin) still open the secret"
			if len(given) == 1 {
				want = "give its manifest (-m) to see which of its sheets still open the secret"
			}
			if p := problems(rep); len(rep.Problems) != 1 || !strings.Contains(p, want) || !strings.Contains(p, "superseded by "+share.Fingerprint(next.fp).String()+" on 2026-06-01") {
				t.Fatalf("problems:\n%s\nwant only one, saying %q", p, want)
			}
			var o *status.Set
			for _, s := range rep.Sets {
				if s.Fingerprint == old.fp {
					o = s
				}
			}
			if o == nil || o.SupersededBy != next.fp || o.Overdue {
				t.Fatalf("old set %+v", o)
			}
			if want := "[4 5]"; len(given) == 2 && fmt.Sprint(o.Live) != want {
				t.Errorf("live sheets %v, want %s", o.Live, want)
			}
			if o.Manifest != (len(given) == 2) || o.Label != "root 2026" {
				t.Errorf("old set %+v", o)
			}
		})
	}
	// An old set reported a year on is not overdue, nor are its
	// custodians: only the new set is.
	rep := status.Compute(l.opts("2027-07-01", old, next))
	if p := problems(rep); strings.Contains(p, "OVERDUE") && strings.Contains(p, "\"root 2026\" ("+share.Fingerprint(old.fp).String()+"): drill") || !strings.Contains(p, "root 2026 b") {
		t.Errorf("problems a year on:\n%s", p)
	}
}

// TestDestroyedNotLive: every old sheet destroyed leaves nothing live.
func TestDestroyed(t *testing.T) {
	old := newSet(t, 1, "root 2026", "2026-01-05")
	next := newSet(t, 20, "root 2026 b", "2026-06-01")
	l := newLog(t)
	l.add(accesslog.Record{Kind: accesslog.KindReshare, Time: date("2026-06-01"), Set: old.fp, NewSet: next.fp}, old.key, accesslog.SignerSet)
	for i := 1; i <= 5; i++ {
		l.event(old, accesslog.KindSheetDestroyed, "2026-06-02", i)
	}
	rep := status.Compute(l.opts("2026-06-03", old))
	if o := rep.Sets[0]; len(o.Live) != 0 || o.SupersededBy != next.fp {
		t.Errorf("old set %+v", o)
	}
	if !rep.Clean() {
		t.Errorf("every old sheet destroyed, and not clean:\n%s", problems(rep))
	}
}

// TestForgedKeys: records whose signatures check but whose keys are not
// the ones the manifest names are problems, named by record, and count
// for nothing.
func TestForgedKeys(t *testing.T) {
	s := newSet(t, 1, "root 2026", "2026-01-05")
	l := newLog(t)
	l.drill(s, "2026-01-05", accesslog.Pass, 1, 2, 3, 4, 5)
	// A verify for share 2 signed with share 3's key.
	l.add(accesslog.Record{Kind: accesslog.KindVerify, Time: date("2026-03-01"), Set: s.fp, Outcome: accesslog.Pass}, s.shareKeys[2], accesslog.ShareSigner(2))
	// A drill pass that nobody signed.
	l.add(accesslog.Record{Kind: accesslog.KindDrill, Time: date("2026-03-02"), Set: s.fp, Outcome: accesslog.Pass}, nil, "")
	rep := status.Compute(l.opts("2026-03-03", s))
	p := problems(rep)
	for _, want := range []string{"record 2 (verify): signed as share 2, but not with that share's key", "record 3 (drill): claims a pass but is not signed"} {
		if !strings.Contains(p, want) {
			t.Errorf("problems do not say %q:\n%s", want, p)
		}
	}
	if set := rep.Sets[0]; !set.LastDrill.Equal(share.Day(date("2026-01-05"))) || !set.Custodians[1].LastVerified.Equal(share.Day(date("2026-01-05"))) {
		t.Errorf("forged records counted: %+v %+v", set, set.Custodians[1])
	}
}

// TestBrokenAndHead: a broken log and a head the log lacks are problems.
func TestBrokenAndHead(t *testing.T) {
	s := newSet(t, 1, "root 2026", "2026-01-05")
	l := newLog(t)
	l.drill(s, "2026-01-05", accesslog.Pass, 1, 2, 3, 4, 5)
	l.event(s, accesslog.KindSheetOut, "2026-01-06", 3)
	o := l.opts("2026-01-07", s)
	head := accesslog.Head(o.Records)
	l.event(s, accesslog.KindSheetIn, "2026-01-07", 3)

	o = l.opts("2026-01-07", s)
	o.Head = head
	if rep := status.Compute(o); !rep.Clean() || rep.Log.Found != 2 {
		t.Errorf("head of record 2 not found: %+v\n%s", rep.Log, problems(rep))
	}
	// Cut off the last two records: the head is gone.
	data, _ := os.ReadFile(l.path)
	first, _, _ := bytes.Cut(data, []byte("\n"))
	recs, err := accesslog.Read(append(first, '\n'))
	o = status.Options{Log: true, Records: recs, LogErr: err, Head: head, Manifests: o.Manifests, Now: o.Now}
	if rep := status.Compute(o); !strings.Contains(problems(rep), "does not contain head "+head) {
		t.Errorf("cut-off log: %s", problems(rep))
	}
	// Delete record 2: the log is broken at record 3.
	lines := bytes.SplitAfter(data, []byte("\n"))
	recs, err = accesslog.Read(append(append([]byte{}, lines[0]...), lines[2]...))
	o = status.Options{Log: true, Records: recs, LogErr: err, Manifests: o.Manifests, Now: o.Now}
	rep := status.Compute(o)
	if rep.Log.Broken == nil || rep.Log.Broken.Seq != 2 || !strings.Contains(problems(rep), "broken at record 2") {
		t.Errorf("deleted record: %+v %s", rep.Log, problems(rep))
	}
}

// TestSheetOut: a sheet out and not back is reported with its day.
func TestSheetOut(t *testing.T) {
	s := newSet(t, 1, "root 2026", "2026-01-05")
	l := newLog(t)
	l.event(s, accesslog.KindSheetOut, "2026-01-06", 3)
	rep := status.Compute(l.opts("2026-01-07", s))
	if c := rep.Sets[0].Custodians[2]; !c.Out.Equal(share.Day(date("2026-01-06"))) {
		t.Errorf("custodian 3: %+v", c)
	}
	// A sheet out of the safe needs a person's action.
	if p := problems(rep); !strings.Contains(p, "sheet 3 (carol) is out of the safe since 2026-01-06") {
		t.Errorf("problems: %q", p)
	}
	l.event(s, accesslog.KindSheetIn, "2026-01-07", 3)
	if rep := status.Compute(l.opts("2026-01-07", s)); strings.Contains(problems(rep), "out of the safe") {
		t.Errorf("sheet back, problems: %q", problems(rep))
	}
}

// TestUnsignedCannotRaise is the review's case: two sheets recorded lost
// leave a 3-of-5 set no margin; two unsigned sheet-in records, which anyone
// who can write the log can append, once made it "margin 2, clean". Only
// signed records by which the custodian opened the share count it again:
// a verify with its share key, a drill with the set key.
func TestUnsignedCannotRaise(t *testing.T) {
	s := newSet(t, 1, "root 2026", "2026-01-05")
	l := newLog(t)
	l.drill(s, "2026-01-05", accesslog.Pass, 1, 2, 3, 4, 5)
	l.event(s, accesslog.KindSheetLost, "2026-01-06", 2)
	l.event(s, accesslog.KindSheetLost, "2026-01-06", 4)
	margin := func(now string) (int, *status.Report) {
		rep := status.Compute(l.opts(now, s))
		return rep.Sets[0].Margin, rep
	}
	if m, rep := margin("2026-01-07"); m != 0 || rep.Clean() {
		t.Fatalf("two sheets lost: margin %d, clean %v", m, rep.Clean())
	}
	l.event(s, accesslog.KindSheetIn, "2026-01-07", 2)
	l.event(s, accesslog.KindSheetIn, "2026-01-07", 4)
	m, rep := margin("2026-01-08")
	if m != 0 || rep.Clean() {
		t.Errorf("two unsigned sheet-in records: margin %d, clean %v, want 0 and not clean", m, rep.Clean())
	}
	if c := rep.Sets[0].Custodians[1]; !c.Lost || !c.Found.Equal(share.Day(date("2026-01-07"))) {
		t.Errorf("custodian 2: %+v", c)
	}
	l.verify(s, "2026-01-08", 2) // bob opens his share: counts again
	l.drill(s, "2026-01-09", accesslog.Pass, 1, 3, 4)
	if m, rep := margin("2026-01-10"); m != 2 || !rep.Clean() {
		t.Errorf("after a verify by 2 and a drill with 4: margin %d, want 2; problems:\n%s", m, problems(rep))
	}
	// A verify from before the loss proves nothing about after it.
	l.event(s, accesslog.KindSheetLost, "2026-01-10", 2)
	if m, _ := margin("2026-01-11"); m != 1 {
		t.Errorf("lost again after its verify: margin %d, want 1", m)
	}
}

// TestClock is the review's case of a drill recorded in 2099, which made
// every later status clean: a record dated after today is named and not
// counted; one dated before the record it follows is named; the log's date
// is its newest record's.
func TestClock(t *testing.T) {
	s := newSet(t, 1, "root 2026", "2026-01-05")
	l := newLog(t)
	l.drill(s, "2026-01-05", accesslog.Pass, 1, 2, 3, 4, 5)
	l.drill(s, "2099-01-01", accesslog.Pass, 1, 2, 3, 4, 5)
	rep := status.Compute(l.opts("2026-06-01", s))
	p := problems(rep)
	if !strings.Contains(p, "record 2 (drill) is dated 2099-01-01, after today by this laptop's clock (2026-06-01)") {
		t.Errorf("a drill in 2099 is not named:\n%s", p)
	}
	if set := rep.Sets[0]; !set.Overdue || !set.LastDrill.Equal(share.Day(date("2026-01-05"))) {
		t.Errorf("a drill in 2099 counted: last drill %s, overdue %v", set.LastDrill, set.Overdue)
	}
	if !rep.Log.Newest.Equal(date("2099-01-01")) {
		t.Errorf("log date %s, want the newest record's", rep.Log.Newest)
	}
	// Backdated: a reveal signed with the set key, dated 2019.
	l.add(accesslog.Record{Kind: accesslog.KindCombine, Time: date("2019-03-01"), Set: s.fp, Outcome: accesslog.Pass}, s.key, accesslog.SignerSet)
	rep = status.Compute(l.opts("2026-06-01", s))
	p = problems(rep)
	if !strings.Contains(p, "record 3 (combine) is dated 2019-03-01 10:00:00, before record 1 that it follows (2026-01-05 10:00:00)") {
		t.Errorf("a reveal dated 2019 is not named:\n%s", p)
	}
	if !strings.Contains(p, "record 3 (combine) is dated 2019-03-01, before its set was made (2026-01-05") {
		t.Errorf("a reveal dated before the split is not named:\n%s", p)
	}
	if strings.Count(p, "is dated") != 3 {
		t.Errorf("want each wrong date named once:\n%s", p)
	}
	if !rep.Log.Newest.Equal(date("2019-03-01")) {
		t.Errorf("log date %s, want the newest record's", rep.Log.Newest)
	}
	// The same reveal as a log's only record: no record before it, but
	// the set was made in 2026.
	alone := newLog(t)
	alone.add(accesslog.Record{Kind: accesslog.KindCombine, Time: date("2019-03-01"), Set: s.fp, Outcome: accesslog.Pass}, s.key, accesslog.SignerSet)
	if p := problems(status.Compute(alone.opts("2026-06-01", s))); !strings.Contains(p, "record 1 (combine) is dated 2019-03-01, before its set was made") {
		t.Errorf("a lone reveal dated 2019 is not named:\n%s", p)
	}
}

// TestRetired: a retired set is no longer due; each of its sheets is a
// problem until recorded destroyed, and then the set is not listed.
func TestRetired(t *testing.T) {
	old := newSet(t, 1, "root 2026", "2026-01-05")
	l := newLog(t)
	l.drill(old, "2026-01-05", accesslog.Pass, 1, 2, 3, 4, 5)
	l.add(accesslog.Record{Kind: accesslog.KindRetire, Time: date("2026-03-01"), Set: old.fp, Label: "root 2026"}, nil, "")
	for _, i := range []int{1, 2, 3} {
		l.event(old, accesslog.KindSheetDestroyed, "2026-03-02", i)
	}
	// A year on: not overdue, but two sheets are to be destroyed.
	rep := status.Compute(l.opts("2027-03-01", old))
	want := "was retired on 2026-03-01: its sheets 4 (dave), 5 (erin) are to be destroyed"
	if p := problems(rep); len(rep.Problems) != 1 || !strings.Contains(p, want) {
		t.Fatalf("problems:\n%s\nwant only one, saying %q", p, want)
	}
	if o := rep.Sets[0]; o.Overdue || o.RetiredOn.Format(time.DateOnly) != "2026-03-01" || fmt.Sprint(o.Live) != "[4 5]" {
		t.Errorf("retired set %+v", o)
	}
	for _, i := range []int{4, 5} {
		l.event(old, accesslog.KindSheetDestroyed, "2026-03-03", i)
	}
	rep = status.Compute(l.opts("2027-03-01", old))
	if len(rep.Problems) != 0 || len(rep.Sets) != 0 {
		t.Errorf("every sheet destroyed: problems %q, sets %d, want none", rep.Problems, len(rep.Sets))
	}
}

// TestRetiredWithoutManifest: the custodians a retire record lists say
// which sheets are left without the manifest, so status is clean once the
// log shows each destroyed; a retire record that lists none (written
// before quorum listed them) still asks for the manifest.
func TestRetiredWithoutManifest(t *testing.T) {
	old := newSet(t, 1, "root 2026", "2026-01-05")
	other := newSet(t, 2, "other 2026", "2026-01-05")
	custodians := []accesslog.Participant{{Index: 1, Custodian: "alice"}, {Index: 2, Custodian: "bob"}, {Index: 3, Custodian: "carol"}}
	for _, tt := range []struct {
		name         string
		participants []accesslog.Participant
		want         string // the problem before and after every sheet is destroyed
		wantAfter    string
	}{
		{"listed", custodians, "its sheets 2 (bob), 3 (carol) are to be destroyed", ""},
		{"not listed", nil, "give its manifest (-m)", "give its manifest (-m)"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			l := newLog(t)
			l.drill(other, "2026-01-05", accesslog.Pass, 1, 2, 3, 4, 5)
			l.add(accesslog.Record{Kind: accesslog.KindRetire, Time: date("2026-03-01"), Set: old.fp, Label: "root 2026", Participants: tt.participants}, nil, "")
			l.event(old, accesslog.KindSheetDestroyed, "2026-03-02", 1)
			if p := problems(status.Compute(l.opts("2026-03-03", other))); !strings.Contains(p, tt.want) {
				t.Errorf("problems:\n%s\nwant %q", p, tt.want)
			}
			l.event(old, accesslog.KindSheetDestroyed, "2026-03-02", 2)
			l.event(old, accesslog.KindSheetDestroyed, "2026-03-02", 3)
			rep := status.Compute(l.opts("2026-03-03", other))
			if p := problems(rep); tt.wantAfter == "" && len(rep.Problems) != 0 || !strings.Contains(p, tt.wantAfter) {
				t.Errorf("every sheet destroyed: problems:\n%s\nwant %q", p, tt.wantAfter)
			}
		})
	}
}
