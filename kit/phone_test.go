package kit_test

import (
	"strings"
	"testing"
	"time"

	"quorum/accesslog"
	"quorum/kit"
)

// TestPhoneNumberIn: the reasons a runbook asks for (when and where a
// device was last seen, a new device's serial) are not phone numbers; the
// ways people write a phone number are.
func TestPhoneNumberIn(t *testing.T) {
	for _, tt := range []struct {
		text string
		want bool
	}{
		{"last seen in safe B on 2026-12-04", false},
		{"last seen 2026-12-04 18:30", false},
		{"at 18:30 on 04.12.2026", false},
		{"on 4/12/2026 at 18:30:05", false},
		{"2026-12-04T18:30", false},
		{"new device, serial GAKT000123456", false},
		{"new device, serial SN18765432", false},
		{"+49 176 12345678", true},
		{"0176-1234567", true},
		{"(555) 123-4567", true},
		{"555.123.4567", true},
		{"5551234567", true},
		{"call 5551234567 on 2026-12-04", true},
		{"2026-12-04 0176 1234567", true},
		// A serial without its letters cannot be told from a number:
		// PhoneAdvice says to write its letters.
		{"new device, serial 18765432", true},
		{"SN 18765432", true},
	} {
		if got := kit.PhoneNumberIn(tt.text); got != tt.want {
			t.Errorf("PhoneNumberIn(%q) = %v, want %v", tt.text, got, tt.want)
		}
	}
}

// TestPhoneRefusalAdvises: a refused reason says how to get a serial
// through.
func TestPhoneRefusalAdvises(t *testing.T) {
	e := &kit.Event{Kind: accesslog.KindKitLost, ID: "mfa-1", By: []string{"frank"}, Reason: "serial 18765432"}
	_, err := e.Record(time.Date(2026, 12, 4, 18, 0, 0, 0, time.UTC))
	if err == nil || !strings.Contains(err.Error(), "write it with its letters, e.g. SN18765432") {
		t.Errorf("Record: %v, want the phone number refused with PhoneAdvice", err)
	}
	e.Reason = "last seen 2026-12-04 18:30 in safe B"
	if _, err := e.Record(time.Date(2026, 12, 4, 18, 0, 0, 0, time.UTC)); err != nil {
		t.Errorf("Record(%q): %v, want it taken", e.Reason, err)
	}
}
