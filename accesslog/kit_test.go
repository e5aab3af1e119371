package accesslog_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"quorum/accesslog"
)

// TestKitRecords appends the kit's records after a record of the first
// format and reads them back: the old record keeps "quorum log v1", the
// kit's say "quorum log v2", and every member comes back.
func TestKitRecords(t *testing.T) {
	key := exampleKey()
	set := fingerprint(key)
	path := filepath.Join(t.TempDir(), "access.log")
	at := time.Date(2026, 1, 5, 10, 0, 0, 0, time.UTC)
	recs := []*accesslog.Record{
		exampleRecords(set)[1],
		{Kind: accesslog.KindKitAdd, Time: at, Item: "mfa-1", ItemKind: accesslog.ItemMFA, Place: "safe B",
			Holders: []string{"erin", "frank"}, Expires: "2027-03-31", By: []string{"erin"}},
		{Kind: accesslog.KindKitAdd, Time: at, Item: "sheets", ItemKind: accesslog.ItemSheet, Place: "safe A", Set: set},
		{Kind: accesslog.KindKitCheck, Time: at, Item: "mfa-1", Outcome: accesslog.Pass, By: []string{"erin"}},
		{Kind: accesslog.KindReview, Time: at, Set: set, By: []string{"olivia"},
			Access: &accesslog.Access{Email: []string{"alice", "bob"}, Password: []string{"alice", "bob", "carol"}, MFA: []string{"erin"}, Phone: []string{"frank"}}},
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
	for i, l := range lines {
		want := `{"format":"quorum log v2",`
		if i == 0 {
			want = `{"format":"quorum log v1",`
		}
		if !strings.HasPrefix(l, want) {
			t.Errorf("line %d: %s, want it to start %s", i+1, l, want)
		}
	}
	got, err := accesslog.Read(data)
	if err != nil {
		t.Fatal(err)
	}
	if g := got[1]; g.ItemKind != accesslog.ItemMFA || g.Place != "safe B" || len(g.Holders) != 2 || g.Expires != "2027-03-31" {
		t.Errorf("kit-add read back as %+v", g)
	}
	if a := got[4].Access; a == nil || len(a.Password) != 3 || a.Phone[0] != "frank" {
		t.Errorf("review read back with access %+v", a)
	}
	if !accesslog.IsLog([]byte(lines[1])) {
		t.Errorf("IsLog refuses a log that starts with a kit record")
	}
}

// TestKitFormatOneSpelling: a record says the format its kind and members
// need, no other, so that a record has one hash.
func TestKitFormatOneSpelling(t *testing.T) {
	const zero = `"prev":"0000000000000000000000000000000000000000000000000000"`
	tests := []struct {
		name, line, want string
	}{
		{"kit kind in v1", `{"format":"quorum log v1","seq":1,` + zero + `,"kind":"kit-out","time":"2026-01-05T09:30:00Z","item":"mfa-1"}`, "format"},
		{"kit member in v1", `{"format":"quorum log v1","seq":1,` + zero + `,"kind":"note","time":"2026-01-05T09:30:00Z","place":"safe A"}`, "format"},
		{"v2 without the kit", `{"format":"quorum log v2","seq":1,` + zero + `,"kind":"note","time":"2026-01-05T09:30:00Z","event":"x"}`, "format"},
		{"kit record without item", `{"format":"quorum log v2","seq":1,` + zero + `,"kind":"kit-out","time":"2026-01-05T09:30:00Z"}`, "item"},
		{"unknown item kind", `{"format":"quorum log v2","seq":1,` + zero + `,"kind":"kit-add","time":"2026-01-05T09:30:00Z","item":"x","item_kind":"laptop"}`, "item_kind"},
		{"bad expiry", `{"format":"quorum log v2","seq":1,` + zero + `,"kind":"kit-add","time":"2026-01-05T09:30:00Z","item":"x","expires":"2027-02-30"}`, "expires"},
		{"holder with a control", `{"format":"quorum log v2","seq":1,` + zero + `,"kind":"kit-add","time":"2026-01-05T09:30:00Z","item":"x","holders":["a\u001bb"]}`, "name"},
		{"unknown access kind", `{"format":"quorum log v2","seq":1,` + zero + `,"kind":"review","time":"2026-01-05T09:30:00Z","access":{"vault":["a"]}}`, "not a record"},
		{"place with a newline", `{"format":"quorum log v2","seq":1,` + zero + `,"kind":"kit-move","time":"2026-01-05T09:30:00Z","item":"x","place":"a\nb"}`, "text"},
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
