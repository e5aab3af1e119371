package main

import (
	"bytes"
	"encoding/binary"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"golang.org/x/sys/unix"

	"quorum/share"
)

// The promise of internal/newfile, tested by interrupting split: at a passphrase
// prompt, before anything is written, and in the middle of writing the set
// (the test stops quorum the moment its staging directory appears). After
// SIGINT or SIGQUIT nothing is left; after SIGKILL, which no program can
// catch, at most a dot-named staging directory, never a file under its
// final name; and no secret in either case.

const interruptSecret = "Interrupt-Canary-4Fv8-Lm3q"

// listDir returns the names in dir, recursively, with "/" after folders.
func listDir(t *testing.T, dir string) []string {
	t.Helper()
	var names []string
	filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err != nil || path == dir {
			return err
		}
		rel, _ := filepath.Rel(dir, path)
		if d.IsDir() {
			rel += "/"
		}
		names = append(names, rel)
		return nil
	})
	return names
}

// diedBy checks that err is death by sig.
func diedBy(t *testing.T, err error, sig syscall.Signal) {
	t.Helper()
	var ee *exec.ExitError
	if !errors.As(err, &ee) {
		t.Fatalf("quorum ended with %v, want death by %v", err, sig)
	}
	if ws := ee.Sys().(syscall.WaitStatus); !ws.Signaled() || ws.Signal() != sig {
		t.Fatalf("quorum ended with %v, want death by %v", err, sig)
	}
}

// noSecretIn fails if any file under dir holds the secret.
func noSecretIn(t *testing.T, dir string) {
	t.Helper()
	filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			if b, _ := os.ReadFile(path); bytes.Contains(b, []byte(interruptSecret)) {
				t.Errorf("%s holds the secret", path)
			}
		}
		return nil
	})
}

func TestInterruptedSplitAtPrompt(t *testing.T) {
	bin := buildQuorum(t)
	for _, sig := range []syscall.Signal{syscall.SIGINT, syscall.SIGKILL} {
		t.Run(sig.String(), func(t *testing.T) {
			dir := t.TempDir()
			env := isolatedEnv(dir)
			runQuorum(t, bin, dir, env, nil, "keygen", "--no-passphrase", "-o", "alice.key")
			custodians := "alice " + publicKey(t, filepath.Join(dir, "alice.key")) + "\npaula passphrase\n"
			os.WriteFile(filepath.Join(dir, "custodians.txt"), []byte(custodians), 0o600)
			before := listDir(t, dir)

			p := startTTY(t, bin, ttyOptions{dir: dir, env: env, stdin: strings.NewReader(interruptSecret)},
				"split", "-k", "2", "--allow-all-required", "-c", "custodians.txt", "-o", "set")
			p.answer("paula, type a passphrase for share 2 of 2", "half a passphrase, not yet typed in full")
			p.expect("paula, the same passphrase again:")
			p.cmd.Process.Signal(sig)
			diedBy(t, p.wait(), sig)
			if after := listDir(t, dir); !slices.Equal(after, before) {
				t.Errorf("the folder held %q before, %q after", before, after)
			}
			// SIGKILL leaves no chance to restore the terminal (the shell's
			// "reset" does).
			if sig == syscall.SIGINT && !p.echoOn() {
				t.Error("the terminal was left without echo")
			}
		})
	}
}

func TestInterruptedSplitWhileWriting(t *testing.T) {
	bin := buildQuorum(t)
	for _, sig := range []syscall.Signal{syscall.SIGINT, syscall.SIGQUIT, syscall.SIGKILL} {
		t.Run(sig.String(), func(t *testing.T) {
			dir := t.TempDir()
			env := isolatedEnv(dir)
			newSetKeys(t, bin, dir, env)

			// quorum is stopped as soon as the staging directory of the
			// set appears: in the middle of writing.
			in, err := unix.InotifyInit1(unix.IN_CLOEXEC | unix.IN_NONBLOCK)
			if err != nil {
				t.Skipf("inotify: %v", err)
			}
			defer unix.Close(in)
			if _, err := unix.InotifyAddWatch(in, dir, unix.IN_CREATE); err != nil {
				t.Fatal(err)
			}
			cmd := exec.Command(bin, "split", "-k", "2", "-c", "custodians.txt", "-o", "set")
			cmd.Dir, cmd.Env, cmd.Stdin = dir, env, strings.NewReader(interruptSecret)
			cmd.SysProcAttr = &syscall.SysProcAttr{Setsid: true}
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			defer cmd.Process.Kill()
			if !stopOnCreate(t, in, cmd.Process.Pid, ".quorum-staging-") {
				t.Fatal("quorum did not make a staging directory within 20s")
			}
			stopped := listDir(t, dir)
			t.Logf("stopped with %q", stopped)
			midWrite := !slices.Contains(stopped, "set/")

			cmd.Process.Signal(sig)
			syscall.Kill(cmd.Process.Pid, syscall.SIGCONT)
			if sig == syscall.SIGQUIT {
				// quorum ends by exit code 131, not by the signal: Go would
				// print every goroutine's stack first (term.ExitBySignal).
				exitedWith(t, cmd.Wait(), 128+int(syscall.SIGQUIT))
			} else {
				diedBy(t, cmd.Wait(), sig)
			}

			names := listDir(t, dir)
			t.Logf("left %q", names)
			complete := slices.Contains(names, "set/manifest.json") && slices.Contains(names, "set/sheets.pdf")
			for _, n := range names {
				switch {
				case slices.Contains([]string{"alice.key", "bob.key", "carol.key", "custodians.txt"}, n):
				case strings.HasPrefix(n, "set/"):
					if !complete {
						t.Errorf("%s is under the final name of an incomplete set", n)
					}
					if strings.HasSuffix(n, ".share") {
						if b, _ := os.ReadFile(filepath.Join(dir, n)); !readsAsShare(b) {
							t.Errorf("%s is not a whole share", n)
						}
					}
				case strings.HasPrefix(n, ".quorum-staging-") && sig == syscall.SIGKILL:
					// SIGKILL cannot be caught: the staging directory stays.
				default:
					t.Errorf("%s was left behind", n)
				}
			}
			noSecretIn(t, dir)
			// Whole or nothing is the promise, checked above. Which of the
			// two depends on when Go's signal goroutine hands the signal
			// on: the kernel delivers it at SIGCONT, but on a busy machine
			// the writer can pass its last check and place the set first,
			// and quorum then ends by the signal with the set whole.
			// internal/newfile's TestHoldUndoes proves the undo itself.
			switch {
			case midWrite && complete:
				t.Log("the signal was handed on only after the last check: the set is whole")
			case !midWrite:
				t.Log("quorum was stopped only after the set was in place; the write was not interrupted this time")
			}
		})
	}
}

// newSetKeys makes three custodians with unprotected keys in dir.
func newSetKeys(t *testing.T, bin, dir string, env []string) {
	t.Helper()
	var custodians strings.Builder
	for _, name := range []string{"alice", "bob", "carol"} {
		runQuorum(t, bin, dir, env, nil, "keygen", "--no-passphrase", "-o", name+".key")
		custodians.WriteString(name + " " + publicKey(t, filepath.Join(dir, name+".key")) + "\n")
	}
	if err := os.WriteFile(filepath.Join(dir, "custodians.txt"), []byte(custodians.String()), 0o600); err != nil {
		t.Fatal(err)
	}
}

// stopOnCreate waits for a name starting with prefix to be created in the
// folder that inotify instance in watches, and stops process pid at once.
func stopOnCreate(t *testing.T, in, pid int, prefix string) bool {
	t.Helper()
	buf := make([]byte, 4096)
	for deadline := time.Now().Add(20 * time.Second); time.Now().Before(deadline); {
		fds := []unix.PollFd{{Fd: int32(in), Events: unix.POLLIN}}
		if _, err := unix.Poll(fds, 100); err != nil && err != unix.EINTR {
			t.Fatal(err)
		}
		n, err := unix.Read(in, buf)
		if err == unix.EAGAIN || err == unix.EINTR {
			continue
		}
		if err != nil {
			t.Fatal(err)
		}
		for off := 0; off+unix.SizeofInotifyEvent <= n; {
			// struct inotify_event: wd, mask, cookie, len, then the name.
			size := int(binary.NativeEndian.Uint32(buf[off+12:]))
			name := string(bytes.TrimRight(buf[off+unix.SizeofInotifyEvent:off+unix.SizeofInotifyEvent+size], "\x00"))
			off += unix.SizeofInotifyEvent + size
			if strings.HasPrefix(name, prefix) {
				syscall.Kill(pid, syscall.SIGSTOP)
				return true
			}
		}
	}
	return false
}

func readsAsShare(b []byte) bool {
	shares, _, err := share.Read(b)
	return err == nil && len(shares) == 1 && shares[0].Verify() == nil
}
