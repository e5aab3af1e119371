// Command quorum splits an organization's root password into k-of-n
// shares sealed with age, one printed sheet per custodian, and rebuilds it
// only when k custodians bring their shares. See README.md.
package main

import "os"

func main() {
	os.Exit(quorumMain(os.Args[1:]))
}

// quorumMain is main without the os.Exit: the process is hardened before
// anything else is read (harden.go), then the command runs. The tests'
// "quorum" goes through it too.
func quorumMain(args []string) int {
	streams := systemIO()
	hardenProcess(streams, args)
	return run(args, streams)
}
