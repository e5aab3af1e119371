package manifest_test

import (
	"crypto/ed25519"
	"crypto/sha256"
	"errors"
	"strings"
	"testing"

	"quorum/internal/filter"
	"quorum/internal/forge"
	"quorum/manifest"
	"quorum/share"
)

// genuine returns manifest.json of a 2-of-3 set, signed by its set key.
func genuine(t testing.TB) ([]byte, share.Fingerprint) {
	t.Helper()
	b32 := func(s string) string {
		h := sha256.Sum256([]byte(s))
		return share.EncodeBinary(h[:])
	}
	m := &manifest.Manifest{
		Label: "root 2026", Created: "2026-11-26", Threshold: 2, Shares: 3, Tool: "quorum v0.1.0",
		Custodians: []manifest.Custodian{
			{Index: 1, Name: "alice", RecipientKind: "x25519", RecipientFingerprint: b32("alice")[:16], ShareFile: "1-alice.share", ShareHash: b32("share 1"), Commitment: b32("commitment 1")},
			{Index: 2, Name: "bob", RecipientKind: "ssh-ed25519", RecipientFingerprint: b32("bob")[:16], ShareFile: "2-bob.share", ShareHash: b32("share 2"), Commitment: b32("commitment 2")},
			{Index: 3, Name: "carol", RecipientKind: "passphrase", ShareFile: "3-carol.share", ShareHash: b32("share 3"), Commitment: b32("commitment 3")},
		},
	}
	seed := sha256.Sum256([]byte("the genuine set"))
	key := ed25519.NewKeyFromSeed(seed[:])
	if err := m.Sign(key); err != nil {
		t.Fatal(err)
	}
	data, err := m.Marshal()
	if err != nil {
		t.Fatal(err)
	}
	return data, share.FingerprintOf(key.Public().(ed25519.PublicKey))
}

// TestForgedFields is the attack of the security review: a manifest
// re-signed under the attacker's own set key, so that its signature is
// valid, with fields that would paint the screen or pass for another
// name. Every one must be refused by Parse with an error that names the
// field and quotes none of it.
func TestForgedFields(t *testing.T) {
	data, real := genuine(t)
	// What inspect would print, forged into created: the cursor goes up a
	// line and the real set's fingerprint is drawn over the forged one.
	repaint := `"2026-12-04\x1b[1A\x1b[2K  set          ` + real.String() + `"`
	for _, tt := range []struct {
		name, edit, wantErr string
	}{
		{"created with escape sequences", "created=" + repaint, "created"},
		{"created not a day", "created=2026-02-30", "created"},
		{"created with a time", "created=2026-11-26T10:00:00Z", "created"},
		{"name with escape sequences", `name 2="bob\x1b[2K\rclean"`, "custodian 2"},
		{"name with right-to-left override", `name 2="bob\u202eecila"`, "custodian 2"},
		{"name with a zero-width space", `name 2="al\u200bice"`, "custodian 2"},
		{"name with a Hangul filler", `name 2="bob\u3164"`, "custodian 2"},
		{"name mixing Latin and Cyrillic", "name 2=аlice", "mixes"},
		{"Cyrillic look-alike of another name", "name 2=аӏісе", "look alike"},
		{"capital I for l", "name 2=aIice", "look alike"},
		{"fullwidth look-alike of another name", "name 2=ａｌｉｃｅ", "look alike"},
		{"label with a line separator", `label="root\u2028threshold 2"`, "label"},
		{"label with right-to-left override", `label="root \u202e6202"`, "label"},
		{"label with a zero-width joiner", `label="root\u200d 2026"`, "label"},
		{"label with an escape", `label="root\x1b]0;title\x07"`, "label"},
		{"label mixing scripts in a word", "label=rооt 2026", "label"},
		{"tool with an escape", `tool="quorum\x1b[31m"`, "tool"},
		{"tool not ASCII", "tool=quorum v0.1.0 \u202e", "tool"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			forged, err := forge.Manifest(data, forge.Key("mallory"), tt.edit)
			if err != nil {
				t.Fatal(err)
			}
			_, err = manifest.Parse(forged)
			var ise *manifest.InvalidSignatureError
			switch {
			case err == nil:
				t.Fatalf("Parse accepted the forged manifest")
			case errors.As(err, &ise):
				t.Fatalf("got %v, want the field refused (the signature is valid)", err)
			case !strings.Contains(err.Error(), tt.wantErr):
				t.Errorf("got %q, want an error about %q", err, tt.wantErr)
			}
			_, value, _ := strings.Cut(tt.edit, "=")
			if filter.Text(err.Error()) != err.Error() || strings.Contains(err.Error(), strings.Trim(value, `"`)) {
				t.Errorf("the error quotes the forged field: %q", err)
			}
		})
	}
	// The control: re-signed without an edit, the forgery is a valid
	// manifest of another set, which only pinning tells apart.
	forged, err := forge.Manifest(data, forge.Key("mallory"))
	if err != nil {
		t.Fatal(err)
	}
	m, err := manifest.Parse(forged)
	if err != nil {
		t.Fatalf("the re-signed manifest without edits: %v", err)
	}
	if fp, _ := m.Fingerprint(); fp == real {
		t.Errorf("the forgery has the real set's fingerprint")
	}
}

// TestParseErrorsQuoteNothing: a file that is not a manifest (a secret
// given to -m by mistake) gives an error without a byte of it.
func TestParseErrorsQuoteNothing(t *testing.T) {
	data, _ := genuine(t)
	for _, in := range []string{
		"My secret password\n",
		"Mysecret",
		`{"format": "Mysecret"}`,
		`{"Mysecret": 1}`,
		`{"threshold": "Mysecret"}`,
		`["Mysecret"]`,
		`{"label": "root"} Mysecret`,
		strings.Replace(string(data), `"tool": "quorum v0.1.0"`, `"tool": "quorum v0.1.0", "Mysecret": "x"`, 1),
		strings.Replace(string(data), `"root 2026"`, `"Mysecret"`, 1),
		strings.Replace(string(data), `"2026-11-26"`, `"Mysecret"`, 1),
		strings.Replace(string(data), `"x25519"`, `"Mysecret"`, 1),
	} {
		_, err := manifest.Parse([]byte(in))
		if err == nil {
			t.Fatalf("Parse(%q) accepted it", in)
		}
		if strings.Contains(err.Error(), "M") && strings.ContainsAny(err.Error(), "'\"") && !strings.Contains(err.Error(), manifest.Format) {
			t.Errorf("Parse(%q): %q may quote the file", in, err)
		}
		if strings.Contains(err.Error(), "Mysecret") || strings.Contains(err.Error(), "'M'") {
			t.Errorf("Parse(%q): %q quotes the file", in, err)
		}
	}
}
