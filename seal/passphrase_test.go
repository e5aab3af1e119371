package seal

import (
	"bytes"
	"crypto/rand"
	"errors"
	"regexp"
	"strings"
	"testing"
)

func TestCheckPassphrase(t *testing.T) {
	tests := []struct {
		name    string
		pass    string
		wantErr string // substring of the reason; "" if accepted
	}{
		{"six words", "tablet orbit fancy wisdom lunar piano", ""},
		{"16 characters", "a7#kQ9!zLm2$pR4x", ""},
		{"generated", "7QX4-M2KD-9P1Z-AB3C-DEFG-HJK5", ""},
		{"16 runes of 2 bytes", "éàüößçñåøæœ€§¶†‡", ""},
		{"empty", "", "it has 0 characters"},
		{"15 characters", "a7#kQ9!zLm2$pR4", "it has 15 characters"},
		{"15 runes in 30 bytes", "éàüößçñåøæœ€§¶†", "it has 15 characters"},
		{"257 characters", strings.Repeat("a7#kQ9!zLm2$pR4x", 16) + "a", "more than 256"},
		{"repeated", "xxxxxxxxxxxxxxxxxxxx", "one character repeated"},
		{"ascending digits", "0123456789:;<=>?@", "a run of characters"},
		{"ascending letters", "abcdefghijklmnopq", "a run of characters"},
		{"descending", "zyxwvutsrqponmlkj", "a run of characters"},
		{"step of two", "acegikmoqsuwy{}\u007f\u0081", "a run of characters"},
		{"run with a break", "12345678901234567", "fewer than 2^64"},
		{"nearly repeated", "aaaaaaaaaaaaaaab", "one character repeated"},
		// The security review's four: 16 characters, no run, and yet
		// among the first million guesses.
		{"a common word repeated", "passwordpassword", "a common password repeated"},
		{"capital and digits", "Password12345678", "common password"},
		{"keyboard rows", "qwertyuiopasdfgh", "fewer than 2^64"},
		{"two letters repeated", "abababababababab", "a few characters repeated"},
		{"four common words", "correct horse battery staple", "a common word"},
		{"16 digits", "8053917264082915", "fewer than 2^64"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := CheckPassphrase([]byte(tt.pass))
			if tt.wantErr == "" {
				if err != nil {
					t.Errorf("CheckPassphrase = %v, want nil", err)
				}
				return
			}
			var weak *WeakPassphraseError
			if !errors.As(err, &weak) {
				t.Fatalf("CheckPassphrase = %v, want a *WeakPassphraseError", err)
			}
			if !strings.Contains(weak.Reason, tt.wantErr) {
				t.Errorf("reason = %q, want it to contain %q", weak.Reason, tt.wantErr)
			}
			if tt.pass != "" && strings.Contains(err.Error(), tt.pass) {
				t.Errorf("error quotes the passphrase: %q", err)
			}
			if !strings.Contains(err.Error(), "generated passphrase") {
				t.Errorf("error %q does not say what to do", err)
			}
		})
	}
}

func TestGeneratePassphrase(t *testing.T) {
	// 15 bytes of 0xff and of 0x00 give the last and the first symbol.
	if got, want := string(GeneratePassphrase(bytes.NewReader(bytes.Repeat([]byte{0xff}, 15)))), "ZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZ"; got != want {
		t.Errorf("GeneratePassphrase(0xff…) = %q, want %q", got, want)
	}
	if got, want := string(GeneratePassphrase(bytes.NewReader(make([]byte, 15)))), "0000-0000-0000-0000-0000-0000"; got != want {
		t.Errorf("GeneratePassphrase(0x00…) = %q, want %q", got, want)
	}
	// 0x00 0x44 0x32 0x14 0xc7 is 00000 00001 00010 00011 00100 00101 00110 00111.
	seq := bytes.Repeat([]byte{0x00, 0x44, 0x32, 0x14, 0xc7}, 3)
	if got, want := string(GeneratePassphrase(bytes.NewReader(seq))), "0123-4567-0123-4567-0123-4567"; got != want {
		t.Errorf("GeneratePassphrase(counting) = %q, want %q", got, want)
	}

	shape := regexp.MustCompile(`^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){5}$`)
	seen := map[string]bool{}
	for range 100 {
		p := GeneratePassphrase(rand.Reader)
		if !shape.Match(p) {
			t.Fatalf("GeneratePassphrase = %q, want 6 groups of 4 Crockford symbols", p)
		}
		if err := CheckPassphrase(p); err != nil {
			t.Fatalf("CheckPassphrase(generated) = %v", err)
		}
		if seen[string(p)] {
			t.Fatalf("GeneratePassphrase repeated %q", p)
		}
		seen[string(p)] = true
	}
}

func TestGeneratePassphraseShortRandom(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Error("GeneratePassphrase with 14 bytes of randomness did not panic")
		}
	}()
	GeneratePassphrase(bytes.NewReader(make([]byte, 14)))
}
