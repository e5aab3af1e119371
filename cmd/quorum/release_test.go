package main

import (
	"io"
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
	// Built with the toolchain go.mod names.
	gomod, err := os.ReadFile("../../go.mod")
	if err != nil {
		t.Fatal(err)
	}
	toolchain := ""
	for _, line := range strings.Split(string(gomod), "\n") {
		if f := strings.Fields(line); len(f) == 2 && f[0] == "toolchain" {
			toolchain = f[1]
		}
	}
	if out, _ := exec.Command(bin, "version").Output(); toolchain == "" || !strings.Contains(string(out), "\ngo "+toolchain+"\n") {
		t.Errorf("go.mod names toolchain %q; quorum version says:\n%s", toolchain, out)
	}
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

// TestManPages writes the man pages with scripts/man, as scripts/release
// does, and checks that there is one for quorum and each command, made from
// the help quorum prints (the examples too), and that two runs give the
// same bytes.
func TestManPages(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("scripts/man is a bash script")
	}
	dirs := []string{filepath.Join(t.TempDir(), "man"), filepath.Join(t.TempDir(), "man")}
	for _, dir := range dirs {
		cmd := exec.Command("../../scripts/man", dir)
		cmd.Env = append(os.Environ(), "QUORUM_VERSION=v9.8.7", "SOURCE_DATE_EPOCH=1799971200")
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("scripts/man: %v\n%s", err, out)
		}
	}
	root := newRootCmd(&IOStreams{In: strings.NewReader(""), Out: io.Discard, Err: io.Discard, Term: noTerminal{}})
	pages := []string{"quorum.1"}
	for _, c := range root.Commands() {
		if c.IsAvailableCommand() {
			pages = append(pages, "quorum-"+c.Name()+".1")
		}
	}
	for _, page := range pages {
		a, err := os.ReadFile(filepath.Join(dirs[0], page))
		if err != nil {
			t.Errorf("no man page %s: %v", page, err)
			continue
		}
		if b, _ := os.ReadFile(filepath.Join(dirs[1], page)); string(a) != string(b) {
			t.Errorf("%s differs between two runs", page)
		}
		if !strings.Contains(string(a), `.TH "QUORUM" "1" "Jan 2027" "quorum v9.8.7" "quorum manual"`) {
			t.Errorf("%s has no header with the version and the date:\n%.300s", page, a)
		}
	}
	split, _ := os.ReadFile(filepath.Join(dirs[0], "quorum-split.1"))
	for _, want := range []string{"quorum split -k 3", "custodians"} {
		if !strings.Contains(string(split), want) {
			t.Errorf("quorum-split.1 does not hold %q", want)
		}
	}
}

// TestManCodeNotInRelease: cobra's doc package and what it imports are
// built into quorum only with the tag mangen, never into a release.
func TestManCodeNotInRelease(t *testing.T) {
	out, err := exec.Command("go", "list", "-deps", ".").Output()
	if err != nil {
		t.Fatalf("go list -deps: %v", err)
	}
	for _, pkg := range strings.Fields(string(out)) {
		if pkg == "github.com/spf13/cobra/doc" || strings.Contains(pkg, "md2man") || strings.Contains(pkg, "yaml") || strings.Contains(pkg, "blackfriday") {
			t.Errorf("quorum imports %s", pkg)
		}
	}
}

// TestReleaseRefusesDirtyTree runs scripts/release in a clone of this
// commit with a file nobody committed: it must refuse before building, and
// write nothing. A release built from changes nobody committed could not
// be rebuilt by anyone.
func TestReleaseRefusesDirtyTree(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("scripts/release is a bash script")
	}
	git, err := exec.LookPath("git")
	if err != nil {
		t.Skip("git is not installed")
	}
	clone := filepath.Join(t.TempDir(), "quorum")
	if out, err := exec.Command(git, "clone", "-q", "../..", clone).CombinedOutput(); err != nil {
		t.Skipf("no Git checkout to clone: %v\n%s", err, out)
	}
	// The scripts under test are this tree's, which may not be committed yet.
	for _, s := range []string{"release", "version", "build-all", "man"} {
		data, err := os.ReadFile("../../scripts/" + s)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(clone, "scripts", s), data, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	exec.Command(git, "-C", clone, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qam", "scripts under test").Run()
	writeTestFile(t, filepath.Join(clone, "cmd", "quorum", "extra.go"), "package main\n")
	out, err := exec.Command(filepath.Join(clone, "scripts", "release")).CombinedOutput()
	if err == nil || !strings.Contains(string(out), "changes that are not committed") {
		t.Errorf("scripts/release on a dirty tree: %v\n%s", err, out)
	}
	if _, err := os.Stat(filepath.Join(clone, "dist")); err == nil {
		t.Error("scripts/release wrote dist/ from a dirty tree")
	}
}
