package main

// Tests of the built binary, as a user gets it: what is linked into it
// (TestNoNetworkCode), and, in the *_linux_test.go files, how it behaves
// as a process (hardening, terminal, interruption, files on disk).

import (
	"debug/elf"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"quorum/internal/testtool"
)

// buildQuorum builds quorum as scripts/build-all does, for this machine
// unless env says otherwise (GOOS=…), into a new folder, and returns its
// path.
func buildQuorum(t *testing.T, env ...string) string {
	t.Helper()
	goTool := testtool.Need(t, "go")
	bin := filepath.Join(t.TempDir(), "quorum")
	if runtime.GOOS == "windows" {
		bin += ".exe"
	}
	cmd := exec.Command(goTool, "build", "-trimpath", "-o", bin, ".")
	cmd.Env = append(os.Environ(), append([]string{"CGO_ENABLED=0"}, env...)...)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// networkSymbols are what a binary that can reach a network must link: a
// dialer, a listener, a resolver, a socket, HTTP or TLS. The package net is
// linked (pflag's IP flags, crypto/x509 and x/crypto/ssh import it) but
// only its parsing code is used, and the linker drops the rest.
var networkSymbols = []string{
	"net.Dial", "net.(*Dialer).", "net.Listen", "net.(*ListenConfig).", "net.(*Resolver).",
	"net.Lookup", "net.socket", "net.(*netFD).", "net.(*conn).",
	"net/http.", "crypto/tls.", "net/rpc.", "net/smtp.",
	"syscall.Socket", "syscall.socket", "syscall.Connect", "syscall.connect",
	"golang.org/x/sys/unix.Socket", "golang.org/x/sys/unix.Connect",
	"golang.org/x/crypto/ssh.Dial", "golang.org/x/crypto/ssh.NewClientConn",
}

// TestNoNetworkCode reads the symbol table of quorum built for Linux (the
// ceremony laptop's OS; the ELF reader is in the standard library) and
// fails if any function that dials, listens, resolves names, opens a
// socket, or speaks HTTP or TLS is linked in. The packages that provide
// them must not even be imported.
func TestNoNetworkCode(t *testing.T) {
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skip("go is not in PATH")
	}
	out, err := exec.Command(goTool, "list", "-deps", ".").Output()
	if err != nil {
		t.Fatalf("go list -deps: %v", err)
	}
	for _, pkg := range strings.Fields(string(out)) {
		switch pkg {
		case "net/http", "crypto/tls", "net/rpc", "net/smtp", "net/mail", "net/http/httptrace":
			t.Errorf("quorum imports %s", pkg)
		}
	}

	bin := buildQuorum(t, "GOOS=linux", "GOARCH=amd64")
	f, err := elf.Open(bin)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	syms, err := f.Symbols()
	if err != nil {
		t.Fatalf("reading the symbol table: %v", err)
	}
	seen := map[string]bool{}
	for _, s := range syms {
		seen[s.Name] = true
		for _, bad := range networkSymbols {
			if strings.HasPrefix(s.Name, bad) {
				t.Errorf("network code is linked in: %s", s.Name)
			}
		}
	}
	// The table is the real one: quorum's own functions are in it.
	for _, want := range []string{"main.main", "main.runCombine", "filippo.io/age.Decrypt"} {
		if !seen[want] {
			t.Errorf("symbol %s is not in the table: the test reads the wrong file", want)
		}
	}
}
