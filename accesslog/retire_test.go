package accesslog_test

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"quorum/accesslog"
	"quorum/internal/testtool"
)

// TestRetireRecord appends a retire record between records of v1 and v2:
// it says "quorum log v3", the others keep theirs, the chain reads back,
// RetiredBy finds it, and FORMAT.md's Python checker still checks the
// chain.
func TestRetireRecord(t *testing.T) {
	key := exampleKey()
	set := fingerprint(key)
	path := filepath.Join(t.TempDir(), "access.log")
	at := time.Date(2026, 6, 1, 10, 0, 0, 0, time.UTC)
	recs := []*accesslog.Record{
		exampleRecords(set)[1],
		{Kind: accesslog.KindKitAdd, Time: at, Item: "sheets", ItemKind: accesslog.ItemSheet, Place: "safe A", Set: set},
		{Kind: accesslog.KindRetire, Time: at, Set: set, Label: "root 2026", Operator: "dave", Witnesses: []string{"erin"}, Reason: "account deleted"},
		{Kind: accesslog.KindSheetDestroyed, Time: at, Set: set, Share: 1, By: []string{"alice"}},
	}
	for _, r := range recs {
		if _, err := accesslog.Append(path, r, nil, ""); err != nil {
			t.Fatalf("%s: %v", r.Kind, err)
		}
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(string(data), "\n"), "\n")
	for i, want := range []string{"v1", "v2", "v3", "v1"} {
		if !strings.HasPrefix(lines[i], `{"format":"quorum log `+want+`",`) {
			t.Errorf("line %d: %s, want format quorum log %s", i+1, lines[i], want)
		}
	}
	got, err := accesslog.Read(data)
	if err != nil {
		t.Fatal(err)
	}
	if r := accesslog.RetiredBy(got, set); r == nil || r.Seq != 3 || r.Reason != "account deleted" || r.Operator != "dave" {
		t.Errorf("RetiredBy = %+v, want record 3", r)
	}
	if r := accesslog.RetiredBy(got[:2], set); r != nil {
		t.Errorf("RetiredBy before the retire record = record %d", r.Seq)
	}
	if !accesslog.IsLog([]byte(lines[2])) {
		t.Errorf("IsLog refuses a log that starts with a retire record")
	}
	testtool.Need(t, "python3")
	script := testtool.LogChecker(t, "../FORMAT.md", t.TempDir())
	out, err := exec.Command("python3", script, path).CombinedOutput()
	if want := fmt.Sprintf("%d records, head %s", len(lines), accesslog.Head(got)); err != nil || strings.TrimSpace(string(out)) != want {
		t.Errorf("FORMAT.md's script: %s (%v), want %q", out, err, want)
	}
}

// TestRetireFormatOneSpelling: a retire record says v3 and names its set;
// no other record says v3.
func TestRetireFormatOneSpelling(t *testing.T) {
	const zero = `"prev":"0000000000000000000000000000000000000000000000000000"`
	const set = `"set":"AS3NN9TMCD3MR0M5VXEVYAYAPWYT"`
	tests := []struct {
		name, line, want string
	}{
		{"retire in v1", `{"format":"quorum log v1","seq":1,` + zero + `,"kind":"retire","time":"2026-01-05T09:30:00Z",` + set + `}`, "format"},
		{"retire in v2", `{"format":"quorum log v2","seq":1,` + zero + `,"kind":"retire","time":"2026-01-05T09:30:00Z",` + set + `}`, "format"},
		{"v3 not a retire", `{"format":"quorum log v3","seq":1,` + zero + `,"kind":"note","time":"2026-01-05T09:30:00Z","event":"x"}`, "format"},
		{"retire without set", `{"format":"quorum log v3","seq":1,` + zero + `,"kind":"retire","time":"2026-01-05T09:30:00Z"}`, "names its set"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := accesslog.Read([]byte(tt.line + "\n"))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Read: %v, want an error about %s", err, tt.want)
			}
		})
	}
}

// TestRetirementsAbortedRun: a retire record of a run that ended aborted
// does not count, one of an open run or of a run done does, and one
// outside any run does.
func TestRetirementsAbortedRun(t *testing.T) {
	set := fingerprint(exampleKey())
	at := time.Date(2026, 6, 1, 10, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		name    string
		outcome string // of the run's end; "" leaves it open, "none" retires outside a run
		want    bool
	}{
		{"aborted", accesslog.RunAborted, false},
		{"done", accesslog.RunDone, true},
		{"open", "", true},
		{"no run", "none", true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "access.log")
			start := &accesslog.Record{Kind: accesslog.KindRunStart, Time: at, Scenario: "password-change", Operator: "dave"}
			if _, err := accesslog.Append(path, start, nil, ""); err != nil {
				t.Fatal(err)
			}
			retire := &accesslog.Record{Kind: accesslog.KindRetire, Time: at, Set: set, Label: "root 2026", Run: accesslog.RunID(start), Reason: "replaced"}
			if tc.outcome == "none" {
				retire.Run = ""
			}
			if _, err := accesslog.Append(path, retire, nil, ""); err != nil {
				t.Fatal(err)
			}
			if tc.outcome == accesslog.RunAborted || tc.outcome == accesslog.RunDone {
				end := &accesslog.Record{Kind: accesslog.KindRunEnd, Time: at, Run: accesslog.RunID(start), Operator: "dave", Outcome: tc.outcome, Lessons: []string{"x"}}
				if _, err := accesslog.Append(path, end, nil, ""); err != nil {
					t.Fatal(err)
				}
			}
			data, _ := os.ReadFile(path)
			records, err := accesslog.Read(data)
			if err != nil {
				t.Fatal(err)
			}
			retired, void := accesslog.Retirements(records)
			if got := retired[set] != nil; got != tc.want {
				t.Errorf("retired = %v, want %v", got, tc.want)
			}
			if got := accesslog.RetiredBy(records, set) != nil; got != tc.want {
				t.Errorf("RetiredBy = %v, want %v", got, tc.want)
			}
			if len(void) != map[bool]int{true: 0, false: 1}[tc.want] {
				t.Errorf("void = %d records, want %d", len(void), map[bool]int{true: 0, false: 1}[tc.want])
			}
		})
	}
}
