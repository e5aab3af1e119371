package seal

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"quorum/internal/testtool"
)

// These tests check compatibility with Debian's stock age (1.1.1), which is
// FORMAT.md's promise: a share opens without quorum. Debian's age predates
// the post-quantum keys; those are opened by age 1.3, built from its
// release by .ci/run and named age-1.3 (TestStockAge13OpensPostQuantum).

// runAge runs a stock age program and returns its standard output.
func runAge(t *testing.T, name string, args ...string) []byte {
	t.Helper()
	cmd := exec.Command(testtool.Need(t, name), args...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("%s %s: %v\n%s", name, strings.Join(args, " "), err, stderr.Bytes())
	}
	return out
}

func writeFile(t *testing.T, name string, data []byte) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestStockAgeOpensSeal seals to keys made by age-keygen, ssh-keygen and
// NewIdentity, and has stock age open the result.
func TestStockAgeOpensSeal(t *testing.T) {
	keyPath := filepath.Join(t.TempDir(), "alice.key")
	runAge(t, "age-keygen", "-o", keyPath)
	ed := sshKeygen(t, "id_ed25519", "", "-t", "ed25519")
	identity, recipient, err := NewIdentity(false)
	if err != nil {
		t.Fatal(err)
	}
	ours := writeFile(t, "bob.key", IdentityFile(identity, recipient, time.Now()))

	tests := []struct {
		name      string
		identity  string // file for age -d -i
		recipient string
	}{
		{"age-keygen key", keyPath, strings.TrimSpace(string(runAge(t, "age-keygen", "-y", keyPath)))},
		{"ssh-ed25519 key", ed.path, ed.publicKey},
		{"IdentityFile", ours, recipient},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, _, err := ParseRecipient(tt.recipient, nil)
			if err != nil {
				t.Fatal(err)
			}
			sealed := writeFile(t, "share.age", sealTo(t, payload, r))
			if got := runAge(t, "age", "-d", "-i", tt.identity, sealed); !bytes.Equal(got, payload) {
				t.Errorf("age -d = %x, want %x", got, payload)
			}
		})
	}

	// age-keygen -y reads the file IdentityFile writes.
	if got := strings.TrimSpace(string(runAge(t, "age-keygen", "-y", ours))); got != recipient {
		t.Errorf("age-keygen -y = %q, want %q", got, recipient)
	}
}

// TestStockAgeSealsForOpen goes the other way: Open reads what stock age
// encrypts, with identities as stock age keeps them.
func TestStockAgeSealsForOpen(t *testing.T) {
	keyPath := filepath.Join(t.TempDir(), "alice.key")
	runAge(t, "age-keygen", "-o", keyPath)
	ed := sshKeygen(t, "id_ed25519", "", "-t", "ed25519")
	in := writeFile(t, "payload", payload)
	recipientFile := writeFile(t, "id_ed25519.pub", []byte(ed.publicKey))
	key, err := os.ReadFile(keyPath)
	if err != nil {
		t.Fatal(err)
	}

	tests := []struct {
		name    string
		args    []string // how age encrypts
		idName  string
		idBytes []byte
	}{
		{"age-keygen key", []string{"-r", strings.TrimSpace(string(runAge(t, "age-keygen", "-y", keyPath)))}, keyPath, key},
		{"ssh-ed25519 key", []string{"-R", recipientFile}, ed.path, ed.private},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sealed := runAge(t, "age", append(tt.args, in)...)
			ids, err := ParseIdentities(tt.idName, tt.idBytes, nil, nil, nil)
			if err != nil {
				t.Fatal(err)
			}
			got, err := Open(sealed, ids...)
			if err != nil || !bytes.Equal(got, payload) {
				t.Errorf("Open = %x, %v, want the payload", got, err)
			}
		})
	}
}

// TestStockAge13OpensPostQuantum seals to a post-quantum identity as
// quorum keygen --pq writes it, and has stock age 1.3 open the result with
// that file; stock age 1.3 also encrypts to the recipient for Open.
func TestStockAge13OpensPostQuantum(t *testing.T) {
	testtool.Need(t, "age-1.3")
	identity, recipient, err := NewIdentity(true)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(recipient, "age1pq1") {
		t.Fatalf("recipient %.12s…, want age1pq1…", recipient)
	}
	idFile := IdentityFile(identity, recipient, time.Now())
	idPath := writeFile(t, "erin.key", idFile)
	r, _, err := ParseRecipient(recipient, nil)
	if err != nil {
		t.Fatal(err)
	}
	sealed := writeFile(t, "share.age", sealTo(t, payload, r))
	if got := runAge(t, "age-1.3", "-d", "-i", idPath, sealed); !bytes.Equal(got, payload) {
		t.Errorf("age-1.3 -d = %x, want %x", got, payload)
	}

	in := writeFile(t, "payload", payload)
	fromAge := runAge(t, "age-1.3", "-r", recipient, in)
	ids, err := ParseIdentities(idPath, idFile, nil, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	if got, err := Open(fromAge, ids...); err != nil || !bytes.Equal(got, payload) {
		t.Errorf("Open = %x, %v, want the payload", got, err)
	}
}
