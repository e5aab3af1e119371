package ceremony

import (
	"errors"
	"path/filepath"
	"testing"
	"time"

	"quorum/accesslog"
)

// TestParseHead: a head one symbol from a record's hash is a typo, named
// by the symbol; one in no form a hash is a usage error; the right one is
// taken.
func TestParseHead(t *testing.T) {
	log := filepath.Join(t.TempDir(), "access.log")
	head, err := accesslog.Append(log, &accesslog.Record{Kind: accesslog.KindNote, Time: time.Now(), Event: "x"}, nil, "")
	if err != nil {
		t.Fatal(err)
	}
	records := readRecords(t, log)
	typo := []byte(head)
	typo[5] = map[bool]byte{true: 'A', false: 'B'}[typo[5] != 'A']

	if got, err := ParseHead(records, head); err != nil || got != head {
		t.Errorf("ParseHead(the head) = %q, %v", got, err)
	}
	if got, err := ParseHead(records, ""); err != nil || got != "" {
		t.Errorf("ParseHead(\"\") = %q, %v", got, err)
	}
	var te *TypoError
	if _, err := ParseHead(records, string(typo)); !errors.As(err, &te) || te.Flag != "--head" || len(te.Symbols) != 1 || te.Symbols[0] != 6 {
		t.Errorf("ParseHead(a typo in symbol 6) = %v, want a TypoError naming symbol 6", err)
	}
	var ue *UsageError
	if _, err := ParseHead(records, "not a hash"); !errors.As(err, &ue) || errors.As(err, &te) {
		t.Errorf("ParseHead(\"not a hash\") = %v, want a UsageError that is no typo", err)
	}
}
