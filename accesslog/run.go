package accesslog

// Runs of a runbook: a run-start record opens one (the scenario, the
// operator and witnesses), the records of the commands run for it carry
// its id, and a run-end record closes it with its outcome and lessons, so
// that the log holds who did each step of a documented procedure, as the
// guidance asks. The kinds and members came after retire's, so a record
// that uses any of them says FormatRun: a quorum that reads only v1 to v3
// refuses it by name, and every record an earlier quorum wrote reads as
// it is.

import (
	"fmt"
	"slices"
	"strings"

	"quorum/share"
)

// FormatRun is the first member of a record that uses a kind or member of
// a run (KindRunStart, KindRunEnd; the members Scenario, Rehearsal, Run,
// Lessons), whatever else it holds: a record says the newest format whose
// kinds or members it uses.
const FormatRun = "quorum log v4"

// Kinds of a run's records. Neither is signed: a run is what the people at
// the table say they are doing; the signed records of the commands in it
// show what was done.
const (
	KindRunStart = "run-start" // a run begins: Scenario, Operator, Witnesses, and Rehearsal for a rehearsal
	KindRunEnd   = "run-end"   // the run Run ends: Outcome RunDone or RunAborted, Lessons
)

// Outcomes of a run-end record.
const (
	RunDone    = "done"
	RunAborted = "aborted"
)

// RunIDSymbols is the length of a run's id: the first symbols of its
// run-start record's hash. 40 bits: short enough to write on the runbook
// and type, and two runs of one log share an id with odds of one in a
// trillion or so a pair; Append refuses the rare run-start whose id an
// earlier run has, so that quorum never writes an id that names two runs.
const RunIDSymbols = 8

// RunID is the id of the run that r starts: the first [RunIDSymbols]
// symbols of its hash. Deriving it from the record ties it to this log:
// the same words in another log chain to another hash.
func RunID(r *Record) string {
	if r.Kind != KindRunStart || len(r.Hash) < RunIDSymbols {
		return ""
	}
	return r.Hash[:RunIDSymbols]
}

// ParseRunID reads a run id as a person types it from a runbook: any case,
// spaces and dashes anywhere, Crockford's slips (O for 0, I and L for 1).
func ParseRunID(s string) (string, error) {
	id, bad := share.TypedSymbols([]byte(s))
	switch {
	case bad >= 0:
		return "", fmt.Errorf("run id %q: %q is not a base32 symbol; a run id is the %d symbols 'quorum runbook start' printed", s, s[bad:bad+1], RunIDSymbols)
	case len(id) != RunIDSymbols:
		return "", fmt.Errorf("run id %q has %d symbols, and a run id has %d: the id 'quorum runbook start' printed", s, len(id), RunIDSymbols)
	}
	return string(id), nil
}

// Run is one run of a runbook, as the log records it.
type Run struct {
	ID    string
	Start *Record // the run-start record
	End   *Record // the run-end record, nil while the run is open
	// Records are the records that name the run, in order, End included.
	Records []*Record
}

// Open reports whether the run has not ended.
func (r *Run) Open() bool { return r.End == nil }

// UnknownRunError means that the log starts no run with the id: it was
// typed wrong, or it is a run of another log.
type UnknownRunError struct {
	ID string
	// Near are the ids of the log's open runs one or two symbols from ID.
	Near []string
}

func (e *UnknownRunError) Error() string {
	return fmt.Sprintf("run %s is not in this access log: no run-start record has that id", e.ID)
}

// RunEndedError means that the run has ended: nothing more can be done
// in it.
type RunEndedError struct {
	Run *Run
}

func (e *RunEndedError) Error() string {
	end := e.Run.End
	return fmt.Sprintf("run %s (%s) ended at record %d, %s (%s): nothing more is recorded in it",
		e.Run.ID, e.Run.Start.Scenario, end.Seq, end.Time.UTC().Format(timeLayout), end.Outcome)
}

// RunProblem is a record that breaks the run rule: it names a run the
// log has not started, or one that has ended, or it starts a run whose id
// an earlier run has. Only an edited or forged log holds one: Append
// refuses each.
type RunProblem struct {
	Record *Record
	Err    error // an *UnknownRunError, a *RunEndedError, or a repeated id
}

// Runs goes through the records in order and returns the runs they start,
// in order, and the records that break the run rule: every record that
// names a run (Run) must name one that a run-start before it started and
// no run-end before it ended. It is the one rule of runs: Append keeps it
// for what it writes, and status names what breaks it in a log.
func Runs(records []*Record) ([]*Run, []RunProblem) {
	var runs []*Run
	byID := map[string]*Run{}
	var problems []RunProblem
	for _, r := range records {
		if r.Kind == KindRunStart {
			id := RunID(r)
			if first := byID[id]; first != nil {
				problems = append(problems, RunProblem{r, fmt.Errorf("starts run %s, whose id the run of record %d has", id, first.Start.Seq)})
				continue
			}
			run := &Run{ID: id, Start: r}
			byID[id] = run
			runs = append(runs, run)
			continue
		}
		if r.Run == "" {
			continue
		}
		run, err := openRun(runs, byID, r.Run)
		if err != nil {
			problems = append(problems, RunProblem{r, err})
			continue
		}
		run.Records = append(run.Records, r)
		if r.Kind == KindRunEnd {
			run.End = r
		}
	}
	return runs, problems
}

// OpenRun returns the run with the id that the records start and do not
// end: an [*UnknownRunError] when they start none (a typo is offered the
// open runs it is near), a [*RunEndedError] when it has ended.
func OpenRun(records []*Record, id string) (*Run, error) {
	runs, _ := Runs(records)
	byID := map[string]*Run{}
	for _, r := range runs {
		byID[r.ID] = r
	}
	return openRun(runs, byID, id)
}

func openRun(runs []*Run, byID map[string]*Run, id string) (*Run, error) {
	run := byID[id]
	if run == nil {
		e := &UnknownRunError{ID: id}
		for _, r := range runs {
			if r.Open() && share.Typos(id, r.ID) != nil {
				e.Near = append(e.Near, r.ID)
			}
		}
		return nil, e
	}
	if !run.Open() {
		return nil, &RunEndedError{Run: run}
	}
	return run, nil
}

// checkRunAppend keeps the run rule for a record about to be appended
// after records: a record in a run names an open run of this log, and a
// run-start's id is no earlier run's.
func checkRunAppend(records []*Record, r *Record) error {
	if r.Kind == KindRunStart {
		runs, _ := Runs(records)
		id := RunID(r)
		if slices.ContainsFunc(runs, func(run *Run) bool { return run.ID == id }) {
			return &InvalidError{Field: "run", Reason: fmt.Sprintf("the new run's id %s is an earlier run's: start the run again (a second later, its id differs)", id)}
		}
		return nil
	}
	if r.Run == "" {
		return nil
	}
	_, err := OpenRun(records, r.Run)
	return err
}

// runKinds are the kinds of a run's records.
var runKinds = []string{KindRunStart, KindRunEnd}

// usesRun reports whether w uses a kind or member of a run.
func usesRun(w *wire) bool {
	return slices.Contains(runKinds, w.Kind) || w.Scenario != "" || w.Rehearsal || w.Run != "" || len(w.Lessons) > 0
}

// checkRun checks a run's kinds and members: which kind may hold which,
// the form of the scenario's name and of the run id, and the outcome of a
// run-end.
func checkRun(w *wire) (field, reason string) {
	start, end := w.Kind == KindRunStart, w.Kind == KindRunEnd
	switch {
	case start && w.Scenario == "":
		return "scenario", "a run-start record names its scenario"
	case start && w.Operator == "":
		return "operator", "a run-start record names its operator"
	case !start && w.Scenario != "":
		return "scenario", "only a run-start record names a scenario"
	case !start && w.Rehearsal:
		return "rehearsal", "only a run-start record says it is a rehearsal"
	case start && w.Run != "":
		return "run", "a run-start record's id is its hash: it names no run"
	case end && w.Run == "":
		return "run", "a run-end record names its run"
	case end && len(w.Lessons) == 0:
		return "lessons", "a run-end record holds at least one lesson"
	case !end && len(w.Lessons) > 0:
		return "lessons", "only a run-end record holds lessons"
	}
	if w.Scenario != "" && !isScenarioName(w.Scenario) {
		return "scenario", "the scenario named is not written as a scenario's name is (lower-case letters, digits and dashes, at most 40)"
	}
	if w.Run != "" {
		if id, bad := share.TypedSymbols([]byte(w.Run)); bad >= 0 || string(id) != w.Run || len(id) != RunIDSymbols {
			return "run", fmt.Sprintf("the run named is not written as a run id is (%d base32 symbols, upper case)", RunIDSymbols)
		}
	}
	for _, l := range w.Lessons {
		if l == "" {
			return "lessons", "a lesson is empty"
		}
		if reason := badText(l); reason != "" {
			return "lessons", "a lesson " + reason
		}
	}
	return "", ""
}

// checkOutcome checks the outcome: done or aborted on a run-end, which
// must say one; pass, fail or none on every other record.
func checkOutcome(w *wire) (field, reason string) {
	if w.Kind == KindRunEnd {
		if w.Outcome != RunDone && w.Outcome != RunAborted {
			return "outcome", fmt.Sprintf("a run-end record says %q or %q", RunDone, RunAborted)
		}
		return "", ""
	}
	switch w.Outcome {
	case "", Pass, Fail:
		return "", ""
	}
	return "outcome", fmt.Sprintf("is not %q, %q or empty", Pass, Fail)
}

// isScenarioName reports whether s is written as runbook's scenario names
// are ("password-change"): the log does not know the list, which a newer
// quorum may extend, only the form.
func isScenarioName(s string) bool {
	if len(s) > 40 || strings.HasPrefix(s, "-") || strings.HasSuffix(s, "-") {
		return false
	}
	for _, c := range s {
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-') {
			return false
		}
	}
	return s != ""
}
