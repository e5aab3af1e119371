// Package combine rebuilds a secret from k shares of one set, and refuses
// to return anything else. Vault's shamir.Combine turns wrong or missing
// shares into a wrong secret without an error, so every check here is
// quorum's own, run in order of cost (FORMAT.md §10): signatures, set
// membership (pinned or not), duplicates and count before any share is
// decrypted, then decryption through the caller's Open function, then the
// set-key integrity check on what was rebuilt.
//
// Each failure has its own error type naming the share and where it came
// from, so that the CLI can say what to do about it.
package combine
