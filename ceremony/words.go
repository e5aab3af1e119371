package ceremony

import "fmt"

// Count says n things: "1 sheet", "2 sheets".
func Count(n int, thing string) string {
	if n == 1 {
		return "1 " + thing
	}
	return fmt.Sprintf("%d %ss", n, thing)
}
