package strength

import (
	"bufio"
	"embed"
	"math"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// The lists and how they were made: lists/README.
//
//go:embed lists/*.txt
var listFiles embed.FS

type entry struct {
	rank int
	what string
}

// ranked is the one table of the lists, token to rank. It is built on first
// use (about 40,000 tokens, a few milliseconds) so that commands that never
// check a passphrase do not pay for it, and never changes after.
var ranked = sync.OnceValue(func() map[string]entry {
	m := map[string]entry{}
	for _, l := range []struct{ file, what string }{
		{"lists/passwords.txt", "a common password"},
		{"lists/words.txt", "a common word"},
		{"lists/names.txt", "a name"},
	} {
		f, err := listFiles.Open(l.file)
		if err != nil {
			panic("strength: embedded list missing: " + err.Error())
		}
		sc := bufio.NewScanner(f)
		for sc.Scan() {
			token, rank, _ := strings.Cut(sc.Text(), " ")
			n, err := strconv.Atoi(rank)
			if err != nil {
				panic("strength: malformed embedded list " + l.file)
			}
			if e, ok := m[token]; !ok || n < e.rank {
				m[token] = entry{n, l.what}
			}
		}
		f.Close()
	}
	return m
})

// maxToken is the longest token of the lists worth looking for.
const maxToken = 24

// l33t is each substitution people make for a letter, as zxcvbn's table.
// A character that stands for two letters ("1" for i or l) is tried as
// each in turn: first and second below.
var l33t = map[rune][2]rune{
	'4': {'a', 'a'}, '@': {'a', 'a'}, '8': {'b', 'b'}, '(': {'c', 'c'}, '{': {'c', 'c'},
	'[': {'c', 'c'}, '<': {'c', 'c'}, '3': {'e', 'e'}, '6': {'g', 'g'}, '9': {'g', 'g'},
	'1': {'i', 'l'}, '!': {'i', 'i'}, '|': {'i', 'l'}, '7': {'l', 't'}, '0': {'o', 'o'},
	'$': {'s', 's'}, '5': {'s', 's'}, '+': {'t', 't'}, '%': {'x', 'x'}, '2': {'z', 'z'},
}

// listPieces finds the tokens of the lists in r, in any case, with l33t
// substitutions, and reversed: a token costs its rank, times the ways its
// case could vary, times the ways its substitutions could be placed, times
// two if reversed.
func listPieces(r []rune) []piece {
	table := ranked()
	var ps []piece
	buf := make([]byte, 0, 4*maxToken)
	defer func() { clear(buf[:cap(buf)]) }()
	lookup := func(i, j int, sub int, reversed bool) {
		buf = buf[:0]
		for k := i; k < j; k++ {
			c := r[k]
			if reversed {
				c = r[i+j-1-k]
			}
			if sub >= 0 {
				if s, ok := l33t[c]; ok {
					c = s[sub]
				}
			}
			buf = utf8.AppendRune(buf, unicode.ToLower(c))
		}
		e, ok := table[string(buf)] // no allocation: the compiler's map index of a []byte
		if !ok {
			return
		}
		g := float64(e.rank) * caseVariations(r[i:j])
		if sub >= 0 {
			g *= l33tVariations(r[i:j], sub)
		}
		if reversed {
			g *= 2
		}
		ps = append(ps, piece{i, j, math.Log2(g), e.what})
	}
	for i := range r {
		for j := i + 2; j <= len(r) && j-i <= maxToken; j++ {
			lookup(i, j, -1, false)
			lookup(i, j, -1, true)
			if hasL33t(r[i:j]) {
				lookup(i, j, 0, false)
				lookup(i, j, 1, false)
			}
		}
	}
	return ps
}

func hasL33t(t []rune) bool {
	for _, c := range t {
		if _, ok := l33t[c]; ok {
			return true
		}
	}
	return false
}

// caseVariations is zxcvbn's: all lower case is the first guess; one
// capital at either end or all capitals is two; otherwise every way of
// placing the capitals among the letters.
func caseVariations(t []rune) float64 {
	upper, lower := 0, 0
	for _, c := range t {
		switch {
		case unicode.IsUpper(c):
			upper++
		case unicode.IsLower(c):
			lower++
		}
	}
	switch {
	case upper == 0:
		return 1
	case lower == 0,
		upper == 1 && (unicode.IsUpper(t[0]) || unicode.IsUpper(t[len(t)-1])):
		return 2
	}
	return variations(upper, lower)
}

// l33tVariations is zxcvbn's: for each letter substituted, the ways of
// choosing which of its places hold the substitute; two if all do.
func l33tVariations(t []rune, sub int) float64 {
	v := 1.0
	done := map[rune]bool{}
	for _, c := range t {
		s, ok := l33t[c]
		if !ok || done[c] {
			continue
		}
		done[c] = true
		subbed, plain := 0, 0
		for _, d := range t {
			switch {
			case d == c:
				subbed++
			case unicode.ToLower(d) == s[sub]:
				plain++
			}
		}
		if plain == 0 {
			v *= 2
		} else {
			v *= variations(subbed, plain)
		}
	}
	return v
}
