package runbook

// A run of a runbook, as the access log records it: a run-start record
// opens it with the scenario and the people (the roles at the top of every
// runbook), the commands of its steps carry its id, and a run-end record
// closes it with the outcome and the lessons of its last box. The rule
// that a record names an open run of its own log is accesslog's (Runs);
// this file builds the two records from what a person gave.

import (
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"quorum/accesslog"
)

// Start is what a run-start records: the scenario, who runs the laptop
// and who watches, and whether it is a rehearsal (a tabletop run).
type Start struct {
	Scenario  string
	Operator  string
	Witnesses []string
	Rehearsal bool
}

// FieldError means that what was given for a field cannot be recorded:
// Field is "operator", "witness", "outcome" or "lesson".
type FieldError struct {
	Field  string
	Reason string
}

func (e *FieldError) Error() string { return e.Field + ": " + e.Reason }

// StartRecord checks s and returns its run-start record, dated at: the
// scenario is one of [Scenarios] (an [*UnknownError] otherwise), and an
// operator and at least one witness are named, as the guidance's plan
// needs more than one person, with names the log can hold.
func StartRecord(s Start, at time.Time, tool string) (*accesslog.Record, error) {
	if _, err := Lookup(s.Scenario); err != nil {
		return nil, err
	}
	if len(s.Witnesses) == 0 {
		return nil, &FieldError{"witness", "a run needs a witness besides the operator"}
	}
	if err := checkName(s.Operator); err != nil {
		return nil, &FieldError{"operator", err.Error()}
	}
	for _, n := range s.Witnesses {
		if err := checkName(n); err != nil {
			return nil, &FieldError{"witness", err.Error()}
		}
	}
	return &accesslog.Record{Kind: accesslog.KindRunStart, Time: at, Scenario: s.Scenario, Rehearsal: s.Rehearsal,
		Operator: s.Operator, Witnesses: s.Witnesses, Tool: tool}, nil
}

// EndRecord returns the run-end record of the run id, dated at, after
// checking that records hold it open (accesslog.OpenRun: an
// [*accesslog.UnknownRunError] or [*accesslog.RunEndedError] otherwise),
// that outcome is done or aborted, and that there is a lesson: the
// guidance asks for a reflection after each run, and "nothing to change"
// is one.
func EndRecord(records []*accesslog.Record, id, outcome string, lessons []string, at time.Time, tool string) (*accesslog.Record, *accesslog.Run, error) {
	if outcome != accesslog.RunDone && outcome != accesslog.RunAborted {
		return nil, nil, &FieldError{"outcome", fmt.Sprintf("%q is not %s or %s", outcome, accesslog.RunDone, accesslog.RunAborted)}
	}
	if len(lessons) == 0 {
		return nil, nil, &FieldError{"lesson", "say what went wrong and what to improve (the runbook's last box); \"nothing to change\" is a lesson too"}
	}
	for _, l := range lessons {
		if strings.TrimSpace(l) == "" || !utf8.ValidString(l) || strings.ContainsFunc(l, unicode.IsControl) {
			return nil, nil, &FieldError{"lesson", "a lesson is one line of words"}
		}
	}
	run, err := accesslog.OpenRun(records, id)
	if err != nil {
		return nil, nil, err
	}
	return &accesslog.Record{Kind: accesslog.KindRunEnd, Time: at, Run: id, Outcome: outcome, Lessons: lessons, Tool: tool}, run, nil
}

// checkName checks a person's name as the log holds it.
func checkName(n string) error {
	if strings.TrimSpace(n) == "" {
		return errors.New("is empty: give a person's name")
	}
	if err := accesslog.CheckName(n); err != nil {
		return fmt.Errorf("%q: %v", n, err)
	}
	return nil
}
