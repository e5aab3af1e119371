package ceremony

// A step of a runbook's run: every command a runbook's steps name takes
// --run RUN, and its record carries the run's id. The rule is accesslog's
// (Runs, OpenRun), kept again by Append under the log's lock; CheckRun
// applies it before anything is asked or written, so that a wrong id costs
// nobody a passphrase.

import (
	"errors"
	"fmt"
	"time"

	"quorum/accesslog"
	"quorum/runbook"
)

// CheckRun reads a --run: "" when none was given; else the run's id, once
// the access log at path holds a run with that id that was started and has
// not ended. A log that does not exist starts no run: its error is the
// same as another log's, an [*accesslog.UnknownRunError] naming path.
func CheckRun(path, run string) (string, error) {
	if run == "" {
		return "", nil
	}
	if path == "" {
		return "", usagef("--run needs --log: a run is recorded in the access log it was started in")
	}
	id, err := accesslog.ParseRunID(run)
	if err != nil {
		return "", usagef("--run: %v", err)
	}
	records, err := ReadLog(path)
	if err != nil {
		return "", err
	}
	if _, err := accesslog.OpenRun(records, id); err != nil {
		return "", &SourceError{path, err}
	}
	return id, nil
}

// StartRun opens a run of a runbook in the access log at path: the
// run-start record of s (runbook.StartRecord checks it), appended. It
// returns the record; its id is accesslog.RunID of it. A scenario unknown,
// or a name missing or bad, is a mistake in the command line.
func StartRun(env *Env, path string, s runbook.Start, tool string) (*accesslog.Record, error) {
	r, err := runbook.StartRecord(s, env.Now(), tool)
	if err != nil {
		return nil, runbookUsage(err)
	}
	if err := CheckPeople(s.Operator, s.Witnesses); err != nil {
		return nil, err
	}
	records, err := ReadLog(path)
	if err != nil {
		return nil, err
	}
	runs, _ := accesslog.Runs(records)
	for _, run := range runs {
		switch {
		case !run.Open():
		case run.Start.Scenario == s.Scenario:
			// Two open runs of one runbook would split its steps'
			// records between them: the first was abandoned, and
			// ending it says so in the log.
			return nil, &SourceError{path, &RunOpenError{Run: run, Log: path}}
		default:
			env.UI.Warn("run %s of %s is open too (started %s by %s): give each command the --run of the run it is a step of",
				run.ID, run.Start.Scenario, run.Start.Time.UTC().Format(time.DateTime), run.Start.Operator)
		}
	}
	if _, err := accesslog.Append(path, r, nil, ""); err != nil {
		return nil, &SourceError{path, err}
	}
	id := accesslog.RunID(r)
	what := "run"
	if r.Rehearsal {
		what = "rehearsal"
	}
	env.UI.Info("%s %s of %s started: record %d of %s", what, id, r.Scenario, r.Seq, path)
	env.UI.Info("give --run %s to each quorum command of the run; end it with: quorum runbook end %s --log %s --outcome done|aborted --lesson TEXT", id, id, runbook.ShellQuote(path))
	return r, nil
}

// EndRun closes the run typed as run in the access log at path with its
// outcome and lessons (runbook.EndRecord checks them, and that the log
// holds the run open), and returns the run-end record.
func EndRun(env *Env, path, run, outcome string, lessons []string, tool string) (*accesslog.Record, error) {
	id, err := accesslog.ParseRunID(run)
	if err != nil {
		return nil, usagef("%v", err)
	}
	if len(lessons) == 0 {
		return nil, usagef("runbook end needs --lesson TEXT: what went wrong and what to improve (the runbook's last box); \"nothing to change\" is a lesson too")
	}
	for _, l := range lessons {
		if err := CheckWords("lesson", l); err != nil {
			return nil, err
		}
	}
	records, err := ReadLog(path)
	if err != nil {
		return nil, err
	}
	r, started, err := runbook.EndRecord(records, id, outcome, lessons, env.Now(), tool)
	var unknown *accesslog.UnknownRunError
	var ended *accesslog.RunEndedError
	if errors.As(err, &unknown) || errors.As(err, &ended) {
		return nil, &SourceError{path, err}
	} else if err != nil {
		return nil, runbookUsage(err)
	}
	if _, err := accesslog.Append(path, r, nil, ""); err != nil {
		return nil, &SourceError{path, err}
	}
	n := len(started.Records) + 1 // with the run-end
	env.UI.Info("run %s of %s ended (%s): record %d of %s, %d record%s in the run", id, started.Start.Scenario, r.Outcome, r.Seq, path,
		n, map[bool]string{true: "s"}[n > 1])
	return r, nil
}

// runbookUsage makes what runbook refuses of the command line a usage
// error naming its flag.
func runbookUsage(err error) error {
	var fe *runbook.FieldError
	var ue *runbook.UnknownError
	switch {
	case errors.As(err, &fe):
		return usagef("--%s %s", fe.Field, fe.Reason)
	case errors.As(err, &ue):
		return usagef("%v (quorum runbook list describes each)", err)
	}
	return err
}

// RunOpenError means that runbook start was asked for a scenario whose
// run in the log is still open: nothing was written.
type RunOpenError struct {
	Run *accesslog.Run
	Log string
}

func (e *RunOpenError) Error() string {
	return fmt.Sprintf("run %s of %s is still open, started %s by %s: one run of a runbook at a time",
		e.Run.ID, e.Run.Start.Scenario, e.Run.Start.Time.UTC().Format(time.DateTime), e.Run.Start.Operator)
}
