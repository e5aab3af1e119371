//go:build !unix

package harden

import "runtime"

// Windows and the rest: nothing is done. Windows has no core dump limit
// for a process to set, and quorum does not lock memory there.
func process() Report {
	return Report{
		SwapOn:   true,
		Unlocked: "quorum does not lock memory on " + runtime.GOOS,
		Remedy:   "run the ceremony on Linux",
	}
}

// Lock does nothing on this OS.
func Lock(b []byte) {}
