package docs_test

// These tests make real shares with the share package, Vault's shamir and
// age, and run docs/recover.py on them: the script must read what quorum
// writes, rebuild age files that age opens, and rebuild the secret.

import (
	"bytes"
	"crypto/ed25519"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"filippo.io/age"
	"github.com/hashicorp/vault/shamir"

	"quorum/internal/testtool"
	"quorum/share"
)

// set is one split, made as quorum split will make it.
type set struct {
	dir      string
	secret   []byte
	shares   []*share.Share
	ids      []*age.X25519Identity // for makeSet's X25519 custodians
	files    []string              // share files, as MarshalText writes them
	payloads []string              // files holding each share's payload, as age -d writes it
}

// custodian is one custodian of a set that makeSetFor makes.
type custodian struct {
	name      string
	kind      share.Kind
	recipient age.Recipient
}

// makeSet makes a k-of-n set for X25519 custodians with keys of their own.
func makeSet(t *testing.T, secret []byte, n, k int) *set {
	t.Helper()
	names := []string{"alice", "bob", "carol", "dave", "erin", "frank", "grace"}
	var cs []custodian
	var ids []*age.X25519Identity
	for i := range n {
		id, err := age.GenerateX25519Identity()
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, id)
		cs = append(cs, custodian{names[i], share.KindX25519, id.Recipient()})
	}
	s := makeSetFor(t, secret, k, cs)
	s.ids = ids
	return s
}

// makeSetFor makes a k-of-len(cs) set, each share sealed with age to its
// custodian's recipient.
func makeSetFor(t *testing.T, secret []byte, k int, cs []custodian) *set {
	t.Helper()
	s := &set{dir: t.TempDir(), secret: secret}
	padded, err := share.Pad(secret)
	if err != nil {
		t.Fatal(err)
	}
	seed := make([]byte, share.SeedSize)
	rand.Read(seed)
	payloads, err := shamir.Split(share.SplitInput(padded, seed), len(cs), k)
	if err != nil {
		t.Fatal(err)
	}
	key, err := share.SetKey(padded, seed)
	if err != nil {
		t.Fatal(err)
	}
	for i, payload := range payloads {
		c := cs[i]
		var sealed bytes.Buffer
		w, err := age.Encrypt(&sealed, c.recipient)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write(payload); err != nil {
			t.Fatal(err)
		}
		if err := w.Close(); err != nil {
			t.Fatal(err)
		}
		sh := &share.Share{
			Header: share.Header{
				SetKey: key.Public().(ed25519.PublicKey), Index: i + 1, Threshold: k, Shares: len(cs),
				Created: share.Day(time.Date(2026, 11, 26, 15, 4, 5, 0, time.UTC)),
				Kind:    c.kind, Label: "root 2026", Custodian: c.name,
			},
			Sealed: sealed.Bytes(),
		}
		if err := sh.Sign(key); err != nil {
			t.Fatal(err)
		}
		text, err := sh.MarshalText()
		if err != nil {
			t.Fatal(err)
		}
		file := s.write(t, fmt.Sprintf("%d-%s.share", i+1, c.name), text)
		s.shares = append(s.shares, sh)
		s.files = append(s.files, file)
		s.payloads = append(s.payloads, s.write(t, fmt.Sprintf("%d.payload", i+1), payload))
	}
	return s
}

func (s *set) write(t *testing.T, name string, data []byte) string {
	t.Helper()
	path := filepath.Join(s.dir, name)
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// run runs the script and returns its stdout, stderr and exit error.
func run(t *testing.T, args ...string) (stdout, stderr []byte, err error) {
	t.Helper()
	var out, errOut bytes.Buffer
	cmd := exec.Command("python3", append([]string{"recover.py"}, args...)...)
	cmd.Stdout, cmd.Stderr = &out, &errOut
	err = cmd.Run()
	var exit *exec.ExitError
	if err != nil && !errors.As(err, &exit) {
		t.Fatalf("python3 recover.py %s: %v", strings.Join(args, " "), err)
	}
	return out.Bytes(), errOut.Bytes(), err
}

// mustRun runs the script and fails the test unless it succeeds.
func mustRun(t *testing.T, args ...string) []byte {
	t.Helper()
	out, errOut, err := run(t, args...)
	if err != nil {
		t.Fatalf("recover.py %s: %v\n%s", strings.Join(args, " "), err, errOut)
	}
	return out
}

// mustFail runs the script, wants exit status 1 and nothing on stdout, and
// returns stderr.
func mustFail(t *testing.T, args ...string) string {
	t.Helper()
	out, errOut, err := run(t, args...)
	var exit *exec.ExitError
	if !errors.As(err, &exit) || exit.ExitCode() != 1 {
		t.Fatalf("recover.py %s: got %v, want exit status 1\nstdout: %q\nstderr: %s",
			strings.Join(args, " "), err, out, errOut)
	}
	if len(out) != 0 {
		t.Errorf("recover.py %s failed but wrote %q to stdout", strings.Join(args, " "), out)
	}
	return string(errOut)
}

// checkAge runs `recover.py age` on file and checks that it rebuilds the
// sealed age file byte for byte and that age opens it.
func checkAge(t *testing.T, s *set, i int, file string) {
	t.Helper()
	got := mustRun(t, "age", file)
	if !bytes.Equal(got, s.shares[i].Sealed) {
		t.Fatalf("age %s: rebuilt age file differs from the sealed one\ngot:  %q\nwant: %q",
			file, got, s.shares[i].Sealed)
	}
	r, err := age.Decrypt(bytes.NewReader(got), s.ids[i])
	if err != nil {
		t.Fatalf("age.Decrypt: %v", err)
	}
	payload, err := io.ReadAll(r)
	if err != nil {
		t.Fatal(err)
	}
	if want, _ := os.ReadFile(s.payloads[i]); !bytes.Equal(payload, want) {
		t.Fatalf("share %d: age opened the rebuilt file to a wrong payload", i+1)
	}
}

// pairs returns combine's arguments for the shares with the given indexes
// (0-based): share file, payload file, ...
func (s *set) pairs(idx ...int) []string {
	args := []string{"combine"}
	for _, i := range idx {
		args = append(args, s.files[i], s.payloads[i])
	}
	return args
}

// noSecret fails if the secret, raw or in hex, is in text.
func noSecret(t *testing.T, secret []byte, text string) {
	t.Helper()
	if strings.Contains(text, string(secret)) || strings.Contains(strings.ToLower(text), hex.EncodeToString(secret)) {
		t.Fatalf("the secret was written: %q", text)
	}
}

func TestRecover(t *testing.T) {
	testtool.Need(t, "python3")
	secret := []byte("the root password is: Tr0ub4dor&3 correct horse battery staple, 70 b")
	s := makeSet(t, secret, 5, 3)

	t.Run("age", func(t *testing.T) {
		for i, file := range s.files {
			checkAge(t, s, i, file)
		}
	})

	t.Run("stock age", func(t *testing.T) {
		ageBin := testtool.Need(t, "age")
		for i, file := range s.files {
			sealed := s.write(t, fmt.Sprintf("%d.age", i+1), mustRun(t, "age", file))
			key := s.write(t, fmt.Sprintf("%d.key", i+1), []byte(s.ids[i].String()+"\n"))
			var out, errOut bytes.Buffer
			cmd := exec.Command(ageBin, "-d", "-i", key, sealed)
			cmd.Stdout, cmd.Stderr = &out, &errOut
			if err := cmd.Run(); err != nil {
				t.Fatalf("%s -d: %v\n%s", ageBin, err, errOut.Bytes())
			}
			if want, _ := os.ReadFile(s.payloads[i]); !bytes.Equal(out.Bytes(), want) {
				t.Fatalf("share %d: stock age opened the rebuilt file to a wrong payload", i+1)
			}
		}
	})

	t.Run("combine", func(t *testing.T) {
		for _, idx := range [][]int{{4, 0, 2}, {1, 2, 3}, {0, 1, 2, 3, 4}} {
			if got := mustRun(t, s.pairs(idx...)...); !bytes.Equal(got, secret) {
				t.Fatalf("combine %v: got %q, want %q", idx, got, secret)
			}
		}
		// The form of FORMAT.md section 12: shares, then --payloads.
		args := []string{"combine", s.files[3], s.files[1], s.files[4], "--payloads", s.payloads[3], s.payloads[1], s.payloads[4]}
		if got := mustRun(t, args...); !bytes.Equal(got, secret) {
			t.Fatalf("combine --payloads: got %q, want %q", got, secret)
		}
	})

	t.Run("too few", func(t *testing.T) {
		errOut := mustFail(t, s.pairs(0, 3)...)
		if !strings.Contains(errOut, "too few") {
			t.Errorf("combine with k-1 shares: stderr %q does not say too few", errOut)
		}
		noSecret(t, secret, errOut)
	})

	t.Run("same share twice", func(t *testing.T) {
		errOut := mustFail(t, s.pairs(0, 1, 0)...)
		if !strings.Contains(errOut, "both share 1") {
			t.Errorf("stderr %q does not name the duplicate", errOut)
		}
	})

	t.Run("flipped payload byte", func(t *testing.T) {
		for _, pos := range []int{0, 10, 66, 100} { // length, secret, padding, seed
			payload, _ := os.ReadFile(s.payloads[2])
			payload[pos] ^= 0x20
			bad := s.write(t, "bad.payload", payload)
			args := []string{"combine", s.files[0], s.payloads[0], s.files[2], bad, s.files[4], s.payloads[4]}
			errOut := mustFail(t, args...)
			if !strings.Contains(errOut, "INTEGRITY CHECK FAILED") {
				t.Errorf("byte %d flipped: stderr %q does not report the integrity check", pos, errOut)
			}
			noSecret(t, secret, errOut)
		}
	})

	t.Run("typo", func(t *testing.T) {
		text, _ := os.ReadFile(s.files[1])
		good := strings.Split(string(text), "\n")
		lines := append([]string(nil), good...)
		for i, l := range lines {
			if strings.HasPrefix(l, "03  ") {
				b := []byte(l)
				b[9] = map[bool]byte{true: 'B', false: 'A'}[b[9] == 'A']
				lines[i] = string(b)
			}
		}
		typo := s.write(t, "typo.share", []byte(strings.Join(lines, "\n")))
		for _, cmd := range []string{"check", "age", "inspect"} {
			errOut := mustFail(t, cmd, typo)
			t.Logf("recover.py %s: %s", cmd, errOut)
			if !regexp.MustCompile(`line 3\b`).MatchString(errOut) || strings.Contains(errOut, "line 4") {
				t.Errorf("%s: stderr %q does not name line 3", cmd, errOut)
			}
		}
		if out := mustRun(t, "check", s.files[1]); !strings.Contains(string(out), "lines check") {
			t.Errorf("check of a good share: %q", out)
		}
		// A missing line is named too.
		cut := s.write(t, "cut.share", []byte(strings.Join(append(good[:6:6], good[7:]...), "\n")))
		if errOut := mustFail(t, "check", cut); !strings.Contains(errOut, "line 4 is missing") {
			t.Errorf("dropped line 4: stderr %q", errOut)
		}
	})

	t.Run("bare string", func(t *testing.T) {
		str, err := s.shares[2].Marshal()
		if err != nil {
			t.Fatal(err)
		}
		// As zbarimg prints it; and lower case with the slips O for 0 and l for 1.
		checkAge(t, s, 2, s.write(t, "zbar.txt", []byte("QR-Code:"+str+"\n")))
		slips := strings.NewReplacer("0", "o", "1", "l").Replace(strings.ToLower(str))
		checkAge(t, s, 2, s.write(t, "slips.txt", []byte(slips)))
		// Typed from the sheet without line numbers and checks (FORMAT.md
		// section 12), in groups of four.
		var typed string
		for _, l := range share.Lines(str) {
			typed += l.Groups() + "\n"
		}
		checkAge(t, s, 2, s.write(t, "typed.txt", []byte(typed)))
		// A share of a newer format is refused as such.
		errOut := mustFail(t, "age", s.write(t, "v2.txt", []byte("QRM2"+str[4:])))
		if !strings.Contains(errOut, "newer") {
			t.Errorf("QRM2: stderr %q does not say newer format", errOut)
		}
	})

	t.Run("parts", func(t *testing.T) {
		parts, err := s.shares[3].Split(3)
		if err != nil {
			t.Fatal(err)
		}
		var text string
		for _, i := range []int{2, 0, 1} {
			text += parts[i].Marshal() + "\n"
		}
		checkAge(t, s, 3, s.write(t, "parts.txt", []byte(text)))
		partial := s.write(t, "partial.txt", []byte(parts[2].Marshal()+"\n"+parts[0].Marshal()+"\n"))
		if errOut := mustFail(t, "age", partial); !strings.Contains(errOut, "part 2 of 3 missing") {
			t.Errorf("two of three parts: stderr %q", errOut)
		}
		text = ""
		for _, p := range parts {
			q := *p
			q.ShareHash[0] ^= 1
			text += q.Marshal() + "\n"
		}
		if errOut := mustFail(t, "age", s.write(t, "badhash.txt", []byte(text))); !strings.Contains(errOut, "share hash") {
			t.Errorf("parts with a wrong share hash: stderr %q", errOut)
		}
	})

	t.Run("inspect", func(t *testing.T) {
		out := string(mustRun(t, "inspect", s.files[1]))
		t.Logf("recover.py inspect:\n%s", out)
		for _, want := range []string{
			s.shares[1].Fingerprint().String(), `"root 2026"`, "index            2",
			"threshold (k)    3", "shares (n)       5", "2026-11-26", "x25519", "bob", "signature        valid",
		} {
			if !strings.Contains(out, want) {
				t.Errorf("inspect output lacks %q:\n%s", want, out)
			}
		}
	})

	t.Run("bad signature", func(t *testing.T) {
		forged := *s.shares[1]
		forged.Label = "root 2027" // the old signature does not cover it
		str, err := forged.Marshal()
		if err != nil {
			t.Fatal(err)
		}
		file := s.write(t, "forged.txt", []byte(str))
		out, errOut, err := run(t, "inspect", file)
		if err == nil || !strings.Contains(string(out), "INVALID") || !strings.Contains(string(errOut), "INVALID") {
			t.Errorf("inspect of a forged share: %v\n%s%s", err, out, errOut)
		}
		mustFail(t, "age", file)
		mustFail(t, "combine", file, s.payloads[1], s.files[2], s.payloads[2], s.files[3], s.payloads[3])
	})

	t.Run("other stanza", func(t *testing.T) {
		// A stanza type with no code (255), text and base64 arguments, and
		// bodies whose base64 is 0 and 64 characters long: the body then
		// ends in an empty line.
		var sealed bytes.Buffer
		w, err := age.Encrypt(&sealed, otherRecipient{})
		if err != nil {
			t.Fatal(err)
		}
		w.Write([]byte("payload"))
		w.Close()
		sh := *s.shares[0]
		sh.Sealed, sh.Signature, sh.Kind = sealed.Bytes(), nil, share.KindPlugin
		if !bytes.Contains(sh.Sealed, []byte("\n\n")) {
			t.Fatalf("the age file has no empty body line:\n%s", sh.Sealed)
		}
		// Sign with a set key of its own: the test needs only a valid share.
		padded, _ := share.Pad([]byte("other"))
		key, _ := share.SetKey(padded, make([]byte, share.SeedSize))
		sh.SetKey = key.Public().(ed25519.PublicKey)
		if err := sh.Sign(key); err != nil {
			t.Fatal(err)
		}
		str, err := sh.Marshal()
		if err != nil {
			t.Fatal(err)
		}
		if got := mustRun(t, "age", s.write(t, "other.txt", []byte(str))); !bytes.Equal(got, sh.Sealed) {
			t.Fatalf("rebuilt age file differs\ngot:  %q\nwant: %q", got, sh.Sealed)
		}
		if out := mustRun(t, "inspect", s.write(t, "other.txt", []byte(str))); !bytes.Contains(out, []byte("plugin")) {
			t.Errorf("inspect: kind is not plugin:\n%s", out)
		}
	})

	t.Run("binary secret", func(t *testing.T) {
		bin := []byte{0, 'x', '\n', 0xff, 0}
		b := makeSet(t, bin, 2, 2)
		if got := mustRun(t, b.pairs(1, 0)...); !bytes.Equal(got, bin) {
			t.Fatalf("combine: got %q, want %q", got, bin)
		}
		errOut := mustFail(t, "combine", b.files[0], b.payloads[0], s.files[1], s.payloads[1])
		if !strings.Contains(errOut, "of set") {
			t.Errorf("shares of two sets: stderr %q", errOut)
		}
	})

	t.Run("long secret", func(t *testing.T) {
		long := make([]byte, share.MaxSecret)
		rand.Read(long)
		l := makeSet(t, long, 3, 2)
		checkAge(t, l, 2, l.files[2])
		if got := mustRun(t, l.pairs(2, 0)...); !bytes.Equal(got, long) {
			t.Fatalf("combine of a %d-byte secret: wrong secret", len(long))
		}
	})
}

// otherRecipient wraps the file key in stanzas of a type the share format
// has no code for. Nothing can open them: the test compares bytes only.
type otherRecipient struct{}

func (otherRecipient) Wrap(fileKey []byte) ([]*age.Stanza, error) {
	return []*age.Stanza{
		{Type: "quorum-test", Args: []string{"x-y", "YWJjZA", "Zm9v"}, Body: bytes.Repeat(fileKey, 3)},
		{Type: "quorum-test2", Args: nil, Body: nil},
	}, nil
}
