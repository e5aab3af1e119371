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
		c := startChild(t, "two", true)
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

// eraseAll is what Reveal sends to erase the screen and the scrollback.
const eraseAll = "\x1b[H\x1b[2J\x1b[3J"

// TestReveal checks every way out of a revealed secret: each erases the
// screen and the scrollback after the secret was shown. Enter returns, the
// end of input returns io.EOF, and a signal ends the process by that
// signal (SIGQUIT by exit code 131, without Go's stack dump) after one line
// saying so.
func TestReveal(t *testing.T) {
	tests := []struct {
		name     string
		key      string         // typed at the prompt, or ""
		sig      syscall.Signal // sent, or 0
		wantOut  string         // what the child reports, if it returns
		wantSig  syscall.Signal // the signal it dies of
		wantCode int            // or its exit code
	}{
		{name: "Enter", key: "\n", wantOut: "err <nil>\n"},
		{name: "typed then Enter", key: "ok\n", wantOut: "err <nil>\n"},
		{name: "end of input", key: "\x04", wantOut: "err EOF\n"},
		{name: "Ctrl-C", key: "\x03", wantSig: syscall.SIGINT},
		{name: "Ctrl-backslash", key: "\x1c", wantCode: 131},
		{name: "SIGTERM", sig: syscall.SIGTERM, wantSig: syscall.SIGTERM},
		{name: "SIGHUP", sig: syscall.SIGHUP, wantSig: syscall.SIGHUP},
		{name: "SIGQUIT", sig: syscall.SIGQUIT, wantCode: 131},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := startChild(t, "reveal", true)
			c.Expect("Press Enter to erase it. ")
			shown := c.Seen.Len()
			if !strings.Contains(c.Seen.String(), "    "+revealed+"\r\n") {
				t.Fatalf("the terminal does not show the secret: %q", c.Seen.String())
			}
			if tt.key != "" {
				c.Type(tt.key)
			} else {
				c.cmd.Process.Signal(tt.sig)
			}
			err := c.wait()
			after := c.Seen.String()[shown:]
			i := strings.Index(after, eraseAll)
			if i < 0 {
				t.Fatalf("after %s the terminal got %q, want the screen and scrollback erased (%q)", tt.name, after, eraseAll)
			}
			if strings.Contains(after[i:], revealed) {
				t.Errorf("the secret is shown again after the erasing: %q", after[i:])
			}
			if !c.EchoOn() {
				t.Error("echo is off afterwards")
			}
			var ee *exec.ExitError
			switch {
			case tt.wantOut != "":
				if err != nil || c.stdout.String() != tt.wantOut {
					t.Errorf("child ended with %v, reporting %q; want it to return and report %q", err, c.stdout.String(), tt.wantOut)
				}
				return
			case !errors.As(err, &ee):
				t.Fatalf("child ended with %v, want it ended by the signal", err)
			case tt.wantSig != 0:
				if ws := ee.Sys().(syscall.WaitStatus); !ws.Signaled() || ws.Signal() != tt.wantSig {
					t.Errorf("child ended with %v, want death by %v", err, tt.wantSig)
				}
			case ee.ExitCode() != tt.wantCode:
				t.Errorf("child ended with %v, want exit code %d", err, tt.wantCode)
			}
			// CRLF, which the terminal's output processing may make CR CR LF.
			if got, want := strings.TrimRight(after[i+len(eraseAll):], "\r\n"), "interrupted: the secret was erased"; got != want {
				t.Errorf("after the erasing the terminal shows %q, want the one line %q", got, want)
			}
			if c.stdout.Len() != 0 {
				t.Errorf("child went on after the signal: %q", c.stdout.String())
			}
		})
	}
}
