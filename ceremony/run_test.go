package ceremony

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"

	"quorum/accesslog"
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
	if _, err := accesslog.Append(path, &accesslog.Record{Kind: accesslog.KindRunEnd, Time: at, Run: ended, Outcome: accesslog.RunDone}, nil, ""); err != nil {
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
