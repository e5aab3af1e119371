package ceremony

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"quorum/accesslog"
)

// TestDrillDuplicateOnce: a share given twice fails the drill, named once;
// a sheet scanned (here: typed) as well as given as a file counts once.
func TestDrillDuplicateOnce(t *testing.T) {
	ts := newWrittenSet(t)
	log := filepath.Join(t.TempDir(), "access.log")
	ui := &scriptedUI{t: t}
	src := ts.source(1, 2, 3)
	src.Shares = append(src.Shares, ts.shares[1])
	src.Manifest = ts.manifest
	r, err := Drill(testEnv(ui), DrillOptions{Source: src, Log: log, Paper: "a4", Tool: "quorum test"})
	var dfe *DrillFailedError
	if !errors.As(err, &dfe) || !r.QuorumMet || len(r.Failures) != 1 {
		t.Fatalf("Drill = %+v, %v; want a failed drill, quorum met, one failure", r, err)
	}
	if got := strings.Count(ui.stderr.String(), "FAILED: share 2"); got != 1 {
		t.Errorf("stderr %q: want share 2 named once", ui.stderr.String())
	}
	records := readRecords(t, log)
	if len(records) != 1 || records[0].Outcome != accesslog.Fail || len(records[0].Failures) != 1 {
		t.Errorf("log records %+v, want one failed drill with one failure", records)
	}

	// The same share from paper: counted once, said once, and the drill passes.
	text, _ := ts.set.Shares[1].MarshalText()
	ui = &scriptedUI{t: t, lines: append(strings.Split(strings.TrimSpace(string(text)), "\n"), "")}
	src = ts.source(1, 2)
	src.Type = true
	if _, err := Drill(testEnv(ui), DrillOptions{Source: src, Log: log, Paper: "a4"}); err != nil {
		t.Fatalf("Drill with a typed copy: %v\n%s", err, ui.stderr.String())
	}
	if got := strings.Count(ui.stderr.String(), "counted once"); got != 1 {
		t.Errorf("stderr %q: want the copy said once", ui.stderr.String())
	}
}

// TestDrillNamesEachSourceOnce: a file that cannot be read, or is not a
// share, fails the drill by its name, once, and the other shares are still
// drilled; the report is written, 0600.
func TestDrillNamesEachSourceOnce(t *testing.T) {
	ts := newWrittenSet(t)
	damaged := filepath.Join(ts.dir, "damaged.share")
	ts.write(t, damaged, "# quorum share\n01  QRM1 0000 0000 0000 0000 0000  00\n")
	missing := filepath.Join(ts.dir, "missing.share")
	log := filepath.Join(t.TempDir(), "access.log")
	report := filepath.Join(t.TempDir(), "drill.pdf")
	ui := &scriptedUI{t: t}
	src := ts.source(1, 2)
	src.Shares = append(src.Shares, damaged, missing)
	r, err := Drill(testEnv(ui), DrillOptions{Source: src, Log: log, Report: report, Paper: "a4"})
	var dfe *DrillFailedError
	if !errors.As(err, &dfe) || !r.QuorumMet || len(r.Good) != 2 || len(r.Failures) != 2 {
		t.Fatalf("Drill = %+v, %v; want the quorum met by 2 and 2 failures", r, err)
	}
	for _, name := range []string{damaged, missing} {
		if got := strings.Count(ui.stderr.String(), "FAILED: "+name+": "); got != 1 {
			t.Errorf("stderr %q: %s named %d times, want once", ui.stderr.String(), name, got)
		}
	}
	fi, err := os.Stat(report)
	if err != nil || fi.Mode().Perm() != 0o600 {
		t.Errorf("report: %v, %v; want a file 0600", fi, err)
	}
}
