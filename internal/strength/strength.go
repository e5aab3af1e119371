package strength

import (
	"math"
	"strings"
	"unicode"
	"unicode/utf8"
)

// piece explains the runes [i, j) of a passphrase in bits (log2 of the
// guesses it needs); what says what it is, "" for characters no pattern
// explains.
type piece struct {
	i, j int
	bits float64
	what string
}

// minPieceBits is the least a piece of two or more characters costs, as
// zxcvbn's MIN_SUBMATCH_GUESSES_MULTI_CHAR: even the first password of the
// list is one guess among the attacker's first fifty.
var minPieceBits = math.Log2(50)

// Estimate returns log2 of the guesses the cheapest explanation of pass
// needs, and what that explanation is, such as "a common word repeated" or
// "made of a common password and a run of characters"; "" if no part of
// pass follows a known pattern. The work grows with the cube of the length:
// callers bound it (a few hundred characters). Estimate keeps no copy of
// pass, and clears its own.
func Estimate(pass []byte) (bits float64, weakness string) {
	// Decoded by hand: string(pass) would leave a copy nobody can clear.
	r := make([]rune, 0, utf8.RuneCount(pass))
	for b := pass; len(b) > 0; {
		c, size := utf8.DecodeRune(b)
		r = append(r, c)
		b = b[size:]
	}
	defer clear(r)
	bits, chosen := explain(r)
	return bits, describe(chosen, len(r))
}

// explain finds the cheapest sequence of pieces that covers r.
func explain(r []rune) (float64, []piece) {
	n := len(r)
	ending := make([][]piece, n+1)
	for _, p := range pieces(r) {
		ending[p.j] = append(ending[p.j], p)
	}
	best := make([]float64, n+1)
	from := make([]piece, n+1)
	for j := 1; j <= n; j++ {
		best[j] = best[j-1] + bruteBits(r[j-1])
		from[j] = piece{i: j - 1, j: j, bits: bruteBits(r[j-1])}
		for _, p := range ending[j] {
			if b := best[p.i] + p.bits; b < best[j] {
				best[j], from[j] = b, p
			}
		}
	}
	var chosen []piece
	for j := n; j > 0; j = from[j].i {
		chosen = append(chosen, from[j])
	}
	for a, b := 0, len(chosen)-1; a < b; a, b = a+1, b-1 {
		chosen[a], chosen[b] = chosen[b], chosen[a]
	}
	return best[n], chosen
}

// bruteBits prices a character that no pattern explains by its class. A
// separator between words is one of a few an attacker tries.
func bruteBits(c rune) float64 {
	switch {
	case c >= '0' && c <= '9', strings.ContainsRune(" -_.,", c):
		return math.Log2(10)
	case c < utf8.RuneSelf && unicode.IsLetter(c):
		return math.Log2(26)
	case c < utf8.RuneSelf:
		return math.Log2(33)
	}
	return math.Log2(100)
}

// describe says what the chosen pieces are, for a person: the reason a
// passphrase is refused. It never quotes the passphrase.
func describe(chosen []piece, n int) string {
	var whats []string
	other := false
	for _, p := range chosen {
		switch {
		case p.what == "":
			other = true
		case !contains(whats, p.what):
			whats = append(whats, p.what)
		}
	}
	switch {
	case len(whats) == 0:
		return ""
	case len(chosen) == 1 && chosen[0].i == 0 && chosen[0].j == n:
		return whats[0]
	}
	if other {
		whats = append(whats, "other characters")
	}
	if len(whats) == 1 {
		if pl, ok := plurals[whats[0]]; ok {
			return "made of " + pl
		}
		return "made of " + whats[0] + ", more than once"
	}
	return "made of " + strings.Join(whats[:len(whats)-1], ", ") + " and " + whats[len(whats)-1]
}

var plurals = map[string]string{
	"a common password":   "common passwords",
	"a common word":       "common words",
	"a name":              "names",
	"a keyboard walk":     "keyboard walks",
	"a run of characters": "runs of characters",
	"a year":              "years",
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// pieces returns every piece of r that a pattern explains.
func pieces(r []rune) []piece {
	var ps []piece
	ps = append(ps, listPieces(r)...)
	ps = append(ps, keyboardPieces(r)...)
	ps = append(ps, runPieces(r)...)
	ps = append(ps, yearPieces(r)...)
	ps = append(ps, repeatPieces(r)...)
	for k := range ps {
		ps[k].bits = max(ps[k].bits, minPieceBits)
	}
	return ps
}

// runPieces finds runs of three or more characters with one step between
// neighbours, "abcd", "8642", "acegi", as zxcvbn's sequence matcher: a few
// starting characters are likelier than the rest, and going down doubles
// the guesses.
func runPieces(r []rune) []piece {
	var ps []piece
	for i := 0; i+2 < len(r); i++ {
		step := r[i+1] - r[i]
		if step == 0 || step < -5 || step > 5 {
			continue
		}
		first := 26.0
		switch {
		case strings.ContainsRune("aAzZ019", r[i]):
			first = 4
		case r[i] >= '0' && r[i] <= '9':
			first = 10
		}
		if step < 0 {
			first *= 2
		}
		for j := i + 2; j < len(r) && r[j]-r[j-1] == step; j++ {
			ps = append(ps, piece{i, j + 1, math.Log2(first * float64(j+1-i)), "a run of characters"})
		}
	}
	return ps
}

// yearPieces finds the years 1900 to 2099: two hundred guesses each.
func yearPieces(r []rune) []piece {
	var ps []piece
	for i := 0; i+4 <= len(r); i++ {
		century := r[i] == '1' && r[i+1] == '9' || r[i] == '2' && r[i+1] == '0'
		if century && isDigits(r[i+2:i+4]) {
			ps = append(ps, piece{i, i + 4, math.Log2(200), "a year"})
		}
	}
	return ps
}

func isDigits(r []rune) bool {
	for _, c := range r {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// repeatPieces finds a unit written twice or more in a row, "abab",
// "passwordpassword": its cost is the unit's own estimate, times the
// number of times it is written. Only units that are not themselves
// repeats are tried ("abab" as twice "ab", never once "abab" after "abab"
// as a unit), which keeps the number of pieces near n log n.
func repeatPieces(r []rune) []piece {
	var ps []piece
	for i := range r {
		for p := 1; i+2*p <= len(r); p++ {
			unit := r[i : i+p]
			if !equal(unit, r[i+p:i+2*p]) || !primitive(unit) {
				continue
			}
			unitBits, chosen := explain(unit)
			what := "one character repeated"
			if p > 1 {
				what = "a few characters repeated"
				if d := describe(chosen, p); d != "" && !strings.HasPrefix(d, "made of") {
					what = d + " repeated"
				}
			}
			for k := 2; i+k*p <= len(r) && equal(unit, r[i+(k-1)*p:i+k*p]); k++ {
				ps = append(ps, piece{i, i + k*p, unitBits + math.Log2(float64(k)), what})
			}
		}
	}
	return ps
}

func equal(a, b []rune) bool {
	for k := range a {
		if a[k] != b[k] {
			return false
		}
	}
	return true
}

// primitive reports whether u is not a shorter unit repeated.
func primitive(u []rune) bool {
	for d := 1; d < len(u); d++ {
		if len(u)%d == 0 && equal(u[:len(u)-d], u[d:]) {
			return false
		}
	}
	return true
}

// binomial returns n choose k, as a float: the counts of case and l33t
// variations grow past any integer type for long tokens.
func binomial(n, k int) float64 {
	if k < 0 || k > n {
		return 0
	}
	c := 1.0
	for i := 1; i <= k; i++ {
		c = c * float64(n-k+i) / float64(i)
	}
	return c
}

// variations is zxcvbn's count of the ways to place a of one kind among
// a+b (upper case letters among letters, substitutions among a letter's
// places), when neither is zero: at least one and at most min(a, b) of
// the a are placed.
func variations(a, b int) float64 {
	v := 0.0
	for k := 1; k <= min(a, b); k++ {
		v += binomial(a+b, k)
	}
	return v
}
