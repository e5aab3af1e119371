package share

import (
	"errors"
	"strings"
	"testing"

	"quorum/internal/filter"
)

func TestValidateCustodian(t *testing.T) {
	for _, tt := range []struct {
		name, in string
		ok       bool
	}{
		{"latin", "alice", true},
		{"punctuation and digits", "alice.b_c-1", true},
		{"latin with accents", "Zoë", true},
		{"cyrillic", "алиса", true},
		{"greek", "Ωμέγα", true},
		{"japanese", "山田たろう", true},
		{"han with latin", "李Li", true},
		{"korean", "김민준", true},
		{"empty", "", false},
		{"too long", strings.Repeat("a", MaxCustodian+1), false},
		{"leading dash", "-alice", false},
		{"leading dot", ".alice", false},
		{"space", "alice smith", false},
		{"slash", "a/b", false},
		{"escape", "bob\x1b[2K", false},
		{"right-to-left override", "bob\u202eecila", false},
		{"zero-width space", "al\u200bice", false},
		{"zero-width joiner", "al\u200dice", false},
		{"line separator", "al\u2028ice", false},
		{"hangul filler", "bob\u3164", false},
		{"combining mark", "e\u0301", false},
		{"latin and cyrillic", "аlice", false},
		{"latin and greek", "alιce", false},
		{"cyrillic and greek", "алиσа", false},
		{"invalid UTF-8", "al\xffice", false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			err := ValidateCustodian(tt.in)
			if (err == nil) != tt.ok {
				t.Fatalf("ValidateCustodian(%q) = %v, want ok %v", tt.in, err, tt.ok)
			}
			if err != nil && tt.in != "" && strings.Contains(err.Error(), tt.in) {
				t.Errorf("the error quotes the name: %v", err)
			}
		})
	}
}

func TestValidateLabel(t *testing.T) {
	for _, tt := range []struct {
		name, in string
		ok       bool
	}{
		{"empty", "", true},
		{"plain", "root 2026", true},
		{"quotes and symbols", `root "2026" <&> №1 – ok`, true},
		{"words of two scripts", "root облако 2026", true},
		{"han and latin", "東京 root", true},
		{"too long", strings.Repeat("a", MaxLabel+1), false},
		{"newline", "root\nthreshold 2", false},
		{"tab", "root\t2026", false},
		{"escape", "root\x1b]0;title\x07", false},
		{"right-to-left override", "root \u202e6202", false},
		{"left-to-right isolate", "root \u2066x\u2069", false},
		{"zero-width joiner", "root\u200d 2026", false},
		{"byte order mark", "\ufeffroot", false},
		{"line separator", "root\u20282026", false},
		{"paragraph separator", "root\u20292026", false},
		{"private use", "root \ue000", false},
		{"mixed word", "rооt 2026", false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			err := ValidateLabel(tt.in)
			if (err == nil) != tt.ok {
				t.Fatalf("ValidateLabel(%q) = %v, want ok %v", tt.in, err, tt.ok)
			}
		})
	}
}

func TestCheckNames(t *testing.T) {
	for _, tt := range []struct {
		name  string
		names []string
		pair  [2]int // 0, 0 for none
	}{
		{"distinct", []string{"alice", "bob", "carol", "алиса"}, [2]int{}},
		{"accents count", []string{"zoe", "zoë"}, [2]int{}},
		{"cyrillic look-alike", []string{"alice", "bob", "аӏісе"}, [2]int{1, 3}},
		{"cyrillic capitals", []string{"HOME", "НОМЕ"}, [2]int{1, 2}},
		{"case", []string{"bob", "Alice", "alice"}, [2]int{2, 3}},
		{"fullwidth", []string{"alice", "ａｌｉｃｅ"}, [2]int{1, 2}},
		{"mathematical letters", []string{"paypal", "𝗉𝖺𝗒𝗉𝖺𝗅"}, [2]int{1, 2}},
		{"capital I and l", []string{"Ian", "lan"}, [2]int{1, 2}},
		{"digit one and l", []string{"bob1", "bobl"}, [2]int{1, 2}},
		{"digit zero and o", []string{"b0b", "bob"}, [2]int{1, 2}},
		{"rn and m", []string{"mary", "rnary"}, [2]int{1, 2}},
		{"greek capitals", []string{"KATE", "ΚΑΤΕ"}, [2]int{1, 2}},
		{"armenian", []string{"oh", "օհ"}, [2]int{1, 2}},
		{"composed and decomposed", []string{"josé", "jose\u0301"}, [2]int{1, 2}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			err := CheckNames(tt.names)
			var lae *LookAlikeError
			switch {
			case tt.pair == [2]int{}:
				if err != nil {
					t.Errorf("CheckNames(%q) = %v, want nil", tt.names, err)
				}
			case !errors.As(err, &lae):
				t.Errorf("CheckNames(%q) = %v, want a LookAlikeError", tt.names, err)
			case [2]int{lae.First, lae.Second} != tt.pair:
				t.Errorf("CheckNames(%q) names %d and %d, want %v", tt.names, lae.First, lae.Second, tt.pair)
			}
		})
	}
}

// FuzzNames checks the name and label rules against what the display
// filter and the look-alike check promise: a name or label that passes
// shows unchanged through filter.Text, and whether two names look alike
// does not depend on their order.
func FuzzNames(f *testing.F) {
	for _, s := range [][2]string{
		{"alice", "аӏісе"}, {"bob", "b0b"}, {"root 2026", "rооt"}, {"Zoë", "zoe\u0308"},
		{"bob\u202e", "al\u200bice"}, {"山田", "李Li"}, {"HOME", "НОМЕ"},
	} {
		f.Add(s[0], s[1])
	}
	f.Fuzz(func(t *testing.T, a, b string) {
		for _, s := range []string{a, b} {
			if ValidateLabel(s) == nil && filter.Text(s) != s {
				t.Fatalf("label %q passes but does not show as it is", s)
			}
			if ValidateCustodian(s) == nil {
				if filter.Text(s) != s || !oneScript(s) {
					t.Fatalf("name %q passes but is not clean and of one script", s)
				}
				if CheckNames([]string{s, s}) == nil {
					t.Fatalf("name %q does not look like itself", s)
				}
			}
		}
		if (CheckNames([]string{a, b}) == nil) != (CheckNames([]string{b, a}) == nil) {
			t.Fatalf("CheckNames of %q and %q depends on their order", a, b)
		}
	})
}
