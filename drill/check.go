package drill

import (
	"crypto/ed25519"
	"crypto/subtle"
	"errors"

	"quorum/combine"
	"quorum/manifest"
	"quorum/share"
)

// ErrCommitment means that a share opened, but its payload is not the one
// the split sealed for its index: the manifest's commitment does not
// match. The share's signature verified, so it was made by someone who
// held the set key; it is not the custodian's genuine share.
var ErrCommitment = errors.New("the opened share does not match its commitment in the manifest")

// Check opens one share and checks it: signature, set (the manifest's,
// when given), the share hash and commitment the manifest lists for its
// index. It returns the share key, derived from the opened payload, which
// signs a custodian's verify record; the caller wipes it. Without a
// manifest only the signature and decryption are checked.
func Check(in combine.Input, m *manifest.Manifest, open func(combine.Input) ([]byte, error)) (ed25519.PrivateKey, error) {
	wrap := func(err error) error {
		return &share.Error{Index: in.Share.Index, Custodian: in.Share.Custodian, Source: in.Source, Err: err}
	}
	if err := in.Share.Verify(); err != nil {
		return nil, wrap(err)
	}
	var setPub ed25519.PublicKey
	if m != nil {
		fp, err := m.Fingerprint()
		if err != nil {
			return nil, err
		}
		if got := in.Share.Fingerprint(); got != fp {
			return nil, wrap(&combine.WrongSetError{Got: got, Want: fp})
		}
		if setPub, err = m.SetKey(); err != nil {
			return nil, err
		}
	}
	payload, key, err := check(in, m, setPub, open)
	clear(payload)
	if err != nil {
		return nil, wrap(err)
	}
	return key, nil
}

// check opens in and, with a manifest, compares it with its entry. It
// returns the payload and the share key; the caller wipes both.
func check(in combine.Input, m *manifest.Manifest, setPub ed25519.PublicKey, open func(combine.Input) ([]byte, error)) ([]byte, ed25519.PrivateKey, error) {
	s := in.Share
	var entry *manifest.Custodian
	if m != nil {
		// Cheap checks first (FORMAT.md §10): a share the manifest does
		// not list never makes anyone type a passphrase.
		var err error
		if entry, err = m.Entry(s); err != nil {
			return nil, nil, err
		}
	} else {
		setPub = s.SetKey
	}
	payload, err := open(in)
	if err != nil {
		return nil, nil, err
	}
	key, err := share.ShareKey(payload, setPub)
	if err != nil {
		clear(payload)
		return nil, nil, err
	}
	if entry != nil {
		want, err := share.DecodeBinary(entry.Commitment)
		got := key.Public().(ed25519.PublicKey)
		if err != nil || len(want) != len(got) || subtle.ConstantTimeCompare(got, want) != 1 {
			clear(payload)
			clear(key)
			return nil, nil, ErrCommitment
		}
	}
	return payload, key, nil
}
