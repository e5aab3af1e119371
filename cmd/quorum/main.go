// Command quorum splits an organization's root password into k-of-n
// shares sealed with age, one printed sheet per custodian, and rebuilds it
// only when k custodians bring their shares. See README.md.
package main

import (
	"os"
	"runtime/debug"
	"strings"
)

func main() {
	os.Exit(quorumMain(os.Args[1:]))
}

// quorumMain is main without the os.Exit: the process is hardened before
// anything else is read (harden.go), its collector tuned first for a split
// (tuneGC), then the command runs. The tests' "quorum" goes through it
// too.
func quorumMain(args []string) int {
	if isSplit(args) {
		tuneGC()
	}
	io := systemIO()
	hardenProcess(io, args)
	return run(args, io)
}

// tuneGC lets the heap grow five times its live size between collections
// (GOGC=400) instead of twice, under a limit that keeps the largest set
// within its memory goal. A ceremony is short and allocates in bursts
// (fpdf a new compressor of 1 MB for each font stream, 20 MB a PDF): with
// the default the collector ran 10 times in a 3-of-5 split and its mark
// worker took a quarter of the CPU while the PDF writer, the longest path,
// waited for a core (bench/ANALYSIS.md). The limit, a soft
// one, makes the collector run as often as it must once the heap nears
// it: a 255-share split, whose live heap is the largest, stays under the
// 200 MiB of peak memory issue 7 allows. GOGC and GOMEMLIMIT in the
// environment still win, for measuring.
//
// Only split is tuned: the commands that read shares may decode scans of
// up to scan.MaxPixels, whose live heap alone can pass the limit, and a
// limit below the live heap makes the collector run without pause.
func tuneGC() {
	if _, set := os.LookupEnv("GOGC"); !set {
		debug.SetGCPercent(400)
	}
	if _, set := os.LookupEnv("GOMEMLIMIT"); !set {
		debug.SetMemoryLimit(gcMemoryLimit)
	}
}

// gcMemoryLimit is the Go heap's soft limit: 200 MiB of peak resident
// memory less the binary, stacks and what the runtime keeps aside.
const gcMemoryLimit = 150 << 20

// isSplit reports whether args run quorum split. The root command has no
// flags of its own, so the first argument that is not a flag names the
// command.
func isSplit(args []string) bool {
	for _, a := range args {
		if !strings.HasPrefix(a, "-") {
			return a == "split"
		}
	}
	return false
}
