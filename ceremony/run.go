package ceremony

// A step of a runbook's run: every command a runbook's steps name takes
// --run RUN, and its record carries the run's id. The rule is accesslog's
// (Runs, OpenRun), kept again by Append under the log's lock; CheckRun
// applies it before anything is asked or written, so that a wrong id costs
// nobody a passphrase.

import "quorum/accesslog"

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
