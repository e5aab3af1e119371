package share

import (
	"errors"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"quorum/internal/filter"
)

// The rules for labels and custodian names are written once, here, and
// called wherever one is read: a share's header, a manifest, the
// custodians file and the options of a split. A label and a name are what
// a person reads on a screen or a sheet to tell sets and custodians apart,
// so beyond FORMAT.md §3's limits they refuse what would make two
// different texts look the same: characters drawn as nothing or that
// reorder the text (internal/filter refuses those on display too), and
// letters of two scripts in one word, the usual way to forge a look-alike
// ("аlice" with a Cyrillic "а").

// ValidateLabel checks a set label: at most [MaxLabel] bytes of UTF-8
// that [filter.Text] shows as they are (no control, format, bidi or
// invisible characters, no line breaks), each word in one script.
// Errors never quote the label: it may be a secret typed in the wrong place.
func ValidateLabel(l string) error {
	if len(l) > MaxLabel {
		return fmt.Errorf("label is %d bytes long; the limit is %d", len(l), MaxLabel)
	}
	if !utf8.ValidString(l) {
		return errors.New("label is not valid UTF-8")
	}
	if filter.Text(l) != l {
		return errors.New("label contains a control, format or invisible character")
	}
	for _, word := range strings.Fields(l) {
		if !oneScript(word) {
			return errors.New("label mixes letters of different scripts in one word; write each word in one script")
		}
	}
	return nil
}

// ValidateCustodian checks a custodian name: 1 to [MaxCustodian] bytes of
// letters, digits, '.', '_' and '-', not starting with '.' or '-', its
// letters of one script. The name becomes part of a file name, so it may
// hold nothing a file system or a shell would read differently. Errors
// never quote the name.
func ValidateCustodian(name string) error {
	if name == "" {
		return errors.New("custodian name is empty")
	}
	if len(name) > MaxCustodian {
		return fmt.Errorf("custodian name is %d bytes long; the limit is %d", len(name), MaxCustodian)
	}
	if !utf8.ValidString(name) {
		return errors.New("custodian name is not valid UTF-8")
	}
	if name[0] == '.' || name[0] == '-' {
		return errors.New("custodian name starts with '.' or '-'")
	}
	for _, r := range name {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '.' && r != '_' && r != '-' {
			return errors.New("custodian name may hold only letters, digits, '.', '_' and '-'")
		}
	}
	if filter.Text(name) != name { // letters drawn as nothing: Hangul fillers
		return errors.New("custodian name contains an invisible character")
	}
	if !oneScript(name) {
		return errors.New("custodian name mixes letters of different scripts; write it in one script")
	}
	return nil
}

// LookAlikeError means that two custodians of one set have names a person
// could take for each other. It gives their indexes (1-based), not the
// names.
type LookAlikeError struct {
	First, Second int
}

func (e *LookAlikeError) Error() string {
	return fmt.Sprintf("custodian names %d and %d look alike; give each custodian a name that cannot be mistaken for another's", e.First, e.Second)
}

// CheckNames checks that no two names of one set look alike: the same
// once case, compatibility forms (fullwidth, mathematical letters) and the
// letters other scripts draw like Latin ones are folded away. Each name must already pass
// [ValidateCustodian]. It returns a [*LookAlikeError] for the first pair.
func CheckNames(names []string) error {
	seen := make(map[string]int, len(names))
	for i, name := range names {
		k := skeleton(name)
		if first, ok := seen[k]; ok {
			return &LookAlikeError{First: first + 1, Second: i + 1}
		}
		seen[k] = i
	}
	return nil
}
