package manifest

import (
	"bytes"
	"crypto/ed25519"
	"crypto/sha256"
	"encoding/json"
	"errors"
	"reflect"
	"strings"
	"testing"

	"quorum/internal/filter"
	"quorum/internal/forge"
	"quorum/share"
)

// testKey is a fixed set key, so that the manifests here are the same on
// every run.
func testKey() ed25519.PrivateKey {
	seed := sha256.Sum256([]byte("quorum manifest test key"))
	return ed25519.NewKeyFromSeed(seed[:])
}

func b32(s string) string {
	h := sha256.Sum256([]byte(s))
	return share.EncodeBinary(h[:])
}

// testManifest returns a signed manifest of a 2-of-3 set.
func testManifest(t testing.TB) *Manifest {
	t.Helper()
	m := &Manifest{
		Label: "root 2026", Created: "2026-11-26", Threshold: 2, Shares: 3, Tool: "quorum v0.1.0",
		Custodians: []Custodian{
			{1, "alice", "x25519", b32("alice")[:16], "1-alice.share", b32("share 1"), b32("commitment 1")},
			{2, "bob", "ssh-ed25519", b32("bob")[:16], "2-bob.share", b32("share 2"), b32("commitment 2")},
			{3, "carol", "passphrase", "", "3-carol.share", b32("share 3"), b32("commitment 3")},
		},
	}
	if err := m.Sign(testKey()); err != nil {
		t.Fatal(err)
	}
	return m
}

func TestRoundTrip(t *testing.T) {
	m := testManifest(t)
	if m.Format != Format {
		t.Errorf("Format = %q, want %q", m.Format, Format)
	}
	pub := testKey().Public().(ed25519.PublicKey)
	if want := share.FingerprintOf(pub).String(); m.SetFingerprint != want {
		t.Errorf("SetFingerprint = %q, want %q", m.SetFingerprint, want)
	}
	if err := m.Verify(); err != nil {
		t.Fatalf("Verify: %v", err)
	}
	data, err := m.Marshal()
	if err != nil {
		t.Fatal(err)
	}
	got, err := Parse(data)
	if err != nil {
		t.Fatalf("Parse: %v\n%s", err, data)
	}
	if !reflect.DeepEqual(got, m) {
		t.Errorf("Parse(Marshal(m)):\ngot  %+v\nwant %+v", got, m)
	}
	if fp, err := got.Fingerprint(); err != nil || fp != share.FingerprintOf(pub) {
		t.Errorf("Fingerprint() = %v, %v", fp, err)
	}
	// Any JSON encoder may write it: the signature is over the fields.
	compact, err := json.Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Parse(compact); err != nil {
		t.Errorf("Parse of compact JSON: %v", err)
	}
}

// TestSignedText pins the signed text of FORMAT.md §9.
func TestSignedText(t *testing.T) {
	m := testManifest(t)
	text, err := m.SignedText()
	if err != nil {
		t.Fatal(err)
	}
	want := "quorum manifest v1\n" +
		"set " + m.SetPublicKey + "\n" +
		"label root 2026\n" +
		"created 2026-11-26\n" +
		"threshold 2\n" +
		"shares 3\n" +
		"custodian 1 alice x25519 " + b32("alice")[:16] + " " + b32("share 1") + " " + b32("commitment 1") + "\n" +
		"custodian 2 bob ssh-ed25519 " + b32("bob")[:16] + " " + b32("share 2") + " " + b32("commitment 2") + "\n" +
		"custodian 3 carol passphrase - " + b32("share 3") + " " + b32("commitment 3") + "\n" +
		"tool quorum v0.1.0\n"
	if string(text) != want {
		t.Errorf("signed text:\n%s\nwant:\n%s", text, want)
	}
	sig, err := share.DecodeBinary(m.Signature)
	if err != nil || !ed25519.Verify(testKey().Public().(ed25519.PublicKey), []byte(want), sig) {
		t.Errorf("the signature is not over the signed text")
	}
}

// TestEditedField changes one field of a signed manifest at a time: every
// signed field gives an InvalidSignatureError, through Verify and through
// Parse. set_fingerprint and share_file are not signed (FORMAT.md §9), but
// each can hold only one value, which readers check.
func TestEditedField(t *testing.T) {
	otherKey := ed25519.NewKeyFromSeed(bytes.Repeat([]byte{9}, 32))
	for _, tt := range []struct {
		name    string
		edit    func(m *Manifest)
		wantErr string // "" for InvalidSignatureError, "none" for no error
	}{
		{"label", func(m *Manifest) { m.Label = "root 2027" }, ""},
		{"label emptied", func(m *Manifest) { m.Label = "" }, ""},
		{"created", func(m *Manifest) { m.Created = "2026-11-27" }, ""},
		{"threshold", func(m *Manifest) { m.Threshold = 3 }, ""},
		{"shares", func(m *Manifest) { m.Shares = 4 }, ""},
		{"tool", func(m *Manifest) { m.Tool = "quorum v0.1.1" }, ""},
		{"set public key", func(m *Manifest) {
			pub := otherKey.Public().(ed25519.PublicKey)
			m.SetPublicKey, m.SetFingerprint = share.EncodeBinary(pub), share.FingerprintOf(pub).String()
		}, ""},
		{"set public key in lower case", func(m *Manifest) { m.SetPublicKey = strings.ToLower(m.SetPublicKey) }, ""},
		{"signature", func(m *Manifest) { m.Signature = share.EncodeBinary(make([]byte, 64)) }, ""},
		{"signature cut", func(m *Manifest) { m.Signature = m.Signature[:len(m.Signature)-2] }, ""},
		{"signature emptied", func(m *Manifest) { m.Signature = "" }, ""},
		{"custodian index", func(m *Manifest) { m.Custodians[1].Index = 3 }, ""},
		{"custodian name", func(m *Manifest) { m.Custodians[1].Name = "mallory" }, ""},
		{"custodian kind", func(m *Manifest) { m.Custodians[0].RecipientKind = "ssh-ed25519" }, ""},
		{"recipient fingerprint", func(m *Manifest) { m.Custodians[0].RecipientFingerprint = b32("mallory")[:16] }, ""},
		{"recipient fingerprint of a passphrase", func(m *Manifest) { m.Custodians[2].RecipientFingerprint = "-" }, "recipient_fingerprint"},
		{"share hash", func(m *Manifest) { m.Custodians[2].ShareHash = b32("share 4") }, ""},
		{"commitment", func(m *Manifest) { m.Custodians[0].Commitment = b32("commitment 4") }, ""},
		{"custodians swapped", func(m *Manifest) { m.Custodians[0], m.Custodians[1] = m.Custodians[1], m.Custodians[0] }, ""},
		{"custodian dropped", func(m *Manifest) { m.Custodians = m.Custodians[:2] }, ""},
		{"custodian added", func(m *Manifest) { m.Custodians = append(m.Custodians, m.Custodians[2]) }, ""},
		{"format", func(m *Manifest) { m.Format = "quorum manifest v2" }, "format"},
		{"set public key not base32", func(m *Manifest) { m.SetPublicKey = "not a key" }, "set_public_key"},
		{"set fingerprint (not signed)", func(m *Manifest) { m.SetFingerprint = "0000 0000 0000 0000 0000 0000 0000" }, "set_fingerprint"},
		{"share file (not signed)", func(m *Manifest) { m.Custodians[0].ShareFile = "../elsewhere.share" }, "share_file"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			m := testManifest(t)
			tt.edit(m)
			data, err := json.Marshal(m)
			if err != nil {
				t.Fatal(err)
			}
			for _, check := range []struct {
				how string
				err error
			}{{"Verify", m.Verify()}, {"Parse", parseErr(data)}} {
				var ise *InvalidSignatureError
				switch {
				case tt.wantErr == "none":
					if check.err != nil {
						t.Errorf("%s: %v, want no error", check.how, check.err)
					}
				case tt.wantErr == "":
					if !errors.As(check.err, &ise) {
						t.Errorf("%s: got %v, want an InvalidSignatureError", check.how, check.err)
					}
				default:
					if check.err == nil || errors.As(check.err, &ise) || !strings.Contains(check.err.Error(), tt.wantErr) {
						t.Errorf("%s: got %v, want an error with %q that is not an InvalidSignatureError", check.how, check.err, tt.wantErr)
					}
				}
			}
		})
	}
}

func names(m *Manifest) []string {
	var ns []string
	for _, c := range m.Custodians {
		ns = append(ns, c.Name)
	}
	return ns
}

func parseErr(data []byte) error {
	_, err := Parse(data)
	return err
}

// TestVerifyStructure: a manifest signed by the set key is still refused if
// it does not describe a set.
func TestVerifyStructure(t *testing.T) {
	for _, tt := range []struct {
		name string
		edit func(m *Manifest)
	}{
		{"threshold 1", func(m *Manifest) { m.Threshold = 1 }},
		{"threshold above shares", func(m *Manifest) { m.Threshold = 4 }},
		{"256 shares", func(m *Manifest) { m.Shares = 256 }},
		{"fewer custodians than shares", func(m *Manifest) { m.Shares = 4 }},
		{"indexes out of order", func(m *Manifest) { m.Custodians[0].Index, m.Custodians[1].Index = 2, 1 }},
		{"index repeated", func(m *Manifest) { m.Custodians[2].Index = 2 }},
		{"index 0", func(m *Manifest) { m.Custodians[0].Index = 0 }},
	} {
		t.Run(tt.name, func(t *testing.T) {
			m := testManifest(t)
			tt.edit(m)
			if err := m.Sign(testKey()); err != nil {
				t.Fatal(err)
			}
			err := m.Verify()
			var ise *InvalidSignatureError
			if err == nil || errors.As(err, &ise) {
				t.Errorf("got %v, want a structural error", err)
			}
		})
	}
}

// TestSignRefuses: fields that would change the lines of the signed text
// cannot be signed, so that two manifests never sign the same text.
func TestSignRefuses(t *testing.T) {
	for _, tt := range []struct {
		name string
		edit func(m *Manifest)
	}{
		{"label with a newline", func(m *Manifest) { m.Label = "root\nthreshold 2" }},
		{"label with a carriage return", func(m *Manifest) { m.Label = "root\r2026" }},
		{"empty tool", func(m *Manifest) { m.Tool = "" }},
		{"tool with a newline", func(m *Manifest) { m.Tool = "quorum\nx" }},
		{"empty name", func(m *Manifest) { m.Custodians[0].Name = "" }},
		{"name with a space", func(m *Manifest) { m.Custodians[0].Name = "alice smith" }},
		{"kind with a newline", func(m *Manifest) { m.Custodians[0].RecipientKind = "x25519\n" }},
		{"empty share hash", func(m *Manifest) { m.Custodians[0].ShareHash = "" }},
		{"commitment with a space", func(m *Manifest) { m.Custodians[0].Commitment = "AB CD" }},
	} {
		t.Run(tt.name, func(t *testing.T) {
			m := testManifest(t)
			tt.edit(m)
			if err := m.Sign(testKey()); err == nil {
				t.Errorf("Sign accepted it")
			}
		})
	}
}

func TestParseRefuses(t *testing.T) {
	good, err := testManifest(t).Marshal()
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		name    string
		data    []byte
		wantErr string
	}{
		{"unknown field", bytes.Replace(good, []byte(`"tool"`), []byte(`"comment": "hi", "tool"`), 1), "member this format does not have"},
		{"unknown field in a custodian", bytes.Replace(good, []byte(`"index": 2`), []byte(`"index": 2, "extra": 1`), 1), "member this format does not have"},
		{"not JSON", []byte("quorum manifest v1\n"), "not valid JSON"},
		{"empty", nil, "not a manifest: empty"},
		{"threshold as a string", bytes.Replace(good, []byte(`"threshold": 2`), []byte(`"threshold": "2"`), 1), "threshold is not a JSON number"},
		{"too large", append(bytes.Repeat([]byte(" "), 4<<20), good...), "larger than 4 MiB"},
		{"trailing data", append(append([]byte{}, good...), `{"label": "evil"}`...), "data after its JSON object"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse(tt.data)
			if err == nil {
				t.Fatalf("Parse accepted it")
			}
			if !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("got %q, want an error with %q", err, tt.wantErr)
			}
		})
	}
}

// FuzzParseManifest: Parse never panics, and what it accepts verifies and
// marshals to a manifest that parses to the same fields.
func FuzzParseManifest(f *testing.F) {
	m := testManifest(f)
	good, err := m.Marshal()
	if err != nil {
		f.Fatal(err)
	}
	compact, err := json.Marshal(m)
	if err != nil {
		f.Fatal(err)
	}
	seeds := [][]byte{good, compact,
		bytes.Replace(good, []byte("root 2026"), []byte("root 2027"), 1),
		bytes.Replace(good, []byte(`"tool"`), []byte(`"x": 1, "tool"`), 1),
		[]byte("{}"), []byte("null"),
	}
	// Re-signed under another key with fields that a reader must refuse.
	for _, edit := range []string{`created="2026-12-04\x1b[1A"`, `name 2="bob\u202e"`, "name 2=аlice", `label="root\u2028"`} {
		forged, err := forge.Manifest(good, forge.Key("fuzz"), edit)
		if err != nil {
			f.Fatal(err)
		}
		seeds = append(seeds, forged)
	}
	for _, s := range seeds {
		f.Add(s)
	}
	if len(seeds) == 0 {
		f.Fatal("no seeds")
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		m, err := Parse(data)
		if err != nil {
			return
		}
		if err := m.Verify(); err != nil {
			t.Fatalf("Parse accepted a manifest that does not verify: %v", err)
		}
		for _, s := range append([]string{m.Label, m.Created, m.Tool}, names(m)...) {
			if filter.Text(s) != s {
				t.Fatalf("Parse accepted a field that does not show as it is: %q", s)
			}
		}
		again, err := m.Marshal()
		if err != nil {
			t.Fatal(err)
		}
		m2, err := Parse(again)
		if err != nil {
			t.Fatalf("Marshal of a parsed manifest does not parse: %v", err)
		}
		if !reflect.DeepEqual(m, m2) {
			t.Fatalf("round trip changed the manifest:\n%+v\n%+v", m, m2)
		}
	})
}
