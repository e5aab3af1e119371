package main

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"quorum/internal/testtool"
)

// TestFATWrites writes keys, a set, sheets and a recovered secret onto FAT
// and exFAT, the USB sticks that carry sets to and from the air-gapped
// laptop, which have no hard links, and checks the never-overwrite
// promise there: a second write to any of those names is refused and the
// first file keeps its bytes; no temporary file is left. newfile's
// TestFATPlace tests the claim that replaces a hard link there on its own.
func TestFATWrites(t *testing.T) {
	bin := buildQuorum(t)
	for _, fstype := range []string{"vfat", "exfat"} {
		t.Run(fstype, func(t *testing.T) {
			dir, renamesDirs := testtool.MountFAT(t, fstype)
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
