package share_test

// The share test vectors of testdata/vectors, written by the generator in
// testdata/vectors/gen (its package comment lists the header keys and the
// expect values). The generator never overwrites a vector: released
// vectors are FORMAT.md's promise and are only added to.

//go:generate go run ../testdata/vectors/gen -dir ../testdata/vectors

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"filippo.io/age"

	"quorum/combine"
	"quorum/seal"
	"quorum/share"
)

const vectorsDir = "../testdata/vectors"

type vector struct {
	name       string
	expect     string
	comment    string
	identities []age.Identity
	line       int
	payload    string // hex SHA-256 of the opened payload
	secret     []byte
	set        share.Fingerprint
	text       []byte
}

// combineExpects are the outcomes that only combining can give.
var combineExpects = map[string]bool{
	"too few": true, "duplicate": true, "mixed sets": true, "wrong set": true, "integrity failure": true,
}

func (v *vector) combines() bool { return combineExpects[v.expect] || v.secret != nil }

// readVectors reads every vector; it fails the test if there are none, so
// that a moved folder cannot make the test (or the fuzz seeds) vanish.
func readVectors(t testing.TB) []*vector {
	t.Helper()
	entries, err := os.ReadDir(vectorsDir)
	if err != nil {
		t.Fatal(err)
	}
	var vs []*vector
	for _, e := range entries {
		if e.IsDir() {
			continue // the generator
		}
		data, err := os.ReadFile(filepath.Join(vectorsDir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		v, err := parseVector(e.Name(), data)
		if err != nil {
			t.Fatalf("%s: %v", e.Name(), err)
		}
		vs = append(vs, v)
	}
	if len(vs) == 0 {
		t.Fatalf("no vectors in %s", vectorsDir)
	}
	return vs
}

// parseVector reads the header lines, the empty line, and the text.
func parseVector(name string, data []byte) (*vector, error) {
	v := &vector{name: name}
	header, text, ok := bytes.Cut(data, []byte("\n\n"))
	if !ok {
		return nil, errors.New("no empty line after the header")
	}
	v.text = text
	sc := bufio.NewScanner(bytes.NewReader(header))
	for sc.Scan() {
		key, value, ok := strings.Cut(sc.Text(), ": ")
		if !ok {
			return nil, fmt.Errorf("header line %q is not \"key: value\"", sc.Text())
		}
		switch key {
		case "expect":
			v.expect = value
		case "comment":
			v.comment = value
		case "identity":
			id, err := age.ParseX25519Identity(value)
			if err != nil {
				return nil, err
			}
			v.identities = append(v.identities, id)
		case "line":
			n, err := strconv.Atoi(value)
			if err != nil {
				return nil, err
			}
			v.line = n
		case "payload":
			v.payload = value
		case "secret":
			s, err := hex.DecodeString(value)
			if err != nil {
				return nil, err
			}
			v.secret = s
		case "set":
			fp, err := share.ParseFingerprint(value)
			if err != nil {
				return nil, err
			}
			v.set = fp
		default:
			// Unknown keys are ignored, as in C2SP/CCTV.
		}
	}
	if v.expect == "" {
		return nil, errors.New("no expect line")
	}
	return v, nil
}

// readClass names the outcome of share.Read as the vectors do.
func readClass(err error) (string, int) {
	var le *share.LineError
	var te *share.TruncatedError
	var ve *share.VersionError
	var me *share.MalformedError
	switch {
	case err == nil:
		return "success", 0
	case errors.As(err, &le):
		return "line error", le.Line
	case errors.As(err, &te):
		return "truncated", 0
	case errors.As(err, &ve):
		return "unknown version", 0
	case errors.Is(err, share.ErrNotShare):
		return "not a share", 0
	case errors.As(err, &me):
		return "malformed", 0
	}
	return fmt.Sprintf("untyped error %q", err), 0
}

// openClass names the outcome of opening one share or combining shares.
func openClass(err error) string {
	var few *combine.TooFewError
	var dup *combine.DuplicateError
	var mixed *combine.MixedSetsError
	var wrong *combine.WrongSetError
	var integrity *combine.IntegrityError
	var me *share.MalformedError
	switch {
	case err == nil:
		return "success"
	case errors.Is(err, share.ErrBadSignature):
		return "bad signature"
	case errors.As(err, &me):
		return "malformed"
	case errors.Is(err, seal.ErrNoIdentity):
		return "no identity"
	case errors.Is(err, seal.ErrDamaged):
		return "damaged"
	case errors.As(err, &few):
		return "too few"
	case errors.As(err, &dup):
		return "duplicate"
	case errors.As(err, &mixed):
		return "mixed sets"
	case errors.As(err, &wrong):
		return "wrong set"
	case errors.As(err, &integrity):
		if !errors.Is(err, share.ErrIntegrity) {
			return "integrity failure not wrapping share.ErrIntegrity"
		}
		return "integrity failure"
	}
	return fmt.Sprintf("untyped error %q", err)
}

// TestVectors walks testdata/vectors and checks that each case gives
// exactly the outcome it expects: a damaged line must never surface as a
// bad signature, nor a forged set as an integrity failure.
func TestVectors(t *testing.T) {
	for _, v := range readVectors(t) {
		t.Run(v.name, func(t *testing.T) {
			got, detail := runVector(t, v)
			if got != v.expect {
				t.Fatalf("got %s (%s), want %s\ncomment: %s", got, detail, v.expect, v.comment)
			}
		})
	}
}

// runVector reads, verifies and opens one vector, or combines it, and
// returns the outcome class and what gave it.
func runVector(t *testing.T, v *vector) (string, string) {
	shares, parts, err := share.Read(v.text)
	if class, line := readClass(err); err != nil {
		if class == "line error" && line != v.line {
			return fmt.Sprintf("line error on line %d, not %d", line, v.line), err.Error()
		}
		return class, err.Error()
	}
	if len(parts) > 0 {
		joined, err := share.JoinParts(parts)
		if err != nil {
			class, _ := readClass(err)
			return class, err.Error()
		}
		shares = append(shares, joined...)
	}
	open := func(in combine.Input) ([]byte, error) { return seal.Open(in.Share.Sealed, v.identities...) }
	if v.combines() {
		var inputs []combine.Input
		for i, s := range shares {
			inputs = append(inputs, combine.Input{Source: fmt.Sprintf("share %d of the vector", i+1), Share: s})
		}
		secret, _, err := combine.Combine(inputs, v.set, open)
		if err != nil {
			if secret != nil {
				t.Errorf("Combine returned a secret with the error %v", err)
			}
			return openClass(err), err.Error()
		}
		if !bytes.Equal(secret, v.secret) {
			return "a wrong secret", "no error"
		}
		return "success", ""
	}
	if len(shares) != 1 {
		return fmt.Sprintf("%d shares where one was expected", len(shares)), ""
	}
	s := shares[0]
	if err := s.Verify(); err != nil {
		return openClass(err), err.Error()
	}
	// Parse then marshal gives the share back (FORMAT.md §2): the text
	// may be typed with slips, the share string is canonical.
	str, err := s.Marshal()
	if err != nil {
		t.Fatalf("Marshal of a share that was read: %v", err)
	}
	if again, err := share.ParseString(str); err != nil || !bytes.Equal(again.Signature, s.Signature) {
		t.Fatalf("the share string does not read back: %v", err)
	}
	payload, err := open(combine.Input{Share: s})
	if err != nil {
		return openClass(err), err.Error()
	}
	if h := sha256.Sum256(payload); v.payload != "" && hex.EncodeToString(h[:]) != v.payload {
		return "a wrong payload", hex.EncodeToString(h[:])
	}
	return "success", ""
}

// TestVectorsCoverEveryClass keeps the vectors honest: each outcome class
// of FORMAT.md has at least one case.
func TestVectorsCoverEveryClass(t *testing.T) {
	seen := map[string]int{}
	for _, v := range readVectors(t) {
		seen[v.expect]++
	}
	for _, class := range []string{
		"success", "line error", "truncated", "unknown version", "not a share", "malformed",
		"bad signature", "no identity", "damaged", "too few", "duplicate", "mixed sets",
		"wrong set", "integrity failure",
	} {
		if seen[class] == 0 {
			t.Errorf("no vector expects %q", class)
		}
	}
}

// FuzzRead checks share.Read on anything: it never panics; what it reads
// marshals and reads back to the same shares and parts; and its errors are
// the package's own types. The seeds are the vectors' texts.
func FuzzRead(f *testing.F) {
	vs := readVectors(f)
	for _, v := range vs {
		f.Add(v.text)
	}
	f.Fuzz(func(t *testing.T, text []byte) {
		shares, parts, err := share.Read(text)
		if err != nil {
			if class, _ := readClass(err); strings.HasPrefix(class, "untyped") {
				t.Fatalf("Read: %s", class)
			}
			if shares != nil || parts != nil {
				t.Fatalf("Read returned shares or parts with the error %v", err)
			}
			return
		}
		for _, s := range shares {
			str, err := s.Marshal()
			if err != nil {
				t.Fatalf("Marshal of a share that was read: %v", err)
			}
			again, _, err := share.Read([]byte(str))
			if err != nil || len(again) != 1 {
				t.Fatalf("the share string does not read back: %v", err)
			}
			if s2, _ := again[0].Marshal(); s2 != str {
				t.Fatalf("share string changed on reading back:\n%s\n%s", str, s2)
			}
			text, err := s.MarshalText()
			if err != nil {
				t.Fatalf("MarshalText of a share that was read: %v", err)
			}
			again, _, err = share.Read(text)
			if err != nil || len(again) != 1 {
				t.Fatalf("the share text does not read back: %v\n%s", err, text)
			}
			if s2, _ := again[0].Marshal(); s2 != str {
				t.Fatalf("share text reads back as another share")
			}
		}
		for _, p := range parts {
			str := p.Marshal()
			q, err := share.ParsePart(str)
			if err != nil {
				t.Fatalf("the part string does not read back: %v", err)
			}
			if q.Marshal() != str {
				t.Fatalf("part string changed on reading back")
			}
		}
		if len(parts) > 0 {
			joined, err := share.JoinParts(parts)
			var me *share.MalformedError
			var mp *share.MissingPartsError
			if err != nil && !errors.As(err, &me) && !errors.As(err, &mp) {
				t.Fatalf("JoinParts: untyped error %v", err)
			}
			for _, s := range joined {
				if _, err := s.Marshal(); err != nil {
					t.Fatalf("Marshal of a share joined from parts: %v", err)
				}
			}
		}
		// A canonical share string alone on a line is given back exactly.
		if tok := strings.TrimSpace(string(text)); len(shares) == 1 && len(parts) == 0 && strings.HasPrefix(tok, share.Prefix) &&
			strings.Trim(tok, "0123456789ABCDEFGHJKMNPQRSTVWXYZ") == "" {
			if str, _ := shares[0].Marshal(); str != tok {
				t.Fatalf("parse then marshal does not give the input back:\n%s\n%s", tok, str)
			}
		}
	})
}
