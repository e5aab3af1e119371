package main

import "testing"

// TestIsSplit: the collector is tuned for quorum split alone (tuneGC).
func TestIsSplit(t *testing.T) {
	for _, tt := range []struct {
		args []string
		want bool
	}{
		{[]string{"split", "-k", "3", "-c", "custodians.txt"}, true},
		{[]string{"--help", "split"}, true},
		{[]string{"combine", "split"}, false},
		{[]string{"print", "-o", "split"}, false},
		{[]string{"-h"}, false},
		{nil, false},
	} {
		if got := isSplit(tt.args); got != tt.want {
			t.Errorf("isSplit(%q) = %v, want %v", tt.args, got, tt.want)
		}
	}
}
