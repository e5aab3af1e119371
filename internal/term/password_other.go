//go:build !linux

package term

import "golang.org/x/term"

// hideInput does nothing outside Linux: x/term's ReadPassword turns echo
// off and on itself, which leaves a moment in which a signal can find echo
// off after its handler restored the terminal (SECURITY.md).
func hideInput(fd int) (restore func(), err error) { return func() {}, nil }

// readPassword reads a line without echo. Outside Linux it is x/term's,
// which leaves unwiped copies of the start of the secret as its buffer
// grows (SECURITY.md).
func readPassword(fd int) ([]byte, error) {
	return term.ReadPassword(fd)
}
