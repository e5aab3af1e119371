//go:build unix

package newfile

import (
	"errors"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"
	"testing"
)

// TestHoldUndoes: a SIGINT that comes while outputs are written undoes
// those not yet in place and is returned, not acted on, so that the
// caller ends the process by it once the temporary files are gone.
func TestHoldUndoes(t *testing.T) {
	dir := t.TempDir()
	h := HoldSignals()
	if err := h.Write(filepath.Join(dir, "before"), []byte("in place")); err != nil {
		t.Fatal(err)
	}
	// A second listener, registered before the signal is sent: once it has
	// the signal, the runtime has handed it to h too.
	seen := make(chan os.Signal, 1)
	signal.Notify(seen, syscall.SIGINT)
	defer signal.Stop(seen)
	if err := syscall.Kill(os.Getpid(), syscall.SIGINT); err != nil {
		t.Fatal(err)
	}
	<-seen

	var ie *InterruptedError
	if err := h.Write(filepath.Join(dir, "after"), []byte("undone")); !errors.As(err, &ie) || ie.Signal != syscall.SIGINT {
		t.Fatalf("Write after SIGINT = %v, want an *InterruptedError for SIGINT", err)
	}
	if err := h.WriteDir(filepath.Join(dir, "set"), []string{"a"}, map[string][]byte{"a": nil}); !errors.As(err, &ie) {
		t.Fatalf("WriteDir after SIGINT = %v, want an *InterruptedError", err)
	}
	if err := h.Release(); !errors.As(err, &ie) {
		t.Fatalf("Release = %v, want an *InterruptedError", err)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 || entries[0].Name() != "before" {
		t.Fatalf("the folder holds %v, want only the file written before the signal", entries)
	}
}
