package newfile

import (
	"errors"
	"os"

	"golang.org/x/sys/unix"
)

// renameNoReplace is renamex_np with RENAME_EXCL (macOS 10.12): the file is
// moved only if nothing has the name, in one step. A filesystem that does
// not offer it (msdos, exfat on some releases) answers ENOTSUP:
// [errNoReplaceUnsupported].
func renameNoReplace(oldpath, newpath string) error {
	err := unix.RenamexNp(oldpath, newpath, unix.RENAME_EXCL)
	if errors.Is(err, unix.ENOTSUP) || errors.Is(err, unix.EINVAL) || errors.Is(err, unix.ENOSYS) {
		return errNoReplaceUnsupported
	}
	if err != nil {
		return &os.LinkError{Op: "rename", Old: oldpath, New: newpath, Err: err}
	}
	return nil
}
