// Package filter makes text that came from a file safe to show. Every
// string read from a manifest, a share, the access log, a custodians file
// or a scan passes [Text] before it reaches a terminal or a PDF.
//
// It protects the screen and the page: a forged file must not be able to
// move the cursor, repaint lines that quorum printed (say, a genuine set
// fingerprint beside "signature valid"), reverse the order in which text
// is drawn, or hide characters. It does not judge whether text is true or
// whether two names look alike; the parsers refuse that where they read
// the file (share.ValidateLabel, share.ValidateCustodian).
package filter

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Text returns s with every character that could change how the rest of
// a terminal line or a page is drawn replaced by a visible escape, as Go
// writes it in a string literal (\x1b, \u202e, \U000e0041), and every byte
// that is not UTF-8 by \xNN. It refuses:
//
//   - control characters (Cc: ESC, CR, BS, newlines and tabs, which would
//     let one field pass for several lines),
//   - format characters (Cf: the bidi controls U+202A…U+202E and
//     U+2066…U+2069, zero-width spaces and joiners, soft hyphens),
//   - line and paragraph separators (Zl, Zp),
//   - private-use, surrogate and unassigned code points, which a font or
//     terminal may draw as anything,
//   - default-ignorable characters that Unicode files under other
//     categories (Hangul fillers, variation selectors, the combining
//     grapheme joiner): drawn as nothing, they hide a difference.
//
// Printable text comes back unchanged, so filtering twice is harmless.
// Text of several lines goes through [Lines].
func Text(s string) string {
	i := strings.IndexFunc(s, refused)
	if i < 0 && utf8.ValidString(s) {
		return s
	}
	var b strings.Builder
	for len(s) > 0 {
		r, size := utf8.DecodeRuneInString(s)
		switch {
		case r == utf8.RuneError && size == 1:
			fmt.Fprintf(&b, `\x%02x`, s[0])
		case !refused(r):
			b.WriteString(s[:size])
		case r < 0x80:
			fmt.Fprintf(&b, `\x%02x`, r)
		case r <= 0xFFFF:
			fmt.Fprintf(&b, `\u%04x`, r)
		default:
			fmt.Fprintf(&b, `\U%08x`, r)
		}
		s = s[size:]
	}
	return b.String()
}

// Printable reports whether b would pass [Text] unchanged: valid UTF-8
// with no character Text refuses. It reads b in place, so that a secret
// is checked without a copy of it in a string.
func Printable(b []byte) bool {
	for len(b) > 0 {
		r, size := utf8.DecodeRune(b)
		if r == utf8.RuneError && size == 1 || refused(r) {
			return false
		}
		b = b[size:]
	}
	return true
}

// Lines passes each line of s through [Text] and keeps the line breaks
// (\n) between them: for text of several lines, such as a plugin's
// message or a runbook written to standard output.
func Lines(s string) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = Text(l)
	}
	return strings.Join(lines, "\n")
}

// refused reports whether r may not reach a terminal or a page as it is.
// unicode.IsGraphic admits letters, marks, numbers, punctuation, symbols
// and spaces, and so leaves out Cc, Cf, Zl, Zp, Co, Cs and unassigned code
// points; the default-ignorable ones are refused on top.
func refused(r rune) bool {
	return !unicode.IsGraphic(r) ||
		unicode.Is(unicode.Other_Default_Ignorable_Code_Point, r) ||
		unicode.Is(unicode.Variation_Selector, r)
}
