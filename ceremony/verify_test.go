package ceremony

import (
	"path/filepath"
	"testing"

	"quorum/accesslog"
)

func TestVerify(t *testing.T) {
	ts := newWrittenSet(t)
	log := filepath.Join(t.TempDir(), "access.log")
	ui := &scriptedUI{t: t}
	src := ts.source(2)
	src.Manifest = ts.manifest
	if err := Verify(testEnv(ui), VerifyOptions{Source: src, Log: log}); err != nil {
		t.Fatalf("Verify: %v\n%s", err, ui.stderr.String())
	}
	records := readRecords(t, log)
	if len(records) != 1 || records[0].Outcome != accesslog.Pass || records[0].Signer != accesslog.ShareSigner(2) {
		t.Errorf("log records %+v, want one passed check signed by share 2", records)
	}

	// The wrong key: the failure is recorded, unsigned.
	ui = &scriptedUI{t: t}
	src.Identities = ts.keys[:1]
	err := Verify(testEnv(ui), VerifyOptions{Source: src, Log: log})
	if err == nil {
		t.Fatal("Verify with alice's key of bob's share: no error")
	}
	records = readRecords(t, log)
	if len(records) != 2 || records[1].Outcome != accesslog.Fail || records[1].Signer != "" {
		t.Errorf("log records %+v, want the failed check recorded unsigned", records)
	}
}
