package ptytest

import (
	"os/exec"
	"runtime"
	"syscall"
	"testing"
	"time"
)

// TestTerminal drives a shell's read of a passphrase as the other
// packages' tests drive theirs: wait for the prompt and for echo to go
// off, type, and read what the child showed.
func TestTerminal(t *testing.T) {
	tty, slave := Open(t)
	cmd := exec.Command("/bin/sh", "-c", `printf 'pass: '; stty -echo; read x; stty echo; printf '\nread %s\n' "$x"`)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = slave, slave, slave
	cmd.SysProcAttr = &syscall.SysProcAttr{Setsid: true, Setctty: true, Ctty: 0}
	if err := Start(t, cmd, slave); err != nil {
		t.Fatalf("starting sh: %v", err)
	}
	tty.Expect("pass: ")
	tty.WaitEchoOff()
	tty.Type("hunter2\n")
	if err := cmd.Wait(); err != nil {
		t.Fatalf("sh: %v", err)
	}
	tty.Drain()
	if got, want := tty.Seen.String(), "pass: \r\nread hunter2\r\n"; got != want {
		t.Errorf("terminal shows %q, want %q (typed text not echoed)", got, want)
	}
	if !tty.EchoOn() {
		t.Error("echo is off after the child turned it back on")
	}
}

// TestExpectTimesOut: waiting for what never comes fails the test after
// Timeout instead of hanging, also after EchoOn has read the terminal's
// settings.
func TestExpectTimesOut(t *testing.T) {
	tty, slave := Open(t)
	cmd := exec.Command("/bin/sh", "-c", `printf 'pass: '; read x`)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = slave, slave, slave
	cmd.SysProcAttr = &syscall.SysProcAttr{Setsid: true, Setctty: true, Ctty: 0}
	if err := Start(t, cmd, slave); err != nil {
		t.Fatalf("starting sh: %v", err)
	}
	tty.Expect("pass: ")
	tty.EchoOn()
	ft := &fatalT{TB: t}
	tty.t = ft
	tty.Timeout = 100 * time.Millisecond
	done := make(chan struct{})
	go func() {
		defer close(done)
		tty.Expect("never shown")
	}()
	<-done
	if !ft.failed {
		t.Error("Expect returned without the text and without failing")
	}
}

// fatalT records a Fatalf, and ends the goroutine as testing.T does.
type fatalT struct {
	testing.TB
	failed bool
}

func (f *fatalT) Helper() {}

func (f *fatalT) Fatalf(string, ...any) {
	f.failed = true
	runtime.Goexit()
}
