package seal

import (
	"bytes"
	"errors"
	"fmt"
	"strings"

	"filippo.io/age"
	"filippo.io/age/armor"
	"golang.org/x/crypto/ssh"
)

// ErrPluginIdentity means that an identity lives on a plugin's hardware:
// only the plugin can say its recipient.
var ErrPluginIdentity = errors.New("a plugin identity: its recipient is the plugin's to tell (the recipient line its setup printed)")

// IsIdentityFile reports whether data is, by its form, something
// [ParseIdentities] reads: an age file (an identity file encrypted with a
// passphrase), binary or armored, an SSH private key, or a file with an
// AGE-SECRET-KEY- or AGE-PLUGIN- line. A share or a manifest is none of
// these.
func IsIdentityFile(data []byte) bool {
	start := bytes.TrimSpace(data[:min(len(data), 1024+len(armor.Header))])
	switch {
	case bytes.HasPrefix(data, []byte("age-encryption.org/")),
		bytes.HasPrefix(start, []byte(armor.Header)),
		bytes.HasPrefix(start, []byte("-----BEGIN")) && bytes.Contains(start, []byte("PRIVATE KEY-----")):
		return true
	}
	for line := range bytes.Lines(data) {
		line = bytes.ToUpper(bytes.TrimSpace(line))
		if bytes.HasPrefix(line, []byte("AGE-SECRET-KEY-")) || bytes.HasPrefix(line, []byte("AGE-PLUGIN-")) {
			return true
		}
	}
	return false
}

// Recipients returns the recipients that id opens shares for, in the
// canonical form of [CanonicalRecipient], as a custodians file names them
// and as the recipient fingerprint hashes them: from a key file alone, a
// custodian can compute what their sheet shows. An identity file
// encrypted with a passphrase is decrypted for it, asking through its
// [Prompter]; a passphrase-protected SSH key is not, since its public key
// is stored in the clear. A plugin identity gives [ErrPluginIdentity].
func Recipients(id age.Identity) ([]string, error) {
	var r string
	switch id := id.(type) {
	case *age.X25519Identity:
		r = id.Recipient().String()
	case *age.HybridIdentity:
		r = id.Recipient().String()
	case *sshIdentity:
		r = sshRecipient(id.pub)
	case *sshKeyIdentity:
		r = sshRecipient(id.pub)
	case *pluginIdentity:
		return nil, ErrPluginIdentity
	case *encryptedIdentity:
		if id.ids == nil {
			ids, err := id.decrypt()
			if err != nil {
				return nil, err
			}
			id.ids = ids
		}
		var all []string
		for _, inner := range id.ids {
			rs, err := Recipients(inner)
			if err != nil {
				return nil, err
			}
			all = append(all, rs...)
		}
		return all, nil
	default:
		return nil, fmt.Errorf("no recipient known for an identity of type %T", id)
	}
	canonical, _, err := CanonicalRecipient(r)
	if err != nil {
		return nil, err
	}
	return []string{canonical}, nil
}

// sshRecipient is pub as an authorized_keys line without a comment.
func sshRecipient(pub ssh.PublicKey) string {
	return strings.TrimSpace(string(ssh.MarshalAuthorizedKey(pub)))
}

// SSHFingerprint returns OpenSSH's fingerprint of an SSH recipient
// ("SHA256:…", as ssh-keygen -l prints it), or "" for any other recipient.
func SSHFingerprint(recipient string) string {
	if !strings.HasPrefix(recipient, "ssh-") {
		return ""
	}
	pub, _, _, _, err := ssh.ParseAuthorizedKey([]byte(recipient))
	if err != nil {
		return ""
	}
	return ssh.FingerprintSHA256(pub)
}
