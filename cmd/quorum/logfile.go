package main

// Thin wrappers over the access log's helpers in package ceremony, for
// the commands not yet moved there; each goes when its last caller does.

import (
	"quorum/ceremony"
	"quorum/kit"
)

func readKit(path string) (*kit.State, error) { return ceremony.ReadKit(path) }
