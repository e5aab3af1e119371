package ceremony

import (
	"strings"
	"testing"
)

// TestCheckWords: the one check of what a person types into the log,
// naming the flag: the log's rule of text, then the kit's phone rule.
func TestCheckWords(t *testing.T) {
	tests := []struct{ name, text, want string }{
		{"words", "his own phone", ""},
		{"empty", "", ""},
		{"too long", strings.Repeat("é", 501), "--item is 501 characters long, and free text in the log holds at most 500"},
		{"500 is fine", strings.Repeat("é", 500), ""},
		{"control", "a\x1b[2Jb", "--item holds a control character: one line of text"},
		{"not UTF-8", "\xff", "--item is not valid UTF-8"},
		{"phone", "phone +49 176 12345678", "--item looks like it holds a phone number"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := CheckWords("item", tt.text)
			if tt.want == "" && err != nil || tt.want != "" && (err == nil || !strings.HasPrefix(err.Error(), tt.want)) {
				t.Errorf("CheckWords = %v, want %q", err, tt.want)
			}
		})
	}
}
