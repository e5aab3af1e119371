// Command quorum splits an organization's root password into k-of-n
// shares sealed with age, one printed sheet per custodian, and rebuilds it
// only when k custodians bring their shares. See README.md.
package main

import "os"

func main() {
	os.Exit(run(os.Args[1:], systemIO()))
}
