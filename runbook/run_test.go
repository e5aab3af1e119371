package runbook

import (
	"errors"
	"testing"
	"time"

	"quorum/accesslog"
)

func TestStartRecord(t *testing.T) {
	at := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	tests := []struct {
		name  string
		start Start
		field string // the FieldError's field, "unknown" for an UnknownError, "" for none
	}{
		{"a run", Start{Scenario: "password-change", Operator: "dave", Witnesses: []string{"erin"}}, ""},
		{"a rehearsal", Start{Scenario: "mfa-lost", Operator: "dave", Witnesses: []string{"erin", "frank"}, Rehearsal: true}, ""},
		{"unknown scenario", Start{Scenario: "password-reset", Operator: "dave", Witnesses: []string{"erin"}}, "unknown"},
		{"no witness", Start{Scenario: "mfa-lost", Operator: "dave"}, "witness"},
		{"empty operator", Start{Scenario: "mfa-lost", Operator: " ", Witnesses: []string{"erin"}}, "operator"},
		{"witness with a bidi override", Start{Scenario: "mfa-lost", Operator: "dave", Witnesses: []string{"erin\u202e"}}, "witness"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := StartRecord(tt.start, at, "quorum test")
			var fe *FieldError
			var ue *UnknownError
			switch {
			case tt.field == "" && err != nil:
				t.Fatalf("StartRecord: %v", err)
			case tt.field == "":
				if r.Kind != accesslog.KindRunStart || r.Scenario != tt.start.Scenario || r.Rehearsal != tt.start.Rehearsal || r.Operator != "dave" {
					t.Errorf("StartRecord = %+v", r)
				}
			case tt.field == "unknown" && !errors.As(err, &ue):
				t.Errorf("StartRecord: %v, want an *UnknownError", err)
			case tt.field != "unknown" && (!errors.As(err, &fe) || fe.Field != tt.field):
				t.Errorf("StartRecord: %v, want a *FieldError on %s", err, tt.field)
			}
		})
	}
}

func TestEndRecord(t *testing.T) {
	at := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	start := &accesslog.Record{Seq: 1, Kind: accesslog.KindRunStart, Scenario: "mfa-lost", Hash: "7QX4M2KD" + "00000000000000000000000000000000000000000000"}
	ended := []*accesslog.Record{start, {Seq: 2, Kind: accesslog.KindRunEnd, Run: "7QX4M2KD", Outcome: accesslog.RunDone, Time: at}}
	tests := []struct {
		name        string
		records     []*accesslog.Record
		id, outcome string
		lessons     []string
		check       func(error) bool
	}{
		{"done", ended[:1], "7QX4M2KD", "done", []string{"fine"}, func(err error) bool { return err == nil }},
		{"unknown run", ended[:1], "7QX4M2KE", "done", []string{"fine"}, func(err error) bool {
			var e *accesslog.UnknownRunError
			return errors.As(err, &e) && len(e.Near) == 1
		}},
		{"ended run", ended, "7QX4M2KD", "aborted", []string{"fine"}, func(err error) bool {
			var e *accesslog.RunEndedError
			return errors.As(err, &e)
		}},
		{"outcome", ended[:1], "7QX4M2KD", "pass", []string{"fine"}, func(err error) bool {
			var e *FieldError
			return errors.As(err, &e) && e.Field == "outcome"
		}},
		{"no lesson", ended[:1], "7QX4M2KD", "done", nil, func(err error) bool {
			var e *FieldError
			return errors.As(err, &e) && e.Field == "lesson"
		}},
		{"lesson of two lines", ended[:1], "7QX4M2KD", "done", []string{"a\nb"}, func(err error) bool {
			var e *FieldError
			return errors.As(err, &e) && e.Field == "lesson"
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, _, err := EndRecord(tt.records, tt.id, tt.outcome, tt.lessons, at, "quorum test")
			if !tt.check(err) {
				t.Fatalf("EndRecord: %v", err)
			}
			if err == nil && (r.Kind != accesslog.KindRunEnd || r.Run != tt.id || r.Outcome != tt.outcome) {
				t.Errorf("EndRecord = %+v", r)
			}
		})
	}
}
