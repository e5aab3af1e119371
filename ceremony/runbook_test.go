package ceremony

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestRunbook: a runbook as Markdown names the log in its commands, or as
// a new PDF file; what the command line gets wrong is a usage error and
// writes nothing.
func TestRunbook(t *testing.T) {
	env := testEnv(&scriptedUI{t: t})
	out, err := Runbook(env, RunbookOptions{Scenario: "mfa-lost", Log: "access.log", Format: "text", Paper: "a4"})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(out), "quorum runbook start mfa-lost --log access.log --operator OPERATOR --witness WITNESS") {
		t.Errorf("the runbook does not open its run in access.log:\n%s", out)
	}
	pdf := filepath.Join(t.TempDir(), "mfa-lost.pdf")
	if out, err := Runbook(env, RunbookOptions{Scenario: "mfa-lost", Format: "pdf", Paper: "letter", Output: pdf}); err != nil || out != nil {
		t.Fatalf("Runbook to a PDF: %v", err)
	}
	if data, err := os.ReadFile(pdf); err != nil || !strings.HasPrefix(string(data), "%PDF-") {
		t.Errorf("%s is not a PDF: %v", pdf, err)
	}
	for _, opts := range []RunbookOptions{
		{Scenario: "mfa-gone", Format: "text", Paper: "a4"},
		{Scenario: "mfa-lost", Format: "html", Paper: "a4"},
		{Scenario: "mfa-lost", Format: "pdf", Paper: "a4"},
		{Scenario: "mfa-lost", Format: "text", Paper: "a5"},
	} {
		var usage *UsageError
		if _, err := Runbook(env, opts); !errors.As(err, &usage) {
			t.Errorf("Runbook(%+v): %v, want a usage error", opts, err)
		}
	}
}
