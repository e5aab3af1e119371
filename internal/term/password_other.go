//go:build !linux

package term

import "golang.org/x/term"

// readPassword reads a line without echo. Outside Linux it is x/term's,
// which leaves unwiped copies of the start of the secret as its buffer
// grows (SECURITY.md).
func readPassword(fd int) ([]byte, error) {
	return term.ReadPassword(fd)
}
