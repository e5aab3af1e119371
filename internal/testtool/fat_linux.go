package testtool

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// MountFAT makes a 64 MiB filesystem of fstype ("vfat" or "exfat") in an
// image file, mounts it with the kernel's driver through a loop device,
// or else with the FUSE driver a USB stick gets where the kernel has none
// (fusefat, exfat-fuse), and returns the mount point, unmounted when the
// test ends, and whether directories can be renamed there: fusefat 0.1a
// renames a directory and loses the files in it, a bug of its own that
// no kernel driver has. It fails the test if the filesystem has hard
// links, which FAT does not have: a test on it would not test what it says.
// A machine that allows neither mount (not root, no
// FUSE, a container without loop devices) skips, CI or not: there is no
// program to install that would allow it; newfile's TestPlace covers the
// filesystem without hard links there.
func MountFAT(t *testing.T, fstype string) (dir string, renamesDirs bool) {
	t.Helper()
	mkfs := Need(t, "mkfs."+fstype)
	img := filepath.Join(t.TempDir(), fstype+".img")
	if err := os.WriteFile(img, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Truncate(img, 64<<20); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command(mkfs, img).CombinedOutput(); err != nil {
		t.Fatalf("%s: %v\n%s", mkfs, err, out)
	}
	dir = t.TempDir()
	kernel, err := exec.Command("mount", "-t", fstype, "-o", "loop", img, dir).CombinedOutput()
	if err == nil {
		t.Cleanup(func() { exec.Command("umount", dir).Run() })
		noHardLinks(t, dir, fstype)
		return dir, true
	}
	var fuse []byte
	switch fstype {
	case "vfat":
		fuse, err = exec.Command(Need(t, "fusefat"), "-o", "rw+", img, dir).CombinedOutput()
	case "exfat":
		// exfat-fuse reads a block device, not a file.
		var dev []byte
		if dev, err = exec.Command("losetup", "-f", "--show", img).Output(); err == nil {
			loop := strings.TrimSpace(string(dev))
			t.Cleanup(func() { exec.Command("losetup", "-d", loop).Run() })
			fuse, err = exec.Command(Need(t, "mount.exfat-fuse"), loop, dir).CombinedOutput()
		}
	}
	if err != nil {
		t.Skipf("this machine allows no %s mount: the kernel's driver: %s; FUSE: %v %s", fstype, bytes.TrimSpace(kernel), err, bytes.TrimSpace(fuse))
	}
	t.Cleanup(func() {
		if exec.Command("fusermount", "-u", dir).Run() != nil {
			exec.Command("umount", dir).Run()
		}
	})
	t.Logf("%s mounted with FUSE: the kernel's driver: %s", fstype, bytes.TrimSpace(kernel))
	noHardLinks(t, dir, fstype)
	return dir, fstype != "vfat"
}

func noHardLinks(t *testing.T, dir, fstype string) {
	t.Helper()
	probe := filepath.Join(dir, "probe")
	if err := os.WriteFile(probe, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	defer os.Remove(probe)
	if err := os.Link(probe, probe+"2"); err == nil {
		t.Fatalf("%s has hard links: the test does not test what it says", fstype)
	}
}
