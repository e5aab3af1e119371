package main

// File creation policy: every file quorum writes is created 0600 under a
// temporary name in its target directory and moved into place only when
// complete, so that nothing half-written is ever seen under the final
// name, and no existing file is ever replaced. A directory of shares is
// assembled in a staging directory beside its target and renamed into
// place whole. Each file is synced before it is moved, and its directory
// after (syncDir), so that what was shown as written survives a power cut.
//
// Moving into place never replaces (place): the system's rename that
// refuses an existing name (renameat2 RENAME_NOREPLACE, renamex_np
// RENAME_EXCL, MoveFileEx) where the filesystem has it, else a hard link,
// which fails on an existing name too. FAT and exFAT, the USB sticks that
// carry sets to and from the air-gapped laptop, have no hard links, and
// under FUSE no such rename either: there the name is claimed with
// O_CREATE|O_EXCL, which only one creator can win, and the complete file is
// renamed over that empty claim. Nothing that was there before is
// replaced; what remains open is a process that deletes the claim and puts
// a file of its own in its place in the instant between the two calls,
// which only someone writing to the stick at the same moment could do.
// FAT keeps no permissions: files there have the modes the mount gives
// every file (SECURITY.md).
//
// An interrupted run leaves nothing half-written. SIGINT, SIGTERM, SIGHUP
// and SIGQUIT are held while an output is written: one that comes before the
// output is in place undoes the write, one that comes later leaves it
// whole; the temporary files are removed, and then the process ends by the
// signal. SIGKILL and a power cut cannot be held: they may leave a
// temporary .quorum-* file or staging directory, never a file under its
// final name, and the next run leaves it alone, since it cannot tell it
// from another run's. SECURITY.md says what such leftovers may hold.

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/signal"
	"path/filepath"
	"runtime"
	"syscall"

	"quorum/internal/term"
)

// ExistsError means that an output file or directory is already there.
type ExistsError struct {
	Path string
}

func (e *ExistsError) Error() string { return fmt.Sprintf("%s already exists", e.Path) }

func tempName(dir, base string) string {
	var b [6]byte
	rand.Read(b[:])
	return filepath.Join(dir, ".quorum-"+hex.EncodeToString(b[:])+"-"+base+".tmp")
}

// writeNewFile writes data to path, which must not exist.
func writeNewFile(path string, data []byte) error {
	h := holdSignals()
	defer h.release()
	return writeFile(path, data, h)
}

func writeFile(path string, data []byte, h *heldSignals) error {
	if err := checkNew(path); err != nil {
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
	if h.came() {
		return errInterrupted
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
// first of three ways this filesystem has (see the policy at the top). tmp
// is left for the caller to remove when the file was linked.
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

// writeNewDir writes files (name → contents) into dir, which must not
// exist or be empty. On any error nothing is left behind.
func writeNewDir(dir string, names []string, contents map[string][]byte) error {
	h := holdSignals()
	defer h.release()
	return writeDir(dir, names, contents, h)
}

func writeDir(dir string, names []string, contents map[string][]byte, h *heldSignals) error {
	created := false
	if entries, err := os.ReadDir(dir); err == nil {
		if len(entries) > 0 {
			return &ExistsError{dir + " (and is not empty)"}
		}
	} else if !errors.Is(err, fs.ErrNotExist) {
		return err
	} else {
		created = true
	}
	if err := checkFolder(filepath.Clean(dir)); err != nil {
		return err
	}
	parent := filepath.Dir(filepath.Clean(dir))
	stage, err := os.MkdirTemp(parent, ".quorum-staging-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(stage)
	for _, name := range names {
		if err := writeFile(filepath.Join(stage, name), contents[name], h); err != nil {
			return err
		}
	}
	if h.came() {
		return errInterrupted
	}
	if !created {
		// An empty directory given by the user: take its place. Remove
		// refuses a directory that has meanwhile been filled.
		if err := os.Remove(dir); err != nil {
			return fmt.Errorf("%s: %v", dir, err)
		}
	}
	if _, err := os.Lstat(dir); err == nil {
		return &ExistsError{dir}
	}
	// A directory has no hard link and cannot be claimed and then replaced
	// whole; where no rename refuses an existing name, rename itself
	// replaces only an empty directory, and fails on one with files in it:
	// no file is lost either way.
	err = renameNoReplace(stage, dir)
	if errors.Is(err, errNoReplaceUnsupported) {
		err = os.Rename(stage, dir)
	}
	if errors.Is(err, fs.ErrExist) {
		return &ExistsError{dir}
	}
	if err != nil {
		return err
	}
	return syncDir(parent)
}

// heldSignals are SIGINT, SIGTERM, SIGHUP and SIGQUIT (term.NotifyExit),
// held while an output is written.
type heldSignals struct {
	sigs chan os.Signal
	sig  os.Signal // the first that came
}

// errInterrupted undoes a write; the process then ends by the signal.
var errInterrupted = errors.New("interrupted")

// holdSignals holds the signals of term.NotifyExit until release.
func holdSignals() *heldSignals {
	h := &heldSignals{sigs: make(chan os.Signal, 1)}
	term.NotifyExit(h.sigs)
	return h
}

// came reports whether a held signal has come.
func (h *heldSignals) came() bool {
	if h.sig == nil {
		select {
		case h.sig = <-h.sigs:
		default:
		}
	}
	return h.sig != nil
}

// release stops holding, and ends the process by the held signal if one
// came, as it would have ended without the hold.
func (h *heldSignals) release() {
	signal.Stop(h.sigs)
	if h.came() {
		term.ExitBySignal(h.sig)
	}
}

// checkNew fails early when an output file exists or its folder does
// not, before any custodian has typed anything; writeNewFile checks again
// when it writes.
func checkNew(path string) error {
	if _, err := os.Lstat(path); err == nil {
		return &ExistsError{path}
	}
	return checkFolder(path)
}

// checkEmptyDir fails early when an output directory has files in it, or
// the folder it would be made in does not exist.
func checkEmptyDir(dir string) error {
	entries, err := os.ReadDir(dir)
	if err == nil && len(entries) > 0 {
		return &ExistsError{dir + " (and is not empty)"}
	}
	if err != nil && !os.IsNotExist(err) {
		return err
	}
	return checkFolder(filepath.Clean(dir))
}

// NoFolderError means that the folder an output would be written into
// does not exist, or is not a folder.
type NoFolderError struct {
	Path   string // the output
	Folder string
	IsFile bool // Folder is a file
}

func (e *NoFolderError) Error() string {
	if e.IsFile {
		return fmt.Sprintf("cannot write %s: %s is a file, not a folder", e.Path, e.Folder)
	}
	return fmt.Sprintf("cannot write %s: there is no folder %s", e.Path, e.Folder)
}

// checkFolder checks that the folder path goes into exists: otherwise
// the temporary file's name would surface in a raw "no such file or
// directory".
func checkFolder(path string) error {
	folder := filepath.Dir(path)
	fi, err := os.Stat(folder)
	switch {
	case err == nil && !fi.IsDir():
		return &NoFolderError{Path: path, Folder: folder, IsFile: true}
	case errors.Is(err, fs.ErrNotExist), errors.Is(err, syscall.ENOTDIR):
		return &NoFolderError{Path: path, Folder: folder}
	}
	return nil
}
