package term

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"syscall"
	"testing"

	"quorum/internal/ptytest"
)

// The tests drive the real terminal code through a pseudo-terminal: a child
// process (this test binary, see TestMain) gets the pty as its controlling
// terminal, as a user's shell would give it, and the test types into the
// master side and reads what the child shows there.

// child is a process with the pty as its controlling terminal (or, with
// ctty false, a process in a new session with no controlling terminal).
// The embedded Terminal is the pty's master side: Seen holds everything
// the child wrote to the terminal.
type child struct {
	*ptytest.Terminal
	t      *testing.T
	cmd    *exec.Cmd
	stdout bytes.Buffer
}

func startChild(t *testing.T, mode string, ctty bool) *child {
	t.Helper()
	tty, slave := ptytest.Open(t)
	c := &child{Terminal: tty, t: t}
	tty.Context = func() string { return fmt.Sprintf("child output %q", c.stdout.String()) }
	c.cmd = exec.Command(os.Args[0], "-test.run=^$")
	c.cmd.Env = append(os.Environ(), childEnv+"="+mode)
	c.cmd.Stdin = slave
	c.cmd.Stdout = &c.stdout
	c.cmd.Stderr = &c.stdout
	c.cmd.SysProcAttr = &syscall.SysProcAttr{Setsid: true, Setctty: ctty, Ctty: 0}
	if err := ptytest.Start(t, c.cmd, slave); err != nil {
		t.Fatalf("starting child: %v", err)
	}
	return c
}

// wait waits for the child to end and reads the rest of what it showed.
func (c *child) wait() error {
	c.t.Helper()
	return c.Terminal.Wait(c.cmd)
}
