// Package newfile creates output files and folders that did not exist:
// 0600, whole or not at all, and never over anything already there.
//
// Every file is written 0600 under a temporary name in its target
// directory and moved into place only when complete, so that nothing
// half-written is ever seen under the final name, and no existing file is
// ever replaced. A directory of files is assembled in a staging directory
// beside its target and renamed into place whole. Each file is synced
// before it is moved, and its directory after, so that what was shown as
// written survives a power cut.
//
// Moving into place never replaces: the system's rename that refuses an
// existing name (renameat2 RENAME_NOREPLACE, renamex_np RENAME_EXCL,
// MoveFileEx) where the filesystem has it, else a hard link, which fails
// on an existing name too. FAT and exFAT, the USB sticks that carry sets to
// and from the air-gapped laptop, have no hard links, and under FUSE no
// such rename either: there the name is claimed with O_CREATE|O_EXCL, which
// only one creator can win, and the complete file is renamed over that
// empty claim. Nothing that was there before is replaced; what remains
// open is a process that deletes the claim and puts a file of its own in
// its place in the instant between the two calls, which only someone
// writing to the stick at the same moment could do. FAT keeps no
// permissions: files there have the modes the mount gives every file
// (SECURITY.md).
//
// An interrupted write leaves nothing half-written. SIGINT, SIGTERM,
// SIGHUP and SIGQUIT are held while an output is written ([Hold]): one
// that comes before the output is in place undoes the write, one that
// comes later leaves it whole; the temporary files are removed, and the
// write returns an [*InterruptedError], on which the program ends by the
// signal, as it would have ended without the hold. SIGKILL and a power cut
// cannot be held: they may leave a temporary .quorum-* file or staging
// directory, never a file under its final name, and the next run leaves
// it alone, since it cannot tell it from another run's.
//
// The atomic-write libraries (github.com/google/renameio,
// github.com/natefinch/atomic, github.com/creachadair/atomicfile) all
// rename over the target: their promise is "the old file or the new one",
// ours is "never the old one replaced", so none of them fits.
package newfile
