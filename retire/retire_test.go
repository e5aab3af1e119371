package retire_test

import (
	"bytes"
	"crypto/ed25519"
	"errors"
	"testing"
	"time"

	"quorum/accesslog"
	"quorum/manifest"
	"quorum/retire"
	"quorum/share"
)

// TestRecord: the record names the set and who retired it; a set the log
// already retires is refused with the record that did.
func TestRecord(t *testing.T) {
	key := ed25519.NewKeyFromSeed(bytes.Repeat([]byte{7}, 32))
	m := &manifest.Manifest{Label: "root 2026", Created: "2026-01-05", Threshold: 2, Shares: 3, Tool: "test"}
	if err := m.Sign(key); err != nil {
		t.Fatal(err)
	}
	fp := share.FingerprintOf(key.Public().(ed25519.PublicKey))
	at := time.Date(2026, 3, 1, 10, 0, 0, 0, time.UTC)
	o := retire.Options{Time: at, Operator: "dave", Witnesses: []string{"erin"}, Reason: "account deleted", Tool: "quorum test"}
	r, err := retire.Record(m, nil, o)
	if err != nil {
		t.Fatal(err)
	}
	if r.Kind != accesslog.KindRetire || r.Set != string(fp) || r.Label != "root 2026" || r.Operator != "dave" || r.Reason != "account deleted" {
		t.Errorf("record %+v", r)
	}
	other := &accesslog.Record{Kind: accesslog.KindRetire, Set: "AS3NN9TMCD3MR0M5VXEVYAYAPWYT", Seq: 1}
	if _, err := retire.Record(m, []*accesslog.Record{other}, o); err != nil {
		t.Errorf("another set retired: %v", err)
	}
	done := &accesslog.Record{Kind: accesslog.KindRetire, Set: string(fp), Label: "root 2026", Seq: 4, Time: at}
	_, err = retire.Record(m, []*accesslog.Record{other, done}, o)
	var re *retire.RetiredError
	if !errors.As(err, &re) || re.Seq != 4 || re.Set != fp {
		t.Fatalf("Record of a retired set: %v, want a *RetiredError naming record 4", err)
	}
	if want := `set "root 2026" (` + fp.String() + `) is already retired: record 4 of the log, on 2026-03-01`; err.Error() != want {
		t.Errorf("error %q, want %q", err, want)
	}
}
