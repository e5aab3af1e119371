package kit_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"quorum/accesslog"
	"quorum/kit"
	"quorum/share"
)

const set = "AS3NN9TMCD3MR0M5VXEVYAYAPWYT"

func at(date string) time.Time {
	t, err := time.Parse(time.DateOnly, date)
	if err != nil {
		panic(err)
	}
	return t.Add(10 * time.Hour)
}

// base is a kit as the guidance wants it: the MFA device in safe B, the
// phone in safe C, the sheets in safe A, everything checked on day one.
func base() []*accesslog.Record {
	return []*accesslog.Record{
		{Kind: accesslog.KindKitAdd, Time: at("2026-01-05"), Item: "mfa-1", ItemKind: accesslog.ItemMFA, Place: "safe B", Holders: []string{"erin", "frank"}},
		{Kind: accesslog.KindKitAdd, Time: at("2026-01-05"), Item: "phone", ItemKind: accesslog.ItemPhone, Place: "safe C", Holders: []string{"frank"}},
		{Kind: accesslog.KindKitAdd, Time: at("2026-01-05"), Item: "sheets", ItemKind: accesslog.ItemSheet, Place: "safe A", Set: set, Holders: []string{"olivia"}},
		{Kind: accesslog.KindKitCheck, Time: at("2026-01-06"), Item: "mfa-1", Outcome: accesslog.Pass},
		{Kind: accesslog.KindKitCheck, Time: at("2026-01-06"), Item: "phone", Outcome: accesslog.Pass},
		{Kind: accesslog.KindReview, Time: at("2026-01-06"), Set: set, Access: &accesslog.Access{Password: []string{"alice", "bob", "carol"}}},
	}
}

var sets = []kit.Set{{Fingerprint: set, Label: "root 2026", Threshold: 2, Custodians: map[int]string{1: "alice", 2: "bob", 3: "carol"}}}

func TestApplyRefuses(t *testing.T) {
	tests := []struct {
		name    string
		r       *accesslog.Record
		wantErr any
		want    string
	}{
		{"unknown item", &accesslog.Record{Kind: accesslog.KindKitOut, Item: "mfa-2"}, new(*kit.UnknownItemError), "mfa-1, phone, sheets"},
		{"registered twice", &accesslog.Record{Kind: accesslog.KindKitAdd, Item: "phone", ItemKind: accesslog.ItemPhone, Place: "safe D"}, new(*kit.DuplicateError), "registered already"},
		{"empty place", &accesslog.Record{Kind: accesslog.KindKitMove, Item: "phone", Place: "  "}, new(*kit.FieldError), "--place"},
		{"add without place", &accesslog.Record{Kind: accesslog.KindKitAdd, Item: "key", ItemKind: accesslog.ItemSafeKey}, new(*kit.FieldError), "--place"},
		{"unknown kind", &accesslog.Record{Kind: accesslog.KindKitAdd, Item: "x", ItemKind: "laptop", Place: "desk"}, new(*kit.FieldError), "--kind"},
		{"result", &accesslog.Record{Kind: accesslog.KindKitCheck, Item: "phone"}, new(*kit.FieldError), "--result"},
		{"expiry in the past", &accesslog.Record{Kind: accesslog.KindKitAdd, Item: "mfa-2", ItemKind: accesslog.ItemMFA, Place: "safe B", Expires: "2026-01-01"}, new(*kit.FieldError), "in the past"},
		{"expiry not a date", &accesslog.Record{Kind: accesslog.KindKitAdd, Item: "mfa-2", ItemKind: accesslog.ItemMFA, Place: "safe B", Expires: "31/03/2027"}, new(*kit.FieldError), "YYYY-MM-DD"},
		{"battery of a phone", &accesslog.Record{Kind: accesslog.KindKitAdd, Item: "p2", ItemKind: accesslog.ItemPhone, Place: "safe B", Expires: "2027-01-01"}, new(*kit.FieldError), "--battery-expires"},
		{"sheet without set", &accesslog.Record{Kind: accesslog.KindKitAdd, Item: "s2", ItemKind: accesslog.ItemSheet, Place: "safe A"}, new(*kit.FieldError), "--manifest"},
		{"in while in", &accesslog.Record{Kind: accesslog.KindKitIn, Item: "phone"}, new(*kit.StateError), "in its place"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			st, errs := kit.Replay(base())
			if len(errs) > 0 {
				t.Fatal(errs)
			}
			tt.r.Time = at("2026-01-10")
			err := st.Apply(tt.r)
			if err == nil || !errors.As(err, tt.wantErr) || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Apply: %v, want a %T saying %q", err, tt.wantErr, tt.want)
			}
		})
	}
}

func TestApplyFollowsItem(t *testing.T) {
	recs := append(base(),
		&accesslog.Record{Kind: accesslog.KindKitOut, Time: at("2026-02-01"), Item: "mfa-1", By: []string{"erin"}},
		&accesslog.Record{Kind: accesslog.KindKitIn, Time: at("2026-02-01"), Item: "mfa-1", Place: "safe D"},
		&accesslog.Record{Kind: accesslog.KindKitLost, Time: at("2026-03-01"), Item: "phone"},
		&accesslog.Record{Kind: accesslog.KindKitRetire, Time: at("2026-03-02"), Item: "sheets"},
	)
	st, errs := kit.Replay(recs)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	if m := st.Find("mfa-1"); m.Place != "safe D" || !m.Out.IsZero() {
		t.Errorf("mfa-1 is %+v, want back in safe D", m)
	}
	for _, kind := range []string{accesslog.KindKitOut, accesslog.KindKitMove, accesslog.KindKitCheck} {
		r := &accesslog.Record{Kind: kind, Time: at("2026-03-03"), Item: "phone", Place: "x", Outcome: accesslog.Pass}
		if err := st.Apply(r); err == nil || !strings.Contains(err.Error(), "lost since") {
			t.Errorf("%s of a lost item: %v", kind, err)
		}
		r.Item = "sheets"
		if err := st.Apply(r); err == nil || !strings.Contains(err.Error(), "retired") {
			t.Errorf("%s of a retired item: %v", kind, err)
		}
	}
	if err := st.Apply(&accesslog.Record{Kind: accesslog.KindKitReplace, Time: at("2026-03-04"), Item: "phone"}); err != nil {
		t.Errorf("replace of a lost item: %v", err)
	}
}

func TestCompute(t *testing.T) {
	tests := []struct {
		name  string
		extra []*accesslog.Record
		now   string
		want  []string // each a problem's words, in order; none for a clean kit
	}{
		{"clean", nil, "2026-02-01", nil},
		{"mfa with the sheets", []*accesslog.Record{{Kind: accesslog.KindKitMove, Time: at("2026-02-01"), Item: "mfa-1", Place: "Safe  A"}},
			"2026-02-01", []string{"mfa-device mfa-1 is in Safe  A with sheets"}},
		{"phone with the mfa", []*accesslog.Record{{Kind: accesslog.KindKitMove, Time: at("2026-02-01"), Item: "phone", Place: "safe B"}},
			"2026-02-01", []string{"phone phone is in safe B with mfa-device mfa-1"}},
		{"out a day", []*accesslog.Record{{Kind: accesslog.KindKitOut, Time: at("2026-02-01"), Item: "mfa-1"}},
			"2026-02-02", nil},
		{"out longer than a day", []*accesslog.Record{{Kind: accesslog.KindKitOut, Time: at("2026-02-01"), Item: "mfa-1"}},
			"2026-02-03", []string{"out of safe B since 2026-02-01 (2 days)"}},
		{"out the same day", []*accesslog.Record{{Kind: accesslog.KindKitOut, Time: at("2026-02-01"), Item: "mfa-1"}},
			"2026-02-01", nil},
		{"check due on day 90", nil, "2026-04-06", nil},
		{"check overdue", nil, "2026-04-07", []string{"mfa-device mfa-1: check OVERDUE since 2026-04-06", "phone phone: check OVERDUE", "access review OVERDUE since 2026-04-06"}},
		{"failed check", []*accesslog.Record{{Kind: accesslog.KindKitCheck, Time: at("2026-02-01"), Item: "phone", Outcome: accesslog.Fail}},
			"2026-02-01", []string{"failed its check on 2026-02-01"}},
		{"battery", []*accesslog.Record{{Kind: accesslog.KindKitReplace, Time: at("2026-02-01"), Item: "mfa-1", Expires: "2026-05-01"}},
			"2026-02-01", []string{"its battery expires on 2026-05-01"}},
		{"battery far off", []*accesslog.Record{{Kind: accesslog.KindKitReplace, Time: at("2026-02-01"), Item: "mfa-1", Expires: "2026-05-03"}},
			"2026-02-01", nil},
		{"lost", []*accesslog.Record{{Kind: accesslog.KindKitLost, Time: at("2026-02-01"), Item: "phone"}},
			"2026-02-01", []string{"phone phone was lost on 2026-02-01 and is not replaced"}},
		{"lost then replaced", []*accesslog.Record{{Kind: accesslog.KindKitLost, Time: at("2026-02-01"), Item: "phone"},
			{Kind: accesslog.KindKitReplace, Time: at("2026-02-02"), Item: "phone"}}, "2026-02-03", nil},
		{"holders reach k", []*accesslog.Record{{Kind: accesslog.KindKitReplace, Time: at("2026-02-01"), Item: "mfa-1", Holders: []string{"alice", "bob"}}},
			"2026-02-01", []string{"its holders alice, bob could reach 2 shares"}},
		{"holder of all sheets", []*accesslog.Record{{Kind: accesslog.KindKitReplace, Time: at("2026-02-01"), Item: "mfa-1", Holders: []string{"olivia"}}},
			"2026-02-01", []string{"its holders olivia could reach 3 shares"}},
		{"one holder is fine", []*accesslog.Record{{Kind: accesslog.KindKitReplace, Time: at("2026-02-01"), Item: "mfa-1", Holders: []string{"alice", "erin"}}},
			"2026-02-01", nil},
		{"custodian left", []*accesslog.Record{{Kind: accesslog.KindReview, Time: at("2026-02-01"), Set: set, Access: &accesslog.Access{Password: []string{"alice", "bob"}}}},
			"2026-02-01", []string{"left carol out of the password's access, yet carol holds share 3"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			st, errs := kit.Replay(append(base(), tt.extra...))
			if len(errs) > 0 {
				t.Fatal(errs)
			}
			rep := kit.Compute(st, sets, at(tt.now), kit.Rules{})
			if len(rep.Problems) != len(tt.want) {
				t.Fatalf("problems %q, want %d like %q", rep.Problems, len(tt.want), tt.want)
			}
			for i, w := range tt.want {
				if !strings.Contains(rep.Problems[i], w) {
					t.Errorf("problem %d: %q, want it to say %q", i, rep.Problems[i], w)
				}
			}
		})
	}
}

// TestNoKitNoReview: a log without the kit asks for no review, so that
// status of a log from before the kit is as clean as it was.
func TestNoKitNoReview(t *testing.T) {
	st, _ := kit.Replay(nil)
	if rep := kit.Compute(st, sets, at("2030-01-01"), kit.Rules{}); len(rep.Problems) != 0 || !rep.ReviewDue.IsZero() {
		t.Errorf("an empty kit reports %q, due %v", rep.Problems, rep.ReviewDue)
	}
}

// Notes are the words kit list and status print for each item.
func TestNotes(t *testing.T) {
	records := append(base(),
		&accesslog.Record{Kind: accesslog.KindKitOut, Time: at("2026-01-07"), Item: "mfa-1", By: []string{"erin"}},
		&accesslog.Record{Kind: accesslog.KindKitCheck, Time: at("2026-01-07"), Item: "phone", Outcome: accesslog.Fail},
	)
	st, errs := kit.Replay(records)
	if len(errs) != 0 {
		t.Fatal(errs)
	}
	rep := kit.Compute(st, sets, at("2026-01-09"), kit.Rules{})
	want := map[string]string{
		"mfa-1":  "OUT since 2026-01-07 (2 days) by erin; holders erin, frank; checked 2026-01-06 ok; next due 2026-04-06",
		"phone":  "in; holders frank; checked 2026-01-07 FAILED; next due 2026-04-06",
		"sheets": "in; all sheets of set " + share.Fingerprint(set).String() + "; holders olivia",
	}
	for _, it := range rep.Items {
		if got := strings.Join(it.Notes(), "; "); got != want[it.ID] {
			t.Errorf("%s: Notes = %q\nwant %q", it.ID, got, want[it.ID])
		}
	}
}

// Event.Record refuses what only a person's words get wrong, naming the
// flag; Rules.Check the intervals.
func TestEventRecord(t *testing.T) {
	now := at("2026-01-05")
	tests := []struct {
		name  string
		event kit.Event
		want  string // the error, "" for none
	}{
		{"check ok", kit.Event{Kind: accesslog.KindKitCheck, ID: "phone", By: []string{"frank"}, Result: "ok"}, ""},
		{"bad ID", kit.Event{Kind: accesslog.KindKitOut, ID: "-x", By: []string{"frank"}}, `ID "-x": use letters`},
		{"phone number ID", kit.Event{Kind: accesslog.KindKitAdd, ID: "07700900123"}, "looks like a phone number"},
		{"empty holder", kit.Event{Kind: accesslog.KindKitAdd, ID: "phone", Holders: []string{""}}, "--holder is empty"},
		{"two-line witness", kit.Event{Kind: accesslog.KindKitOut, ID: "phone", Witnesses: []string{"a\nb"}}, `--witness "a\nb": name holds a control`},
		{"phone number in place", kit.Event{Kind: accesslog.KindKitMove, ID: "phone", Place: "desk, 020 7946 0958"}, "--place looks like it holds a phone number"},
		{"invalid UTF-8 reason", kit.Event{Kind: accesslog.KindKitOut, ID: "phone", Reason: "\xff"}, "--reason is not valid UTF-8"},
		{"phone as a holder", kit.Event{Kind: accesslog.KindKitAdd, ID: "phone", ItemKind: accesslog.ItemPhone, Place: "safe A", Holders: []string{"+49 176 12345678"}}, "--holder looks like it holds a phone number"},
		{"reason too long", kit.Event{Kind: accesslog.KindKitOut, ID: "phone", Reason: strings.Repeat("x", accesslog.MaxText+1)}, "--reason is 501 characters long, and free text in the log holds at most 500"},
		{"result maybe", kit.Event{Kind: accesslog.KindKitCheck, ID: "phone", Result: "maybe"}, `--result "maybe"`},
		{"sheet without manifest", kit.Event{Kind: accesslog.KindKitAdd, ID: "s", ItemKind: accesslog.ItemSheet}, "--kind sheet needs -m MANIFEST"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := tt.event.Record(now)
			switch {
			case tt.want == "" && err != nil:
				t.Fatalf("Record = %v, want a record", err)
			case tt.want == "":
				if r.Item != tt.event.ID || !r.Time.Equal(now) || r.Outcome != accesslog.Pass {
					t.Errorf("Record = %+v", r)
				}
			case err == nil || !strings.Contains(err.Error(), tt.want):
				t.Errorf("Record = %v, want an error saying %q", err, tt.want)
			}
		})
	}
	if err := (kit.Rules{OutDays: 1, CheckEvery: 0, ReviewEvery: 30}).Check(); err == nil || err.Error() != "--check-every 0: give a number of days, 1 or more" {
		t.Errorf("Rules.Check = %v, want --check-every refused", err)
	}
	if err := (kit.Rules{OutDays: 1, CheckEvery: 90, ReviewEvery: 30}).Check(); err != nil {
		t.Errorf("Rules.Check(good) = %v", err)
	}
}
