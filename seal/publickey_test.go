package seal

import (
	"os/exec"
	"strings"
	"testing"

	"filippo.io/age"

	"quorum/internal/testtool"
)

// TestRecipients checks that the recipient read back from each kind of key
// file is the one its public key names, in canonical form, and that an
// SSH key's OpenSSH fingerprint is ssh-keygen -l's.
func TestRecipients(t *testing.T) {
	x := newX25519(t)
	pq, err := age.GenerateHybridIdentity()
	if err != nil {
		t.Fatal(err)
	}
	ed := sshKeygen(t, "ed", "", "-t", "ed25519")
	edLocked := sshKeygen(t, "edlocked", "a passphrase nobody is asked for", "-t", "ed25519", "-a", "1")
	rsa := sshKeygen(t, "rsa", "", "-t", "rsa", "-b", "2048")
	withoutComment := func(pub string) string {
		f := strings.Fields(pub)
		return f[0] + " " + f[1]
	}
	for _, tt := range []struct {
		name string
		file []byte
		want string
		ssh  string // the key file for ssh-keygen -l, for SSH keys
	}{
		{"x25519", []byte("# a comment\n" + x.String() + "\n"), x.Recipient().String(), ""},
		{"post-quantum", []byte(pq.String() + "\n"), pq.Recipient().String(), ""},
		{"ssh-ed25519", ed.private, withoutComment(ed.publicKey), ed.path},
		{"ssh-ed25519 with a passphrase", edLocked.private, withoutComment(edLocked.publicKey), edLocked.path},
		{"ssh-rsa", rsa.private, withoutComment(rsa.publicKey), rsa.path},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if !IsIdentityFile(tt.file) {
				t.Fatal("IsIdentityFile is false")
			}
			p := &fixedPrompter{}
			ids, err := ParseIdentities("key", tt.file, nil, p, nil)
			if err != nil {
				t.Fatal(err)
			}
			got, err := Recipients(ids[0])
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != 1 || got[0] != tt.want {
				t.Fatalf("got %q, want %q", got, tt.want)
			}
			if len(p.prompts) > 0 {
				t.Errorf("asked %q: a public key needs no passphrase", p.prompts)
			}
			if tt.ssh == "" {
				if fp := SSHFingerprint(got[0]); fp != "" {
					t.Errorf("SSHFingerprint of an age recipient is %q, want none", fp)
				}
				return
			}
			out, err := exec.Command(testtool.Need(t, "ssh-keygen"), "-lf", tt.ssh).Output()
			if err != nil {
				t.Fatal(err)
			}
			if fp := SSHFingerprint(got[0]); fp == "" || strings.Fields(string(out))[1] != fp {
				t.Errorf("SSHFingerprint is %q; ssh-keygen -l says %q", fp, out)
			}
		})
	}

	// Not key files: what inspect also reads.
	for _, s := range []string{
		"# quorum share, format 1: keep the numbered lines exactly as they are\n",
		`{"format": "quorum manifest v1"}`,
		x.Recipient().String() + "\n",
		ed.publicKey,
	} {
		if IsIdentityFile([]byte(s)) {
			t.Errorf("IsIdentityFile(%.30q) is true", s)
		}
	}
}
