package seal

import (
	"bytes"
	"crypto/x509"
	"errors"
	"fmt"

	"filippo.io/age"
	"filippo.io/age/agessh"
	"golang.org/x/crypto/ssh"
)

// maxSSHKeySize bounds an SSH private key file, as stock age does; a 16384
// bit RSA key is about 13 KiB.
const maxSSHKeySize = 16 << 10

// parseSSHIdentity parses an SSH private key file, as stock age does.
func parseSSHIdentity(name string, pem, sshPub []byte, p Prompter) ([]age.Identity, error) {
	if len(pem) > maxSSHKeySize {
		return nil, &IdentityFileError{File: name, Reason: "too large to be an SSH private key"}
	}
	id, err := agessh.ParseIdentity(pem)
	var missing *ssh.PassphraseMissingError
	if errors.As(err, &missing) {
		return encryptedSSH(name, pem, sshPub, missing.PublicKey, p)
	}
	if err != nil {
		// ssh's and agessh's errors describe the format, not the key.
		return nil, &IdentityFileError{File: name, Reason: fmt.Sprintf("not a usable SSH private key: %v", err)}
	}
	// agessh's identities do not give their public key back; [Recipients]
	// needs it.
	signer, err := ssh.ParsePrivateKey(pem)
	if err != nil {
		return nil, &IdentityFileError{File: name, Reason: fmt.Sprintf("not a usable SSH private key: %v", err)}
	}
	return []age.Identity{&sshIdentity{Identity: id, pub: signer.PublicKey()}}, nil
}

// sshIdentity is an SSH key that is not protected, with its public key.
type sshIdentity struct {
	age.Identity
	pub ssh.PublicKey
}

// Format keeps the key out of any %v.
func (k *sshIdentity) Format(f fmt.State, _ rune) {
	fmt.Fprintf(f, "SSH key %s", ssh.FingerprintSHA256(k.pub))
}

// encryptedSSH returns the identity of a passphrase-protected SSH key. pub
// is the public key if the file holds it (OpenSSH's format does, old PEM
// keys do not, and then it comes from NAME.pub): with it, agessh asks for
// the passphrase only for a share sealed to this very key.
func encryptedSSH(name string, pem, sshPub []byte, pub ssh.PublicKey, p Prompter) ([]age.Identity, error) {
	if pub == nil {
		if len(sshPub) == 0 {
			return nil, &IdentityFileError{File: name, Reason: fmt.Sprintf("a passphrase-protected key in the old PEM format, which does not hold its public key: put %s.pub beside it, or convert it with ssh-keygen -p -m RFC4716", name)}
		}
		var err error
		pub, _, _, _, err = ssh.ParseAuthorizedKey(sshPub)
		if err != nil {
			return nil, &IdentityFileError{File: name + ".pub", Reason: fmt.Sprintf("not an SSH public key: %v", err)}
		}
	}
	// The caller may wipe pem once we return; the key is decrypted later.
	pem = bytes.Clone(pem)
	k := &sshKeyIdentity{name: name, pem: pem, p: p, pub: pub}
	var err error
	k.inner, err = agessh.NewEncryptedSSHIdentity(pub, pem, k.passphrase)
	if err != nil {
		return nil, &IdentityFileError{File: name, Reason: err.Error()}
	}
	return []age.Identity{k}, nil
}

// sshKeyIdentity is agessh's EncryptedSSHIdentity, asking through a
// Prompter and telling a wrong passphrase apart: agessh turns every failure
// into one text error.
type sshKeyIdentity struct {
	name  string
	pem   []byte
	p     Prompter
	inner *agessh.EncryptedSSHIdentity
	pub   ssh.PublicKey

	pass      []byte // during Unwrap only
	wrongPass bool
}

func (k *sshKeyIdentity) Unwrap(stanzas []*age.Stanza) ([]byte, error) {
	k.wrongPass = false
	key, err := k.inner.Unwrap(stanzas)
	clear(k.pass)
	k.pass = nil
	switch {
	case k.wrongPass:
		return nil, &IdentityPassphraseError{File: k.name}
	case err != nil && !errors.Is(err, age.ErrIncorrectIdentity):
		return nil, fmt.Errorf("SSH key %q: %w", k.name, err)
	}
	return key, err
}

// passphrase asks for the key's passphrase and tries it before agessh
// does, at the cost of running the key's KDF twice, so that a wrong one is
// known as such.
func (k *sshKeyIdentity) passphrase() ([]byte, error) {
	if k.p == nil {
		return nil, errors.New("no terminal to ask on")
	}
	pass, err := k.p.Secret(fmt.Sprintf("passphrase for SSH key %q", k.name))
	if err != nil {
		return nil, err
	}
	if _, err := ssh.ParseRawPrivateKeyWithPassphrase(k.pem, pass); errors.Is(err, x509.IncorrectPasswordError) {
		clear(pass)
		k.wrongPass = true
		return nil, err
	}
	k.pass = pass
	return pass, nil
}

// Format keeps the decrypted key out of any %v.
func (k *sshKeyIdentity) Format(f fmt.State, _ rune) {
	fmt.Fprintf(f, "SSH key %q", k.name)
}
