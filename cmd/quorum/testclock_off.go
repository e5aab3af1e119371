//go:build !testclock

package main

// Release builds: no --now flag, the laptop's clock only (testclock.go).

import (
	"errors"
	"time"

	"github.com/spf13/cobra"
)

const testClock = false

func addNowFlag(*cobra.Command, *string) {}

// parseNow is never reached: without the flag, the options' Now is empty.
func parseNow(string) (func() time.Time, error) {
	return nil, errors.New("this quorum has no test clock")
}
