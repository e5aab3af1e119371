package ceremony

import (
	"os"
	"strings"
	"testing"

	"quorum/internal/testtool"
)

// vectorLines returns the share file lines of a test vector (comment and
// numbered lines), and the numbered lines alone.
func vectorLines(t testing.TB, name string) (file, numbered []string) {
	b, err := os.ReadFile("../testdata/vectors/" + name)
	if err != nil {
		t.Fatal(err)
	}
	_, text, _ := strings.Cut(string(b), "\n\n")
	for _, l := range strings.Split(strings.TrimSpace(text), "\n") {
		file = append(file, l)
		if l[0] != '#' {
			numbered = append(numbered, l)
		}
	}
	return file, numbered
}

func TestTypeSheet(t *testing.T) {
	file, lines := vectorLines(t, "valid_x25519")
	bad7 := testtool.Slip(lines[6])
	tests := []struct {
		name   string
		typed  []string
		shown  []string // in this order
		prompt []string // among the prompts
	}{
		{name: "as printed", typed: lines},
		{name: "pasted file with comments", typed: file},
		{name: "lower case, without numbers, blank lines",
			typed: append([]string{"", strings.ToLower(lines[0])}, func() (out []string) {
				for _, l := range lines[1:] {
					out = append(out, l[4:], "")
				}
				return out
			}()...)},
		{name: "typo on line 7, retyped",
			typed:  append(append(append([]string{}, lines[:6]...), bad7, lines[6]), lines[7:]...),
			shown:  []string{"line 7: checksum mismatch: compare it with the sheet and type it again\n"},
			prompt: []string{"sheet 1, line 07: "}},
		{name: "pasted with a typo on line 7, then line 7 alone",
			typed: append(append(append(append([]string{}, lines[:6]...), bad7), lines[7:]...), lines[6]),
			shown: []string{
				"line 7: checksum mismatch: compare it with the sheet and type it again\n",
				"line 7 is still missing: type it again; the good lines after it are kept\n",
			}},
		{name: "a line again",
			typed: append(append(append([]string{}, lines[:3]...), lines[1]), lines[3:]...),
			shown: []string{"line 2 is already in; now line 4\n"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ui := &scriptedUI{t: t, lines: tt.typed}
			s, err := typeSheet(ui, 1)
			if err != nil || s == nil {
				t.Fatalf("typeSheet = %v, %v; shown:\n%s", s, err, ui.shown.String())
			}
			if s.Index != 1 || s.Custodian != "alice" {
				t.Errorf("got share %d (%s), want 1 (alice)", s.Index, s.Custodian)
			}
			rest := ui.shown.String()
			for _, w := range tt.shown {
				i := strings.Index(rest, w)
				if i < 0 {
					t.Fatalf("shown %q, want %q", ui.shown.String(), w)
				}
				rest = rest[i+len(w):]
			}
			if len(tt.shown) == 0 && ui.shown.Len() > 0 {
				t.Errorf("shown %q, want nothing", ui.shown.String())
			}
			for _, p := range tt.prompt {
				if strings.Count(strings.Join(ui.prompts, "|"), p) < 2 {
					t.Errorf("prompts %q: want %q asked again", ui.prompts, p)
				}
			}
		})
	}
}

func TestTypeSheetEnd(t *testing.T) {
	_, lines := vectorLines(t, "valid_x25519")
	// Enter or the end of input before a sheet: no more sheets.
	for _, typed := range [][]string{{""}, nil} { // sheet 2: one has been typed
		if s, err := typeSheet(&scriptedUI{t: t, lines: typed}, 2); s != nil || err != nil {
			t.Errorf("typeSheet(%q) = %v, %v; want nil, nil", typed, s, err)
		}
	}
	// The end of input within a sheet.
	_, err := typeSheet(&scriptedUI{t: t, lines: lines[:5]}, 1)
	if err == nil || err.Error() != "typing stopped at line 6 of sheet 1" {
		t.Errorf("typeSheet of 5 lines: %v", err)
	}
	// A line of its number and check alone, or nothing but a number.
	ui := &scriptedUI{t: t, lines: []string{"01 7K", "01", "01 QRM1"}}
	typeSheet(ui, 1)
	if got := strings.Count(ui.shown.String(), "line 1: "); got != 3 {
		t.Errorf("shown %q: want three messages about line 1", ui.shown.String())
	}
}

// FuzzTypeSheet types anything, line by line: typeSheet must end (the
// scripted terminal runs out) without panicking, and whatever share it
// returns must have come from lines that passed their checks.
func FuzzTypeSheet(f *testing.F) {
	file, lines := vectorLines(f, "valid_x25519")
	f.Add(strings.Join(file, "\n"))
	f.Add(strings.Join(lines, "\n"))
	f.Add(strings.ToLower(strings.Join(lines[:7], "\n")))
	f.Add("01 QRM1 7K\n999 A 00\n0 A B\n\n# x")
	f.Fuzz(func(t *testing.T, typed string) {
		ui := &scriptedUI{t: t, lines: strings.Split(typed, "\n")}
		s, err := typeSheet(ui, 1)
		if err == nil && s != nil {
			if _, err := s.Marshal(); err != nil {
				t.Errorf("typeSheet returned a share that does not marshal: %v", err)
			}
		}
	})
}
