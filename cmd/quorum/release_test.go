package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// TestBuildAllStampsVersion builds quorum for this machine with
// scripts/build-all, as a release is built, and checks that the binary
// names the version it was given, in 'quorum version' and --version: a
// release binary that says "devel" cannot be matched to its tag.
func TestBuildAllStampsVersion(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("scripts/build-all is a bash script")
	}
	if _, err := exec.LookPath("go"); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("go is not in PATH, and CI is set")
		}
		t.Skip("go is not in PATH")
	}
	dir := t.TempDir()
	cmd := exec.Command("../../scripts/build-all", dir, runtime.GOOS+"/"+runtime.GOARCH)
	cmd.Env = append(os.Environ(), "QUORUM_VERSION=v9.8.7")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("scripts/build-all: %v\n%s", err, out)
	}
	bin := filepath.Join(dir, "quorum-"+runtime.GOOS+"-"+runtime.GOARCH)
	for args, want := range map[string]string{"version": "quorum v9.8.7\n", "--version": "quorum version v9.8.7\n"} {
		out, err := exec.Command(bin, args).Output()
		if err != nil {
			t.Fatalf("quorum %s: %v", args, err)
		}
		if first, _, _ := strings.Cut(string(out), "\n"); first+"\n" != want {
			t.Errorf("quorum %s printed %q first, want %q", args, first, want)
		}
	}

	// A version that is not a tag or a commit is refused, not stamped.
	cmd = exec.Command("../../scripts/build-all", t.TempDir(), runtime.GOOS+"/"+runtime.GOARCH)
	cmd.Env = append(os.Environ(), "QUORUM_VERSION=v1 -X main.other=x")
	if out, err := cmd.CombinedOutput(); err == nil || !strings.Contains(string(out), "is not a tag or a commit") {
		t.Errorf("scripts/build-all took a version with a space: %v\n%s", err, out)
	}
}
