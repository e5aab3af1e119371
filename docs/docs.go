// Package docs holds what quorum prints for a binder that must outlive it:
// docs/recover.py, the script that rebuilds a secret without quorum
// (FORMAT.md §12), and docs/kitcheck.py, the short program a person types
// first to check the lines of recover.py typed back from the printed
// recovery kit. They are embedded, so that the kit quorum prints is the
// script of the same source tree, byte for byte.
package docs

import _ "embed"

// Recover is docs/recover.py.
//
//go:embed recover.py
var Recover []byte

// KitCheck is docs/kitcheck.py.
//
//go:embed kitcheck.py
var KitCheck []byte
