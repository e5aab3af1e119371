package docs_test

// TestKitRoundTrip types recover.py back from the printed recovery kit as a
// person would, with pdftotext standing in for their eyes: it takes
// kitcheck.py and the numbered lines of recover.py from the PDF's text,
// runs kitcheck.py on the lines, checks that the script it writes is
// docs/recover.py byte for byte and has the SHA-256 the kit prints, and
// rebuilds a secret with it from real shares.

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"quorum/docs"
	"quorum/internal/testtool"
	"quorum/print"
	"quorum/share"
)

func TestKitRoundTrip(t *testing.T) {
	testtool.Need(t, "python3")
	pdftotext := testtool.Need(t, "pdftotext")
	testtool.Need(t, "age")
	dir := t.TempDir()
	pdf, err := print.KitPDF(print.KitOptions{})
	if err != nil {
		t.Fatal(err)
	}
	kitPDF := filepath.Join(dir, "kit.pdf")
	if err := os.WriteFile(kitPDF, pdf, 0o600); err != nil {
		t.Fatal(err)
	}
	// -raw: the text in the order the page draws it, one line of the
	// kit a line of text, as a person reads down the page.
	out, err := exec.Command(pdftotext, "-raw", kitPDF, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	// What the person reads: a space for each · (print's kitSpace).
	text := strings.ReplaceAll(string(out), "·", " ")

	// kitcheck.py: the lines under its heading, up to the page's footer.
	_, after, ok := strings.Cut(text, "\nkitcheck.py\n")
	if !ok {
		t.Fatal("the kit's text has no kitcheck.py")
	}
	checker, _, ok := strings.Cut(after, "\nquorum recovery kit")
	if !ok {
		t.Fatal("kitcheck.py runs to the end of the kit's text")
	}
	checker = strings.TrimSpace(checker) + "\n"
	if checker != string(docs.KitCheck) {
		t.Fatalf("kitcheck.py as the kit prints it differs from docs/kitcheck.py:\n%s", checker)
	}
	if h := sha256.Sum256([]byte(checker)); !strings.Contains(text, hex.EncodeToString(h[:])) {
		t.Errorf("the kit does not print kitcheck.py's SHA-256 %x", h)
	}

	// recover.py's numbered lines, as typed.
	var typed []string
	numbered := regexp.MustCompile(`^\d{3} [0-9A-Z]{2}( |$)`)
	for _, l := range strings.Split(text, "\n") {
		if numbered.MatchString(l) {
			typed = append(typed, l)
		}
	}
	if len(typed) != len(print.KitLines(docs.Recover)) {
		t.Fatalf("the kit's text has %d numbered lines, recover.py %d", len(typed), len(print.KitLines(docs.Recover)))
	}
	write := func(name string, b []byte) string {
		t.Helper()
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, b, 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	write("kitcheck.py", []byte(checker))
	typedFile := write("typed.txt", []byte(strings.Join(typed, "\n")+"\n"))
	runChecker := func(file string) ([]byte, string, error) {
		cmd := exec.Command("python3", "kitcheck.py", file)
		cmd.Dir = dir
		var stdout, stderr bytes.Buffer
		cmd.Stdout, cmd.Stderr = &stdout, &stderr
		err := cmd.Run()
		return stdout.Bytes(), stderr.String(), err
	}
	script, errOut, err := runChecker(typedFile)
	if err != nil {
		t.Fatalf("kitcheck.py on the kit's lines: %v\n%s", err, errOut)
	}
	if !bytes.Equal(script, docs.Recover) {
		t.Fatal("the script typed back from the kit differs from docs/recover.py")
	}
	sum := sha256.Sum256(script)
	if !strings.Contains(text, hex.EncodeToString(sum[:])) || print.KitSHA256() != hex.EncodeToString(sum[:]) {
		t.Errorf("the kit does not print the typed script's SHA-256 %x", sum)
	}

	// A typo is named by its line: a character changed on line 200, and
	// two neighbours swapped on line 300.
	for _, c := range []struct {
		line int
		edit func(string) string
	}{
		{200, func(s string) string { return s[:len(s)-1] + string(s[len(s)-1]^1) }},
		{300, func(s string) string { n := len(s); return s[:n-2] + string(s[n-1]) + string(s[n-2]) }},
	} {
		bad := append([]string(nil), typed...)
		bad[c.line-1] = c.edit(bad[c.line-1])
		if bad[c.line-1] == typed[c.line-1] {
			t.Fatalf("line %d: the edit changed nothing", c.line)
		}
		_, errOut, err := runChecker(write("bad.txt", []byte(strings.Join(bad, "\n")+"\n")))
		if err == nil || !strings.Contains(errOut, "line "+strconv.Itoa(c.line)+": mistyped") {
			t.Errorf("line %d mistyped: kitcheck.py said %v %q", c.line, err, errOut)
		}
	}

	// The script typed back rebuilds a secret from real shares, opening
	// them with stock age.
	secret := []byte("typed back from the binder")
	s := makeSet(t, secret, 3, 2)
	recoverPy := write("recover.py", script)
	args := []string{recoverPy, "combine"}
	for _, i := range []int{2, 0} {
		args = append(args, s.files[i], write(strconv.Itoa(i)+".key", []byte(s.ids[i].String()+"\n")))
	}
	got, err := exec.Command("python3", args...).Output()
	if err != nil || !bytes.Equal(got, secret) {
		t.Fatalf("the typed-back recover.py combine: %q, %v", got, err)
	}
}

// TestKitLines checks what the kit's lines rely on: the checks are
// share.TextLineCheck's, no line of the scripts holds the · that stands
// for a space, and none has trailing spaces a reader could not see.
func TestKitLines(t *testing.T) {
	for name, script := range map[string][]byte{"recover.py": docs.Recover, "kitcheck.py": docs.KitCheck} {
		lines := strings.Split(strings.TrimSuffix(string(script), "\n"), "\n")
		kl := print.KitLines(script)
		for i, l := range lines {
			if strings.Contains(l, "·") || strings.HasSuffix(l, " ") || strings.Contains(l, "\t") {
				t.Errorf("%s line %d: a ·, a tab or a trailing space cannot be printed plainly", name, i+1)
			}
			if want := share.TextLineCheck(i+1, i == len(lines)-1, l); kl[i].Check != want {
				t.Errorf("%s line %d: check %s, want %s", name, i+1, kl[i].Check, want)
			}
			if got := strings.ReplaceAll(kl[i].Code, "·", " "); got != l {
				t.Errorf("%s line %d prints as %q", name, i+1, kl[i].Code)
			}
		}
	}
}
