//go:build !linux && !darwin && !windows

package newfile

// renameNoReplace is not offered here: files are placed by a hard link, or
// by claiming the name (see the package doc).
func renameNoReplace(oldpath, newpath string) error { return errNoReplaceUnsupported }
