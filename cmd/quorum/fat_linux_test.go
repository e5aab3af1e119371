package main

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"quorum/internal/testtool"
)

// mountFAT makes a 64 MiB filesystem of fstype ("vfat" or "exfat") in an
// image file, mounts it with the kernel's driver through a loop device,
// or else with the FUSE driver a USB stick gets where the kernel has none
// (fusefat, exfat-fuse), and returns the mount point, unmounted when the
// test ends, and whether directories can be renamed there: fusefat 0.1a
// renames a directory and loses the files in it, a bug of its own that
// no kernel driver has. A machine that allows neither mount (not root, no
// FUSE, a container without loop devices) skips, CI or not: there is no
// program to install that would allow it; TestPlace covers the filesystem
// without hard links there.
func mountFAT(t *testing.T, fstype string) (dir string, renamesDirs bool) {
	mkfs := testtool.Need(t, "mkfs."+fstype)
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
		return dir, true
	}
	var fuse []byte
	switch fstype {
	case "vfat":
		fuse, err = exec.Command(testtool.Need(t, "fusefat"), "-o", "rw+", img, dir).CombinedOutput()
	case "exfat":
		// exfat-fuse reads a block device, not a file.
		var dev []byte
		if dev, err = exec.Command("losetup", "-f", "--show", img).Output(); err == nil {
			loop := strings.TrimSpace(string(dev))
			t.Cleanup(func() { exec.Command("losetup", "-d", loop).Run() })
			fuse, err = exec.Command(testtool.Need(t, "mount.exfat-fuse"), loop, dir).CombinedOutput()
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
	return dir, fstype != "vfat"
}

// TestFATWrites writes keys, a set, sheets and a recovered secret onto FAT
// and exFAT, the USB sticks that carry sets to and from the air-gapped
// laptop, which have no hard links, and checks the never-overwrite
// promise there: a second write to any of those names is refused and the
// first file keeps its bytes; no temporary file is left.
func TestFATWrites(t *testing.T) {
	bin := buildQuorum(t)
	for _, fstype := range []string{"vfat", "exfat"} {
		t.Run(fstype, func(t *testing.T) {
			dir, renamesDirs := mountFAT(t, fstype)
			probe := filepath.Join(dir, "probe")
			writeTestFile(t, probe, "")
			if err := os.Link(probe, probe+"2"); err == nil {
				t.Fatalf("%s has hard links: the test does not test what it says", fstype)
			}
			os.Remove(probe)
			env := isolatedEnv(t.TempDir())
			runQuorum(t, bin, dir, env, nil, "keygen", "--no-passphrase", "-o", "alice.key")
			runQuorum(t, bin, dir, env, nil, "keygen", "--no-passphrase", "-o", "bob.key")
			writeTestFile(t, filepath.Join(dir, "custodians.txt"), "alice "+publicKey(t, filepath.Join(dir, "alice.key"))+
				"\nbob "+publicKey(t, filepath.Join(dir, "bob.key"))+"\n")
			if renamesDirs {
				runQuorum(t, bin, dir, env, strings.NewReader("on a stick"), "split", "-k", "2", "--allow-all-required", "-c", "custodians.txt", "-o", "set")
			} else {
				// The set is made on the local disk and copied on, as
				// to a stick from another computer.
				local := t.TempDir()
				runQuorum(t, bin, dir, env, strings.NewReader("on a stick"), "split", "-k", "2", "--allow-all-required", "-c", "custodians.txt", "-o", filepath.Join(local, "set"))
				if out, err := exec.Command("cp", "-r", filepath.Join(local, "set"), dir).CombinedOutput(); err != nil {
					t.Fatalf("cp: %v\n%s", err, out)
				}
			}
			runQuorum(t, bin, dir, env, nil, "print", "-m", "set/manifest.json", "-o", "again.pdf", "set/1-alice.share")
			runQuorum(t, bin, dir, env, nil, "combine", "-m", "set/manifest.json", "-i", "alice.key", "-i", "bob.key", "-o", "secret.txt", "set/1-alice.share", "set/2-bob.share")
			if b, _ := os.ReadFile(filepath.Join(dir, "secret.txt")); string(b) != "on a stick" {
				t.Fatalf("combine -o wrote %q", b)
			}

			for _, args := range [][]string{
				{"keygen", "--no-passphrase", "-o", "alice.key"},
				{"split", "-k", "2", "--allow-all-required", "-c", "custodians.txt", "-o", "set"},
				{"print", "-m", "set/manifest.json", "-o", "again.pdf", "set/2-bob.share"},
				{"combine", "-i", "alice.key", "-i", "bob.key", "-o", "secret.txt", "set/1-alice.share", "set/2-bob.share"},
			} {
				before := snapshot(t, dir)
				cmd := exec.Command(bin, args...)
				cmd.Dir, cmd.Env, cmd.Stdin = dir, env, strings.NewReader("another secret")
				out, err := cmd.CombinedOutput()
				if err == nil || !bytes.Contains(out, []byte("already exists")) {
					t.Errorf("quorum %s over existing files: %v\n%s", strings.Join(args, " "), err, out)
				}
				if after := snapshot(t, dir); after != before {
					t.Errorf("quorum %s changed files on the stick:\nbefore:\n%s\nafter:\n%s", strings.Join(args, " "), before, after)
				}
			}

			// The claim that replaces a hard link there, on its own.
			tmp, path := filepath.Join(dir, ".tmp"), filepath.Join(dir, "set", "1-alice.share")
			writeTestFile(t, tmp, "forged")
			fat := placer{renameNoReplace: noLinks.renameNoReplace, link: os.Link}
			var ee *ExistsError
			if err := place(tmp, path, fat); !errors.As(err, &ee) {
				t.Errorf("place over a share on %s: got %v, want an *ExistsError", fstype, err)
			}
			if err := place(tmp, filepath.Join(dir, "new.share"), fat); err != nil {
				t.Errorf("place on a new name on %s: %v", fstype, err)
			}
		})
	}
}

// snapshot lists every file under dir with its contents' hash: what must
// not change when a write is refused. A temporary .quorum-* name left
// behind shows too.
func snapshot(t *testing.T, dir string) string {
	t.Helper()
	var b strings.Builder
	err := filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, path)
		b.WriteString(rel + " " + fmt.Sprintf("%x", sha256.Sum256(data)) + "\n")
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return b.String()
}
