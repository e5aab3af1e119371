package seal

import (
	"bytes"

	"quorum/internal/random"
	"quorum/share"
)

// generatedSymbols is how many symbols [GeneratePassphrase] draws.
const generatedSymbols = 24

// GeneratedForm returns typed in the form [GeneratePassphrase] writes, if it
// can be a generated passphrase as a custodian copies it back from paper:
// 24 symbols of Crockford's base32 in any case, with or without the dashes
// or with spaces between the groups, read by the rule of typed share lines
// and fingerprints ([share.TypedSymbols]). Otherwise ok is false. The result
// is a new slice, for the caller to wipe.
func GeneratedForm(typed []byte) (generated []byte, ok bool) {
	symbols, bad := share.TypedSymbols(typed)
	defer clear(symbols)
	if bad >= 0 || len(symbols) != generatedSymbols {
		return nil, false
	}
	return random.Grouped(symbols), true
}

// passphraseCandidates returns what a typed passphrase is tried as: as
// typed, and, if it can be a generated passphrase typed otherwise than it
// was shown, first in the generated form, which is what its share is
// sealed to. Each try costs a run of scrypt; a passphrase the custodian
// chose is tried once, unless it too reads as 24 symbols.
func passphraseCandidates(typed []byte) [][]byte {
	if g, ok := GeneratedForm(typed); ok && !bytes.Equal(g, typed) {
		return [][]byte{g, typed}
	}
	return [][]byte{typed}
}
