// Package testplugin is test support: it builds age-plugin-token, an age
// plugin that behaves as a hardware token (a PIN, a touch, a confirmation;
// see its package doc), with the Go tool, so that the tests seal to and
// open through a real plugin binary speaking age's plugin protocol, with
// nothing downloaded.
//
// It is an ordinary package rather than a _test.go file because the tests
// of several packages share it, and Go does not let one package import
// another's test files. Only _test.go files import it, so it is never built
// into quorum; that is also why it may fail tests, which library packages
// never do.
package testplugin

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"testing"

	"quorum/internal/testtool"
)

// Name is the plugin's name: its binary is age-plugin-token, its
// recipients age1token1…, its identities AGE-PLUGIN-TOKEN-1….
const Name = "token"

// PIN is the PIN of a token made by [Generate] without one.
const PIN = "123456"

// Build builds the plugin as age-plugin-NAME for each of names (Name if
// none), into a new folder, and returns the folder, for the caller to put
// on PATH. One binary serves every name: a plugin takes its name from the
// file it is run as. Without the Go tool Build skips the test, or fails
// it when CI is set.
func Build(t testing.TB, names ...string) string {
	t.Helper()
	goTool := testtool.Need(t, "go")
	if len(names) == 0 {
		names = []string{Name}
	}
	dir := t.TempDir()
	exe := ""
	if runtime.GOOS == "windows" {
		exe = ".exe"
	}
	first := filepath.Join(dir, "age-plugin-"+names[0]+exe)
	cmd := exec.Command(goTool, "build", "-o", first, "quorum/internal/testplugin/age-plugin-token")
	cmd.Env = append(os.Environ(), "CGO_ENABLED=0")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build age-plugin-token: %v\n%s", err, out)
	}
	for _, name := range names[1:] {
		data, err := os.ReadFile(first)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, "age-plugin-"+name+exe), data, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// Token is a test token made by [Generate].
type Token struct {
	Recipient string // age1NAME1…, for a custodians file
	Identity  string // the identity file's content, for -i
	Key       string // its AGE-PLUGIN-NAME-1… line alone
}

var (
	publicKey = regexp.MustCompile(`(?m)^# public key: (\S+)$`)
	keyLine   = regexp.MustCompile(`(?m)^AGE-PLUGIN-\S+$`)
)

// Generate makes a new token of the plugin age-plugin-name in dir (as
// [Build] returns it), with pin, or [PIN] if pin is empty.
func Generate(t testing.TB, dir, name, pin string) Token {
	t.Helper()
	if pin == "" {
		pin = PIN
	}
	exe := ""
	if runtime.GOOS == "windows" {
		exe = ".exe"
	}
	out, err := exec.Command(filepath.Join(dir, "age-plugin-"+name+exe), "-generate", "-pin", pin).Output()
	if err != nil {
		t.Fatalf("age-plugin-%s -generate: %v", name, err)
	}
	m, key := publicKey.FindSubmatch(out), keyLine.Find(out)
	if m == nil || key == nil {
		t.Fatalf("age-plugin-%s -generate wrote no key pair:\n%s", name, out)
	}
	return Token{Recipient: string(m[1]), Identity: string(out), Key: string(key)}
}

// PathWith returns the environment's PATH with dir first, as
// "PATH=dir:…" for an exec.Cmd's Env.
func PathWith(dir string) string {
	return "PATH=" + strings.Join([]string{dir, os.Getenv("PATH")}, string(os.PathListSeparator))
}
