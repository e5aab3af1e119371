package ceremony

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestRetireConfirms: retiring a set tells its custodians to shred the
// only sheets of a password, so the person types the set's label or the
// start of its fingerprint first; a slip is asked again, three tries; no
// terminal needs --yes (Confirmed). Nothing is written unless confirmed.
func TestRetireConfirms(t *testing.T) {
	w := newWrittenSet(t)
	fp, err := w.set.Manifest.Fingerprint()
	if err != nil {
		t.Fatal(err)
	}
	first4 := strings.ToLower(string(fp[:4]))
	// As a person types it from paper: a dash between groups, O for 0 and
	// I for 1, any case (share.TypedSymbols).
	slipped := strings.NewReplacer("0", "o", "1", "I").Replace(string(fp[:4])) + "-" + strings.ToLower(string(fp[4:8]))
	for _, tt := range []struct {
		name      string
		lines     []string
		noTerm    bool
		confirmed bool
		wantErr   string // "": retired
		wantTries int    // prompts asked
	}{
		{"label", []string{"root 2026"}, false, false, "", 1},
		{"fingerprint, any case", []string{first4}, false, false, "", 1},
		{"fingerprint in groups", []string{fp.String()[:9]}, false, false, "", 1},
		{"fingerprint with slips and a dash", []string{slipped}, false, false, "", 1},
		{"slip, then label", []string{"root 2025", "root 2026"}, false, false, "", 2},
		{"three slips", []string{"root", "2026", "ROOT 2026"}, false, false, "3 tries, none taken; the last: that is neither", 3},
		{"too short", []string{fp.String()[:3], "", "x"}, false, false, "3 tries, none taken; the last: that is neither", 3},
		{"input ends", nil, false, false, "input ended", 1},
		{"no terminal", nil, true, false, "quorum is not on a terminal", 0},
		{"no terminal, --yes", nil, true, true, "", 0},
		{"terminal, --yes", nil, false, true, "", 0},
	} {
		t.Run(tt.name, func(t *testing.T) {
			log := filepath.Join(t.TempDir(), "access.log")
			ui := &scriptedUI{t: t, lines: tt.lines, noTerm: tt.noTerm}
			r, _, err := Retire(testEnv(ui), &RetireOptions{Manifest: w.manifest, Log: log, Tool: "test", Confirmed: tt.confirmed})
			if len(ui.prompts) != tt.wantTries {
				t.Errorf("asked %d times, want %d: %q", len(ui.prompts), tt.wantTries, ui.prompts)
			}
			_, statErr := os.Stat(log)
			if tt.wantErr == "" {
				if err != nil || r == nil {
					t.Fatalf("Retire: %v, want the set retired", err)
				}
				if statErr != nil {
					t.Errorf("no log written: %v", statErr)
				}
				if !tt.confirmed && !strings.Contains(ui.shown.String(), `"root 2026", fingerprint `+fp.String()+", 2 of 3, made 2026-01-05") {
					t.Errorf("shown %q, want the label, fingerprint, k of n and the day it was made", ui.shown.String())
				}
				return
			}
			if statErr == nil {
				t.Errorf("a log was written after %v", err)
			}
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("Retire: %v, want %q", err, tt.wantErr)
			}
			var ue *UsageError
			if tt.noTerm && !errors.As(err, &ue) {
				t.Errorf("Retire: %v, want a usage error", err)
			}
		})
	}
}
