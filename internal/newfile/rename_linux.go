package newfile

import (
	"errors"
	"os"

	"golang.org/x/sys/unix"
)

// renameNoReplace is renameat2 with RENAME_NOREPLACE (Linux 3.15): the
// kernel moves the file only if nothing has the name, in one step, on
// ext4, btrfs, tmpfs and the kernel's vfat and exfat alike. A FUSE
// filesystem that does not implement it (fusefat, exfat-fuse) and old
// kernels answer EINVAL or ENOSYS: [errNoReplaceUnsupported].
func renameNoReplace(oldpath, newpath string) error {
	err := unix.Renameat2(unix.AT_FDCWD, oldpath, unix.AT_FDCWD, newpath, unix.RENAME_NOREPLACE)
	if errors.Is(err, unix.EINVAL) || errors.Is(err, unix.ENOSYS) || errors.Is(err, unix.ENOTSUP) {
		return errNoReplaceUnsupported
	}
	if err != nil {
		return &os.LinkError{Op: "rename", Old: oldpath, New: newpath, Err: err}
	}
	return nil
}
