package newfile

import (
	"cmp"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"syscall"
)

// ExistsError means that an output file or directory is already there.
type ExistsError struct {
	Path string
}

func (e *ExistsError) Error() string { return fmt.Sprintf("%s already exists", e.Path) }

// Write writes data to path, which must not exist, holding the exit
// signals while it does.
func Write(path string, data []byte) error {
	h := HoldSignals()
	err := h.Write(path, data)
	return cmp.Or(h.Release(), err)
}

// WriteDir writes files (name → contents, in the order of names) into dir,
// which must not exist or be empty, holding the exit signals while it
// does. On any error nothing is left behind.
func WriteDir(dir string, names []string, contents map[string][]byte) error {
	h := HoldSignals()
	err := h.WriteDir(dir, names, contents)
	return cmp.Or(h.Release(), err)
}

func tempName(dir, base string) string {
	var b [6]byte
	rand.Read(b[:])
	return filepath.Join(dir, ".quorum-"+hex.EncodeToString(b[:])+"-"+base+".tmp")
}

// Write writes data to path, which must not exist, while h holds the
// signals; a signal that has come undoes it.
func (h *Hold) Write(path string, data []byte) error {
	if err := Check(path); err != nil {
		return err
	}
	tmp := tempName(filepath.Dir(path), filepath.Base(path))
	f, err := os.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return err
	}
	defer os.Remove(tmp)
	if _, err := f.Write(data); err != nil {
		f.Close()
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	if err := h.interrupted(); err != nil {
		return err
	}
	if err := place(tmp, path, systemPlacer()); err != nil {
		return err
	}
	return syncDir(filepath.Dir(path))
}

// syncDir makes a file's new name in dir durable: the file's own Sync
// covers its bytes, not the directory entry a rename made, and a laptop
// that loses power after the secret was shown must still have the set.
// Windows cannot sync a directory (its entries are written through), and
// some filesystems (FUSE, FAT drivers) refuse it as unsupported: neither
// is an error.
func syncDir(dir string) error {
	if runtime.GOOS == "windows" {
		return nil
	}
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	err = d.Sync()
	d.Close()
	if errors.Is(err, syscall.EINVAL) || errors.Is(err, syscall.ENOTSUP) {
		return nil
	}
	return err
}

// errNoReplaceUnsupported means that the filesystem cannot rename without
// replacing: the caller claims the name instead (place).
var errNoReplaceUnsupported = errors.New("rename without replacing is not supported here")

// placer are the calls that put a complete file in place: the system's,
// or, in tests, those of a filesystem that lacks some.
type placer struct {
	renameNoReplace func(oldpath, newpath string) error
	link            func(oldpath, newpath string) error
}

// systemPlacer returns the system's calls.
func systemPlacer() placer { return placer{renameNoReplace: renameNoReplace, link: os.Link} }

// place moves the complete file tmp to path, which must not exist, by the
// first of three ways this filesystem has (see the package doc). tmp is
// left for the caller to remove when the file was linked.
func place(tmp, path string, p placer) error {
	err := p.renameNoReplace(tmp, path)
	if errors.Is(err, errNoReplaceUnsupported) {
		err = p.link(tmp, path)
		if err != nil && !errors.Is(err, fs.ErrExist) {
			// No hard links here (FAT, exFAT: EPERM, ENOTSUP).
			err = claimAndRename(tmp, path)
		}
	}
	if errors.Is(err, fs.ErrExist) {
		return &ExistsError{path}
	}
	return err
}

// claimAndRename creates path empty with O_EXCL, which fails if anything
// has the name, then renames tmp over that empty file of its own. If the
// rename fails, the claim is removed.
func claimAndRename(tmp, path string) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return err
	}
	if err := f.Close(); err != nil {
		os.Remove(path)
		return err
	}
	if err := os.Rename(tmp, path); err != nil {
		os.Remove(path)
		return err
	}
	return nil
}
