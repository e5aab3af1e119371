package term

import (
	"errors"
	"os"
	"os/exec"
	"strings"
	"syscall"
	"testing"
	"time"

	"quorum/internal/ptytest"
)

const erase = "\r\n\x1b[F\x1b[K"

func TestReadSecret(t *testing.T) {
	c := startChild(t, "secret", true)
	c.Expect("passphrase for share 2 of 5 (alice): ")
	c.WaitEchoOff()
	c.Type("correct horse\n")
	if err := c.wait(); err != nil {
		t.Fatalf("child: %v (output %q)", err, c.stdout.String())
	}
	if got, want := c.stdout.String(), "secret \"correct horse\" err <nil>\n"; got != want {
		t.Errorf("child read %q, want %q", got, want)
	}
	if strings.Contains(c.Seen.String(), "correct") {
		t.Errorf("the secret was echoed: terminal shows %q", c.Seen.String())
	}
	if !strings.HasSuffix(c.Seen.String(), erase) {
		t.Errorf("the prompt was not erased: terminal shows %q, want it to end in %q", c.Seen.String(), erase)
	}
	if !c.EchoOn() {
		t.Error("echo is off after the read")
	}
}

func TestReadSecretControlCharacters(t *testing.T) {
	c := startChild(t, "control", true)
	c.Expect(": ")
	c.WaitEchoOff()
	c.Type("x\n")
	if err := c.wait(); err != nil {
		t.Fatalf("child: %v", err)
	}
	if !strings.Contains(c.Seen.String(), `name \x1b[2J: `) {
		t.Errorf("terminal shows %q, want the escape replaced", c.Seen.String())
	}
}

// TestReadSecretInterrupt is the reason for restoreOnSignal: Ctrl-C during
// a prompt must not leave the terminal without echo.
func TestReadSecretInterrupt(t *testing.T) {
	c := startChild(t, "secret", true)
	c.Expect("(alice): ")
	c.WaitEchoOff()
	c.Type("half a pass")
	c.Type("\x03") // Ctrl-C: the terminal sends SIGINT to the child
	err := c.wait()
	var ee *exec.ExitError
	if !errors.As(err, &ee) {
		t.Fatalf("child ended with %v, want death by SIGINT (output %q)", err, c.stdout.String())
	}
	ws := ee.Sys().(syscall.WaitStatus)
	if !ws.Signaled() || ws.Signal() != syscall.SIGINT {
		t.Errorf("child ended with %v, want death by SIGINT", err)
	}
	if !c.EchoOn() {
		t.Error("echo is off after SIGINT")
	}
	if strings.Contains(c.Seen.String(), "half") {
		t.Errorf("the secret was echoed: terminal shows %q", c.Seen.String())
	}
	if c.stdout.Len() != 0 {
		t.Errorf("child went on after SIGINT: %q", c.stdout.String())
	}
}

func TestReadSecretTwice(t *testing.T) {
	tests := []struct {
		name, first, second, want string
	}{
		{"same", "tr0ub4dor&3\n", "tr0ub4dor&3\n", "secret \"tr0ub4dor&3\" err <nil>\n"},
		{"different", "tr0ub4dor&3\n", "tr0ub4dor&4\n", "mismatch \"new passphrase:\"\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := startChild(t, "twice", true)
			c.Expect("new passphrase: ")
			c.WaitEchoOff()
			c.Type(tt.first)
			c.Expect("same again: ")
			c.WaitEchoOff()
			c.Type(tt.second)
			if err := c.wait(); err != nil {
				t.Fatalf("child: %v", err)
			}
			if got := c.stdout.String(); got != tt.want {
				t.Errorf("child reports %q, want %q", got, tt.want)
			}
		})
	}
}

func TestMessage(t *testing.T) {
	c := startChild(t, "message", true)
	if err := c.wait(); err != nil {
		t.Fatalf("child: %v", err)
	}
	// The terminal turns the \n that Message writes into \r\n.
	if got, want := c.Seen.String(), "waiting on yubikey plugin...\\x1b[2J\r\n"; got != want {
		t.Errorf("terminal shows %q, want %q", got, want)
	}
	if got, want := c.stdout.String(), "err <nil>\n"; got != want {
		t.Errorf("child reports %q, want %q", got, want)
	}
}

// TestNoTerminal checks that without a controlling terminal the prompt
// fails, even though standard input is a terminal: it is never read.
func TestNoTerminal(t *testing.T) {
	c := startChild(t, "secret", false)
	if err := c.wait(); err != nil {
		t.Fatalf("child: %v", err)
	}
	if got := c.stdout.String(); !strings.HasPrefix(got, "secret \"\" err no terminal to ask on:") {
		t.Errorf("child reports %q, want an error", got)
	}
	if c.Seen.Len() != 0 {
		t.Errorf("something was written to standard input's terminal: %q", c.Seen.String())
	}
}

func TestIsTerminal(t *testing.T) {
	_, slave := ptytest.Open(t)
	defer slave.Close()
	if !IsTerminal(slave) {
		t.Error("IsTerminal(pty slave) = false, want true")
	}
	f, err := os.CreateTemp(t.TempDir(), "file")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if IsTerminal(f) {
		t.Error("IsTerminal(regular file) = true, want false")
	}
}

// TestReadSecretSignalAnyMoment sends SIGTERM at moments spread over a
// prompt's start, the window in which echo goes off: whenever the signal
// lands, the terminal must be left with echo on. (CI once caught the
// handler restoring the terminal just before echo went off.)
func TestReadSecretSignalAnyMoment(t *testing.T) {
	for i := range 40 {
		c := startChild(t, "twice", true)
		c.Expect("new passphrase: ")
		c.WaitEchoOff()
		c.Type("first\n")
		c.Expect("same again:")
		time.Sleep(time.Duration(i) * 10 * time.Microsecond)
		c.cmd.Process.Signal(syscall.SIGTERM)
		err := c.wait()
		var ee *exec.ExitError
		if !errors.As(err, &ee) || !ee.Sys().(syscall.WaitStatus).Signaled() {
			t.Fatalf("child ended with %v, want death by SIGTERM (output %q)", err, c.stdout.String())
		}
		if !c.EchoOn() {
			t.Fatalf("echo is off after SIGTERM %v after the prompt", time.Duration(i)*10*time.Microsecond)
		}
	}
}
