package ceremony

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"quorum/accesslog"
)

// TestRecord: a custody event is appended with its kind, words and run;
// each mistake of the command line is refused before anything is written.
func TestRecord(t *testing.T) {
	path := filepath.Join(t.TempDir(), "access.log")
	env := testEnv(&scriptedUI{t: t})
	start := &accesslog.Record{Kind: accesslog.KindRunStart, Time: env.Now(), Scenario: "sheet-lost", Operator: "dave", Witnesses: []string{"erin"}}
	if _, err := accesslog.Append(path, start, nil, ""); err != nil {
		t.Fatal(err)
	}
	run := accesslog.RunID(start)
	r, head, err := Record(env, RecordOptions{Log: path, Event: "left-room: for the ceremony", By: []string{"bob"}, Item: "his phone", Run: strings.ToLower(run), Tool: "quorum test"})
	if err != nil {
		t.Fatal(err)
	}
	if r.Kind != accesslog.KindLeftRoom || r.Event != "for the ceremony" || r.Item != "his phone" || r.Run != run || r.Seq != 2 || head != r.Hash {
		t.Errorf("Record = %+v, head %s", r, head)
	}
	before, _ := os.ReadFile(path)
	tests := []struct {
		name string
		opts RecordOptions
		want string
	}{
		{"a kind mistyped", RecordOptions{Event: "sheet_lost"}, "did you mean sheet-lost?"},
		{"no kind", RecordOptions{Event: "the safe was opened"}, "does not start with a kind"},
		{"a note without words", RecordOptions{Event: "note"}, "say what happened"},
		{"who left", RecordOptions{Event: "left-room", Item: "a phone"}, "left-room needs --by NAME"},
		{"who returned", RecordOptions{Event: "returned"}, "returned needs --by NAME"},
		{"a lost sheet without its share", RecordOptions{Event: "sheet-lost", By: []string{"bob"}}, "needs --share N"},
		{"a share without its set", RecordOptions{Event: "sheet-out", Share: 2, By: []string{"bob"}}, "of which set?"},
		{"a run of no log", RecordOptions{Event: "note: x", Run: "0000AAAA"}, "is not in this access log"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.opts.Log = path
			_, _, err := Record(env, tt.opts)
			var ue *UsageError
			var re *accesslog.UnknownRunError
			if err == nil || !strings.Contains(err.Error(), tt.want) || !errors.As(err, &ue) && !errors.As(err, &re) {
				t.Errorf("Record: %v, want a usage or run error saying %q", err, tt.want)
			}
			if after, _ := os.ReadFile(path); string(after) != string(before) {
				t.Error("Record wrote to the log")
			}
		})
	}
}
