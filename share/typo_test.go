package share

import (
	"slices"
	"testing"
)

func TestTypos(t *testing.T) {
	const fp = "AS3NN9TMCD3MR0M5VXEVYAYAPWYT"
	for _, tt := range []struct {
		name, typed string
		want        []int
	}{
		{"same", fp, nil},
		{"same as printed", "as3n n9tm cd3m r0m5 vxev yaya pwyt", nil},
		{"slips are not typos", "AS3NN9TMCD3MRoM5VXEVYAYAPWYT", nil},
		{"one", "AS3NN9TMCD3MR0M5VXEVYAYAPWYV", []int{28}},
		{"one, grouped", "AS3N N9TM CD3M R0M5 VXEV YAYA PWXT", []int{27}},
		{"not a symbol", "AS3NN9TMCD3MR0M5VXEVYAYAPWYU", []int{28}},
		{"two swapped", "SA3NN9TMCD3MR0M5VXEVYAYAPWYT", []int{1, 2}},
		{"three", "SA3NN9TMCD3MR0M5VXEVYAYAPWYV", nil},
		{"shorter", "AS3NN9TMCD3MR0M5VXEVYAYAPWY", nil},
		{"other", "7QX4M2KD7QX4M2KD7QX4M2KD7QX4", nil},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got := Typos(tt.typed, fp); !slices.Equal(got, tt.want) {
				t.Errorf("Typos(%q) = %v, want %v", tt.typed, got, tt.want)
			}
		})
	}
}
