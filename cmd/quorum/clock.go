package main

import "time"

// clock returns io.Now, or the time of the test clock's --now flag, which
// only test builds have (testclock.go).
func clock(io *IOStreams, now string) (func() time.Time, error) {
	if now == "" {
		return io.Now, nil
	}
	return parseNow(now)
}

// withClock returns io with its clock set by --now (test builds only), so
// that a test can run a year of drills in a minute; io itself when --now is
// not given.
func withClock(io *IOStreams, now string) (*IOStreams, error) {
	if now == "" {
		return io, nil
	}
	c, err := clock(io, now)
	if err != nil {
		return nil, err
	}
	with := *io
	with.Now = c
	return &with, nil
}
