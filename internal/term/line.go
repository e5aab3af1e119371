package term

import (
	"fmt"
	"io"
	"os"
	"strings"
	"sync"
)

// maxTypedLine bounds a typed line: a Linux terminal in canonical mode
// hands over at most 4096 bytes a line anyway.
const maxTypedLine = 4096

// ReadLine prints prompt on the terminal and reads a line that is not
// secret, shown as it is typed: text copied from paper is checked by eye
// as it is typed. Echo is turned on if something left it off, and the
// terminal's state is restored on every path, signals included, as
// [ReadSecret] does. The prompt is left on the screen with the answer.
//
// When more input is already waiting (a pasted block, typed ahead) the
// prompt is not printed: the terminal has echoed the paste already, and
// prompts among its lines would only make it harder to read.
//
// The line is returned without its line ending; at the end of input
// (Ctrl-D on an empty line) the error is [io.EOF].
func ReadLine(prompt string) (string, error) {
	var line string
	err := withInputMode(showInput, nil, func(in, out *os.File, _ *sync.Mutex) error {
		if !inputWaiting(int(in.Fd())) {
			fmt.Fprint(out, sanitize(prompt))
		}
		var err error
		line, err = readLine(in)
		return err
	})
	return line, err
}

// readLine reads up to a newline one byte at a time, so that nothing past
// the line is taken from the terminal: the next call, which opens the
// terminal anew, reads the next line of a paste.
func readLine(in io.Reader) (string, error) {
	var sb strings.Builder
	var b [1]byte
	for sb.Len() < maxTypedLine {
		n, err := in.Read(b[:])
		if n == 0 && err == nil {
			continue
		}
		if err == io.EOF || n == 0 {
			if sb.Len() == 0 {
				return "", io.EOF
			}
			break
		}
		if err != nil {
			return "", err
		}
		if b[0] == '\n' {
			break
		}
		if b[0] != '\r' {
			sb.WriteByte(b[0])
		}
	}
	return sb.String(), nil
}
