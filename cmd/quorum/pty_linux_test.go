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

	"quorum/internal/ptytest"
)

// ttyProc is a quorum process with a pty as its controlling terminal.
type ttyProc struct {
	t      *testing.T
	cmd    *exec.Cmd
	tty    *ptytest.Terminal
	master *os.File     // tty.Master, which expectNew reads itself
	stdout bytes.Buffer // unless stdout is the terminal
	stderr bytes.Buffer
	seen   *bytes.Buffer // &tty.Seen: everything quorum wrote to the terminal
}

// ttyOptions say how to start quorum: in which folder and environment,
// with what on standard input (the terminal if nil), whether standard
// output is the terminal, and as which user (this one if nil).
// isolatedEnv is the environment the terminal tests run quorum in: home
// and temporary folder in dir, so that anything quorum might write lands
// where the test looks, and PATH for age and the tools.
func isolatedEnv(dir string) []string {
	return []string{"HOME=" + dir, "TMPDIR=" + dir, "PATH=" + os.Getenv("PATH")}
}

type ttyOptions struct {
	dir       string
	env       []string
	stdin     io.Reader
	stdoutTTY bool
	cred      *syscall.Credential
}

func startTTY(t *testing.T, bin string, o ttyOptions, args ...string) *ttyProc {
	t.Helper()
	tty, slave := ptytest.Open(t)
	tty.Timeout = 20 * time.Second
	p := &ttyProc{t: t, tty: tty, master: tty.Master, seen: &tty.Seen}
	tty.Context = func() string { return fmt.Sprintf("stderr %q", p.stderr.String()) }
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
	if err := ptytest.Start(t, p.cmd, slave); err != nil {
		t.Fatalf("starting quorum: %v", err)
	}
	return p
}

// expect reads the terminal until it has shown want.
func (p *ttyProc) expect(want string) {
	p.t.Helper()
	p.tty.Expect(want)
}

// answer waits for prompt and for echo to be off, then types line and
// Enter.
func (p *ttyProc) answer(prompt, line string) {
	p.t.Helper()
	p.tty.Expect(prompt)
	p.tty.WaitEchoOff()
	p.tty.Type(line + "\n")
}

func (p *ttyProc) typ(s string) {
	p.t.Helper()
	p.tty.Type(s)
}

// echoOn reports whether the terminal echoes input.
func (p *ttyProc) echoOn() bool {
	p.t.Helper()
	return p.tty.EchoOn()
}

// wait waits for quorum to end and reads the rest of what it showed.
func (p *ttyProc) wait() error {
	p.t.Helper()
	return p.tty.Wait(p.cmd)
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
