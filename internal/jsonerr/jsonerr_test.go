package jsonerr

import (
	"encoding/json"
	"strings"
	"testing"
)

// TestDescribeQuotesNothing decodes inputs that start with or hold a
// secret, as a manifest or a log line would be decoded, and checks that
// the description says what is wrong without a byte of the input.
func TestDescribeQuotesNothing(t *testing.T) {
	type doc struct {
		Label     string   `json:"label"`
		Threshold int      `json:"threshold"`
		Names     []string `json:"names"`
	}
	for _, tt := range []struct {
		in, want string
	}{
		{"My secret password", "not valid JSON: the error is at byte 1"},
		{`{"label": Mysecret}`, "not valid JSON: the error is at byte 11"},
		{`{"Mysecret": 1}`, "holds a member this format does not have"},
		{`{"threshold": "Mysecret"}`, "threshold is not a JSON number"},
		{`{"names": "Mysecret"}`, "names is not a JSON array"},
		{`"Mysecret"`, "not a JSON object"},
		{``, "empty, or ends before its JSON value does"},
		{`{"label": "My`, "empty, or ends before its JSON value does"},
	} {
		dec := json.NewDecoder(strings.NewReader(tt.in))
		dec.DisallowUnknownFields()
		var d doc
		err := dec.Decode(&d)
		if err == nil {
			t.Fatalf("%q decoded", tt.in)
		}
		got := Describe(err)
		if got != tt.want {
			t.Errorf("Describe(%q) = %q, want %q", err, got, tt.want)
		}
		if strings.Contains(got, "My") || strings.Contains(got, "'") {
			t.Errorf("Describe(%q) = %q quotes the input", err, got)
		}
	}
}
