package main

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"

	"golang.org/x/sys/unix"
)

// TestBinaryHardened watches the built binary while it waits at a
// passphrase prompt, before any secret is typed: the kernel must report
// core dumps off (/proc/PID/limits), memory locked when this machine's
// limit allows it (Locked in /proc/PID/smaps_rollup), and the process not
// dumpable, which the kernel shows by giving the files in /proc/PID to
// root. The last
// needs quorum to run as another user than root; as root, the test runs it
// as nobody too.
func TestBinaryHardened(t *testing.T) {
	bin := buildQuorum(t)
	// Another user must reach the binary: open up the test's folders.
	for d := filepath.Dir(bin); strings.HasPrefix(d, os.TempDir()) && d != os.TempDir(); d = filepath.Dir(d) {
		os.Chmod(d, 0o755)
	}
	dir := t.TempDir()
	os.Chmod(dir, 0o777)
	env := []string{"HOME=" + dir, "PATH=" + os.Getenv("PATH")}

	check := func(t *testing.T, cred *syscall.Credential) {
		p := startTTY(t, bin, ttyOptions{dir: dir, env: env, cred: cred}, "keygen", "-o", "alice.key")
		p.expect("passphrase to protect the new identity")
		pid := strconv.Itoa(p.cmd.Process.Pid)

		limits, err := os.ReadFile("/proc/" + pid + "/limits")
		if err != nil {
			t.Fatal(err)
		}
		core := false
		for _, line := range strings.Split(string(limits), "\n") {
			if rest, ok := strings.CutPrefix(line, "Max core file size"); ok {
				core = true
				if f := strings.Fields(rest); len(f) < 2 || f[0] != "0" || f[1] != "0" {
					t.Errorf("core dumps are on: %q", line)
				}
			}
		}
		if !core {
			t.Errorf("no core file size in /proc/%s/limits:\n%s", pid, limits)
		}

		// Locked memory: when the limit cannot be reached (as for root
		// with CAP_IPC_LOCK), quorum locks all of it.
		var lim unix.Rlimit
		unix.Getrlimit(unix.RLIMIT_MEMLOCK, &lim)
		if cred == nil && (lim.Max == unix.RLIM_INFINITY || os.Geteuid() == 0) {
			if kib := lockedKiB(t, pid); kib == 0 {
				t.Errorf("no memory is locked, though this machine allows it; stderr %q", p.stderr.String())
			}
		}

		var st syscall.Stat_t
		if err := syscall.Stat("/proc/"+pid+"/status", &st); err != nil {
			t.Fatal(err)
		}
		uid := uint32(os.Geteuid())
		if cred != nil {
			uid = cred.Uid
		}
		switch {
		case uid == 0:
			t.Log("running as root: /proc/PID/status is root's whether dumpable or not (see the nobody case)")
		case st.Uid != 0:
			t.Errorf("/proc/%s/status belongs to uid %d, quorum's own: the process is dumpable", pid, st.Uid)
		}
		p.cmd.Process.Kill()
		p.wait()
	}
	t.Run("this user", func(t *testing.T) { check(t, nil) })
	// Root reads root's files either way, so as root quorum is checked once
	// more as nobody; any other user was checked just above.
	if os.Geteuid() != 0 {
		return
	}
	t.Run("nobody", func(t *testing.T) {
		// In a user namespace (unshare -r) root cannot become nobody.
		if m, _ := os.ReadFile("/proc/self/uid_map"); strings.Join(strings.Fields(string(m)), " ") != "0 0 4294967295" {
			t.Skipf("in a user namespace (uid_map %q): root cannot become nobody", m)
		}
		check(t, &syscall.Credential{Uid: 65534, Gid: 65534})
	})
}

// lockedKiB returns how much resident memory of process pid is locked.
func lockedKiB(t *testing.T, pid string) int {
	t.Helper()
	b, err := os.ReadFile("/proc/" + pid + "/smaps_rollup")
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, "Locked:"); ok {
			n, _ := strconv.Atoi(strings.TrimSuffix(strings.TrimSpace(v), " kB"))
			return n
		}
	}
	t.Fatalf("no Locked line in /proc/%s/smaps_rollup", pid)
	return 0
}
