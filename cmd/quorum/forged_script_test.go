package main

import (
	"crypto/ed25519"
	"crypto/rand"
	"crypto/sha256"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/rogpeppe/go-internal/testscript"

	"quorum/internal/forge"
	"quorum/internal/sss"
	"quorum/manifest"
	"quorum/seal"
	"quorum/share"
	"quorum/split"
)

// cmdForgedSet is the script command
//
//	forgedset DIR K NAME=KEY... -- EDIT...
//
// what the security review built: a set of the forger's own (shares that
// open with the custodians' keys, all signed by the forger's set key),
// with DIR/manifest.json as quorum writes it and DIR/forged.json, the same
// manifest with the EDITs (see internal/forge) re-signed under that set
// key, so that its signature is valid and pins the forged shares.
func cmdForgedSet(ts *testscript.TestScript, neg bool, args []string) {
	noNeg(ts, neg, "forgedset")
	sep := slices.Index(args, "--")
	if len(args) < 4 || sep < 3 {
		ts.Fatalf("usage: forgedset DIR K NAME=KEY... -- EDIT...")
	}
	k, err := strconv.Atoi(args[1])
	ts.Check(err)
	custodians, edits := args[2:sep], args[sep+1:]
	n := len(custodians)

	padded, err := share.Pad([]byte("the forger's secret"))
	ts.Check(err)
	seed := make([]byte, share.SeedSize)
	rand.Read(seed)
	setKey, err := share.SetKey(padded, seed)
	ts.Check(err)
	setPub := setKey.Public().(ed25519.PublicKey)
	payloads, err := sss.Split(share.SplitInput(padded, seed), n, k)
	ts.Check(err)

	dir := ts.MkAbs(args[0])
	ts.Check(os.MkdirAll(dir, 0o700))
	created := share.Day(time.Now())
	m := &manifest.Manifest{Label: "root 2026", Created: created.Format(time.DateOnly), Threshold: k, Shares: n, Tool: "quorum forged"}
	for i, c := range custodians {
		name, key, ok := strings.Cut(c, "=")
		if !ok {
			ts.Fatalf("forgedset: %q is not NAME=KEY", c)
		}
		r, kind, err := seal.ParseRecipient(recipientOf(ts, key), nil)
		ts.Check(err)
		sealed, err := seal.Seal(payloads[i], r)
		ts.Check(err)
		s := &share.Share{Header: share.Header{
			SetKey: setPub, Index: i + 1, Threshold: k, Shares: n,
			Created: created, Kind: kind, Label: m.Label, Custodian: name,
		}, Sealed: sealed}
		ts.Check(s.Sign(setKey))
		text, err := s.MarshalText()
		ts.Check(err)
		file := split.FileName(i+1, n, name)
		ts.Check(os.WriteFile(filepath.Join(dir, file), text, 0o600))
		str, err := s.Marshal()
		ts.Check(err)
		hash := sha256.Sum256([]byte(str))
		shareKey, err := share.ShareKey(payloads[i], setPub)
		ts.Check(err)
		m.Custodians = append(m.Custodians, manifest.Custodian{
			Index: i + 1, Name: name, RecipientKind: kind.String(), ShareFile: file,
			ShareHash: share.EncodeBinary(hash[:]), Commitment: share.EncodeBinary(shareKey.Public().(ed25519.PublicKey)),
		})
	}
	ts.Check(m.Sign(setKey))
	data, err := m.Marshal()
	ts.Check(err)
	ts.Check(os.WriteFile(filepath.Join(dir, "manifest.json"), data, 0o644))
	forged, err := forge.Manifest(data, setKey, edits...)
	ts.Check(err)
	ts.Check(os.WriteFile(filepath.Join(dir, "forged.json"), forged, 0o644))
}
