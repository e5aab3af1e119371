package main

// Thin wrappers over the access log's helpers in package ceremony, for
// the commands not yet moved there; each goes when its last caller does.

import (
	"quorum/ceremony"
	"quorum/kit"
	"quorum/print"
)

func readLogFile(path string) ([]byte, error)         { return ceremony.ReadLogFile(path) }
func checkLog(path string) error                      { return ceremony.CheckLog(path) }
func kitOnPaper(path string) ([]print.KitItem, error) { return ceremony.KitOnPaper(path) }
func checkPeople(operator string, witnesses []string) error {
	return ceremony.CheckPeople(operator, witnesses)
}
func readKit(path string) (*kit.State, error) { return ceremony.ReadKit(path) }
