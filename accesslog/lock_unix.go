//go:build unix

package accesslog

import (
	"errors"
	"os"
	"time"

	"golang.org/x/sys/unix"
)

// lockWait is how long Append waits for another process's append to end.
// An append is a read, a signature and one synced write: milliseconds.
// A process that holds the lock for longer is stuck, and the caller hears
// of it rather than waiting without end.
var lockWait = 10 * time.Second

// lock takes an exclusive advisory lock (flock) on the open log, held
// until f is closed, so that two quorum processes appending at once take
// turns and each chains to the other's record.
func lock(f *os.File) error {
	deadline := time.Now().Add(lockWait)
	for {
		err := unix.Flock(int(f.Fd()), unix.LOCK_EX|unix.LOCK_NB)
		switch {
		case err == nil:
			return nil
		case errors.Is(err, unix.EINTR):
			continue
		case !errors.Is(err, unix.EWOULDBLOCK):
			// A filesystem without locks: append as before.
			return nil
		case time.Now().After(deadline):
			return ErrBusy
		}
		time.Sleep(20 * time.Millisecond)
	}
}
