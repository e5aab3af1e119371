package seal

import (
	"bytes"
	"fmt"
	"os/exec"
	"strings"
	"syscall"
	"testing"
	"time"

	"quorum/internal/ptytest"
)

// Stock age reads passphrases from /dev/tty only, so the tests that type
// one give it a pseudo-terminal as its controlling terminal, as a shell
// would, and type into the master side.

// exchange is one prompt the program shows and the answer typed to it.
type exchange struct {
	prompt, answer string
}

// runOnTTY runs a program with a new pty as its controlling terminal,
// answers its prompts in order, and returns its standard output.
func runOnTTY(t *testing.T, bin string, args []string, script []exchange) []byte {
	t.Helper()
	tty, slave := ptytest.Open(t)
	tty.Timeout = 30 * time.Second
	cmd := exec.Command(bin, args...)
	var stdout, stderr bytes.Buffer
	tty.Context = func() string { return fmt.Sprintf("stderr %q", stderr.String()) }
	cmd.Stdin, cmd.Stdout, cmd.Stderr = slave, &stdout, &stderr
	cmd.SysProcAttr = &syscall.SysProcAttr{Setsid: true, Setctty: true, Ctty: 0}
	if err := ptytest.Start(t, cmd, slave); err != nil {
		t.Fatalf("starting %s: %v", bin, err)
	}
	for _, x := range script {
		tty.Expect(x.prompt)
		tty.Seen.Reset() // the next prompt must come after this one
		tty.WaitEchoOff()
		tty.Type(x.answer + "\n")
	}
	if err := cmd.Wait(); err != nil {
		t.Fatalf("%s %s: %v\nstderr: %s", bin, strings.Join(args, " "), err, stderr.Bytes())
	}
	return stdout.Bytes()
}
