//go:build !unix

package main

// detachTerminal does nothing where there is no setsid; the scripts that
// need a terminal skip there, as ttyin needs a pseudo-terminal.
func detachTerminal() {}
