package seal

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
	master, err := os.OpenFile("/dev/ptmx", os.O_RDWR|unix.O_NOCTTY, 0)
	if err != nil {
		t.Fatalf("opening /dev/ptmx: %v", err)
	}
	defer master.Close()
	if err := unix.IoctlSetPointerInt(int(master.Fd()), unix.TIOCSPTLCK, 0); err != nil {
		t.Fatalf("unlocking pty: %v", err)
	}
	n, err := unix.IoctlGetInt(int(master.Fd()), unix.TIOCGPTN)
	if err != nil {
		t.Fatalf("getting pty number: %v", err)
	}
	slave, err := os.OpenFile(fmt.Sprintf("/dev/pts/%d", n), os.O_RDWR|unix.O_NOCTTY, 0)
	if err != nil {
		t.Fatalf("opening pty slave: %v", err)
	}

	cmd := exec.Command(bin, args...)
	var stdout, stderr bytes.Buffer
	cmd.Stdin, cmd.Stdout, cmd.Stderr = slave, &stdout, &stderr
	cmd.SysProcAttr = &syscall.SysProcAttr{Setsid: true, Setctty: true, Ctty: 0}
	if err := cmd.Start(); err != nil {
		t.Fatalf("starting %s: %v", bin, err)
	}
	slave.Close()
	defer func() {
		if cmd.ProcessState == nil {
			cmd.Process.Kill()
			cmd.Wait()
		}
	}()

	var seen bytes.Buffer
	buf := make([]byte, 1024)
	deadline := time.Now().Add(30 * time.Second)
	for _, x := range script {
		for !strings.Contains(seen.String(), x.prompt) {
			master.SetReadDeadline(deadline)
			n, err := master.Read(buf)
			seen.Write(buf[:n])
			if err != nil {
				t.Fatalf("terminal shows %q, waiting for %q: %v (stderr %q)", seen.String(), x.prompt, err, stderr.String())
			}
		}
		seen.Reset()
		// The prompt is printed just before echo goes off: wait for it,
		// or the answer would race the program's terminal setup.
		// Termios requests on the master act on the pair's settings.
		for {
			tio, err := unix.IoctlGetTermios(int(master.Fd()), unix.TCGETS)
			if err != nil {
				t.Fatalf("TCGETS: %v", err)
			}
			if tio.Lflag&unix.ECHO == 0 {
				break
			}
			if time.Now().After(deadline) {
				t.Fatalf("echo still on after prompt %q", x.prompt)
			}
			time.Sleep(time.Millisecond)
		}
		if _, err := master.WriteString(x.answer + "\n"); err != nil {
			t.Fatalf("typing: %v", err)
		}
	}
	if err := cmd.Wait(); err != nil {
		t.Fatalf("%s %s: %v\nstderr: %s", bin, strings.Join(args, " "), err, stderr.Bytes())
	}
	return stdout.Bytes()
}
