package docs_test

import (
	"bufio"
	"bytes"
	"encoding/hex"
	"errors"
	"io"
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
			case "wrong set":
				// The pin is left to the person comparing the fingerprint
				// with the ceremony record: the script shows each share's
				// set fingerprint, and it is not the pinned one.
				for _, f := range shareFiles(t, tmp, text) {
					out := string(mustRun(t, "inspect", f))
					if !strings.Contains(out, "set fingerprint  ") || strings.Contains(out, fields["set"][0]) {
						t.Fatalf("inspect %s: got %q, want a set fingerprint other than the pinned %s", f, out, fields["set"][0])
					}
				}
			case "no identity", "damaged":
				// The share itself is sound, so the script rebuilds its age
				// file; age is what refuses it: no identity opens the
				// header, or the header opens and the payload does not.
				for _, f := range shareFiles(t, tmp, text) {
					_, err := openAge(t, mustRun(t, "age", f), fields["identity"])
					var noMatch *age.NoIdentityMatchError
					if got := errors.As(err, &noMatch); err == nil || got != (expect == "no identity") {
						t.Fatalf("age -d %s: got %v, want %s", f, err, expect)
					}
				}
			default:
				t.Fatalf("expect %q: the script's check of it is not written here", expect)
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
	args := []string{"combine"}
	for _, file := range shareFiles(t, dir, text) {
		payload, err := openAge(t, mustRun(t, "age", file), identities)
		if err != nil {
			t.Fatal(err)
		}
		pfile := file + ".payload"
		if err := os.WriteFile(pfile, payload, 0o600); err != nil {
			t.Fatal(err)
		}
		args = append(args, file, pfile)
	}
	return args
}

// shareFiles writes each share of text to its own file in dir and returns
// their names.
func shareFiles(t *testing.T, dir string, text []byte) []string {
	t.Helper()
	shares, _, err := share.Read(text)
	if err != nil {
		t.Fatal(err)
	}
	var files []string
	for i, s := range shares {
		body, err := s.MarshalText()
		if err != nil {
			t.Fatal(err)
		}
		file := filepath.Join(dir, "share"+string(rune('1'+i)))
		if err := os.WriteFile(file, body, 0o600); err != nil {
			t.Fatal(err)
		}
		files = append(files, file)
	}
	return files
}

// openAge opens an age file with the vector's identities, as age -d would.
func openAge(t *testing.T, sealed []byte, identities []string) ([]byte, error) {
	t.Helper()
	var ids []age.Identity
	for _, s := range identities {
		id, err := age.ParseX25519Identity(s)
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, id)
	}
	r, err := age.Decrypt(bytes.NewReader(sealed), ids...)
	if err != nil {
		return nil, err
	}
	return io.ReadAll(r)
}
