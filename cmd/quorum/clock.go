package main

import "time"

// clock returns streams.Now, or the time of the test clock's --now flag, which
// only test builds have (testclock.go).
func clock(streams *IOStreams, now string) (func() time.Time, error) {
	if now == "" {
		return streams.Now, nil
	}
	return parseNow(now)
}

// withClock returns streams with its clock set by --now (test builds only), so
// that a test can run a year of drills in a minute; streams itself when --now is
// not given.
func withClock(streams *IOStreams, now string) (*IOStreams, error) {
	if now == "" {
		return streams, nil
	}
	c, err := clock(streams, now)
	if err != nil {
		return nil, err
	}
	with := *streams
	with.Now = c
	return &with, nil
}
