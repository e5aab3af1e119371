//go:build testclock

package main

// The test clock: built only with -tags testclock, which the tests use
// (the README's test command and .ci/run pass it). The test scripts run a
// year of drills in a minute by setting the clock with the hidden --now
// flag. A release binary has no such flag: a record's time is the laptop's
// clock, and anyone who could set it from the command line could date a
// drill in 2099 without touching the clock (testclock_test.go builds the
// binary without the tag and checks that --now is refused).

import (
	"time"

	"github.com/spf13/cobra"
)

// testClock says whether this build has the --now flag.
const testClock = true

// addNowFlag adds the hidden --now flag: "2026-01-05" or RFC 3339.
func addNowFlag(cmd *cobra.Command, p *string) {
	cmd.Flags().StringVar(p, "now", "", "the time to use instead of the clock (tests only)")
	cmd.Flags().MarkHidden("now")
}

// parseNow reads --now.
func parseNow(now string) (func() time.Time, error) {
	for _, layout := range []string{time.DateOnly, time.RFC3339} {
		if t, err := time.Parse(layout, now); err == nil {
			return func() time.Time { return t }, nil
		}
	}
	return nil, usagef("--now %q is not a date (2026-01-05) or an RFC 3339 time", now)
}
