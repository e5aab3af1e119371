package docs_test

import (
	"bufio"
	"bytes"
	"encoding/hex"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"filippo.io/age"

	"quorum/internal/testtool"
	"quorum/share"
)

// TestVectors runs the recovery script of FORMAT.md on every test vector
// under testdata/vectors, as share's TestVectors runs quorum on them: the
// two readers of the format must agree on every case, so that a sheet
// quorum refuses is refused by the script too, and the other way round.
func TestVectors(t *testing.T) {
	testtool.Need(t, "python3")
	dir := filepath.Join("..", "testdata", "vectors")
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	ran := 0
	for _, e := range entries {
		if e.IsDir() {
			continue
		}
		data, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		header, text, ok := bytes.Cut(data, []byte("\n\n"))
		if !ok {
			t.Fatalf("%s: no blank line after the header", e.Name())
		}
		fields := map[string][]string{}
		sc := bufio.NewScanner(bytes.NewReader(header))
		for sc.Scan() {
			k, v, _ := strings.Cut(sc.Text(), ": ")
			fields[k] = append(fields[k], v)
		}
		ran++
		t.Run(e.Name(), func(t *testing.T) {
			tmp := t.TempDir()
			file := filepath.Join(tmp, "share.txt")
			if err := os.WriteFile(file, text, 0o600); err != nil {
				t.Fatal(err)
			}
			expect := fields["expect"][0]
			switch expect {
			case "success":
				if len(fields["secret"]) == 0 {
					mustRun(t, "inspect", file)
					return
				}
				secret, _ := hex.DecodeString(fields["secret"][0])
				if got := mustRun(t, combineArgs(t, tmp, text, fields["identity"])...); !bytes.Equal(got, secret) {
					t.Fatalf("combine gave %q, want %q", got, secret)
				}
			case "integrity failure":
				msg := mustFail(t, combineArgs(t, tmp, text, fields["identity"])...)
				if !strings.Contains(strings.ToLower(msg), "integrity") {
					t.Fatalf("got %q, want an integrity failure", msg)
				}
			case "line error":
				msg := mustFail(t, "inspect", file)
				want := regexp.MustCompile(`\bline ` + fields["line"][0] + `\b`)
				if !want.MatchString(msg) {
					t.Fatalf("got %q, want line %s named", msg, fields["line"][0])
				}
			case "truncated", "unknown version", "not a share", "malformed", "bad signature":
				words := map[string]string{
					"truncated": "cut off", "unknown version": "version", "not a share": "not a quorum share",
					"malformed": "", "bad signature": "INVALID",
				}
				// age, not inspect: it must refuse before it writes anything.
				if msg := mustFail(t, "age", file); !strings.Contains(msg, words[expect]) {
					t.Fatalf("got %q, want %q", msg, words[expect])
				}
			case "too few", "duplicate", "mixed sets":
				words := map[string]string{"too few": "too few", "duplicate": "are both share", "mixed sets": "set"}
				msg := mustFail(t, combineArgs(t, tmp, text, fields["identity"])...)
				if !strings.Contains(strings.ToLower(msg), words[expect]) {
					t.Fatalf("got %q, want %q", msg, words[expect])
				}
			default:
				// wrong set, no identity, damaged: about pins and keys,
				// which the script leaves to the person comparing the
				// fingerprint with the ceremony record, and to age.
				t.Skipf("expect %q is quorum's, not the script's", expect)
			}
		})
	}
	if ran == 0 {
		t.Fatal("no vectors found")
	}
}

// combineArgs writes each share of text to its own file, has the script
// rebuild its age file, opens it with the vector's identities (as age -d
// would) and returns the arguments of `recover.py combine`.
func combineArgs(t *testing.T, dir string, text []byte, identities []string) []string {
	t.Helper()
	var ids []age.Identity
	for _, s := range identities {
		id, err := age.ParseX25519Identity(s)
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, id)
	}
	shares, _, err := share.Read(text)
	if err != nil {
		t.Fatal(err)
	}
	args := []string{"combine"}
	for i, s := range shares {
		body, err := s.MarshalText()
		if err != nil {
			t.Fatal(err)
		}
		file := filepath.Join(dir, "share"+string(rune('1'+i)))
		if err := os.WriteFile(file, body, 0o600); err != nil {
			t.Fatal(err)
		}
		sealed := mustRun(t, "age", file)
		r, err := age.Decrypt(bytes.NewReader(sealed), ids...)
		if err != nil {
			t.Fatal(err)
		}
		var payload bytes.Buffer
		if _, err := payload.ReadFrom(r); err != nil {
			t.Fatal(err)
		}
		pfile := file + ".payload"
		if err := os.WriteFile(pfile, payload.Bytes(), 0o600); err != nil {
			t.Fatal(err)
		}
		args = append(args, file, pfile)
	}
	return args
}
