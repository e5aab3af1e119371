package main

// A quorum process on a pseudo-terminal, for the tests that watch the
// built binary as a user would (as internal/term's tests drive its prompts):
// the pty is its controlling terminal, the test types into the master side
// and reads what quorum shows there.

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strings"
	"syscall"
	"testing"
	"time"

	"golang.org/x/sys/unix"
)

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

// ttyProc is a quorum process with a pty as its controlling terminal.
type ttyProc struct {
	t      *testing.T
	cmd    *exec.Cmd
	master *os.File
	stdout bytes.Buffer // unless stdout is the terminal
	stderr bytes.Buffer
	seen   bytes.Buffer // everything quorum wrote to the terminal
}

// ttyOptions say how to start quorum: in which folder and environment,
// with what on standard input (the terminal if nil), whether standard
// output is the terminal, and as which user (this one if nil).
type ttyOptions struct {
	dir       string
	env       []string
	stdin     io.Reader
	stdoutTTY bool
	cred      *syscall.Credential
}

func startTTY(t *testing.T, bin string, o ttyOptions, args ...string) *ttyProc {
	t.Helper()
	master, slave := openPTY(t)
	p := &ttyProc{t: t, master: master}
	p.cmd = exec.Command(bin, args...)
	p.cmd.Dir = o.dir
	p.cmd.Env = o.env
	p.cmd.Stdin = slave
	if o.stdin != nil {
		p.cmd.Stdin = o.stdin
	}
	p.cmd.Stdout = &p.stdout
	if o.stdoutTTY {
		p.cmd.Stdout = slave
	}
	p.cmd.Stderr = &p.stderr
	// The pty is the controlling terminal, as a login shell's is: quorum
	// opens it as /dev/tty. Ctty is the child's descriptor of the slave.
	ctty := 0
	if o.stdin != nil {
		ctty = 1
		if !o.stdoutTTY {
			p.cmd.ExtraFiles = []*os.File{slave}
			ctty = 3
		}
	}
	p.cmd.SysProcAttr = &syscall.SysProcAttr{Setsid: true, Setctty: true, Ctty: ctty, Credential: o.cred}
	if err := p.cmd.Start(); err != nil {
		t.Fatalf("starting quorum: %v", err)
	}
	slave.Close()
	t.Cleanup(func() {
		if p.cmd.ProcessState == nil {
			p.cmd.Process.Kill()
			p.cmd.Wait()
		}
	})
	return p
}

// expect reads the terminal until it has shown want.
func (p *ttyProc) expect(want string) {
	p.t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	buf := make([]byte, 4096)
	for !strings.Contains(p.seen.String(), want) {
		p.master.SetReadDeadline(deadline)
		n, err := p.master.Read(buf)
		p.seen.Write(buf[:n])
		if err != nil {
			p.t.Fatalf("terminal shows %q, waiting for %q: %v (stderr %q)", p.seen.String(), want, err, p.stderr.String())
		}
	}
}

// answer waits for prompt and for echo to be off, then types line and
// Enter.
func (p *ttyProc) answer(prompt, line string) {
	p.t.Helper()
	p.expect(prompt)
	for deadline := time.Now().Add(20 * time.Second); p.echoOn(); time.Sleep(time.Millisecond) {
		if time.Now().After(deadline) {
			p.t.Fatalf("echo is still on 20s after %q", prompt)
		}
	}
	p.typ(line + "\n")
}

func (p *ttyProc) typ(s string) {
	p.t.Helper()
	if _, err := p.master.WriteString(s); err != nil {
		p.t.Fatalf("typing: %v", err)
	}
}

// echoOn reports whether the terminal echoes input. Termios requests on the
// master side act on the pair's settings.
func (p *ttyProc) echoOn() bool {
	p.t.Helper()
	tio, err := unix.IoctlGetTermios(int(p.master.Fd()), unix.TCGETS)
	if err != nil {
		p.t.Fatalf("TCGETS: %v", err)
	}
	return tio.Lflag&unix.ECHO != 0
}

// wait waits for quorum to end and reads the rest of what it showed.
func (p *ttyProc) wait() error {
	err := p.cmd.Wait()
	buf := make([]byte, 4096)
	for {
		p.master.SetReadDeadline(time.Now().Add(100 * time.Millisecond))
		n, rerr := p.master.Read(buf)
		p.seen.Write(buf[:n])
		if rerr != nil {
			break
		}
	}
	return err
}

// mustSucceed waits for quorum and fails the test unless it exited 0.
func (p *ttyProc) mustSucceed() {
	p.t.Helper()
	if err := p.wait(); err != nil {
		p.t.Fatalf("quorum %s: %v\nstderr: %s", strings.Join(p.cmd.Args[1:], " "), err, p.stderr.String())
	}
}

// runQuorum runs quorum without a terminal and returns its standard output.
func runQuorum(t *testing.T, bin, dir string, env []string, stdin io.Reader, args ...string) []byte {
	t.Helper()
	cmd := exec.Command(bin, args...)
	cmd.Dir, cmd.Env, cmd.Stdin = dir, env, stdin
	cmd.SysProcAttr = &syscall.SysProcAttr{Setsid: true} // no terminal at all
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("quorum %s: %v\nstderr: %s", strings.Join(args, " "), err, stderr.String())
	}
	return out
}
