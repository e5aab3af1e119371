//go:build !linux

package term

// showInput leaves the terminal as it is outside Linux, where a terminal
// echoes by default.
func showInput(fd int) (restore func(), err error) { return func() {}, nil }

// inputWaiting cannot tell outside Linux: prompts are always printed.
func inputWaiting(fd int) bool { return false }
