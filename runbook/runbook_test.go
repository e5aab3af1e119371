package runbook

import (
	"bytes"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"quorum/accesslog"
	"quorum/kit"
)

var update = flag.Bool("update", false, "rewrite testdata/*.md from the scenarios")

// testFacts are the facts of the golden files: a 3-of-5 set, as FORMAT.md's
// examples have it, and a kit with its places.
var testFacts = Facts{
	Label:       "root 2026",
	Fingerprint: "7QX4 M2KD 9WQH TB3C 4ZPA XN6R J8FE",
	Threshold:   3,
	Shares:      5,
	Custodians:  []string{"alice", "bob", "carol", "dave", "erin"},
	Manifest:    "quorum-7QX4/manifest.json",
	Log:         "access.log",
	Kit: []KitItem{
		{ID: "mfa-1", Kind: "mfa-device", Place: "safe B"},
		{ID: "phone-1", Kind: "phone", Place: "safe C"},
		{ID: "root-mail", Kind: "email", Place: "root@example.com, received by the board"},
	},
}

// TestGolden compares each scenario's text with its golden file, made by
// go test -run TestGolden -update and read by eye once.
func TestGolden(t *testing.T) {
	for _, s := range Scenarios() {
		t.Run(s.Name, func(t *testing.T) {
			got := Fill(s, testFacts).Markdown()
			path := filepath.Join("testdata", s.Name+".md")
			if *update {
				if err := os.WriteFile(path, got, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test -update to write it)", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("%s differs from the scenario's text; if the change is meant, run go test -update and read the diff", path)
			}
		})
	}
}

// TestScenarios checks what every runbook must have, whatever the facts:
// the guidance's ten scenarios, the quarterly test and quorum's two; no
// placeholder left in braces; a run opened and closed; and never a phone
// number asked for.
func TestScenarios(t *testing.T) {
	names := Names()
	if len(names) != 13 {
		t.Errorf("got %d scenarios, want 13: %v", len(names), names)
	}
	seen := map[string]bool{}
	for _, s := range Scenarios() {
		if seen[s.Name] {
			t.Errorf("two scenarios are called %s", s.Name)
		}
		seen[s.Name] = true
		for _, f := range []Facts{testFacts, {}} {
			rb := Fill(s, f)
			text := string(rb.Markdown())
			if i := strings.IndexAny(text, "{}"); i >= 0 && !strings.Contains(text[max(0, i-1):i+1], `\`) {
				t.Errorf("%s: a placeholder is left: %q", s.Name, text[max(0, i-20):min(len(text), i+20)])
			}
			first, last := rb.Steps[0], rb.Steps[len(rb.Steps)-1]
			if !strings.HasPrefix(first.Command, "quorum runbook start "+s.Name+" ") {
				t.Errorf("%s: the first step does not open the run: %q", s.Name, first.Command)
			}
			if !strings.HasPrefix(last.Command, "quorum runbook end RUN ") {
				t.Errorf("%s: the last step does not close the run: %q", s.Name, last.Command)
			}
			for _, role := range []string{"Operator", "Witness"} {
				if !strings.Contains(text, "| "+role+" |") {
					t.Errorf("%s: no %s", s.Name, role)
				}
			}
			for i, st := range rb.Steps {
				if st.Title == "" || st.Do == "" {
					t.Errorf("%s: step %d has no title or no text", s.Name, i+1)
				}
				lower := strings.ToLower(st.Do + st.Console + strings.Join(st.Write, " "))
				if strings.Contains(lower, "phone number") && strings.Contains(lower, "write") && !strings.Contains(lower, "nothing") {
					t.Errorf("%s: step %d may ask for the phone number: %q", s.Name, i+1, lower)
				}
			}
		}
	}
}

func TestLookup(t *testing.T) {
	s, err := Lookup("mfa-lost")
	if err != nil || s.Name != "mfa-lost" {
		t.Fatalf("Lookup(mfa-lost) = %q, %v", s.Name, err)
	}
	_, err = Lookup("password-reset")
	var ue *UnknownError
	if !errors.As(err, &ue) || ue.Name != "password-reset" || len(ue.Known) != len(Names()) {
		t.Fatalf("Lookup(password-reset): got %v, want an *UnknownError listing every scenario", err)
	}
	if !strings.Contains(err.Error(), "password-lost, password-change") {
		t.Errorf("the error does not list the scenarios: %v", err)
	}
}

// TestFillFilters fills a runbook with facts a forger wrote: no escape
// sequence or bidi control reaches the text, and Markdown in a name stays
// text.
func TestFillFilters(t *testing.T) {
	f := testFacts
	f.Label = "root\x1b[2J 2026"
	f.Custodians = []string{"al\u202eice", "*bob*", "carol|x"}
	f.Kit = []KitItem{{ID: "mfa\x1b[1A", Kind: "mfa-device", Place: "safe\rB"}}
	s, _ := Lookup("root-operation")
	text := string(Fill(s, f).Markdown())
	for _, bad := range []string{"\x1b", "\u202e", "\r"} {
		if strings.Contains(text, bad) {
			t.Errorf("%q reached the text", bad)
		}
	}
	for _, want := range []string{`root\\x1b\[2J 2026`, `al\\u202eice`, `\*bob\*`, `carol\|x`, `safe\\x0dB`} {
		if !strings.Contains(text, want) {
			t.Errorf("%q is not in the text", want)
		}
	}
}

// TestKitFrom replays kit records: a lost item and a retired one are not
// in the kit a runbook sends people to, a moved one is at its new place,
// and the MFA device's ID and place reach the steps.
func TestKitFrom(t *testing.T) {
	now := time.Date(2026, 12, 4, 10, 0, 0, 0, time.UTC)
	rec := func(kind, id, itemKind, place string) *accesslog.Record {
		return &accesslog.Record{Kind: kind, Time: now, Item: id, ItemKind: itemKind, Place: place, By: []string{"olivia"}}
	}
	st, errs := kit.Replay([]*accesslog.Record{
		rec(accesslog.KindKitAdd, "mfa-1", accesslog.ItemMFA, "safe B"),
		rec(accesslog.KindKitAdd, "phone-1", accesslog.ItemPhone, "safe C"),
		rec(accesslog.KindKitAdd, "phone-0", accesslog.ItemPhone, "drawer"),
		rec(accesslog.KindKitAdd, "key-1", "safe-key", "desk"),
		rec(accesslog.KindKitLost, "phone-0", "", ""),
		rec(accesslog.KindKitRetire, "key-1", "", ""),
		rec(accesslog.KindKitMove, "mfa-1", "", "safe D"),
	})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	got := KitFrom(st)
	want := []KitItem{{"mfa-1", "mfa-device", "safe D"}, {"phone-1", "phone", "safe C"}}
	if !slices.Equal(got, want) {
		t.Fatalf("KitFrom = %v, want %v", got, want)
	}
	s, _ := Lookup("mfa-battery")
	text := string(Fill(s, Facts{Kit: got}).Markdown())
	for _, w := range []string{"quorum kit out mfa-1 ", "the MFA device mfa-1 (kept in safe D)"} {
		if !strings.Contains(text, w) {
			t.Errorf("%q is not in the runbook", w)
		}
	}
}
