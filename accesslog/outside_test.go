package accesslog_test

// The log checked by programs written apart from this package: the Python
// script of FORMAT.md §14 (the chain) and OpenSSL (the signatures), as
// sumdb/tlog's ct_test.go checks itself against a real outside system.

import (
	"bytes"
	"crypto/ed25519"
	"encoding/hex"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"quorum/internal/testtool"
	"quorum/share"
)

func TestFormatScript(t *testing.T) {
	testtool.Need(t, "python3")
	dir := t.TempDir()
	script := testtool.LogChecker(t, "../FORMAT.md", dir)
	good, _ := os.ReadFile("testdata/example.log")
	lines := bytes.SplitAfter(good, []byte("\n"))
	tests := []struct {
		name, log, want string
		ok              bool
	}{
		{"example", string(good), "2 records, head " + exampleHead, true},
		{"first record deleted", string(lines[1]), "record 1: deleted", false},
		{"cut mid-write", string(good[:len(good)-1]), "record 2: cut off", false},
		{"first record edited", strings.Replace(string(good), "dave", "mallory", 1), "record 2: deleted, inserted, moved or changed", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			log := filepath.Join(dir, "access.log")
			os.WriteFile(log, []byte(tt.log), 0o600)
			out, err := exec.Command("python3", script, log).CombinedOutput()
			if (err == nil) != tt.ok || !strings.Contains(string(out), tt.want) {
				t.Errorf("FORMAT.md's script: %s (%v), want %q", out, err, tt.want)
			}
		})
	}
}

func TestOpenSSLVerifies(t *testing.T) {
	testtool.Need(t, "openssl")
	data, _ := os.ReadFile("testdata/example.log")
	line, _, _ := bytes.Cut(data, []byte("\n"))
	var r struct{ Key, Sig string }
	if err := json.Unmarshal(line, &r); err != nil {
		t.Fatal(err)
	}
	key, _ := share.DecodeBinary(r.Key)
	sig, _ := share.DecodeBinary(r.Sig)
	if !exampleKey().Public().(ed25519.PublicKey).Equal(ed25519.PublicKey(key)) {
		t.Fatal("the example's key is not the doc's")
	}
	cut := bytes.LastIndex(line, []byte(`,"sig":"`))
	msg := append([]byte("quorum log record v1\n"), append(line[:cut:cut], '}')...)
	prefix, _ := hex.DecodeString("302a300506032b6570032100")
	dir := t.TempDir()
	files := map[string][]byte{"key.der": append(prefix, key...), "msg": msg, "sig": sig}
	for name, b := range files {
		os.WriteFile(filepath.Join(dir, name), b, 0o600)
	}
	verify := func() ([]byte, error) {
		cmd := exec.Command("openssl", "pkeyutl", "-verify", "-pubin", "-keyform", "DER", "-inkey", "key.der", "-rawin", "-in", "msg", "-sigfile", "sig")
		cmd.Dir = dir
		return cmd.CombinedOutput()
	}
	if out, err := verify(); err != nil {
		t.Fatalf("openssl does not verify the example's signature: %s (%v)", out, err)
	}
	// And refuses it over the line with "dave" changed.
	os.WriteFile(filepath.Join(dir, "msg"), bytes.Replace(msg, []byte("dave"), []byte("davy"), 1), 0o600)
	if out, err := verify(); err == nil {
		t.Fatalf("openssl verifies a changed record: %s", out)
	}
}
