//go:build unix

package accesslog

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"golang.org/x/sys/unix"
)

// TestAppendConcurrent has eight appenders write to one log at once, each
// through its own open file, as eight quorum processes would: every record
// must chain to the one before it. Without the lock, appenders that read
// the log at the same moment chain to the same record, and Read breaks.
func TestAppendConcurrent(t *testing.T) {
	path := filepath.Join(t.TempDir(), "access.log")
	const appenders, each = 8, 25
	start := time.Date(2026, 11, 26, 9, 0, 0, 0, time.UTC)
	var wg sync.WaitGroup
	errs := make(chan error, appenders*each)
	for a := range appenders {
		wg.Go(func() {
			for i := range each {
				r := &Record{Kind: KindNote, Time: start, Event: fmt.Sprintf("appender %d, note %d", a, i)}
				if _, err := Append(path, r, nil, ""); err != nil {
					errs <- err
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	records, err := Read(data)
	if err != nil {
		t.Fatalf("the log does not check after concurrent appends: %v", err)
	}
	if len(records) != appenders*each {
		t.Fatalf("%d records, want %d", len(records), appenders*each)
	}
}

// TestAppendBusy holds the log's lock as a stuck process would: Append
// gives up with ErrBusy and writes nothing, then appends once the lock is
// let go.
func TestAppendBusy(t *testing.T) {
	defer func(d time.Duration) { lockWait = d }(lockWait)
	lockWait = 100 * time.Millisecond
	path := filepath.Join(t.TempDir(), "access.log")
	note := func() *Record { return &Record{Kind: KindNote, Time: time.Now(), Event: "x"} }
	if _, err := Append(path, note(), nil, ""); err != nil {
		t.Fatal(err)
	}
	before, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}

	holder, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer holder.Close()
	if err := unix.Flock(int(holder.Fd()), unix.LOCK_EX); err != nil {
		t.Fatal(err)
	}
	if _, err := Append(path, note(), nil, ""); !errors.Is(err, ErrBusy) {
		t.Fatalf("Append with the log locked: %v, want ErrBusy", err)
	}
	if after, _ := os.ReadFile(path); !bytes.Equal(after, before) {
		t.Fatal("Append wrote to a log it could not lock")
	}

	holder.Close()
	if _, err := Append(path, note(), nil, ""); err != nil {
		t.Fatalf("Append after the lock was let go: %v", err)
	}
}
