package ptytest

import (
	"os/exec"
	"syscall"
	"testing"
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
