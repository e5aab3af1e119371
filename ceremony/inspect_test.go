package ceremony

import (
	"errors"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"filippo.io/age"

	"quorum/combine"
	"quorum/manifest"
	"quorum/share"
)

func TestInspect(t *testing.T) {
	w := newWrittenSet(t)
	other := newWrittenSet(t)
	res, err := Inspect(testEnv(&scriptedUI{t: t}), InspectOptions{Manifest: w.manifest,
		Args: []string{w.keys[1], w.manifest, w.shares[0], other.shares[2]}})
	if err != nil {
		t.Fatalf("Inspect = %v", err)
	}

	// The key file: bob's recipient and its fingerprint as the manifest
	// lists it for him.
	if len(res.Keys) != 1 {
		t.Fatalf("Inspect found %d keys, want bob's", len(res.Keys))
	}
	k := res.Keys[0]
	bob := w.set.Manifest.Custodians[1]
	if k.Source != w.keys[1] || k.Recipient != w.recipients[1] || k.RecipientKind != bob.RecipientKind {
		t.Errorf("key = %+v, want bob's %s recipient %s", k, bob.RecipientKind, w.recipients[1])
	}
	if k.RecipientFingerprint != bob.RecipientFingerprint {
		t.Errorf("key's recipient fingerprint = %s, want %s, as the manifest lists it", k.RecipientFingerprint, bob.RecipientFingerprint)
	}

	fp := w.set.Fingerprint.String()
	want := []Inspected{
		{Source: w.manifest, Type: "manifest", Fingerprint: fp, Label: "root 2026", Threshold: 2, Shares: 3,
			Created: "2026-01-05", Signature: "valid", Pinned: "match"},
		{Source: w.shares[0], Type: "share", Fingerprint: fp, Label: "root 2026", Threshold: 2, Shares: 3,
			Index: 1, Custodian: "alice", RecipientKind: "x25519", Created: "2026-01-05", Signature: "valid", Pinned: "match"},
		{Source: other.shares[2], Type: "share", Fingerprint: other.set.Fingerprint.String(), Label: "root 2026", Threshold: 2, Shares: 3,
			Index: 3, Custodian: "carol", RecipientKind: "x25519", Created: "2026-01-05", Signature: "valid", Pinned: "other set",
			Problem: "not of the pinned set"},
	}
	if len(res.Files) != len(want) {
		t.Fatalf("Inspect found %d shares and manifests, want %d", len(res.Files), len(want))
	}
	for i, got := range res.Files {
		got.ShareHash = "" // checked below
		if got != want[i] {
			t.Errorf("file %d:\ngot  %+v\nwant %+v", i, got, want[i])
		}
	}
	h, _ := w.set.Shares[0].Hash()
	if res.Files[1].ShareHash != share.EncodeBinary(h[:]) {
		t.Errorf("share hash = %s, want the share's", res.Files[1].ShareHash)
	}
	if res.Failed() != 1 {
		t.Errorf("Failed = %d, want 1 (the other set's share)", res.Failed())
	}
}

func TestInspectRefuses(t *testing.T) {
	w := newWrittenSet(t)
	log := filepath.Join(w.dir, "access.log")
	if _, _, err := Review(testEnv(&scriptedUI{t: t}), ReviewOptions{Manifest: w.manifest, Log: log, Access: []string{"mfa=erin"}}); err != nil {
		t.Fatal(err)
	}
	var ue *UsageError
	_, err := Inspect(testEnv(&scriptedUI{t: t}), InspectOptions{Args: []string{log}})
	if !errors.As(err, &ue) || !strings.Contains(err.Error(), "is an access log") {
		t.Errorf("Inspect(access log) = %v, want a *UsageError saying it is an access log", err)
	}
	if _, err := InspectAge(testEnv(&scriptedUI{t: t}), InspectOptions{Args: w.shares[:2]}); !errors.As(err, &ue) {
		t.Errorf("InspectAge(two shares) = %v, want a *UsageError", err)
	}
}

// inspect --age gives the share's age file: stock age's Decrypt opens it
// with the custodian's key.
func TestInspectAge(t *testing.T) {
	w := newWrittenSet(t)
	s, err := InspectAge(testEnv(&scriptedUI{t: t}), InspectOptions{Manifest: w.manifest, Args: w.shares[2:]})
	if err != nil {
		t.Fatalf("InspectAge = %v", err)
	}
	data, err := ReadInput(testEnv(&scriptedUI{t: t}), w.keys[2])
	if err != nil {
		t.Fatal(err)
	}
	ids, err := age.ParseIdentities(strings.NewReader(string(data)))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := age.Decrypt(strings.NewReader(string(s.Sealed)), ids...); err != nil {
		t.Errorf("age.Decrypt(carol's share) = %v", err)
	}
}

// A share of the pinned set that the manifest does not list for its index
// (which only a holder of the set key could make) is named in the
// manifest's own words.
func TestInspectShareNotListed(t *testing.T) {
	w := newWrittenSet(t)
	m := *w.set.Manifest
	m.Custodians = slices.Clone(m.Custodians)
	m.Custodians[0].ShareHash = m.Custodians[1].ShareHash
	in := combine.Input{Source: w.shares[0], Share: w.set.Shares[0]}
	if got := inspectShare(in, w.set.Fingerprint, &m); got.Problem != manifest.ErrNotListed.Error() {
		t.Errorf("problem = %q, want %q", got.Problem, manifest.ErrNotListed)
	}
	if got := inspectShare(in, w.set.Fingerprint, w.set.Manifest); got.Problem != "" {
		t.Errorf("the listed share has a problem: %q", got.Problem)
	}
}
