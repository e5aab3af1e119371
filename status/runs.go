package status

// The runs of the runbooks: for each scenario, when it was last run and
// last rehearsed, and the runs still open. The rule that a record names an
// open run of its log is accesslog's (Runs); status names the records of
// an edited log that break it, and a run left open past a day.

import (
	"fmt"
	"slices"
	"time"

	"quorum/accesslog"
)

// OpenFor is how long a run may stay open before status calls it a run
// that was never ended: a ceremony takes hours, not days, and one that
// crosses midnight is not yet forgotten.
const OpenFor = 24 * time.Hour

// ScenarioRuns is one scenario's runs: the last run for real and the last
// rehearsal, each nil when there was none.
type ScenarioRuns struct {
	Scenario      string `json:"scenario"`
	LastRun       *Run   `json:"last_run,omitempty"`
	LastRehearsal *Run   `json:"last_rehearsal,omitempty"`
}

// Run is one run as status reports it.
type Run struct {
	ID        string    `json:"id"`
	Scenario  string    `json:"scenario"`
	Rehearsal bool      `json:"rehearsal,omitempty"`
	Operator  string    `json:"operator,omitempty"`
	Started   time.Time `json:"started"`
	Ended     time.Time `json:"ended,omitzero"`
	Outcome   string    `json:"outcome,omitempty"` // done or aborted; "" while open
	// Overdue is true for a run open longer than OpenFor.
	Overdue bool `json:"never_ended,omitempty"`
}

// runsReport gathers the runs of records (those not dated after now) for
// every scenario of scenarios, then any other the log names, in that
// order; nil when the log starts no run. It returns the runs still open,
// and the problems: runs open past OpenFor, records that break the run
// rule.
func runsReport(records []*accesslog.Record, scenarios []string, now time.Time) (byScenario []*ScenarioRuns, open []*Run, problems []string) {
	var counted []*accesslog.Record
	for _, r := range records {
		if !day(r.Time).After(day(now)) {
			counted = append(counted, r)
		}
	}
	runs, broken := accesslog.Runs(counted)
	for _, p := range broken {
		problems = append(problems, fmt.Sprintf("record %d (%s): %v: an edited log, since quorum refuses to write it", p.Record.Seq, p.Record.Kind, p.Err))
	}
	if len(runs) == 0 {
		return nil, nil, problems
	}
	index := map[string]*ScenarioRuns{}
	add := func(name string) *ScenarioRuns {
		if s := index[name]; s != nil {
			return s
		}
		s := &ScenarioRuns{Scenario: name}
		index[name] = s
		byScenario = append(byScenario, s)
		return s
	}
	for _, name := range scenarios {
		add(name)
	}
	for _, r := range runs {
		run := &Run{ID: r.ID, Scenario: r.Start.Scenario, Rehearsal: r.Start.Rehearsal, Operator: r.Start.Operator, Started: r.Start.Time}
		if r.Open() {
			run.Overdue = now.Sub(r.Start.Time) > OpenFor
			open = append(open, run)
			if run.Overdue {
				problems = append(problems, fmt.Sprintf("run %s (%s), started %s by %s, was never ended: end it with 'quorum runbook end %s --log LOG --outcome done|aborted --lesson TEXT'",
					run.ID, run.Scenario, run.Started.UTC().Format(time.DateTime), run.Operator, run.ID))
			}
		} else {
			run.Ended, run.Outcome = r.End.Time, r.End.Outcome
		}
		if len(scenarios) > 0 && !slices.Contains(scenarios, run.Scenario) {
			// Not a parse error (a newer quorum may add scenarios), but
			// nothing here can say what the run was for.
			problems = append(problems, fmt.Sprintf("run %s names scenario %q, which this quorum does not know: a newer quorum's runbook, or a forged record", run.ID, run.Scenario))
		}
		s := add(run.Scenario)
		// Runs come in the order they started: the last one wins.
		if run.Rehearsal {
			s.LastRehearsal = run
		} else {
			s.LastRun = run
		}
	}
	// Scenarios the list does not know (a newer quorum's) come after
	// the known ones, as the log meets them: add made them so.
	return byScenario, open, problems
}
