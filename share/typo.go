package share

import "strings"

// Typos compares what a person typed (a fingerprint, a log hash: any case,
// Crockford's slips, spaces and dashes anywhere) with a known value in
// canonical form. When the two have the same number of symbols and differ
// in one or two of them, it returns their positions (1 for the first
// symbol); otherwise nil. A typed value one or two symbols from a value
// that exists is a typo, not another set or a forged log: SHA-256 gives no
// one two values that close.
func Typos(typed, known string) []int {
	typed = strings.NewReplacer(" ", "", "-", "", "\t", "").Replace(typed)
	if len(typed) != len(known) {
		return nil
	}
	var at []int
	for i := 0; i < len(typed); i++ {
		if v := symbolValue[typed[i]]; v < 0 || alphabet[v] != known[i] {
			if at = append(at, i+1); len(at) > 2 {
				return nil
			}
		}
	}
	return at
}

// IsSymbol reports whether c is read as a base32 symbol (FORMAT.md §1),
// slips and lower case included.
func IsSymbol(c byte) bool { return symbolValue[c] >= 0 }
