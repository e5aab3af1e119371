package term

import (
	"os"

	"golang.org/x/sys/windows"
)

// openTerminal opens the console. CONIN$ and CONOUT$ are the console
// whatever standard input and output are, as /dev/tty is on Unix.
func openTerminal() (in, out *os.File, err error) {
	in, err = os.OpenFile("CONIN$", os.O_RDWR, 0)
	if err != nil {
		return nil, nil, err
	}
	out, err = os.OpenFile("CONOUT$", os.O_WRONLY, 0)
	if err != nil {
		in.Close()
		return nil, nil, err
	}
	return in, out, nil
}

// enableEscapes turns on escape-code processing on the console. Older
// consoles (cmd.exe, Windows PowerShell) have it off and would print the
// codes as text, so clearLine sends them only if this succeeds.
func enableEscapes(out *os.File) error {
	h := windows.Handle(out.Fd())
	var mode uint32
	if err := windows.GetConsoleMode(h, &mode); err != nil {
		return err
	}
	return windows.SetConsoleMode(h, mode|windows.ENABLE_PROCESSED_OUTPUT|windows.ENABLE_VIRTUAL_TERMINAL_PROCESSING)
}
