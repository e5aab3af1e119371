package newfile

import (
	"errors"
	"os"
	"path/filepath"
	"runtime"
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
			os.Remove(tmp) // as Write does: a linked tmp is left

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

// TestWriteLeavesNothing: a written file is whole under its name, 0600,
// and no temporary file is left beside it.
func TestWriteLeavesNothing(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "sheets.pdf")
	if err := Write(path, []byte("pdf")); err != nil {
		t.Fatal(err)
	}
	var ee *ExistsError
	if err := Write(path, []byte("other")); !errors.As(err, &ee) {
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
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if runtime.GOOS != "windows" && fi.Mode().Perm() != 0o600 {
		t.Fatalf("sheets.pdf has mode %v, want 0600", fi.Mode().Perm())
	}
}

// TestWriteDir: a directory is written whole, into a new name or an empty
// folder, never into one with files, and leaves no staging folder.
func TestWriteDir(t *testing.T) {
	parent := t.TempDir()
	names := []string{"1-alice.share", "manifest.json"}
	contents := map[string][]byte{"1-alice.share": []byte("share"), "manifest.json": []byte("{}")}
	set := filepath.Join(parent, "set")
	if err := WriteDir(set, names, contents); err != nil {
		t.Fatal(err)
	}
	empty := filepath.Join(parent, "empty")
	if err := os.Mkdir(empty, 0o700); err != nil {
		t.Fatal(err)
	}
	if err := WriteDir(empty, names, contents); err != nil {
		t.Fatalf("into an empty folder: %v", err)
	}
	var ee *ExistsError
	if err := WriteDir(set, names, map[string][]byte{}); !errors.As(err, &ee) {
		t.Fatalf("into a folder with files: got %v, want an *ExistsError", err)
	}
	for _, dir := range []string{set, empty} {
		for _, name := range names {
			if b, _ := os.ReadFile(filepath.Join(dir, name)); string(b) != string(contents[name]) {
				t.Errorf("%s/%s holds %q, want %q", dir, name, b, contents[name])
			}
		}
	}
	if entries, _ := os.ReadDir(parent); len(entries) != 2 {
		t.Errorf("the parent holds %d entries, want set and empty only", len(entries))
	}
}

// TestCheck: the early checks name what is wrong before anyone types.
func TestCheck(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "file")
	writeTestFile(t, file, "x")
	full := filepath.Join(dir, "full")
	os.Mkdir(full, 0o700)
	writeTestFile(t, filepath.Join(full, "a"), "a")
	var ee *ExistsError
	var nfe *NoFolderError
	if err := Check(file); !errors.As(err, &ee) {
		t.Errorf("Check(existing file) = %v, want an *ExistsError", err)
	}
	if err := Check(filepath.Join(dir, "none", "out")); !errors.As(err, &nfe) || nfe.IsFile {
		t.Errorf("Check(in a missing folder) = %v, want a *NoFolderError", err)
	}
	if err := Check(filepath.Join(file, "out")); !errors.As(err, &nfe) || !nfe.IsFile {
		t.Errorf("Check(in a file) = %v, want a *NoFolderError with IsFile", err)
	}
	if err := CheckDir(full); !errors.As(err, &ee) {
		t.Errorf("CheckDir(a folder with files) = %v, want an *ExistsError", err)
	}
	if err := CheckDir(filepath.Join(dir, "new")); err != nil {
		t.Errorf("CheckDir(a new name) = %v", err)
	}
	if err := Check(filepath.Join(dir, "new")); err != nil {
		t.Errorf("Check(a new name) = %v", err)
	}
}

func writeTestFile(t *testing.T, path, data string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(data), 0o600); err != nil {
		t.Fatal(err)
	}
}
