package ceremony

import (
	"errors"

	"quorum/internal/harden"
	"quorum/seal"
)

// KeygenOptions are the choices of a new custodian identity.
type KeygenOptions struct {
	PQ           bool // a post-quantum hybrid identity (age 1.3 opens it)
	NoPassphrase bool // unprotected: tests and demos only
}

// Keygen makes a new age identity and returns its file, protected by a
// passphrase typed twice unless opts.NoPassphrase, and its recipient. The
// file is locked against swapping; the caller writes it where the person
// said and wipes it.
func Keygen(env *Env, opts KeygenOptions) (file []byte, recipient string, err error) {
	identity, recipient, err := seal.NewIdentity(opts.PQ)
	if err != nil {
		return nil, "", err
	}
	harden.Lock(identity)
	defer clear(identity)
	file = seal.IdentityFile(identity, recipient, env.Now())
	harden.Lock(file)
	if opts.NoPassphrase {
		return file, recipient, nil
	}
	defer clear(file)
	if !env.UI.Available() {
		return nil, "", errors.New("no terminal to type the identity's passphrase on; --no-passphrase is for tests and demos")
	}
	pass, err := newPassphrase(env.UI, "the new identity's passphrase",
		"passphrase to protect the new identity (at least 16 characters):", "the same passphrase again:", false)
	if err != nil {
		return nil, "", err
	}
	defer clear(pass)
	enc, err := seal.EncryptIdentity(file, pass)
	if err != nil {
		return nil, "", err
	}
	return enc, recipient, nil
}
