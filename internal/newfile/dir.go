package newfile

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// WriteDir writes files (name → contents, in the order of names) into dir,
// which must not exist or be empty, while h holds the signals. On any
// error nothing is left behind.
func (h *Hold) WriteDir(dir string, names []string, contents map[string][]byte) error {
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
		if err := h.Write(filepath.Join(stage, name), contents[name]); err != nil {
			return err
		}
	}
	if err := h.interrupted(); err != nil {
		return err
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
