package combine

import (
	"fmt"
	"strings"

	"quorum/share"
)

// WrongSetError means that a share is not of the pinned set.
type WrongSetError struct {
	Got, Want share.Fingerprint
}

func (e *WrongSetError) Error() string {
	return fmt.Sprintf("share is of set %s, not of the pinned set %s", e.Got, e.Want)
}

// MixedSetsError means that the shares given are of several sets and none
// was pinned.
type MixedSetsError struct {
	Sets []SetShares
}

// SetShares is one set among mixed shares.
type SetShares struct {
	Fingerprint share.Fingerprint
	Label       string
	Sources     []string
}

func (e *MixedSetsError) Error() string {
	var parts []string
	for _, s := range e.Sets {
		parts = append(parts, fmt.Sprintf("set %s %q (%s)", s.Fingerprint, s.Label, strings.Join(s.Sources, ", ")))
	}
	return fmt.Sprintf("shares of %d different sets: %s", len(e.Sets), strings.Join(parts, "; "))
}

// DuplicateError means that one share was given twice.
type DuplicateError struct {
	Index         int
	Custodian     string
	First, Second string
}

func (e *DuplicateError) Error() string {
	return fmt.Sprintf("duplicate share: share %d (%s) is given twice (%s and %s)", e.Index, e.Custodian, e.First, e.Second)
}

// TooFewError means that fewer than k shares of the set were given.
type TooFewError struct {
	Have, Need  int
	Label       string
	Fingerprint share.Fingerprint
}

func (e *TooFewError) Error() string {
	return fmt.Sprintf("too few shares: %d of set %q (%s), need %d", e.Have, e.Label, e.Fingerprint, e.Need)
}

// IntegrityError means that the rebuilt secret failed the set-key check:
// some share used was wrong. The candidate secret is never returned.
type IntegrityError struct {
	Fingerprint share.Fingerprint
	Sources     []string
}

func (e *IntegrityError) Error() string {
	return fmt.Sprintf("integrity check failed for set %s: the shares (%s) do not rebuild its secret", e.Fingerprint, strings.Join(e.Sources, ", "))
}

func (e *IntegrityError) Unwrap() error { return share.ErrIntegrity }
