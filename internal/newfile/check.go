package newfile

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"syscall"
)

// Check fails early when an output file exists or its folder does not,
// before any custodian has typed anything; [Write] checks again when it
// writes.
func Check(path string) error {
	if _, err := os.Lstat(path); err == nil {
		return &ExistsError{path}
	}
	return checkFolder(path)
}

// CheckDir fails early when an output directory has files in it, or the
// folder it would be made in does not exist.
func CheckDir(dir string) error {
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
