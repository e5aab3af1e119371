package ceremony

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestScanBounds: a scan may be up to 64 MiB, share text up to 1 MiB; past
// that each is refused by name before it is decoded.
func TestScanBounds(t *testing.T) {
	dir := t.TempDir()
	sparse := func(name, head string, size int64) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(head), 0o600); err != nil {
			t.Fatal(err)
		}
		if err := os.Truncate(p, size); err != nil {
			t.Fatal(err)
		}
		return p
	}
	env := testEnv(&scriptedUI{t: t, noTerm: true})

	big := sparse("big.png", "\x89PNG\r\n\x1a\n", MaxScanFile+1)
	_, err := ReadShares(env, []string{big}, false)
	var tl *ScanTooLargeError
	if !errors.As(err, &tl) || !strings.Contains(err.Error(), "big.png: larger than 64 MiB") {
		t.Errorf("a PNG of 64 MiB and a byte: %v, want a ScanTooLargeError naming it", err)
	}

	// Below the bound, the scan reaches the decoder: a damaged PNG.
	ok := sparse("ok.png", "\x89PNG\r\n\x1a\n", 2<<20)
	if _, err := ReadShares(env, []string{ok}, false); err == nil || !strings.Contains(err.Error(), "ok.png: damaged or truncated PNG file") {
		t.Errorf("a 2 MiB PNG of zeros: %v, want it decoded and found damaged", err)
	}

	text := sparse("big.share", "# quorum share", 2<<20)
	if _, err := ReadShares(env, []string{text}, false); err == nil || !strings.Contains(err.Error(), "larger than 1 MiB, not a share") {
		t.Errorf("2 MiB of text: %v, want the 1 MiB bound", err)
	}
}
