//go:build unix

package main

import "syscall"

// detachTerminal leaves the controlling terminal that "go test" may have
// been started from, so that a script has a terminal only when it asks for
// one with ttyin: otherwise a "no terminal" case would wait for the
// developer's keyboard. With ttyin, testscript made the process a session
// leader on its pseudo-terminal; setsid then fails (EPERM) and that
// terminal stays, as it should.
func detachTerminal() { syscall.Setsid() }
