package main

import (
	"errors"
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

// noLinks is a filesystem without hard links and without a rename that
// refuses an existing name, as FAT and exFAT are under FUSE: link fails
// as Linux's vfat fails it.
var noLinks = placer{
	renameNoReplace: func(string, string) error { return errNoReplaceUnsupported },
	link: func(oldpath, newpath string) error {
		return &os.LinkError{Op: "link", Old: oldpath, New: newpath, Err: syscall.EPERM}
	},
}

// TestPlace checks the never-overwrite promise of every way place has to
// put a file in place: a new name gets the whole file, an existing name is
// never replaced and keeps its bytes.
func TestPlace(t *testing.T) {
	for _, tt := range []struct {
		name string
		p    placer
	}{
		{"system", systemPlacer()},
		{"hard link", placer{renameNoReplace: noLinks.renameNoReplace, link: os.Link}},
		{"no hard links", noLinks},
	} {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			tmp, path := filepath.Join(dir, ".tmp"), filepath.Join(dir, "1-alice.share")
			writeTestFile(t, tmp, "new")
			if err := place(tmp, path, tt.p); err != nil {
				t.Fatalf("place on a new name: %v", err)
			}
			os.Remove(tmp) // as writeFile does: a linked tmp is left

			if b, _ := os.ReadFile(path); string(b) != "new" {
				t.Fatalf("the placed file holds %q, want %q", b, "new")
			}

			writeTestFile(t, tmp, "other")
			err := place(tmp, path, tt.p)
			var ee *ExistsError
			if !errors.As(err, &ee) {
				t.Fatalf("place on an existing name: got %v, want an *ExistsError", err)
			}
			if b, _ := os.ReadFile(path); string(b) != "new" {
				t.Fatalf("the existing file now holds %q: it was overwritten", b)
			}
		})
	}
}

// TestWriteNewFileLeavesNothing: a written file is whole under its name,
// 0600, and no temporary file is left beside it.
func TestWriteNewFileLeavesNothing(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "sheets.pdf")
	if err := writeNewFile(path, []byte("pdf")); err != nil {
		t.Fatal(err)
	}
	var ee *ExistsError
	if err := writeNewFile(path, []byte("other")); !errors.As(err, &ee) {
		t.Fatalf("second write: got %v, want an *ExistsError", err)
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != 1 {
		t.Fatalf("the folder holds %d entries, want only sheets.pdf", len(entries))
	}
	if b, _ := os.ReadFile(path); string(b) != "pdf" {
		t.Fatalf("sheets.pdf holds %q", b)
	}
}

func writeTestFile(t *testing.T, path, data string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(data), 0o600); err != nil {
		t.Fatal(err)
	}
}
