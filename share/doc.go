// Package share implements the quorum share format, version 1, specified in
// FORMAT.md at the root of the repository; this comment summarises it.
//
// A set is made by splitting a secret k-of-n. What is split is the padded
// secret (a two-byte length, the secret, zeros up to a multiple of 64 bytes,
// so that a sheet does not tell the password's length) followed by a 32-byte
// random set seed. The set key is an Ed25519 key derived with HKDF from both;
// its public half names the set through the [Fingerprint] and signs every
// share. After combining, deriving the set key again and comparing it with
// the set's is the integrity check ([CheckSetKey]): a wrong share cannot
// produce a wrong secret unnoticed.
//
// A [Share] is a public [Header] (set public key, index, k, n, creation day,
// recipient [Kind], label, custodian), the custodian's Shamir payload sealed
// with age, and the set key's signature. Its share string is "QRM1" followed
// by the body in Crockford base32, an alphabet that survives handwriting and
// fits the QR code's alphanumeric mode. On paper and in share files the
// string is cut into numbered [Line]s of 24 symbols, each with a two-symbol
// check that pins a typo to its line:
//
//	# quorum share, format 1: keep the numbered lines exactly as they are
//	01  QRM1 ...  7K
//
// A share too long for one QR code travels as [Part]s ("QRP1…"), joined
// with [JoinParts].
//
// The package is pure: bytes in, values out. It does not encrypt (the seal
// package does) and it does not split (the split package does). It protects
// against damaged and forged text; what a signature does not prove (that a
// set is the right one) is for the caller to pin, as SECURITY.md explains.
package share
