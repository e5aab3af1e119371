package ceremony

import (
	"strings"
	"testing"
)

// Once the log records a reshare, the old set's shares are superseded:
// every command that reads them warns, naming the new set; the new set's
// own are not.
func TestWarnSuperseded(t *testing.T) {
	done, log, _ := reshareTo(t, newWrittenSet(t), &scriptedUI{t: t})

	ui := &scriptedUI{t: t}
	WarnSuperseded(testEnv(ui), log, done.Old)
	want := "quorum: warning: " + log + " records set " + done.Old.String() + ` "root 2026" as superseded by set ` + done.Set.Fingerprint.String()
	if !strings.HasPrefix(ui.stderr.String(), want) {
		t.Errorf("stderr = %q\nwant it to begin %q", ui.stderr.String(), want)
	}
	ui = &scriptedUI{t: t}
	WarnSuperseded(testEnv(ui), log, done.Set.Fingerprint)
	WarnSuperseded(testEnv(ui), "", done.Old)
	if ui.stderr.Len() != 0 {
		t.Errorf("the new set, or no log, warned: %q", ui.stderr.String())
	}
}
