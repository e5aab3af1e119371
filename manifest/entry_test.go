package manifest

import (
	"bytes"
	"errors"
	"os"
	"testing"

	"quorum/share"
)

func TestEntry(t *testing.T) {
	// Two shares of one set, as split writes them (FORMAT.md's vectors).
	data, err := os.ReadFile("../testdata/vectors/valid_combine_2of3")
	if err != nil {
		t.Fatal(err)
	}
	_, text, _ := bytes.Cut(data, []byte("\n\n")) // after the vector's header
	shares, _, err := share.Read(text)
	if err != nil || len(shares) < 2 {
		t.Fatalf("reading the vector: %d shares, %v", len(shares), err)
	}
	listed, other := shares[0], shares[1]
	h, err := listed.Hash()
	if err != nil {
		t.Fatal(err)
	}
	forged := *listed // another share for the same index
	forged.Sealed = other.Sealed
	moved := *listed
	moved.Index = other.Index
	past, zero := *listed, *listed
	past.Index, zero.Index = 4, 0
	m := testManifest(t)
	m.Custodians[listed.Index-1].ShareHash = share.EncodeBinary(h[:])
	gapped := testManifest(t)
	gapped.Custodians[listed.Index-1].Index = 3 // an entry out of place lists nothing

	for _, tc := range []struct {
		name string
		m    *Manifest
		s    *share.Share
		want error
	}{
		{"listed", m, listed, nil},
		{"another share for the index", m, &forged, ErrNotListed},
		{"another index", m, &moved, ErrNotListed},
		{"index past the set", m, &past, ErrNotListed},
		{"index zero", m, &zero, ErrNotListed},
		{"entry out of place", gapped, listed, ErrNotListed},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c, err := tc.m.Entry(tc.s)
			if !errors.Is(err, tc.want) {
				t.Fatalf("Entry: %v, want %v", err, tc.want)
			}
			if tc.want == nil && c != &tc.m.Custodians[tc.s.Index-1] {
				t.Errorf("Entry returned %+v, want the manifest's entry %d", c, tc.s.Index)
			}
			if tc.want != nil && c != nil {
				t.Errorf("Entry returned %+v with its error", c)
			}
		})
	}
}
