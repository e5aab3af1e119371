package seal

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"filippo.io/age"

	"quorum/internal/testtool"
)

// testLogN is the scrypt work factor of test seals: 2^10 runs in a
// millisecond. Production uses scryptLogN; TestStockAge* use it too.
const testLogN = 10

// fixedPrompter answers every question with the same bytes, a fresh copy
// each time (the callee wipes it), and records the questions.
type fixedPrompter struct {
	answer  string
	prompts []string
}

func (p *fixedPrompter) Secret(prompt string) ([]byte, error) {
	p.prompts = append(p.prompts, prompt)
	return []byte(p.answer), nil
}

// sshKey is a key made by the real ssh-keygen.
type sshKey struct {
	path      string
	private   []byte
	publicKey string // the authorized_keys line, comment included
}

// sshKeygen runs ssh-keygen with args (type, bits, format, passphrase) and
// returns the key it wrote.
func sshKeygen(t *testing.T, name, passphrase string, args ...string) sshKey {
	t.Helper()
	bin := testtool.Need(t, "ssh-keygen")
	path := filepath.Join(t.TempDir(), name)
	args = append([]string{"-q", "-N", passphrase, "-C", "alice@example", "-f", path}, args...)
	if out, err := exec.Command(bin, args...).CombinedOutput(); err != nil {
		t.Fatalf("ssh-keygen %v: %v\n%s", args, err, out)
	}
	priv, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	pub, err := os.ReadFile(path + ".pub")
	if err != nil {
		t.Fatal(err)
	}
	return sshKey{path: path, private: priv, publicKey: string(pub)}
}

// newX25519 returns a fresh age key pair.
func newX25519(t *testing.T) *age.X25519Identity {
	t.Helper()
	id, err := age.GenerateX25519Identity()
	if err != nil {
		t.Fatal(err)
	}
	return id
}

// sealTo seals payload to r or fails the test.
func sealTo(t *testing.T, payload []byte, r age.Recipient) []byte {
	t.Helper()
	sealed, err := Seal(payload, r)
	if err != nil {
		t.Fatalf("Seal: %v", err)
	}
	return sealed
}

// fastPassphrase is PassphraseRecipient with the test work factor.
func fastPassphrase(t *testing.T, pass string) age.Recipient {
	t.Helper()
	r, err := passphraseRecipient([]byte(pass), testLogN)
	if err != nil {
		t.Fatal(err)
	}
	return r
}
