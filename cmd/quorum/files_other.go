//go:build !linux && !darwin && !windows

package main

// renameNoReplace is not offered here: files are placed by a hard link, or
// by claiming the name (place).
func renameNoReplace(oldpath, newpath string) error { return errNoReplaceUnsupported }
