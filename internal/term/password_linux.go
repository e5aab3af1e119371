package term

import (
	"io"

	"golang.org/x/sys/unix"
)

// maxLine is the longest line a Linux terminal in canonical mode hands
// over (N_TTY_BUF_SIZE); what is typed beyond it is dropped by the kernel.
const maxLine = 4096

// hideInput turns echo off, as golang.org/x/term's ReadPassword does, and
// returns the function that turns it back on.
func hideInput(fd int) (restore func(), err error) {
	old, err := unix.IoctlGetTermios(fd, unix.TCGETS)
	if err != nil {
		return nil, err
	}
	state := *old
	state.Lflag &^= unix.ECHO
	state.Lflag |= unix.ICANON | unix.ISIG
	state.Iflag |= unix.ICRNL
	if err := unix.IoctlSetTermios(fd, unix.TCSETS, &state); err != nil {
		return nil, err
	}
	return func() { unix.IoctlSetTermios(fd, unix.TCSETS, old) }, nil
}

// readPassword reads a line from a terminal whose echo [hideInput] turned
// off, into one buffer made large enough first: x/term appends byte by
// byte, and each time its slice grows it leaves a copy of the start of the
// secret behind, which nothing wipes.
func readPassword(fd int) ([]byte, error) {
	// On the heap, where the collector leaves it in place: a buffer on the
	// stack would be copied, unwiped, whenever the stack grows.
	buf := make([]byte, maxLine)
	defer clear(buf)
	n := 0
	for {
		m, err := unix.Read(fd, buf[n:])
		if err == unix.EINTR {
			continue
		}
		if err != nil {
			return nil, err
		}
		if m == 0 { // end of input (Ctrl-D)
			if n == 0 {
				return nil, io.EOF
			}
			break
		}
		n += m
		if buf[n-1] == '\n' || n == len(buf) {
			break
		}
	}
	// As x/term: a backspace the terminal passed on erases the character
	// before it; carriage returns and the final newline are dropped.
	out := make([]byte, 0, n)
	for _, c := range buf[:n] {
		switch c {
		case '\b':
			if len(out) > 0 {
				out = out[:len(out)-1]
			}
		case '\r', '\n':
		default:
			out = append(out, c)
		}
	}
	return out, nil
}
