package print

import (
	"fmt"
	"strings"
	"testing"
)

// TestRecordWriteIns checks that the ceremony record has lines to write the
// place and the quorum binary's SHA-256 on, on the page the operator and
// witness sign, however long the table of custodians runs.
func TestRecordWriteIns(t *testing.T) {
	for _, n := range []int{3, 5, 12, 30} {
		t.Run(fmt.Sprint(n), func(t *testing.T) {
			ts := newSet(t, setSpec{n: n, k: 2, secret: secret64, label: "root 2026"})
			d, path := sheetsPDF(t, ts, A4)
			records := len(d.Sheets[0].pages)
			text := string(run(t, "pdftotext", "-layout", "-l", fmt.Sprint(records), path, "-"))
			pages := strings.Split(text, "\f")
			signed := -1
			for i, p := range pages {
				if strings.Contains(p, "Operator") && strings.Contains(p, "Witness") {
					signed = i
				}
			}
			if signed < 0 {
				t.Fatalf("no page of the record has the signatures:\n%s", text)
			}
			for _, want := range []string{"Place of the ceremony", "SHA-256 of the quorum binary run (its line of SHA256SUMS"} {
				if !strings.Contains(pages[signed], want) {
					t.Errorf("record page %d, with the signatures, has no %q:\n%s", signed+1, want, pages[signed])
				}
			}
		})
	}
}
