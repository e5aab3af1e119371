package term

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"syscall"
	"testing"
	"time"

	"golang.org/x/sys/unix"
)

// The tests drive the real terminal code through a pseudo-terminal: a child
// process (this test binary, see TestMain) gets the pty as its controlling
// terminal, as a user's shell would give it, and the test types into the
// master side and reads what the child shows there.

// openPTY returns the master and slave sides of a new pseudo-terminal.
func openPTY(t *testing.T) (master, slave *os.File) {
	t.Helper()
	master, err := os.OpenFile("/dev/ptmx", os.O_RDWR|unix.O_NOCTTY, 0)
	if err != nil {
		t.Fatalf("opening /dev/ptmx: %v", err)
	}
	t.Cleanup(func() { master.Close() })
	fd := int(master.Fd())
	if err := unix.IoctlSetPointerInt(fd, unix.TIOCSPTLCK, 0); err != nil {
		t.Fatalf("unlocking pty: %v", err)
	}
	n, err := unix.IoctlGetInt(fd, unix.TIOCGPTN)
	if err != nil {
		t.Fatalf("getting pty number: %v", err)
	}
	slave, err = os.OpenFile(fmt.Sprintf("/dev/pts/%d", n), os.O_RDWR|unix.O_NOCTTY, 0)
	if err != nil {
		t.Fatalf("opening pty slave: %v", err)
	}
	return master, slave
}

// child is a process with the pty as its controlling terminal (or, with
// ctty false, a process in a new session with no controlling terminal).
type child struct {
	t      *testing.T
	cmd    *exec.Cmd
	master *os.File
	stdout bytes.Buffer
	seen   bytes.Buffer // everything the child wrote to the terminal
}

func startChild(t *testing.T, mode string, ctty bool) *child {
	t.Helper()
	master, slave := openPTY(t)
	c := &child{t: t, master: master}
	c.cmd = exec.Command(os.Args[0], "-test.run=^$")
	c.cmd.Env = append(os.Environ(), childEnv+"="+mode)
	c.cmd.Stdin = slave
	c.cmd.Stdout = &c.stdout
	c.cmd.Stderr = &c.stdout
	c.cmd.SysProcAttr = &syscall.SysProcAttr{Setsid: true, Setctty: ctty, Ctty: 0}
	if err := c.cmd.Start(); err != nil {
		t.Fatalf("starting child: %v", err)
	}
	slave.Close()
	t.Cleanup(func() {
		if c.cmd.ProcessState == nil {
			c.cmd.Process.Kill()
			c.cmd.Wait()
		}
	})
	return c
}

// expect reads the terminal until it has shown want.
func (c *child) expect(want string) {
	c.t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	buf := make([]byte, 1024)
	for !strings.Contains(c.seen.String(), want) {
		c.master.SetReadDeadline(deadline)
		n, err := c.master.Read(buf)
		c.seen.Write(buf[:n])
		if err != nil {
			c.t.Fatalf("terminal shows %q, waiting for %q: %v (child output %q)", c.seen.String(), want, err, c.stdout.String())
		}
	}
}

func (c *child) typ(s string) {
	c.t.Helper()
	if _, err := c.master.WriteString(s); err != nil {
		c.t.Fatalf("typing: %v", err)
	}
}

// wait waits for the child to end and reads the rest of what it showed.
func (c *child) wait() error {
	err := c.cmd.Wait()
	buf := make([]byte, 1024)
	for {
		c.master.SetReadDeadline(time.Now().Add(100 * time.Millisecond))
		n, rerr := c.master.Read(buf)
		c.seen.Write(buf[:n])
		if rerr != nil {
			break
		}
	}
	return err
}

// waitEchoOff waits until the child has turned echo off: the prompt is
// printed just before, as in age, so a test typing at once would race it.
func (c *child) waitEchoOff() {
	c.t.Helper()
	for deadline := time.Now().Add(10 * time.Second); c.echoOn(); time.Sleep(time.Millisecond) {
		if time.Now().After(deadline) {
			c.t.Fatal("echo is still on 10s after the prompt")
		}
	}
}

// echoOn reports whether the terminal echoes input. Termios requests on the
// master side act on the pair's terminal settings (tty->link in Linux).
func (c *child) echoOn() bool {
	c.t.Helper()
	tio, err := unix.IoctlGetTermios(int(c.master.Fd()), unix.TCGETS)
	if err != nil {
		c.t.Fatalf("TCGETS: %v", err)
	}
	return tio.Lflag&unix.ECHO != 0
}
