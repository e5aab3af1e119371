package term

import (
	"fmt"
	"os"
	"sync"
)

// Reveal shows a secret on the terminal until the person has read it:
// before, the secret, after, then prompt; it waits for Enter, then erases
// the screen and the scrollback. Every other way out erases them too, so
// that no way of leaving leaves the secret for the next person at the
// screen: at the end of input (Ctrl-D) Reveal erases and returns [io.EOF];
// on SIGINT, SIGTERM, SIGHUP or SIGQUIT it erases, shows interrupted (one
// line saying so) and ends the process as the signal would.
//
// The secret is written as it is, without a copy: fmt would keep one in
// its reused buffer. before, after and prompt are quorum's own text and may
// hold newlines; interrupted is one line.
func Reveal(before string, secret []byte, after, prompt, interrupted string) error {
	gone := func(out *os.File) {
		eraseScreen(out)
		fmt.Fprintf(out, "%s\r\n", sanitize(interrupted))
	}
	// Enter, Ctrl-D and Ctrl-C must do what they say whatever the terminal
	// was left in: a line read in canonical mode, with signals.
	return withInputMode(showInput, gone, func(in, out *os.File, hold *sync.Mutex) error {
		var err error
		for _, b := range [][]byte{[]byte(before), secret, []byte(after + prompt)} {
			if _, err = out.Write(b); err != nil {
				break
			}
		}
		if err == nil {
			_, err = readLine(in)
		}
		// Erased whatever ended the wait, even a failed write: part of
		// the secret may be on the screen.
		hold.Lock()
		defer hold.Unlock()
		eraseScreen(out)
		return err
	})
}

// eraseScreen erases the screen and, where the terminal supports it, the
// scrollback: CUP homes the cursor, ED 2 erases the screen, ED 3 the
// scrollback (xterm, VTE, tmux, the Linux console and most others). The
// escape codes are sent only where the terminal understands them.
func eraseScreen(out *os.File) {
	if enableEscapes(out) == nil {
		fmt.Fprint(out, "\033[H\033[2J\033[3J")
	}
}
