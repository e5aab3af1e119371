package main

// File creation policy: every file quorum writes is created 0600 under a
// temporary name in its target directory and linked into place only when
// complete, so that nothing half-written is ever seen under the final
// name, and no existing file is ever replaced (link fails where rename
// would overwrite). A directory of shares is assembled in a staging
// directory beside its target and renamed into place whole.

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
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
func writeNewFile(path string, data []byte) (err error) {
	if _, err := os.Lstat(path); err == nil {
		return &ExistsError{path}
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
	if err := os.Link(tmp, path); err != nil {
		if errors.Is(err, fs.ErrExist) {
			return &ExistsError{path}
		}
		return err
	}
	return nil
}

// writeNewDir writes files (name → contents) into dir, which must not
// exist or be empty. On any error nothing is left behind.
func writeNewDir(dir string, names []string, contents map[string][]byte) error {
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
	parent := filepath.Dir(filepath.Clean(dir))
	stage, err := os.MkdirTemp(parent, ".quorum-staging-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(stage)
	for _, name := range names {
		if err := writeNewFile(filepath.Join(stage, name), contents[name]); err != nil {
			return err
		}
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
	return os.Rename(stage, dir)
}

// checkNew fails early when an output file exists, before any custodian
// has typed anything; writeNewFile checks again when it writes.
func checkNew(path string) error {
	if _, err := os.Lstat(path); err == nil {
		return &ExistsError{path}
	}
	return nil
}
