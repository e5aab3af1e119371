package seal

import (
	"bytes"

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
	return groupSymbols(symbols), true
}

// groupSymbols writes symbols in dash-separated groups of four, as the
// generated passphrase is shown: "7QX4-M2KD-…".
func groupSymbols(symbols []byte) []byte {
	out := make([]byte, 0, len(symbols)+len(symbols)/4)
	for i, c := range symbols {
		if i > 0 && i%4 == 0 {
			out = append(out, '-')
		}
		out = append(out, c)
	}
	return out
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
