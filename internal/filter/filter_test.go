package filter

import (
	"testing"
	"unicode/utf8"
)

func TestText(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"plain", "root 2026", "root 2026"},
		{"letters of other scripts", "zoë Ωμέγα алиса 秘密", "zoë Ωμέγα алиса 秘密"},
		{"escape sequence", "2026-12-04\x1b[1A\x1b[2K", `2026-12-04\x1b[1A\x1b[2K`},
		{"carriage return", "alice\rmallory", `alice\x0dmallory`},
		{"newline and tab", "a\nb\tc", `a\x0ab\x09c`},
		{"delete and C1", "a\x7fb\u009bc", `a\x7fb\u009bc`},
		{"right-to-left override", "alice\u202eecila", `alice\u202eecila`},
		{"bidi isolates", "\u2066a\u2069", `\u2066a\u2069`},
		{"zero width", "al\u200bice\u200d\ufeff", `al\u200bice\u200d\ufeff`},
		{"line and paragraph separators", "a\u2028b\u2029c", `a\u2028b\u2029c`},
		{"hangul filler", "a\u3164b", `a\u3164b`},
		{"variation selector", "a\ufe0fb", `a\ufe0fb`},
		{"tag character", "a\U000e0041b", `a\U000e0041b`},
		{"private use", "a\ue000b", `a\ue000b`},
		{"unassigned", "a\U0010fffdb", `a\U0010fffdb`},
		{"invalid UTF-8", "a\xffb\xc3", `a\xffb\xc3`},
		{"no-break space stays", "a\u00a0b", "a\u00a0b"},
		{"combining accent stays", "e\u0301", "e\u0301"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Text(tt.in)
			if got != tt.want {
				t.Errorf("Text(%q) = %q, want %q", tt.in, got, tt.want)
			}
			if again := Text(got); again != got {
				t.Errorf("Text is not idempotent: %q, then %q", got, again)
			}
		})
	}
}

// FuzzText checks the promise callers rely on: what Text returns is valid
// UTF-8 without a character it refuses, and printable input comes back as
// it was.
func FuzzText(f *testing.F) {
	for _, s := range []string{"root 2026", "\x1b[2J", "a\u202eb", "\xff", "zoë"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := Text(s)
		if !utf8.ValidString(got) {
			t.Fatalf("Text(%q) = %q is not valid UTF-8", s, got)
		}
		for _, r := range got {
			if refused(r) {
				t.Fatalf("Text(%q) = %q keeps %U", s, got, r)
			}
		}
		if Text(got) != got {
			t.Fatalf("Text(%q) = %q changes again", s, got)
		}
	})
}

func TestLines(t *testing.T) {
	in := "# Runbook\n\nset \"root\x1b[2J\"\u202e\nlast"
	want := "# Runbook\n\nset \"root\\x1b[2J\"\\u202e\nlast"
	if got := Lines(in); got != want {
		t.Errorf("Lines(%q) = %q, want %q", in, got, want)
	}
}

func TestPrintable(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want bool
	}{
		{"Correct-Horse-9", true},
		{"pässwörd €", true},
		{"", true},
		{"abc\x1b[2Jdef", false},
		{"tab\there", false},
		{"rtl\u202etext", false},
		{"zero\u200bwidth", false},
		{"bad\xffbyte", false},
	} {
		if got := Printable([]byte(tt.in)); got != tt.want {
			t.Errorf("Printable(%q) = %v, want %v", tt.in, got, tt.want)
		}
		if got := Text(tt.in) == tt.in; got != tt.want {
			t.Errorf("Text(%q) unchanged = %v, but Printable says %v", tt.in, got, tt.want)
		}
	}
}
