// Package testtool is test support: it finds the outside programs that the
// tests run (age, ssh-keygen, pdftoppm, zbarimg …) and applies the
// repository's rule when one is missing: the test skips on a developer's
// machine but fails when the environment variable CI is set, where a
// skipped compatibility test would pass unseen.
//
// It is an ordinary package rather than a _test.go file because the tests
// of several packages share it, and Go does not let one package import
// another's test files. Only _test.go files import it, so it is never built
// into quorum; that is also why it may read the environment and fail
// tests, which library packages never do.
package testtool

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// Need returns the path of program, as [exec.LookPath] finds it on PATH. If
// program is missing, Need skips the test, or, when CI is set, fails it
// with a hint saying how .ci/run installs the program.
func Need(t testing.TB, program string) string {
	t.Helper()
	path, err := exec.LookPath(program)
	if err == nil {
		return path
	}
	if err := missingUnderCI(program); err != nil {
		t.Fatalf("%v", err)
	}
	t.Skipf("%s is not installed", program)
	return ""
}

// Installed applies the rule where there is no test to end: a testscript
// condition such as [have:age]. It reports whether program is on PATH and,
// if it is not and CI is set, returns the error that [Need] fails with.
func Installed(program string) (bool, error) {
	if _, err := exec.LookPath(program); err != nil {
		return false, missingUnderCI(program)
	}
	return true, nil
}

// missingUnderCI is the error for program missing when CI is set, or nil
// when CI is not set.
func missingUnderCI(program string) error {
	if os.Getenv("CI") == "" {
		return nil
	}
	if how := install(program); how != "" {
		return fmt.Errorf("%s is not installed, and CI is set: install it (%s)", program, how)
	}
	return fmt.Errorf("%s is not installed, and CI is set: install it", program)
}

// Have reports whether program is installed, for tests that also have
// cases without it: it returns false, instead of skipping the whole test,
// if program is missing and CI is not set. Under CI a missing program fails
// the test, as with [Need].
func Have(t testing.TB, program string) bool {
	t.Helper()
	if _, err := exec.LookPath(program); err != nil && os.Getenv("CI") == "" {
		t.Logf("%s is not installed: skipping its cases", program)
		return false
	}
	Need(t, program)
	return true
}

// install says how .ci/run installs program, or "" if it does not know it.
// Keep it in step with the package list there.
func install(program string) string {
	switch program {
	case "age", "age-keygen":
		return "Debian: apt-get install age"
	case "age-1.3":
		// Debian's age predates post-quantum keys (age1pq1…).
		return ".ci/run builds it with go install filippo.io/age/cmd/age"
	case "ssh-keygen":
		return "Debian: apt-get install openssh-client"
	case "pdftoppm", "pdftotext":
		return "Debian: apt-get install poppler-utils"
	case "zbarimg":
		return "Debian: apt-get install zbar-tools"
	case "img2pdf":
		return "Debian: apt-get install img2pdf"
	case "tiffcp", "tiff2pdf":
		return "Debian: apt-get install libtiff-tools"
	case "python3":
		return "Debian: apt-get install python3"
	case "openssl":
		return "Debian: apt-get install openssl"
	case "mkfs.vfat", "fusefat":
		return "Debian: apt-get install dosfstools fusefat"
	case "mkfs.exfat", "mount.exfat-fuse":
		return "Debian: apt-get install exfatprogs exfat-fuse"
	case "tmux":
		return "Debian: apt-get install tmux"
	}
	return ""
}

// LogChecker writes the Python script of FORMAT.md §14, which checks an
// access log's chain without quorum, to a file in dir and returns its
// path: the tests run the script the reader copies, not one of their own.
func LogChecker(t testing.TB, formatMD, dir string) string {
	t.Helper()
	data, err := os.ReadFile(formatMD)
	if err != nil {
		t.Fatal(err)
	}
	_, sec, ok := strings.Cut(string(data), "## 14. The access log")
	_, rest, ok2 := strings.Cut(sec, "```python\n")
	script, _, ok3 := strings.Cut(rest, "```")
	if !ok || !ok2 || !ok3 {
		t.Fatalf("%s §14 has no python block", formatMD)
	}
	path := filepath.Join(dir, "checklog.py")
	if err := os.WriteFile(path, []byte(script), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}
