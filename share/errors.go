package share

import (
	"errors"
	"fmt"
)

// ErrNotShare means that a text or QR code is not a quorum share at all.
var ErrNotShare = errors.New("not a quorum share")

// ErrBadSignature means that a share's signature does not verify under the
// set public key the share carries: the share was altered or forged.
var ErrBadSignature = errors.New("signature is invalid")

// ErrIntegrity means that the secret rebuilt from k shares does not give
// back the set key: some share used was wrong.
var ErrIntegrity = errors.New("integrity check failed: the rebuilt secret does not match the set key")

// Error is a failure of one share, named by its index and custodian and,
// when it was read from somewhere, its source (a file name, "standard
// input", a scan). combine, drill, verify and print return it, so that one
// hint names the share whichever command failed on it.
type Error struct {
	Index     int
	Custodian string
	Source    string // "" when the share did not come from an input
	Err       error
}

func (e *Error) Error() string {
	if e.Source == "" {
		return fmt.Sprintf("share %d (%s): %v", e.Index, e.Custodian, e.Err)
	}
	return fmt.Sprintf("share %d (%s, %s): %v", e.Index, e.Custodian, e.Source, e.Err)
}

func (e *Error) Unwrap() error { return e.Err }

// VersionError is returned for a share of another format version.
type VersionError struct {
	Version int
}

func (e *VersionError) Error() string {
	return fmt.Sprintf("share format version %d is not supported (this quorum reads version %d)", e.Version, formatVersion)
}

// LineError says which numbered line of a share's text is damaged.
type LineError struct {
	Line   int    // 1-based line number as printed
	Reason string // what is wrong with it
}

func (e *LineError) Error() string {
	return fmt.Sprintf("line %d: %s", e.Line, e.Reason)
}

// TruncatedError means that a share's text ends before its last line.
type TruncatedError struct {
	Lines int // the lines that were there, all with good checks
}

func (e *TruncatedError) Error() string {
	return fmt.Sprintf("share text is truncated: it ends after line %d, whose check says it is not the last line (lines are missing, or line %d's check is mistyped)", e.Lines, e.Lines)
}

// MalformedError means that a share's data passed its checks (or had
// none, as a QR code) but does not have the structure of FORMAT.md §3.
type MalformedError struct {
	Err error
}

func (e *MalformedError) Error() string { return "malformed share: " + e.Err.Error() }
func (e *MalformedError) Unwrap() error { return e.Err }
