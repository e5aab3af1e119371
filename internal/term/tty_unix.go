//go:build !windows

package term

import "os"

// openTerminal opens the controlling terminal. /dev/tty is the process's
// controlling terminal whatever standard input and output are.
func openTerminal() (in, out *os.File, err error) {
	tty, err := os.OpenFile("/dev/tty", os.O_RDWR, 0)
	if err != nil {
		return nil, nil, err
	}
	return tty, tty, nil
}

// enableEscapes reports whether out understands ANSI escape codes: Unix
// terminals do.
func enableEscapes(out *os.File) error { return nil }
