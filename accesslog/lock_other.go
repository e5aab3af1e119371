//go:build !unix

package accesslog

import "os"

// lock does nothing where flock is missing: on Windows two quorum
// processes appending at once could chain to the same record (SECURITY.md).
func lock(f *os.File) error { return nil }
