package term

import "golang.org/x/sys/unix"

// showInput makes sure the terminal echoes a line typed in canonical
// mode, and returns the function that puts the old state back.
func showInput(fd int) (restore func(), err error) {
	old, err := unix.IoctlGetTermios(fd, unix.TCGETS)
	if err != nil {
		return nil, err
	}
	want := *old
	want.Lflag |= unix.ECHO | unix.ICANON | unix.ISIG
	want.Iflag |= unix.ICRNL
	if want == *old {
		return func() {}, nil
	}
	if err := unix.IoctlSetTermios(fd, unix.TCSETS, &want); err != nil {
		return nil, err
	}
	return func() { unix.IoctlSetTermios(fd, unix.TCSETS, old) }, nil
}

// inputWaiting reports whether the terminal holds input not yet read.
func inputWaiting(fd int) bool {
	n, err := unix.IoctlGetInt(fd, unix.TIOCINQ)
	return err == nil && n > 0
}
