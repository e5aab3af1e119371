// Package split makes a set: it splits a secret k-of-n (FORMAT.md §5),
// seals each custodian's payload with age, signs every share and the
// manifest with the set key, and proves before returning that the set
// rebuilds the secret.
//
// It enforces the threshold policy of the guidance quorum serves: several
// people, never one alone (k ≥ 2), and never reliant on one person (k < n,
// unless the caller allows k = n). It writes nothing: the caller decides
// where the shares go.
package split
