package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"quorum/internal/testtool"
)

// sheetLines returns the numbered lines of a share file, as its sheet
// prints them.
func sheetLines(t *testing.T, file string) []string {
	t.Helper()
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	var lines []string
	for _, l := range strings.Split(string(b), "\n") {
		if l != "" && l[0] >= '0' && l[0] <= '9' {
			lines = append(lines, l)
		}
	}
	return lines
}

// expectNew reads the terminal until it shows want after the first from
// bytes of what it showed, and returns where want ends.
func (p *ttyProc) expectNew(from int, want string) int {
	p.t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	buf := make([]byte, 4096)
	for {
		if i := strings.Index(p.seen.String()[from:], want); i >= 0 {
			return from + i + len(want)
		}
		p.master.SetReadDeadline(deadline)
		n, err := p.master.Read(buf)
		p.seen.Write(buf[:n])
		if err != nil {
			p.t.Fatalf("terminal shows %q after byte %d, waiting for %q: %v (stderr %q)", p.seen.String()[from:], from, want, err, p.stderr.String())
		}
	}
}

// TestCombineTypedSheet types bob's sheet on the terminal, line by line:
// some lines in lower case and with Crockford's look-alikes (o for 0, l
// for 1), and a slip on line 7. The slip is named as line 7, the retyped
// line is taken, and the typed share combines with alice's file to the
// secret. Echo stays on throughout: sheet text is not secret.
func TestCombineTypedSheet(t *testing.T) {
	bin := buildQuorum(t)
	dir := t.TempDir()
	env := isolatedEnv(dir)
	const secret = "Typed-Sheet-Canary-4Rt8"
	newSet(t, bin, dir, env, secret)
	lines := sheetLines(t, filepath.Join(dir, "set", "2-bob.share"))
	if len(lines) < 8 {
		t.Fatalf("bob's share has %d lines; the test needs 8 or more", len(lines))
	}

	p := startTTY(t, bin, ttyOptions{dir: dir, env: env},
		"combine", "-i", "alice.key", "-i", "bob.key", "--type", "set/1-alice.share")
	at := 0
	for i, line := range lines {
		prompt := fmt.Sprintf("sheet 1, line %02d: ", i+1)
		at = p.expectNew(at, prompt)
		if !p.echoOn() {
			t.Fatalf("echo is off at %q: typed sheet text must be seen", prompt)
		}
		switch {
		case i == 6:
			p.typ(testtool.Slip(line) + "\n")
			at = p.expectNew(at, "line 7: checksum mismatch: compare it with the sheet and type it again")
			at = p.expectNew(at, prompt)
		case i%3 == 1:
			line = strings.ToLower(line)
		case i%3 == 2:
			line = strings.NewReplacer("0", "o", "1", "l").Replace(line[4:]) // and without the line number
		}
		p.typ(line + "\n")
	}
	at = p.expectNew(at, "sheet 1: share 2 of 2 (bob), set ")
	p.expectNew(at, "sheet 2, line 01 (or Enter if there are no more sheets): ")
	p.typ("\n")
	p.mustSucceed()
	if got := p.stdout.String(); got != secret {
		t.Errorf("stdout = %q, want the secret %q", got, secret)
	}
	if strings.Contains(p.stderr.String(), "sheet 1, line") {
		t.Errorf("a prompt reached stderr: %q", p.stderr.String())
	}
}

// TestCombinePastedSheet pastes bob's whole share file at once, comment
// lines and a slip on line 7 included: line 7 is named, the lines after it
// are kept, and retyping line 7 alone completes the sheet.
func TestCombinePastedSheet(t *testing.T) {
	bin := buildQuorum(t)
	dir := t.TempDir()
	env := isolatedEnv(dir)
	const secret = "Pasted-Sheet-Canary-9Vb3"
	newSet(t, bin, dir, env, secret)
	file, err := os.ReadFile(filepath.Join(dir, "set", "2-bob.share"))
	if err != nil {
		t.Fatal(err)
	}
	lines := sheetLines(t, filepath.Join(dir, "set", "2-bob.share"))
	pasted := strings.Replace(string(file), lines[6], testtool.Slip(lines[6]), 1)

	p := startTTY(t, bin, ttyOptions{dir: dir, env: env},
		"combine", "-i", "alice.key", "-i", "bob.key", "--type", "set/1-alice.share")
	at := p.expectNew(0, "sheet 1, line 01: ")
	p.typ(pasted)
	at = p.expectNew(at, "line 7: checksum mismatch: compare it with the sheet and type it again")
	at = p.expectNew(at, "sheet 1, line 07: ")
	p.typ(lines[6] + "\n")
	at = p.expectNew(at, "sheet 1: share 2 of 2 (bob), set ")
	p.expectNew(at, "sheet 2, line 01 (or Enter if there are no more sheets): ")
	p.typ("\n")
	p.mustSucceed()
	if got := p.stdout.String(); got != secret {
		t.Errorf("stdout = %q, want the secret %q", got, secret)
	}
}
