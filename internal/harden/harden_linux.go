package harden

import (
	"bytes"
	"fmt"
	"os"

	"golang.org/x/sys/unix"
)

func process() Report {
	r := Report{SwapOn: swapOn()}
	r.CoreDumpsOff = unix.Setrlimit(unix.RLIMIT_CORE, &unix.Rlimit{}) == nil
	r.Undumpable = unix.Prctl(unix.PR_SET_DUMPABLE, 0, 0, 0, 0) == nil
	r.MemoryLocked, r.Unlocked = lockAll()
	if !r.MemoryLocked {
		r.Remedy = "turn swap off (swapoff -a), or run quorum with 'ulimit -l unlimited' or as root"
	}
	return r
}

// lockAll locks all memory, now and later, if the limit on locked memory
// cannot be reached: with MCL_FUTURE every later allocation counts against
// the limit, and one the limit refused would crash the run in the middle
// of a ceremony. Else it says why not.
func lockAll() (bool, string) {
	var lim unix.Rlimit
	if err := unix.Getrlimit(unix.RLIMIT_MEMLOCK, &lim); err != nil {
		return false, fmt.Sprintf("reading the limit on locked memory: %v", err)
	}
	if lim.Cur < lim.Max {
		// Raising the soft limit up to the hard one needs no privilege.
		raised := unix.Rlimit{Cur: lim.Max, Max: lim.Max}
		if unix.Setrlimit(unix.RLIMIT_MEMLOCK, &raised) == nil {
			lim = raised
		}
	}
	// The kernel counts every mapping against the limit, not the pages
	// in use, and the Go runtime maps more than a gigabyte of address
	// space it has not touched: any finite limit is too small.
	if lim.Cur != unix.RLIM_INFINITY && !canIPCLock() {
		return false, fmt.Sprintf("the limit on locked memory, ulimit -l, is %d KiB", lim.Cur>>10)
	}
	// MCL_ONFAULT locks pages as they are first used, rather than all of
	// the address space the Go runtime reserves at once.
	if err := unix.Mlockall(unix.MCL_CURRENT | unix.MCL_FUTURE | unix.MCL_ONFAULT); err != nil {
		return false, fmt.Sprintf("mlockall: %v", err)
	}
	return true, ""
}

// canIPCLock reports whether the process has CAP_IPC_LOCK, which lifts the
// limit on locked memory.
func canIPCLock() bool {
	hdr := unix.CapUserHeader{Version: unix.LINUX_CAPABILITY_VERSION_3}
	var data [2]unix.CapUserData
	if unix.Capget(&hdr, &data[0]) != nil {
		return false
	}
	return data[unix.CAP_IPC_LOCK/32].Effective&(1<<(unix.CAP_IPC_LOCK%32)) != 0
}

// swapOn reports whether a swap device is active: /proc/swaps lists one
// after its heading. When it cannot tell, it says yes.
func swapOn() bool {
	b, err := os.ReadFile("/proc/swaps")
	if err != nil {
		return true
	}
	return len(bytes.Split(bytes.TrimSpace(b), []byte("\n"))) > 1
}
