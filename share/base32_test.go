package share

import "testing"

func TestTypedSymbols(t *testing.T) {
	tests := []struct {
		name, typed, want string
		bad               int
	}{
		{"canonical", "7QX4M2KD", "7QX4M2KD", -1},
		{"groups with dashes", "7QX4-M2KD", "7QX4M2KD", -1},
		{"groups with spaces and tabs", " 7qx4 \tm2kd ", "7QX4M2KD", -1},
		{"Crockford slips", "oOiIlL", "001111", -1},
		{"U is not a symbol", "7QX4-U2KD", "", 5},
		{"punctuation", "7QX4.M2KD", "", 4},
		{"empty", "", "", -1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, bad := TypedSymbols([]byte(tt.typed))
			if string(got) != tt.want || bad != tt.bad {
				t.Errorf("TypedSymbols(%q) = %q, %d; want %q, %d", tt.typed, got, bad, tt.want, tt.bad)
			}
		})
	}
}
