package share

import (
	"slices"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// This file tells whether text mixes scripts, and folds names that look
// alike to one key, after Unicode's security mechanisms (UTS #39): the
// "highly restrictive" level of §5.2 for one name or word, and a skeleton
// (§4) for two names.
//
// The skeleton's table is our own, and small. golang.org/x/text has
// normalization but no confusables data, and the Go package that carries
// Unicode's confusables.txt (github.com/mtibben/confusables) has been idle
// since 2021, on Unicode 13 and without a go.mod. Our names need far less
// than the 6,000 lines of that file: a name is letters and digits of one
// script, and NFKD already folds fullwidth and mathematical letters, so
// what is left is the letters that Cyrillic, Greek, Armenian, Cherokee and
// Lisu draw like Latin ones, and the few Latin shapes that pass for
// others (l and I, 0 and O, rn and m). Look-alikes between two non-Latin
// scripts are not in it.

// oneScript reports whether the letters of s are of one script, counting
// Han with Hiragana and Katakana, with Bopomofo or with Hangul, and any of
// those with Latin, as one (UTS #39 §5.2, highly restrictive): Japanese,
// Chinese and Korean are written that way. Digits, punctuation and
// combining marks (Common and Inherited) go with any script.
func oneScript(s string) bool {
	var scripts []string
	for _, r := range s {
		if sc := scriptOf(r); sc != "" && !slices.Contains(scripts, sc) {
			scripts = append(scripts, sc)
		}
	}
	if len(scripts) <= 1 {
		return true
	}
	for _, allowed := range [][]string{
		{"Latin", "Han", "Hiragana", "Katakana"},
		{"Latin", "Han", "Bopomofo"},
		{"Latin", "Han", "Hangul"},
	} {
		if !slices.ContainsFunc(scripts, func(sc string) bool { return !slices.Contains(allowed, sc) }) {
			return true
		}
	}
	return false
}

// scriptOf returns the name of r's script as unicode.Scripts has it, or ""
// for Common, Inherited and unassigned code points.
func scriptOf(r rune) string {
	if r < 0x80 {
		if 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' {
			return "Latin"
		}
		return ""
	}
	if unicode.Is(unicode.Common, r) || unicode.Is(unicode.Inherited, r) {
		return ""
	}
	for name, table := range unicode.Scripts {
		if unicode.Is(table, r) {
			return name
		}
	}
	return ""
}

// skeleton folds a name to the key that look-alike names share: NFKD,
// then each letter through lookAlike or to lower case, then the Latin
// pairs that pass for one letter.
func skeleton(name string) string {
	var b strings.Builder
	for _, r := range norm.NFKD.String(name) {
		if t, ok := lookAlike[r]; ok {
			b.WriteString(t)
		} else {
			b.WriteRune(unicode.ToLower(r))
		}
	}
	s := b.String()
	for _, p := range [][2]string{{"rn", "m"}, {"vv", "w"}, {"cl", "d"}} {
		s = strings.ReplaceAll(s, p[0], p[1])
	}
	return s
}

// lookAlike maps letters and digits to the lower-case Latin letter they
// are drawn like. Upper case is mapped on its own, since Cyrillic "Н" looks
// like "H" where its lower case "н" looks like no Latin letter.
var lookAlike = map[rune]string{
	// Latin and digits
	'I': "l", '1': "l", '0': "o", 'ı': "i", 'ȷ': "j", 'ɑ': "a", 'ɡ': "g", 'ɩ': "i", 'ʟ': "l",
	// Cyrillic
	'А': "a", 'а': "a", 'В': "b", 'С': "c", 'с': "c", 'Е': "e", 'е': "e", 'Ꙇ': "l",
	'Һ': "h", 'һ': "h", 'Н': "h", 'І': "l", 'і': "i", 'Ј': "j", 'ј': "j", 'К': "k",
	'Ӏ': "l", 'ӏ': "l", 'М': "m", 'О': "o", 'о': "o", 'Р': "p", 'р': "p", 'Ԛ': "q",
	'ԛ': "q", 'Ѕ': "s", 'ѕ': "s", 'Т': "t", 'Ѵ': "v", 'ѵ': "v", 'Ԝ': "w", 'ԝ': "w",
	'Х': "x", 'х': "x", 'У': "y", 'у': "y", 'Ү': "y", 'ү': "y", 'Ԁ': "d", 'ԁ': "d",
	'З': "3", 'з': "3", 'Ь': "b", 'Ɡ': "g",
	// Greek
	'Α': "a", 'α': "a", 'Β': "b", 'Ε': "e", 'Ζ': "z", 'Η': "h", 'Ι': "l", 'ι': "i",
	'Κ': "k", 'Μ': "m", 'Ν': "n", 'ν': "v", 'Ο': "o", 'ο': "o", 'Ρ': "p", 'ρ': "p",
	'Τ': "t", 'Υ': "y", 'γ': "y", 'Χ': "x", 'ϲ': "c", 'Ϲ': "c", 'ϳ': "j", 'Ϳ': "j",
	// Armenian
	'Օ': "o", 'օ': "o", 'Ս': "u", 'ս': "u", 'հ': "h", 'ո': "n", 'ց': "g", 'զ': "q",
	'ա': "w", 'Լ': "l",
	// Cherokee
	'Ꭺ': "a", 'Ᏼ': "b", 'Ꮯ': "c", 'Ꭼ': "e", 'Ꮋ': "h", 'Ꮖ': "l", 'Ꭻ': "j", 'Ꮶ': "k",
	'Ꮮ': "l", 'Ꮇ': "m", 'Ꮲ': "p", 'Ꮪ': "s", 'Ꭲ': "t", 'Ꮩ': "v", 'Ꮃ': "w", 'Ꮓ': "z",
	// Lisu
	'ꓮ': "a", 'ꓐ': "b", 'ꓚ': "c", 'ꓓ': "d", 'ꓰ': "e", 'ꓝ': "f", 'ꓖ': "g", 'ꓧ': "h",
	'ꓲ': "l", 'ꓙ': "j", 'ꓗ': "k", 'ꓡ': "l", 'ꓟ': "m", 'ꓠ': "n", 'ꓳ': "o", 'ꓑ': "p",
	'ꓣ': "r", 'ꓢ': "s", 'ꓔ': "t", 'ꓴ': "u", 'ꓦ': "v", 'ꓪ': "w", 'ꓫ': "x", 'ꓬ': "y",
	'ꓜ': "z",
}
