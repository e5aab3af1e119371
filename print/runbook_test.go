package print

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"quorum/runbook"
)

// runbookFacts are the facts of the printed runbooks in the tests.
var runbookFacts = runbook.Facts{
	Label: "root 2026", Fingerprint: "7QX4 M2KD 9WQH TB3C 4ZPA XN6R J8FE", Threshold: 3, Shares: 5,
	Custodians: []string{"alice", "bob", "carol", "dave", "erin"},
	Manifest:   "quorum-7QX4/manifest.json", Log: "access.log",
	Kit: []runbook.KitItem{{ID: "mfa-1", Kind: "mfa-device", Place: "safe B"}},
}

// TestRunbookPDF prints every scenario's runbook on both papers, renders
// each with poppler's pdftoppm, and checks with pdftotext that every step,
// command, console check and the exceptions and lessons reached the page.
func TestRunbookPDF(t *testing.T) {
	dump := os.Getenv("QUORUM_RUNBOOK_DUMP") // a folder to keep the PDFs in, to look at
	for _, s := range runbook.Scenarios() {
		for _, paper := range []Paper{A4, Letter} {
			t.Run(s.Name+"/"+paper.String(), func(t *testing.T) {
				rb := runbook.Fill(s, runbookFacts)
				pdf, err := RunbookPDF(rb, RunbookOptions{Paper: paper, Date: time.Date(2026, 12, 4, 0, 0, 0, 0, time.UTC)})
				if err != nil {
					t.Fatal(err)
				}
				dir := t.TempDir()
				if dump != "" {
					dir = dump
				}
				path := filepath.Join(dir, s.Name+"-"+paper.String()+".pdf")
				if err := os.WriteFile(path, pdf, 0o600); err != nil {
					t.Fatal(err)
				}
				fs, err := loadFonts()
				if err != nil {
					t.Fatal(err)
				}
				if got, want := len(rasterize(t, pdf, 30)), len(newLayout(paper, fs).runbook(rb)); got != want {
					t.Errorf("pdftoppm rendered %d pages, want %d", got, want)
				}
				text := squash(string(run(t, "pdftotext", "-raw", path, "-")))
				want := []string{"QUORUM RUNBOOK", rb.Title, "root 2026", "7QX4 M2KD 9WQH TB3C 4ZPA XN6R J8FE",
					"any 3 of 5", "Operator", "Witness", "Exceptions", "Who left", "What was taken out",
					"Who returned", "What was brought back", rb.Lessons, "Signatures"}
				for _, st := range rb.Steps {
					want = append(want, squash(st.Title), squash(st.Do))
					if st.Command != "" {
						want = append(want, strings.Fields(st.Command)[:3]...)
					}
					if st.Console != "" {
						want = append(want, "In the console: "+squash(st.Console))
					}
					want = append(want, st.Write...)
				}
				for _, w := range want {
					if !strings.Contains(text, squash(w)) {
						t.Errorf("%q is not on the page", w)
					}
				}
			})
		}
	}
}

// squash makes text comparable across line breaks: pdftotext ends each
// printed line where the layout wrapped it.
func squash(s string) string { return strings.Join(strings.Fields(s), " ") }

// TestRunbookMargins lays out every runbook and checks that no text leaves
// the margins and that no step is split across pages.
func TestRunbookMargins(t *testing.T) {
	fs, err := loadFonts()
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range runbook.Scenarios() {
		for _, paper := range []Paper{A4, Letter} {
			l := newLayout(paper, fs)
			for i, p := range l.runbook(runbook.Fill(s, runbookFacts)) {
				for _, o := range p.ops {
					if to, ok := o.(textOp); ok && (to.y > l.y1+1 || to.y < l.y0-1 || to.x+fs.width(to.font, to.size, to.s) > l.x1+1) {
						t.Errorf("%s %s page %d: text %q at (%.1f, %.1f), outside the margins", s.Name, paper, i+1, to.s, to.x, to.y)
					}
				}
			}
		}
	}
}

// TestCommandLines wraps a long command: never between a flag and its
// value, nor inside quotes.
func TestCommandLines(t *testing.T) {
	fs, err := loadFonts()
	if err != nil {
		t.Fatal(err)
	}
	l := newLayout(A4, fs)
	cmd := `quorum combine -m set/manifest.json --log access.log --reason "MFA device lost" --operator OPERATOR --run RUN -i KEY… SHARE…`
	for _, w := range []float64{120, 200, 300, 1000} {
		lines := l.commandLines(cmd, w)
		if got := squash(strings.Join(lines, " ")); got != cmd {
			t.Errorf("width %v: the lines do not give back the command: %q", w, got)
		}
		for _, line := range lines[1:] {
			f := strings.Fields(line)[0]
			if !strings.HasPrefix(f, "-") && f != "KEY…" && f != "SHARE…" {
				t.Errorf("width %v: a line starts with %q, cut from its flag", w, line)
			}
		}
	}
}
