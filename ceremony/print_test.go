package ceremony

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"quorum/internal/newfile"
)

func TestPrintSheet(t *testing.T) {
	w := newWrittenSet(t)
	out := filepath.Join(w.dir, "bob-again.pdf")
	ui := &scriptedUI{t: t}
	if err := Print(testEnv(ui), PrintOptions{Paper: "a4", Manifest: w.manifest, Output: out, Shares: w.shares[1:2]}); err != nil {
		t.Fatalf("Print = %v", err)
	}
	fi, err := os.Stat(out)
	if err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("the PDF: %v, mode %v; want it written 0600", err, fi.Mode())
	}
	if want := "quorum: wrote " + out + ": 1 sheet, 1 page, a4\n"; ui.stderr.String() != want {
		t.Errorf("stderr = %q, want %q", ui.stderr.String(), want)
	}
}

// An output that exists is refused before anything is read, and is left
// as it was; options that do not go together are a usage error.
func TestPrintRefuses(t *testing.T) {
	w := newWrittenSet(t)
	out := filepath.Join(w.dir, "kit.pdf")
	if err := os.WriteFile(out, []byte("mine"), 0o600); err != nil {
		t.Fatal(err)
	}
	var ee *newfile.ExistsError
	if err := Print(testEnv(&scriptedUI{t: t}), PrintOptions{Paper: "a4", Kit: true, Output: out}); !errors.As(err, &ee) {
		t.Errorf("Print(--kit over a file) = %v, want an ExistsError", err)
	}
	if b, _ := os.ReadFile(out); !bytes.Equal(b, []byte("mine")) {
		t.Errorf("the existing file was changed")
	}
	var ue *UsageError
	for _, opts := range []PrintOptions{
		{Paper: "a4", Kit: true, Output: filepath.Join(w.dir, "k.pdf"), Shares: w.shares[:1]},
		{Paper: "a4", Record: w.manifest, Manifest: w.manifest, Output: filepath.Join(w.dir, "r.pdf")},
		{Paper: "a4", Shares: w.shares[:1]},
		{Paper: "a3", Output: filepath.Join(w.dir, "s.pdf"), Shares: w.shares[:1]},
	} {
		if err := Print(testEnv(&scriptedUI{t: t}), opts); !errors.As(err, &ue) {
			t.Errorf("Print(%+v) = %v, want a *UsageError", opts, err)
		}
	}
}
