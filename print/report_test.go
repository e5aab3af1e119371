package print

import (
	"os"
	"strings"
	"testing"
	"time"
)

// TestReportPdftotext writes a drill report with a failure and two
// witnesses, and checks with poppler's pdftotext that it says what
// happened, names everyone, and carries the head hash whole.
func TestReportPdftotext(t *testing.T) {
	ts := newSet(t, setSpec{n: 5, k: 3, secret: secret64, label: "root 2026"})
	head := "Q3ZK5T0M4N8V2W6X9YBC7DEFGHJKMNPQRSTVWXYZ0123456789AB"
	r := &Report{
		Fingerprint: ts.shares[0].Fingerprint(), Label: "root 2026", Threshold: 3, Shares: 5,
		Time: time.Date(2026, 4, 2, 10, 30, 0, 0, time.UTC), Passed: false,
		Summary: "quorum met: 3 shares rebuilt the set and passed the integrity check; 1 share failed.",
		Taking: []ReportShare{
			{1, "alice", "1-alice.share", "ok"},
			{2, "bob", "2-bob.share", "ok"},
			{4, "dave", "4-dave.share", "ok"},
			{5, "erin", "forged.share", "signature is invalid"},
		},
		Operator: "olivia", Witnesses: []string{"walter", "wanda"},
		Head: head, Seq: 7, Tool: "quorum test", Paper: A4, Run: "7QX4M2KD", Format: "quorum log v4",
		Kit: []KitItem{{ID: "mfa-1", Kind: "mfa-device", Place: "safe B"}},
	}
	for _, paper := range []Paper{A4, Letter} {
		r.Paper = paper
		pdf, err := ReportPDF(r)
		if err != nil {
			t.Fatal(err)
		}
		path := t.TempDir() + "/report.pdf"
		if err := os.WriteFile(path, pdf, 0o600); err != nil {
			t.Fatal(err)
		}
		text := string(run(t, "pdftotext", "-layout", path, "-"))
		for _, want := range []string{
			"QUORUM DRILL REPORT", "root 2026", "DRILL FAILED", "signature is invalid", "forged.share",
			"2026-04-02 10:30:00", "any 3 of 5", ts.shares[0].Fingerprint().String(), group4(head),
			"RECORD 7", "quorum log v4", "Operator: olivia", "Witness: walter", "Witness: wanda",
			"Custodian of share 5: erin", "Custodian of share 1: alice", "Signature", "quorum status",
			// The quarterly test's boxes: the drill's filled in, the
			// others to tick, and the lessons.
			"The quarterly test, run 7QX4M2KD", "1. The drill: the sheets rebuild the set",
			"DRILL FAILED, record 7 of the access log: quorum met", "The test is not passed until a drill passes", "2. Check the MFA device", "It shows a code",
			"3. Check the phone", "it rings", "4. Optional: sign in as the root user", "Reason given to quorum combine",
			"Log head hash after the reveal", "What went wrong, what to improve", "quorum runbook end 7QX4M2KD", "Initials",
		} {
			if !strings.Contains(text, want) {
				t.Errorf("%s: %q is not in the report:\n%s", paper, want, text)
			}
		}
		if strings.Contains(text, "..") {
			t.Errorf("%s: the summary's period doubled:\n%s", paper, text)
		}
	}
	// A reveal is no quarterly test: it has no boxes.
	r.Reveal, r.Reason, r.Paper = true, "quarterly test: root sign-in", A4
	pdf, err := ReportPDF(r)
	if err != nil {
		t.Fatal(err)
	}
	path := t.TempDir() + "/reveal.pdf"
	if err := os.WriteFile(path, pdf, 0o600); err != nil {
		t.Fatal(err)
	}
	text := string(run(t, "pdftotext", "-layout", path, "-"))
	if !strings.Contains(text, "Reason: quarterly test: root sign-in (run 7QX4M2KD)") || strings.Contains(text, "The quarterly test") {
		t.Errorf("the reveal report:\n%s", text)
	}
	if _, err := ReportPDF(&Report{}); err == nil {
		t.Error("a report without a head hash: no error")
	}
}

// TestReportMany lays out a drill of 40 custodians: the table and the
// signature lines go on to further pages, each with a footer.
func TestReportMany(t *testing.T) {
	fs, err := loadFonts()
	if err != nil {
		t.Fatal(err)
	}
	r := &Report{Label: "big", Threshold: 20, Shares: 40, Head: strings.Repeat("A", 52), Summary: "x", Passed: true}
	for i := range 40 {
		r.Taking = append(r.Taking, ReportShare{i + 1, "custodian-with-a-longish-name", "file.share", "ok"})
	}
	l := newLayout(A4, fs)
	pages := l.report(r)
	if len(pages) < 3 {
		t.Errorf("got %d pages for 40 custodians", len(pages))
	}
	for i, p := range pages {
		for _, o := range p.ops {
			if to, ok := o.(textOp); ok && (to.y > l.y1+1 || to.y < l.y0-1) {
				t.Errorf("page %d: text %q at y %.1f, outside the margins", i+1, to.s, to.y)
			}
		}
	}
}
