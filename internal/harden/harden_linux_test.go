package harden

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/sys/unix"
)

// The tests run Process in a child (this test binary, see TestMain), since
// it changes the process for good, and read the result as the kernel
// reports it: prctl(PR_GET_DUMPABLE), getrlimit(RLIMIT_CORE), and the
// resident pages that are locked, from /proc/self/smaps_rollup (VmLck in
// /proc/self/status counts whole mappings, touched or not).

const childEnv = "HARDEN_TEST_CHILD"

// childResult is what the child reports, as JSON on stdout.
type childResult struct {
	Report     Report
	Dumpable   int
	CoreLimit  uint64
	LockedKiB  int // locked after Process and after touching 16 MiB
	LockedBufK int // locked after Lock of a fresh 64 KiB buffer
}

func TestMain(m *testing.M) {
	if mode := os.Getenv(childEnv); mode != "" {
		os.Exit(child(mode))
	}
	os.Exit(m.Run())
}

// child runs Process as mode says: "plain", or "limited", with a locked
// memory limit of 256 KiB and without CAP_IPC_LOCK, as an ordinary user.
func child(mode string) int {
	if mode == "limited" {
		lim := unix.Rlimit{Cur: 256 << 10, Max: 256 << 10}
		if err := unix.Setrlimit(unix.RLIMIT_MEMLOCK, &lim); err != nil {
			fmt.Fprintln(os.Stderr, err)
			return 1
		}
		if err := dropIPCLock(); err != nil {
			fmt.Fprintln(os.Stderr, err)
			return 1
		}
	}
	var res childResult
	res.Report = Process()
	d, err := unix.PrctlRetInt(unix.PR_GET_DUMPABLE, 0, 0, 0, 0)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	res.Dumpable = d
	var core unix.Rlimit
	unix.Getrlimit(unix.RLIMIT_CORE, &core)
	res.CoreLimit = core.Cur
	heap := make([]byte, 16<<20)
	for i := range heap {
		heap[i] = 1 // fault the pages in: MCL_ONFAULT locks them then
	}
	res.LockedKiB = lockedKiB()
	buf := make([]byte, 64<<10)
	Lock(buf)
	res.LockedBufK = lockedKiB()
	json.NewEncoder(os.Stdout).Encode(res)
	_ = heap[len(heap)-1]
	return 0
}

func dropIPCLock() error {
	hdr := unix.CapUserHeader{Version: unix.LINUX_CAPABILITY_VERSION_3}
	var data [2]unix.CapUserData
	if err := unix.Capget(&hdr, &data[0]); err != nil {
		return err
	}
	data[unix.CAP_IPC_LOCK/32].Effective &^= 1 << (unix.CAP_IPC_LOCK % 32)
	return unix.Capset(&hdr, &data[0])
}

// lockedKiB returns how much resident memory of this process is locked.
func lockedKiB() int {
	b, _ := os.ReadFile("/proc/self/smaps_rollup")
	for _, line := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, "Locked:"); ok {
			n, _ := strconv.Atoi(strings.TrimSuffix(strings.TrimSpace(v), " kB"))
			return n
		}
	}
	return -1
}

func runChild(t *testing.T, mode string) childResult {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), childEnv+"="+mode)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("child (%s): %v: %s", mode, err, stderr.String())
	}
	var res childResult
	if err := json.Unmarshal(out, &res); err != nil {
		t.Fatalf("child (%s) said %q: %v", mode, out, err)
	}
	return res
}

// TestProcess checks the promises of Process as this machine allows them:
// core dumps off and not dumpable always; all memory locked when the limit
// on locked memory allows it, else a reason and a remedy.
func TestProcess(t *testing.T) {
	res := runChild(t, "plain")
	if !res.Report.CoreDumpsOff || res.CoreLimit != 0 {
		t.Errorf("core dumps: report %v, RLIMIT_CORE %d; want off, 0", res.Report.CoreDumpsOff, res.CoreLimit)
	}
	if !res.Report.Undumpable || res.Dumpable != 0 {
		t.Errorf("dumpable: report undumpable %v, PR_GET_DUMPABLE %d; want true, 0", res.Report.Undumpable, res.Dumpable)
	}
	var lim unix.Rlimit
	unix.Getrlimit(unix.RLIMIT_MEMLOCK, &lim)
	canLock := lim.Max == unix.RLIM_INFINITY || canIPCLock()
	switch {
	case canLock && !res.Report.MemoryLocked:
		t.Errorf("memory not locked (%s), though this machine allows it", res.Report.Unlocked)
	case res.Report.MemoryLocked && res.LockedKiB < 16<<10:
		t.Errorf("memory reported locked, but %d KiB are locked after touching 16 MiB", res.LockedKiB)
	case !res.Report.MemoryLocked && (res.Report.Unlocked == "" || res.Report.Remedy == ""):
		t.Errorf("memory not locked, and the report does not say why or what to do: %+v", res.Report)
	}
	t.Logf("report %+v; %d KiB locked", res.Report, res.LockedKiB)
}

// TestProcessLimited is an ordinary user's machine: a small limit on
// locked memory and no CAP_IPC_LOCK. Memory is not locked as a whole, the
// report says why, and Lock still locks a single buffer.
func TestProcessLimited(t *testing.T) {
	res := runChild(t, "limited")
	if res.Report.MemoryLocked {
		t.Fatalf("memory locked as a whole under a 256 KiB limit: a later allocation would crash the run")
	}
	if !strings.Contains(res.Report.Unlocked, "ulimit -l, is 256 KiB") {
		t.Errorf("report says %q, want it to name the limit", res.Report.Unlocked)
	}
	if res.LockedKiB != 0 {
		t.Errorf("%d KiB locked before any Lock, want 0", res.LockedKiB)
	}
	if res.LockedBufK < 64 {
		t.Errorf("%d KiB locked after Lock of 64 KiB, want at least 64", res.LockedBufK)
	}
	if !res.Report.CoreDumpsOff || res.Dumpable != 0 {
		t.Errorf("core dumps or dumpable not turned off under a limit: %+v, dumpable %d", res.Report, res.Dumpable)
	}
}

func TestWarning(t *testing.T) {
	unlocked := Report{Unlocked: "the limit on locked memory, ulimit -l, is 8192 KiB", Remedy: "turn swap off (swapoff -a)"}
	tests := []struct {
		name        string
		r           Report
		want, wantH string
	}{
		{"locked", Report{MemoryLocked: true, SwapOn: true}, "", ""},
		{"no swap", unlocked, "", ""},
		{"swap on", func() Report { r := unlocked; r.SwapOn = true; return r }(),
			"memory is not locked against swap (the limit on locked memory, ulimit -l, is 8192 KiB): secrets may be written to the swap device",
			"turn swap off (swapoff -a)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, gotH := tt.r.Warning()
			if got != tt.want || gotH != tt.wantH {
				t.Errorf("Warning() = %q, %q; want %q, %q", got, gotH, tt.want, tt.wantH)
			}
		})
	}
}
