package seal

import (
	"bytes"
	"errors"
	"testing"
)

func TestGeneratedForm(t *testing.T) {
	const shown = "7QX4-M2KD-9P1Z-AB3C-DEFG-HJK5"
	tests := []struct {
		name, typed string
		want        string // "" if it cannot be a generated passphrase
	}{
		{"as shown", shown, shown},
		{"lower case", "7qx4-m2kd-9p1z-ab3c-defg-hjk5", shown},
		{"no dashes", "7QX4M2KD9P1ZAB3CDEFGHJK5", shown},
		{"spaces", "7qx4 m2kd 9p1z ab3c defg hjk5", shown},
		{"tabs and mixed", "7Qx4\tM2kd-9p1Z ab3c  DEFG-hjk5", shown},
		{"Crockford slips", "7QX4-M2KD-9PIZ-AB3C-DEFG-HJK5", shown},
		{"one symbol short", "7QX4-M2KD-9P1Z-AB3C-DEFG-HJK", ""},
		{"one symbol more", "7QX4-M2KD-9P1Z-AB3C-DEFG-HJK55", ""},
		{"not base32", "7QX4-M2KD-9P1Z-AB3C-DEFG-HJK!", ""},
		{"words", "correct horse battery staple", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := GeneratedForm([]byte(tt.typed))
			switch {
			case tt.want == "" && ok:
				t.Errorf("GeneratedForm(%q) = %q, want not ok", tt.typed, got)
			case tt.want != "" && (!ok || string(got) != tt.want):
				t.Errorf("GeneratedForm(%q) = %q, %v, want %q", tt.typed, got, ok, tt.want)
			}
		})
	}
}

// TestGeneratedPassphraseTypedOtherwise opens a share sealed to a generated
// passphrase with the passphrase typed as a custodian may copy it from
// paper, and checks that a chosen passphrase still has to be typed exactly.
func TestGeneratedPassphraseTypedOtherwise(t *testing.T) {
	payload := []byte("share payload")
	generated := GeneratePassphrase(bytes.NewReader(bytes.Repeat([]byte{0x5a, 0xc3, 0x17}, 5)))
	sealed := sealTo(t, payload, fastPassphrase(t, string(generated)))
	lower := bytes.ToLower(generated)
	tests := []struct {
		name, typed string
		wantErr     error
	}{
		{"as shown", string(generated), nil},
		{"lower case, no dashes", string(bytes.ReplaceAll(lower, []byte("-"), nil)), nil},
		{"spaces", string(bytes.ReplaceAll(lower, []byte("-"), []byte(" "))), nil},
		{"one symbol wrong", string(generated[:len(generated)-1]) + "X", ErrWrongPassphrase},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Open(sealed, PassphraseIdentity(func() ([]byte, error) { return []byte(tt.typed), nil }))
			if !errors.Is(err, tt.wantErr) || (err == nil && !bytes.Equal(got, payload)) {
				t.Errorf("Open with %q = %q, %v; want %q, %v", tt.typed, got, err, payload, tt.wantErr)
			}
		})
	}

	chosen := "violet tunnel marmalade ozone"
	sealed = sealTo(t, payload, fastPassphrase(t, chosen))
	if _, err := Open(sealed, PassphraseIdentity(func() ([]byte, error) { return []byte("VIOLET TUNNEL MARMALADE OZONE"), nil })); !errors.Is(err, ErrWrongPassphrase) {
		t.Errorf("a chosen passphrase in other case: Open = %v, want ErrWrongPassphrase", err)
	}
}
