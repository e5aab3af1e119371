//go:build unix

package harden

import "golang.org/x/sys/unix"

// Lock locks the memory pages that hold b against swapping, best effort:
// it fails silently where the limit on locked memory is reached, and adds
// nothing when memory is already locked as a whole. The pages stay locked
// until the process ends, since they may hold other secrets too. The Go
// collector does not move heap objects, so b stays where it was locked.
func Lock(b []byte) {
	if len(b) > 0 {
		unix.Mlock(b)
	}
}
