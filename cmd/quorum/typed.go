package main

// Shares typed on the terminal from a sheet (--type), for a sheet whose QR
// code will not scan.

import (
	"errors"

	"quorum/combine"
)

// readTyped asks on the controlling terminal for sheets, one after
// another, and returns their shares.
func readTyped(io *IOStreams) ([]combine.Input, error) {
	return nil, errors.New("--type is not ready yet")
}
