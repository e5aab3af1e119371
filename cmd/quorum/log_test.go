package main

import (
	"testing"

	"quorum/accesslog"
)

// TestLogWhat: the what column of quorum log says what each record is
// about, the kit's members too.
func TestLogWhat(t *testing.T) {
	for _, tt := range []struct {
		name string
		r    accesslog.Record
		want string
	}{
		{"sheet out", accesslog.Record{Kind: accesslog.KindSheetOut, Label: "root 2026", Share: 3, By: []string{"carol"}, Event: "for the drill"},
			`"root 2026"; sheet 3; by carol; for the drill`},
		{"combine", accesslog.Record{Kind: accesslog.KindCombine, Participants: []accesslog.Participant{{Index: 1, Custodian: "alice"}},
			Operator: "olivia", Witnesses: []string{"walter"}, Reason: "sign-in"},
			"shares 1 alice; operator olivia; witnesses walter; sign-in"},
		{"kit", accesslog.Record{Kind: accesslog.KindKitAdd, ItemKind: accesslog.ItemMFA, Item: "mfa-1", Place: "safe B",
			Holders: []string{"alice", "bob"}, Expires: "2029-01-01"},
			"mfa-device; mfa-1; at safe B; holders alice, bob; expires 2029-01-01"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got := what(&tt.r); got != tt.want {
				t.Errorf("what = %q, want %q", got, tt.want)
			}
		})
	}
}
