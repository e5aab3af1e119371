package main

import (
	"os"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/txtar"
)

// TestReadmeCustodians checks that testdata/readme_custodians.txtar's
// custodians file is README.md's example, line for line: the same names,
// the same recipients where the README shortens a key with "…", the same
// comments. The script splits with that file, so the README's example is
// a file quorum takes as it stands.
func TestReadmeCustodians(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	_, rest, ok := strings.Cut(string(readme), "begins a comment:")
	if !ok {
		t.Fatal("README.md no longer introduces its custodians file")
	}
	var want []string
	for _, line := range strings.Split(rest, "\n")[2:] {
		if !strings.HasPrefix(line, "    ") {
			break
		}
		want = append(want, line[4:])
	}
	ar, err := txtar.ParseFile("testdata/readme_custodians.txtar")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, f := range ar.Files {
		if f.Name == "custodians.txt" {
			got = strings.Split(strings.TrimSuffix(string(f.Data), "\n"), "\n")
		}
	}
	if len(want) == 0 || len(got) != len(want) {
		t.Fatalf("README.md shows %d custodians, the fixture has %d lines", len(want), len(got))
	}
	for i := range want {
		if !sameLine(want[i], got[i]) {
			t.Errorf("line %d:\nREADME.md: %s\nfixture:   %s", i+1, want[i], got[i])
		}
	}
}

// sameLine reports whether a fixture line is the README's, with keys the
// README shortens with "…" written out.
func sameLine(readme, fixture string) bool {
	rw, rc, _ := strings.Cut(readme, "#")
	fw, fc, _ := strings.Cut(fixture, "#")
	r, f := strings.Fields(rw), strings.Fields(fw)
	if strings.TrimSpace(rc) != strings.TrimSpace(fc) || len(r) != len(f) {
		return false
	}
	for i := range r {
		prefix, short := strings.CutSuffix(r[i], "…")
		if short && !strings.HasPrefix(f[i], prefix) || !short && f[i] != r[i] {
			return false
		}
	}
	return true
}
