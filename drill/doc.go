// Package drill checks shares the way a fire drill checks an exit: each
// custodian opens their own share, and with k good shares the set is
// rebuilt in memory, checked and wiped, without the secret being shown.
//
// [Check] opens one share and compares it with its commitment in the
// signed manifest (FORMAT.md §6): the public half of the share key derived
// from the opened payload. A share that opens but is not the one the split
// sealed (a forged sheet signed by someone who once held the set key, a
// payload swapped in) is named here, by index, before any rebuilding.
// Without a manifest only the signature, the pinned set and decryption can
// be checked, and a wrong payload shows only as the whole set failing its
// integrity check.
//
// [Run] is the drill: every share checked apart from the others so that
// every bad one is named with its reason (not just the first, as combine
// stops), then, with k good ones, the rebuild, the integrity check
// ([combine.Set.SetKey]) and the set key, which signs the drill's record.
// The secret never leaves package combine; the payloads are wiped before
// Run returns.
//
// What a drill proves, and what it does not, is in SECURITY.md: a record
// signed with the set key was made by someone who held k shares at some
// time; it says nothing about the date or who was in the room.
package drill
