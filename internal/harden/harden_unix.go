//go:build unix && !linux

package harden

import (
	"runtime"

	"golang.org/x/sys/unix"
)

// Other Unix systems (macOS, the BSDs): core dumps off and single buffers
// locked. Nothing stops a debugger of the same user, and memory is not
// locked as a whole: macOS has no mlockall. macOS encrypts its swap.
func process() Report {
	return Report{
		CoreDumpsOff: unix.Setrlimit(unix.RLIMIT_CORE, &unix.Rlimit{}) == nil,
		SwapOn:       true,
		Unlocked:     "quorum locks only its own buffers on " + runtime.GOOS,
		Remedy:       "run the ceremony on Linux, or on a machine whose swap is off or encrypted",
	}
}
