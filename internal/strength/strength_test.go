package strength

import (
	"bufio"
	"math/rand/v2"
	"strings"
	"testing"
)

func TestEstimate(t *testing.T) {
	tests := []struct {
		name     string
		pass     string
		maxBits  float64 // the estimate must be at most this; 0 for no bound
		minBits  float64 // and at least this
		weakness string  // a substring of what it says; "" for no check
	}{
		// The security review's examples: each took 16 characters and no
		// run, and each is among an attacker's first million guesses.
		{"a common password repeated", "passwordpassword", 20, 0, "a common password repeated"},
		{"a capital, a password and digits", "Password12345678", 20, 0, "common password"},
		{"two keyboard rows", "qwertyuiopasdfgh", 30, 0, ""},
		{"two letters repeated", "abababababababab", 20, 0, "a few characters repeated"},
		{"a common word repeated", "housegardenhousegarden", 40, 0, "repeated"},
		{"one character repeated", "xxxxxxxxxxxxxxxxxxxx", 20, 0, "one character repeated"},
		{"nearly repeated", "aaaaaaaaaaaaaaab", 20, 0, "one character repeated"},
		{"a run", "abcdefghijklmnopq", 20, 0, "a run of characters"},
		{"a run down", "zyxwvutsrqponmlkj", 20, 0, "a run of characters"},
		{"a run by twos", "acegikmoqsuwy{}\u007f\u0081", 20, 0, "a run of characters"},
		{"a run with a break", "12345678901234567", 25, 0, ""},
		{"a keyboard walk", "1qaz2wsx3edc4rfv", 40, 0, ""},
		{"a reversed word", "drowssapdrowssap", 20, 0, "repeated"},
		{"l33t and a year", "P@ssw0rd2026!!!!", 40, 0, "a common password"},
		{"l33t repeated", "Tr0ub4dor&3Tr0ub4dor&3", 50, 0, "repeated"},
		{"four words (xkcd's 44 bits)", "correct horse battery staple", 63, 0, "a common word"},
		{"names and a year", "MaryJohnSmith1985", 50, 0, "a name"},
		{"l33t name", "j3nn1f3r", 30, 0, "a name"},

		// What must pass: six diceware-like words, random characters,
		// quorum's generated passphrase.
		{"six words", "tablet orbit fancy wisdom lunar piano", 0, 64, ""},
		{"six words run together", "tabletorbitfancywisdomlunarpiano", 0, 64, ""},
		{"16 random characters", "a7#kQ9!zLm2$pR4x", 0, 64, ""},
		{"16 runes of 2 bytes", "éàüößçñåøæœ€§¶†‡", 0, 64, ""},
		{"generated", "7QX4-M2KD-9P1Z-AB3C-DEFG-HJK5", 0, 64, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			bits, weakness := Estimate([]byte(tt.pass))
			if tt.maxBits != 0 && bits > tt.maxBits {
				t.Errorf("Estimate = 2^%.1f (%s), want at most 2^%.0f", bits, weakness, tt.maxBits)
			}
			if bits < tt.minBits {
				t.Errorf("Estimate = 2^%.1f (%s), want at least 2^%.0f", bits, weakness, tt.minBits)
			}
			if !strings.Contains(weakness, tt.weakness) {
				t.Errorf("weakness = %q, want it to contain %q", weakness, tt.weakness)
			}
			if len(tt.pass) > 3 && strings.Contains(weakness, tt.pass[1:len(tt.pass)-1]) {
				t.Errorf("weakness %q quotes the passphrase", weakness)
			}
		})
	}
}

// TestEstimateRandomWords draws six words, as diceware does, from the 7,776
// commonest of the word list (a diceware list's size, and commoner words
// than its own): each draw must pass the bar, with spaces and without.
func TestEstimateRandomWords(t *testing.T) {
	f, err := listFiles.Open("lists/words.txt")
	if err != nil {
		t.Fatal(err)
	}
	var words []string
	sc := bufio.NewScanner(f)
	for sc.Scan() && len(words) < 7776 {
		w, _, _ := strings.Cut(sc.Text(), " ")
		words = append(words, w)
	}
	rng := rand.New(rand.NewChaCha8([32]byte{'q', 'u', 'o', 'r', 'u', 'm'}))
	for range 200 {
		var draw []string
		for range 6 {
			draw = append(draw, words[rng.IntN(len(words))])
		}
		for _, sep := range []string{" ", "-"} {
			p := strings.Join(draw, sep)
			if bits, weakness := Estimate([]byte(p)); bits < 64 {
				t.Errorf("Estimate(%q) = 2^%.1f (%s), want at least 2^64", p, bits, weakness)
			}
		}
	}
}

func TestEstimateLongRepeat(t *testing.T) {
	// The longest passphrase a caller passes, repeated and not: the
	// estimate must stay low for the first and take little time for both.
	if bits, _ := Estimate([]byte(strings.Repeat("a", 256))); bits > 20 {
		t.Errorf("Estimate(256 × a) = 2^%.1f, want at most 2^20", bits)
	}
	if bits, _ := Estimate([]byte(strings.Repeat("ab1", 85))); bits > 30 {
		t.Errorf("Estimate(85 × ab1) = 2^%.1f, want at most 2^30", bits)
	}
}

func BenchmarkEstimate256(b *testing.B) {
	rng := rand.New(rand.NewChaCha8([32]byte{}))
	p := make([]byte, 256)
	for i := range p {
		p[i] = byte('!' + rng.IntN(94))
	}
	for b.Loop() {
		Estimate(p)
	}
}

// FuzzEstimate checks that any input, valid UTF-8 or not, gives an estimate
// between zero and what its characters cost unexplained.
func FuzzEstimate(f *testing.F) {
	for _, s := range []string{"passwordpassword", "Password12345678", "qwertyuiopasdfgh", "abababababababab", "P@ssw0rd2026!!!!", "\xff\xfe", ""} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, pass []byte) {
		if len(pass) > 256 {
			return
		}
		bits, _ := Estimate(pass)
		most := 0.0
		for _, c := range string(pass) {
			most += bruteBits(c)
		}
		if bits < 0 || bits > most+1e-9 {
			t.Fatalf("Estimate = 2^%.2f, want between 0 and 2^%.2f", bits, most)
		}
	})
}
