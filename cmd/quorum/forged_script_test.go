package main

import (
	"crypto/ed25519"
	"crypto/sha256"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"time"

	"github.com/rogpeppe/go-internal/testscript"

	"quorum/internal/forge"
	"quorum/manifest"
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
	setKey, shares, payloads := writeForgedSet(ts, args[0], "root 2026", "the forger's secret", k, custodians, nil)
	setPub := setKey.Public().(ed25519.PublicKey)

	m := &manifest.Manifest{Label: "root 2026", Created: shares[0].Created.Format(time.DateOnly), Threshold: k, Shares: n, Tool: "quorum forged"}
	for i, s := range shares {
		str, err := s.Marshal()
		ts.Check(err)
		hash := sha256.Sum256([]byte(str))
		shareKey, err := share.ShareKey(payloads[i], setPub)
		ts.Check(err)
		m.Custodians = append(m.Custodians, manifest.Custodian{
			Index: i + 1, Name: s.Custodian, RecipientKind: s.Kind.String(), ShareFile: split.FileName(i+1, n, s.Custodian),
			ShareHash: share.EncodeBinary(hash[:]), Commitment: share.EncodeBinary(shareKey.Public().(ed25519.PublicKey)),
		})
	}
	ts.Check(m.Sign(setKey))
	data, err := m.Marshal()
	ts.Check(err)
	dir := ts.MkAbs(args[0])
	ts.Check(os.WriteFile(filepath.Join(dir, "manifest.json"), data, 0o644))
	forged, err := forge.Manifest(data, setKey, edits...)
	ts.Check(err)
	ts.Check(os.WriteFile(filepath.Join(dir, "forged.json"), forged, 0o644))
}
