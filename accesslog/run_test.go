package accesslog_test

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"quorum/accesslog"
	"quorum/internal/testtool"
)

var runDay = time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)

// startRun appends a run-start of scenario to the log at path and returns
// the run's id.
func startRun(t *testing.T, path, scenario string) string {
	t.Helper()
	r := &accesslog.Record{Kind: accesslog.KindRunStart, Time: runDay, Scenario: scenario, Operator: "dave", Witnesses: []string{"erin"}}
	if _, err := accesslog.Append(path, r, nil, ""); err != nil {
		t.Fatalf("run-start: %v", err)
	}
	return accesslog.RunID(r)
}

// TestRun writes a run among older records: the run's records say
// "quorum log v4" (a kit record in a run too), the others keep theirs;
// Runs gives the run with its records; FORMAT.md's Python checker checks
// the chain and the run rule, and names a run left open.
func TestRun(t *testing.T) {
	key := exampleKey()
	set := fingerprint(key)
	path := filepath.Join(t.TempDir(), "access.log")
	if _, err := accesslog.Append(path, exampleRecords(set)[1], nil, ""); err != nil {
		t.Fatal(err)
	}
	id := startRun(t, path, "mfa-lost")
	recs := []*accesslog.Record{
		{Kind: accesslog.KindKitLost, Time: runDay, Item: "mfa-1", By: []string{"frank"}, Run: id},
		{Kind: accesslog.KindLeftRoom, Time: runDay, By: []string{"bob"}, Item: "his phone", Run: id},
		{Kind: accesslog.KindNote, Time: runDay, Event: "outside the run"},
		{Kind: accesslog.KindRunEnd, Time: runDay, Run: id, Outcome: accesslog.RunDone, Lessons: []string{"bring a spare pen", "call the phone first"}},
	}
	for _, r := range recs {
		if _, err := accesslog.Append(path, r, nil, ""); err != nil {
			t.Fatalf("%s: %v", r.Kind, err)
		}
	}
	second := startRun(t, path, "quarterly-test")
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(string(data), "\n"), "\n")
	for i, want := range []string{"v1", "v4", "v4", "v4", "v1", "v4", "v4"} {
		if !strings.HasPrefix(lines[i], `{"format":"quorum log `+want+`",`) {
			t.Errorf("line %d: %s, want format quorum log %s", i+1, lines[i], want)
		}
	}
	got, err := accesslog.Read(data)
	if err != nil {
		t.Fatal(err)
	}
	if id != got[1].Hash[:8] || len(id) != accesslog.RunIDSymbols {
		t.Errorf("run id %s, want the first 8 symbols of the run-start's hash %s", id, got[1].Hash)
	}
	runs, problems := accesslog.Runs(got)
	if len(problems) != 0 || len(runs) != 2 {
		t.Fatalf("Runs: %d runs, problems %v; want 2 runs and no problem", len(runs), problems)
	}
	run := runs[0]
	var seqs []int
	for _, r := range run.Records {
		seqs = append(seqs, r.Seq)
	}
	if run.ID != id || run.Start.Scenario != "mfa-lost" || run.Open() || run.End.Seq != 6 || !slices.Equal(seqs, []int{3, 4, 6}) ||
		!slices.Equal(run.End.Lessons, []string{"bring a spare pen", "call the phone first"}) {
		t.Errorf("run = %+v, records %v; want mfa-lost, records 3, 4 and 6, ended by 6 with its lessons", run, seqs)
	}
	if !runs[1].Open() || runs[1].ID != second {
		t.Errorf("second run = %+v, want %s open", runs[1], second)
	}
	testtool.Need(t, "python3")
	script := testtool.LogChecker(t, "../FORMAT.md", t.TempDir())
	out, err := exec.Command("python3", script, path).CombinedOutput()
	want := fmt.Sprintf("%d records, head %s\nrun %s (quarterly-test) started 2026-03-02T09:00:00Z, not ended", len(lines), accesslog.Head(got), second)
	if err != nil || strings.TrimSpace(string(out)) != want {
		t.Errorf("FORMAT.md's script: %s (%v), want %q", out, err, want)
	}
}

// TestAppendRunRule: a record in a run that this log did not start, or
// that has ended, is refused with its own error, and nothing is written.
func TestAppendRunRule(t *testing.T) {
	path := filepath.Join(t.TempDir(), "access.log")
	ended := startRun(t, path, "sheet-lost")
	if _, err := accesslog.Append(path, &accesslog.Record{Kind: accesslog.KindRunEnd, Time: runDay, Run: ended, Outcome: accesslog.RunAborted, Lessons: []string{"x"}}, nil, ""); err != nil {
		t.Fatal(err)
	}
	open := startRun(t, path, "quarterly-test")
	typo := "Z" + open[1:]
	if open[0] == 'Z' {
		typo = "Y" + open[1:]
	}
	before, _ := os.ReadFile(path)
	tests := []struct {
		name  string
		r     accesslog.Record
		check func(error) bool
	}{
		{"unknown run", accesslog.Record{Kind: accesslog.KindNote, Time: runDay, Event: "x", Run: "0000AAAA"}, func(err error) bool {
			var e *accesslog.UnknownRunError
			return errors.As(err, &e) && e.ID == "0000AAAA" && len(e.Near) == 0
		}},
		{"a typo of an open run", accesslog.Record{Kind: accesslog.KindSheetOut, Time: runDay, Item: "x", Run: typo}, func(err error) bool {
			var e *accesslog.UnknownRunError
			return errors.As(err, &e) && slices.Equal(e.Near, []string{open})
		}},
		{"ended run", accesslog.Record{Kind: accesslog.KindDrill, Time: runDay, Run: ended}, func(err error) bool {
			var e *accesslog.RunEndedError
			return errors.As(err, &e) && e.Run.ID == ended && strings.Contains(err.Error(), "(sheet-lost) ended at record 2")
		}},
		{"ending an ended run", accesslog.Record{Kind: accesslog.KindRunEnd, Time: runDay, Run: ended, Outcome: accesslog.RunDone, Lessons: []string{"x"}}, func(err error) bool {
			var e *accesslog.RunEndedError
			return errors.As(err, &e)
		}},
		{"ending an unknown run", accesslog.Record{Kind: accesslog.KindRunEnd, Time: runDay, Run: "0000AAAA", Outcome: accesslog.RunDone, Lessons: []string{"x"}}, func(err error) bool {
			var e *accesslog.UnknownRunError
			return errors.As(err, &e)
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := tt.r
			_, err := accesslog.Append(path, &r, nil, "")
			if !tt.check(err) {
				t.Errorf("Append: %v", err)
			}
			if after, _ := os.ReadFile(path); string(after) != string(before) {
				t.Errorf("Append wrote to the log")
			}
		})
	}
	// The open run takes records, and ends once.
	if _, err := accesslog.Append(path, &accesslog.Record{Kind: accesslog.KindRunEnd, Time: runDay, Run: open, Outcome: accesslog.RunDone, Lessons: []string{"x"}}, nil, ""); err != nil {
		t.Errorf("ending the open run: %v", err)
	}
}

// TestRunsProblems: what an edited log may hold and Append never writes,
// Runs names by record.
func TestRunsProblems(t *testing.T) {
	start := func(seq int, hash string) *accesslog.Record {
		return &accesslog.Record{Seq: seq, Kind: accesslog.KindRunStart, Scenario: "quarterly-test", Hash: hash}
	}
	in := func(seq int, kind, run string) *accesslog.Record {
		return &accesslog.Record{Seq: seq, Kind: kind, Run: run}
	}
	h1 := "AAAAAAAA" + strings.Repeat("0", 44)
	h2 := "AAAAAAAA" + strings.Repeat("1", 44)
	records := []*accesslog.Record{
		in(1, accesslog.KindNote, "AAAAAAAA"), // before its run started
		start(2, h1),
		start(3, h2), // the same id again
		in(4, accesslog.KindRunEnd, "AAAAAAAA"),
		in(5, accesslog.KindDrill, "AAAAAAAA"), // after it ended
		in(6, accesslog.KindNote, "BBBBBBBB"),  // never started
	}
	runs, problems := accesslog.Runs(records)
	var seqs []int
	for _, p := range problems {
		seqs = append(seqs, p.Record.Seq)
	}
	if len(runs) != 1 || !slices.Equal(seqs, []int{1, 3, 5, 6}) {
		t.Errorf("Runs: %d runs, problems at records %v; want 1 run, problems at 1, 3, 5, 6", len(runs), seqs)
	}
	var ended *accesslog.RunEndedError
	if !errors.As(problems[2].Err, &ended) {
		t.Errorf("record 5: %v, want a *RunEndedError", problems[2].Err)
	}
}

// TestRunFormat: a run's kinds and members say v4, each where it belongs;
// every other record keeps its format.
func TestRunFormat(t *testing.T) {
	const head = `"seq":1,"prev":"0000000000000000000000000000000000000000000000000000",`
	const at = `"time":"2026-03-02T09:00:00Z"`
	tests := []struct {
		name, line, want string
	}{
		{"run-start", `{"format":"quorum log v4",` + head + `"kind":"run-start",` + at + `,"operator":"dave","scenario":"quarterly-test","rehearsal":true}`, ""},
		{"run-start in v3", `{"format":"quorum log v3",` + head + `"kind":"run-start",` + at + `,"scenario":"quarterly-test"}`, "format"},
		{"run member in v2", `{"format":"quorum log v2",` + head + `"kind":"kit-check",` + at + `,"item":"mfa-1","run":"0000AAAA"}`, "format"},
		{"v4 without a run", `{"format":"quorum log v4",` + head + `"kind":"note",` + at + `,"event":"x"}`, "format"},
		{"run-start without scenario", `{"format":"quorum log v4",` + head + `"kind":"run-start",` + at + `}`, "names its scenario"},
		{"scenario on a note", `{"format":"quorum log v4",` + head + `"kind":"note",` + at + `,"scenario":"quarterly-test"}`, "only a run-start"},
		{"scenario in capitals", `{"format":"quorum log v4",` + head + `"kind":"run-start",` + at + `,"operator":"dave","scenario":"Quarterly"}`, "scenario: the scenario named is not written as a scenario's name is"},
		{"run-start in a run", `{"format":"quorum log v4",` + head + `"kind":"run-start",` + at + `,"operator":"dave","scenario":"quarterly-test","run":"0000AAAA"}`, "names no run"},
		{"run-end without run", `{"format":"quorum log v4",` + head + `"kind":"run-end",` + at + `,"outcome":"done"}`, "names its run"},
		{"run-end that passed", `{"format":"quorum log v4",` + head + `"kind":"run-end",` + at + `,"outcome":"pass","run":"0000AAAA","lessons":["x"]}`, "outcome"},
		{"run-end without outcome", `{"format":"quorum log v4",` + head + `"kind":"run-end",` + at + `,"run":"0000AAAA","lessons":["x"]}`, "outcome"},
		{"run-start without operator", `{"format":"quorum log v4",` + head + `"kind":"run-start",` + at + `,"scenario":"quarterly-test"}`, "operator: a run-start record names its operator"},
		{"run-end without lessons", `{"format":"quorum log v4",` + head + `"kind":"run-end",` + at + `,"outcome":"done","run":"0000AAAA"}`, "lessons: a run-end record holds at least one lesson"},
		{"lesson too long", `{"format":"quorum log v4",` + head + `"kind":"run-end",` + at + `,"outcome":"done","run":"0000AAAA","lessons":["` + strings.Repeat("x", accesslog.MaxText+1) + `"]}`, "lessons: a lesson is 501 characters long"},
		{"drill done", `{"format":"quorum log v4",` + head + `"kind":"drill",` + at + `,"outcome":"done","run":"0000AAAA"}`, "outcome"},
		{"lessons on a note", `{"format":"quorum log v4",` + head + `"kind":"note",` + at + `,"run":"0000AAAA","lessons":["x"]}`, "only a run-end"},
		{"empty lesson", `{"format":"quorum log v4",` + head + `"kind":"run-end",` + at + `,"outcome":"done","run":"0000AAAA","lessons":[""]}`, "empty"},
		{"escape in a lesson", `{"format":"quorum log v4",` + head + `"kind":"run-end",` + at + `,"outcome":"done","run":"0000AAAA","lessons":["\u001b[2J"]}`, "control"},
		{"run id in lower case", `{"format":"quorum log v4",` + head + `"kind":"note",` + at + `,"event":"x","run":"0000aaaa"}`, "run id"},
		{"run id too long", `{"format":"quorum log v4",` + head + `"kind":"note",` + at + `,"event":"x","run":"0000AAAAB"}`, "run id"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := accesslog.Read([]byte(tt.line + "\n"))
			if tt.want == "" && err != nil || tt.want != "" && (err == nil || !strings.Contains(err.Error(), tt.want)) {
				t.Errorf("Read: %v, want an error about %q", err, tt.want)
			}
		})
	}
}

func TestParseRunID(t *testing.T) {
	tests := []struct{ in, want, wantErr string }{
		{"7QX4M2KD", "7QX4M2KD", ""},
		{"7qx4-m2kd", "7QX4M2KD", ""},
		{" 7QX4 M2KD ", "7QX4M2KD", ""},
		{"OIL4M2KD", "0114M2KD", ""},
		{"7QX4M2K", "", "has 7 symbols"},
		{"7QX4M2KU", "", `"U" is not a base32 symbol`},
	}
	for _, tt := range tests {
		got, err := accesslog.ParseRunID(tt.in)
		if got != tt.want || (err == nil) != (tt.wantErr == "") || err != nil && !strings.Contains(err.Error(), tt.wantErr) {
			t.Errorf("ParseRunID(%q) = %q, %v; want %q, %q", tt.in, got, err, tt.want, tt.wantErr)
		}
	}
}

// TestRecordFormat: a report prints its record's format line, which is the
// newest format whose kinds or members the record uses.
func TestRecordFormat(t *testing.T) {
	drillRec := &accesslog.Record{Kind: accesslog.KindDrill, Time: time.Date(2026, 12, 4, 10, 0, 0, 0, time.UTC)}
	if got := drillRec.Format(); got != accesslog.Format {
		t.Errorf("a drill's format = %q, want %q", got, accesslog.Format)
	}
	inRun := *drillRec
	inRun.Run = "7QX4M2KD"
	if got := inRun.Format(); got != accesslog.FormatRun {
		t.Errorf("a drill in a run: format = %q, want %q", got, accesslog.FormatRun)
	}
}
