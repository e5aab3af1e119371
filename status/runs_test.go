package status_test

import (
	"strings"
	"testing"

	"quorum/accesslog"
	"quorum/status"
)

// TestRuns: each scenario's last run and rehearsal; a run still open is
// listed, and a problem only once it has been open more than a day; a run
// makes nothing due and counts as no drill.
func TestRuns(t *testing.T) {
	s := newSet(t, 1, "root 2026", "2026-01-05")
	l := newLog(t)
	l.drill(s, "2026-01-05", accesslog.Pass, 1, 2, 3, 4, 5)
	start := func(scenario, on string, rehearsal bool) string {
		r := accesslog.Record{Kind: accesslog.KindRunStart, Time: date(on), Scenario: scenario, Operator: "dave", Witnesses: []string{"erin"}, Rehearsal: rehearsal}
		if _, err := accesslog.Append(l.path, &r, nil, ""); err != nil {
			t.Fatal(err)
		}
		return accesslog.RunID(&r)
	}
	end := func(id, on, outcome string) {
		l.add(accesslog.Record{Kind: accesslog.KindRunEnd, Time: date(on), Run: id, Outcome: outcome, Lessons: []string{"fine"}}, nil, "")
	}
	rehearsal := start("quarterly-test", "2026-01-10", true)
	end(rehearsal, "2026-01-10", accesslog.RunDone)
	first := start("quarterly-test", "2026-02-10", false)
	end(first, "2026-02-10", accesslog.RunAborted)
	open := start("password-change", "2026-03-01", false)

	opts := l.opts("2026-03-01", s)
	opts.Scenarios = []string{"root-operation", "password-change", "quarterly-test"}
	rep := status.Compute(opts)
	if !rep.Clean() {
		t.Fatalf("a run open today is a problem:\n%s", problems(rep))
	}
	var got []string
	for _, sr := range rep.Runs {
		line := sr.Scenario
		for _, r := range []*status.Run{sr.LastRun, sr.LastRehearsal} {
			if r == nil {
				line += " never"
			} else {
				line += " " + r.ID + " " + r.Started.Format("01-02") + " " + r.Outcome
			}
		}
		got = append(got, line)
	}
	want := []string{
		"root-operation never never",
		"password-change " + open + " 03-01  never",
		"quarterly-test " + first + " 02-10 aborted " + rehearsal + " 01-10 done",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("runs:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if len(rep.OpenRuns) != 1 || rep.OpenRuns[0].ID != open || rep.OpenRuns[0].Overdue {
		t.Errorf("open runs %+v, want %s, not overdue", rep.OpenRuns, open)
	}
	// The runs of the quarterly test count as no drill.
	if set := rep.Sets[0]; set.LastDrill.Format("2006-01-02") != "2026-01-05" {
		t.Errorf("last drill %s, want the drill's day 2026-01-05", set.LastDrill)
	}

	opts = l.opts("2026-03-03", s)
	rep = status.Compute(opts)
	if want := "runs: run " + open + " (password-change), started 2026-03-01 10:00:00 by dave, was never ended"; !strings.HasPrefix(problems(rep), want) {
		t.Errorf("problems:\n%s\nwant %q", problems(rep), want)
	}
	if !rep.OpenRuns[0].Overdue || rep.Runs[0].Scenario != "quarterly-test" {
		t.Errorf("without a list of scenarios, runs %+v; open %+v", rep.Runs[0], rep.OpenRuns[0])
	}
}

// TestRunsNoneWithoutRuns: a log without runs lists none.
func TestRunsNoneWithoutRuns(t *testing.T) {
	s := newSet(t, 1, "root 2026", "2026-01-05")
	l := newLog(t)
	l.drill(s, "2026-01-05", accesslog.Pass, 1, 2, 3, 4, 5)
	opts := l.opts("2026-02-01", s)
	opts.Scenarios = []string{"quarterly-test"}
	if rep := status.Compute(opts); rep.Runs != nil || rep.OpenRuns != nil {
		t.Errorf("runs %v, open %v; want none", rep.Runs, rep.OpenRuns)
	}
}

// TestRunsForged: a record that names a run its log did not start, which
// only an edited log holds, is a problem.
func TestRunsForged(t *testing.T) {
	s := newSet(t, 1, "root 2026", "2026-01-05")
	l := newLog(t)
	l.drill(s, "2026-01-05", accesslog.Pass, 1, 2, 3, 4, 5)
	opts := l.opts("2026-02-01", s)
	// As Read would give a record edited to name a run: the chain is not
	// the point here.
	opts.Records = append(opts.Records, &accesslog.Record{Seq: 2, Kind: accesslog.KindNote, Time: date("2026-01-06"), Run: "0000AAAA"})
	rep := status.Compute(opts)
	if want := "runs: record 2 (note): run 0000AAAA is not in this access log"; !strings.HasPrefix(problems(rep), want) {
		t.Errorf("problems:\n%s\nwant %q", problems(rep), want)
	}
}

// TestRunsUnknownScenario: a run-start whose scenario this quorum does not
// know reads (a newer quorum may add one), but status names it.
func TestRunsUnknownScenario(t *testing.T) {
	s := newSet(t, 1, "root 2026", "2026-01-05")
	l := newLog(t)
	l.drill(s, "2026-01-05", accesslog.Pass, 1, 2, 3, 4, 5)
	r := accesslog.Record{Kind: accesslog.KindRunStart, Time: date("2026-01-06"), Scenario: "coffee-break", Operator: "dave"}
	if _, err := accesslog.Append(l.path, &r, nil, ""); err != nil {
		t.Fatal(err)
	}
	l.add(accesslog.Record{Kind: accesslog.KindRunEnd, Time: date("2026-01-06"), Run: accesslog.RunID(&r), Outcome: accesslog.RunDone, Lessons: []string{"fine"}}, nil, "")
	opts := l.opts("2026-02-01", s)
	opts.Scenarios = []string{"quarterly-test"}
	rep := status.Compute(opts)
	want := `runs: run ` + accesslog.RunID(&r) + ` names scenario "coffee-break", which this quorum does not know`
	if !strings.HasPrefix(problems(rep), want) {
		t.Errorf("problems:\n%s\nwant %q", problems(rep), want)
	}
}
