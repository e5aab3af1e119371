package filter_test

import (
	"fmt"

	"quorum/internal/filter"
)

// A created date forged to move the cursor up and repaint the line above
// shows its escape sequence instead of obeying it.
func ExampleText() {
	fmt.Println(filter.Text("2026-12-04\x1b[1A\x1b[2Kset 7QX4 M2KD"))
	fmt.Println(filter.Text("alice\u202eecila"))
	// Output:
	// 2026-12-04\x1b[1A\x1b[2Kset 7QX4 M2KD
	// alice\u202eecila
}
