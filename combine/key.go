package combine

import (
	"crypto/ed25519"

	"quorum/share"
)

// SetKey rebuilds the set from the payloads as [Set.Rebuild] does and,
// once the integrity check passes, returns the set key instead of the
// secret: what a drill or a reshare signs its record with. The secret
// itself never leaves this function; the caller wipes the key.
func (s *Set) SetKey(payloads [][]byte) (ed25519.PrivateKey, error) {
	input, padded, seed, err := s.interpolate(payloads)
	if err != nil {
		return nil, err
	}
	defer clear(input)
	key, err := share.SetKey(padded, seed)
	if err != nil {
		return nil, s.integrityErr()
	}
	if !key.Public().(ed25519.PublicKey).Equal(s.Inputs[0].Share.SetKey) {
		clear(key)
		return nil, s.integrityErr()
	}
	// A set key that matches was derived from this very padded secret,
	// but Rebuild also refuses a padding no split writes; so does this,
	// so that the two agree on what a good set is.
	if _, err := share.Unpad(padded); err != nil {
		clear(key)
		return nil, s.integrityErr()
	}
	return key, nil
}
