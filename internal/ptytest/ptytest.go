//go:build linux

// Package ptytest is test support: it opens a pseudo-terminal pair, starts
// a child process with the slave side as its controlling terminal, as a
// user's shell would, and lets the test read what the child shows on the
// master side and type into it. The tests of internal/term (its prompts),
// seal (stock age reads passphrases from /dev/tty only) and cmd/quorum (the
// built binary as a user sees it) drive terminals with it.
//
// It is an ordinary package rather than a _test.go file because the tests
// of several packages share it, and Go does not let one package import
// another's test files. Only _test.go files import it, so it is never built
// into quorum; that is also why it may fail tests, which library packages
// never do. It is Linux only: it opens /dev/ptmx and uses Linux's ioctls,
// as the tests that use it are *_linux_test.go files.
package ptytest

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"os/signal"
	"strings"
	"syscall"
	"testing"
	"time"

	"golang.org/x/sys/unix"
)

// Open opens a new pseudo-terminal and returns its master side, as a
// [Terminal] that waits 10 seconds at the most, and its slave side. The
// master is closed when the test ends; the slave is the caller's to hand
// to a child with [Start], or to close.
func Open(t testing.TB) (*Terminal, *os.File) {
	t.Helper()
	master, err := os.OpenFile("/dev/ptmx", os.O_RDWR|unix.O_NOCTTY, 0)
	if err != nil {
		t.Fatalf("opening /dev/ptmx: %v", err)
	}
	t.Cleanup(func() { master.Close() })
	var n int
	err = control(master, func(fd int) error {
		if err := unix.IoctlSetPointerInt(fd, unix.TIOCSPTLCK, 0); err != nil {
			return fmt.Errorf("unlocking pty: %v", err)
		}
		var err error
		if n, err = unix.IoctlGetInt(fd, unix.TIOCGPTN); err != nil {
			return fmt.Errorf("getting pty number: %v", err)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	slave, err := os.OpenFile(fmt.Sprintf("/dev/pts/%d", n), os.O_RDWR|unix.O_NOCTTY, 0)
	if err != nil {
		t.Fatalf("opening pty slave: %v", err)
	}
	return &Terminal{Master: master, Timeout: 10 * time.Second, t: t}, slave
}

// Start starts cmd, to which the caller has given slave (as a standard
// file or an extra one, named in cmd.SysProcAttr.Ctty), then closes the
// test's copy of slave: the child holds the only one, so that reading the
// master fails once the child has ended instead of waiting. If the test
// ends before cmd has been waited for, Start's cleanup kills it.
func Start(t testing.TB, cmd *exec.Cmd, slave *os.File) error {
	t.Helper()
	if err := cmd.Start(); err != nil {
		return err
	}
	slave.Close()
	t.Cleanup(func() {
		if cmd.ProcessState == nil {
			cmd.Process.Kill()
			cmd.Wait()
		}
	})
	return nil
}

// Terminal is the master side of a pseudo-terminal, as a test sees it:
// what the child has shown so far, and the keys the test types.
type Terminal struct {
	Master *os.File
	// Seen holds everything read from the master: what the child showed.
	Seen bytes.Buffer
	// Timeout bounds each wait of Expect and WaitEchoOff.
	Timeout time.Duration
	// Context, if set, returns what else the child said (its standard
	// error, say), for the message of a failed Expect.
	Context func() string

	t    testing.TB
	last string // what Expect last waited for, for WaitEchoOff's message
}

// Expect reads the terminal until Seen holds want, and fails the test if
// it does not within Timeout.
func (tt *Terminal) Expect(want string) {
	tt.t.Helper()
	tt.ExpectAfter(0, want)
}

// ExpectAfter is [Terminal.Expect] for want shown after the first from
// bytes of Seen: a prompt shown again, say.
func (tt *Terminal) ExpectAfter(from int, want string) {
	tt.t.Helper()
	tt.last = want
	deadline := time.Now().Add(tt.Timeout)
	buf := make([]byte, 4096)
	for !strings.Contains(tt.Seen.String()[from:], want) {
		tt.Master.SetReadDeadline(deadline)
		n, err := tt.Master.Read(buf)
		tt.Seen.Write(buf[:n])
		if err != nil {
			if tt.Context != nil {
				tt.t.Fatalf("terminal shows %q, waiting for %q: %v (%s)", tt.Seen.String(), want, err, tt.Context())
			}
			tt.t.Fatalf("terminal shows %q, waiting for %q: %v", tt.Seen.String(), want, err)
		}
	}
}

// WaitEchoOff waits until the child has turned echo off, and fails the
// test if it has not within Timeout. Prompts are shown just before echo
// goes off, as in age, so a test typing as soon as it sees one would race
// the child's terminal setup.
func (tt *Terminal) WaitEchoOff() {
	tt.t.Helper()
	for deadline := time.Now().Add(tt.Timeout); tt.EchoOn(); time.Sleep(time.Millisecond) {
		if time.Now().After(deadline) {
			tt.t.Fatalf("echo is still on %v after %q", tt.Timeout, tt.last)
		}
	}
}

// EchoOn reports whether the terminal echoes input. Termios requests on
// the master side act on the pair's settings (tty->link in Linux).
func (tt *Terminal) EchoOn() bool {
	tt.t.Helper()
	var tio *unix.Termios
	err := control(tt.Master, func(fd int) (err error) {
		tio, err = unix.IoctlGetTermios(fd, unix.TCGETS)
		return err
	})
	if err != nil {
		tt.t.Fatalf("TCGETS: %v", err)
	}
	return tio.Lflag&unix.ECHO != 0
}

// Type types s on the terminal.
func (tt *Terminal) Type(s string) {
	tt.t.Helper()
	if _, err := tt.Master.WriteString(s); err != nil {
		tt.t.Fatalf("typing: %v", err)
	}
}

// EndTimeout bounds [Terminal.Wait]: long enough for a split's self-test
// and sheets on a loaded machine, short enough that a child which ignores
// the way out it was given fails its test in a minute instead of hanging
// the whole run until go test's timeout.
const EndTimeout = time.Minute

// Wait waits for cmd, started with [Start] on this terminal, to end, and
// reads what it showed last. A child still running after EndTimeout is
// killed and the test fails.
func (tt *Terminal) Wait(cmd *exec.Cmd) error {
	tt.t.Helper()
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		tt.Drain()
		return err
	case <-time.After(EndTimeout):
		cmd.Process.Kill()
		<-done
		tt.Drain()
		tt.t.Fatalf("the child did not end within %v%s; the terminal shows %q", EndTimeout, ignoredSignals(), tt.Seen.String())
		return nil
	}
}

// ignoredSignals names the exit signals this process was started to
// ignore, which its children inherit (nohup ignores SIGHUP; a shell's
// background job without job control, SIGINT): a test that sends one then
// waits for a child that never ends.
func ignoredSignals() string {
	var names []string
	for _, sig := range []syscall.Signal{syscall.SIGHUP, syscall.SIGINT} {
		if signal.Ignored(sig) {
			names = append(names, sig.String())
		}
	}
	if len(names) == 0 {
		return ""
	}
	return fmt.Sprintf(" (the tests run with %s ignored, which children inherit: run them without nohup or a background job of a shell)", strings.Join(names, " and "))
}

// Drain reads into Seen what the child showed and the test has not read
// yet, until nothing more comes for 100ms. Call it once the child has
// ended.
func (tt *Terminal) Drain() {
	buf := make([]byte, 4096)
	for {
		tt.Master.SetReadDeadline(time.Now().Add(100 * time.Millisecond))
		n, err := tt.Master.Read(buf)
		tt.Seen.Write(buf[:n])
		if err != nil {
			return
		}
	}
}

// control runs f with file's descriptor. It is not File.Fd, which puts the
// descriptor into blocking mode for good: reads of the master would then
// ignore their deadline, and a test waiting for a prompt that never comes
// would hang instead of failing after Timeout.
func control(file *os.File, f func(fd int) error) error {
	rc, err := file.SyscallConn()
	if err != nil {
		return err
	}
	var ferr error
	if err := rc.Control(func(fd uintptr) { ferr = f(int(fd)) }); err != nil {
		return err
	}
	return ferr
}
