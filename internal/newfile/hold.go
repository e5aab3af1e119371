package newfile

import (
	"fmt"
	"os"
	"os/signal"

	"quorum/internal/term"
)

// Hold holds SIGINT, SIGTERM, SIGHUP and SIGQUIT (term.NotifyExit) while
// outputs are written, so that several outputs are written both or
// neither: split writes a generated password's file and the set that holds
// it under one Hold.
type Hold struct {
	sigs chan os.Signal
	sig  os.Signal // the first that came
}

// InterruptedError means that a held signal came while outputs were
// written: those not yet in place were undone. The program ends by Signal,
// as it would have ended without the hold.
type InterruptedError struct {
	Signal os.Signal
}

func (e *InterruptedError) Error() string { return fmt.Sprintf("interrupted (%v)", e.Signal) }

// HoldSignals holds the exit signals until [Hold.Release].
func HoldSignals() *Hold {
	h := &Hold{sigs: make(chan os.Signal, 1)}
	term.NotifyExit(h.sigs)
	return h
}

// interrupted returns an *InterruptedError if a held signal has come.
func (h *Hold) interrupted() error {
	if h.sig == nil {
		select {
		case h.sig = <-h.sigs:
		default:
		}
	}
	if h.sig != nil {
		return &InterruptedError{h.sig}
	}
	return nil
}

// Release stops holding, and returns an [*InterruptedError] if a signal
// came while it held: the caller ends the process by it, also when every
// output is in place.
func (h *Hold) Release() error {
	signal.Stop(h.sigs)
	return h.interrupted()
}
