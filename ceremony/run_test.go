package ceremony

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"quorum/accesslog"
	"quorum/runbook"
)

// TestCheckRun: --run is read and checked against the log before anything
// is asked: no id, an id in its log, and each way it is refused.
func TestCheckRun(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "access.log")
	at := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	start := func() string {
		r := &accesslog.Record{Kind: accesslog.KindRunStart, Time: at, Scenario: "sheet-lost", Operator: "dave", Witnesses: []string{"erin"}}
		if _, err := accesslog.Append(path, r, nil, ""); err != nil {
			t.Fatal(err)
		}
		return accesslog.RunID(r)
	}
	ended := start()
	if _, err := accesslog.Append(path, &accesslog.Record{Kind: accesslog.KindRunEnd, Time: at, Run: ended, Outcome: accesslog.RunDone, Lessons: []string{"x"}}, nil, ""); err != nil {
		t.Fatal(err)
	}
	open := start()
	other := filepath.Join(dir, "other.log")
	os.WriteFile(other, nil, 0o600)
	var (
		usage   *UsageError
		unknown *accesslog.UnknownRunError
		over    *accesslog.RunEndedError
	)
	tests := []struct {
		name, log, run, want string
		err                  any
	}{
		{"no run", path, "", "", nil},
		{"the open run", path, open, open, nil},
		{"typed in lower case, grouped", path, string([]byte{open[0] | 0x20}) + open[1:4] + "-" + open[4:], open, nil},
		{"without --log", "", open, "", &usage},
		{"not an id", path, "7QX4", "", &usage},
		{"ended", path, ended, "", &over},
		{"a run of another log", other, open, "", &unknown},
		{"a log that does not exist", filepath.Join(dir, "none.log"), open, "", &unknown},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := CheckRun(tt.log, tt.run)
			switch {
			case tt.err == nil && (err != nil || got != tt.want):
				t.Errorf("CheckRun = %q, %v; want %q", got, err, tt.want)
			case tt.err != nil && (err == nil || !errors.As(err, tt.err)):
				t.Errorf("CheckRun: %v, want a %T", err, tt.err)
			}
		})
	}
}

// TestStartEndRun: a run started and ended through the ceremony, its
// messages on the UI; a second end, an unknown scenario and a missing
// lesson are refused, and nothing is written.
func TestStartEndRun(t *testing.T) {
	path := filepath.Join(t.TempDir(), "access.log")
	ui := &scriptedUI{t: t}
	env := testEnv(ui)
	r, err := StartRun(env, path, runbook.Start{Scenario: "mfa-lost", Operator: "dave", Witnesses: []string{"erin"}}, "quorum test")
	if err != nil {
		t.Fatal(err)
	}
	id := accesslog.RunID(r)
	if !strings.Contains(ui.stderr.String(), "run "+id+" of mfa-lost started: record 1 of "+path) {
		t.Errorf("StartRun said:\n%s", ui.stderr.String())
	}
	if _, err := EndRun(env, path, strings.ToLower(id), "done", []string{"nothing to change"}, "quorum test"); err != nil {
		t.Fatal(err)
	}
	before, _ := os.ReadFile(path)
	var usage *UsageError
	var ended *accesslog.RunEndedError
	if _, err := EndRun(env, path, id, "done", []string{"again"}, "quorum test"); !errors.As(err, &ended) {
		t.Errorf("ending an ended run: %v", err)
	}
	if _, err := StartRun(env, path, runbook.Start{Scenario: "mfa-gone", Operator: "dave", Witnesses: []string{"erin"}}, "quorum test"); !errors.As(err, &usage) {
		t.Errorf("an unknown scenario: %v", err)
	}
	if _, err := EndRun(env, path, id, "done", nil, "quorum test"); !errors.As(err, &usage) || !strings.Contains(err.Error(), "--lesson") {
		t.Errorf("no lesson: %v", err)
	}
	if after, _ := os.ReadFile(path); string(after) != string(before) {
		t.Error("a refusal wrote to the log")
	}
}
