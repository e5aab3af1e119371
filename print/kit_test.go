package print

import (
	"testing"

	"quorum/share"
)

func TestVisibleSpaces(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"", ""},
		{"x = 1", "x = 1"},
		{"    return p", "····return p"},
		{" x", "·x"},
		{"a  # b", "a··# b"},
		{"check   SHARE", "check···SHARE"},
		{"f(a, b)", "f(a, b)"},
	} {
		if got := visibleSpaces(c.in); got != c.want {
			t.Errorf("visibleSpaces(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestKitLinesChecks(t *testing.T) {
	lines := KitLines([]byte("def f():\n    return 1\n"))
	want := []string{
		"001 " + share.TextLineCheck(1, false, "def f():") + " def f():",
		"002 " + share.TextLineCheck(2, true, "    return 1") + " ····return 1",
	}
	if len(lines) != len(want) {
		t.Fatalf("KitLines: %d lines, want %d", len(lines), len(want))
	}
	for i, l := range lines {
		if l.String() != want[i] {
			t.Errorf("line %d: %q, want %q", i+1, l.String(), want[i])
		}
	}
	// The check tells a line from the same line elsewhere, last or not.
	if share.TextLineCheck(2, true, "x") == share.TextLineCheck(2, false, "x") ||
		share.TextLineCheck(2, true, "x") == share.TextLineCheck(3, true, "x") {
		t.Error("the check ignores the line number or the last-line flag")
	}
}
