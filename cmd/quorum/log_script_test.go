package main

// Testscript commands for the access log transcripts (record*.txtar,
// status*.txtar). verify and drill sign their records with keys only an
// opened share or k shares give; these commands make a set whose keys the
// test holds, so that the scripts can write the records those commands
// would, on the days a script names, and forge the ones they must not:
//
//	testset DIR LABEL CREATED K N         a signed manifest of a K-of-N set made on CREATED
//	signrecord LOG DIR KIND DATE SIGNER [FIELD=VALUE...]
//	                                      append a record signed by "set" or "share:N" of DIR's set
//	forgerecord LOG DIR KIND DATE         append a set-signed record made with another key
//	loglines LOG OUT N,N...               OUT holds LOG's lines in that order: leave one
//	                                      out to delete it, repeat one to insert a copy
//	mistype VAR VALUE N...                VAR is VALUE with symbol N (1 for the first, spaces
//	                                      not counted) typed wrong: the next symbol but 0 and G
//
// FIELDs: outcome, participants (1,2,3), newset (another testset DIR).
// The keys are made from the label, so that a set is the same every run;
// they are test keys and nothing else.

import (
	"crypto/ed25519"
	"crypto/sha256"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/rogpeppe/go-internal/testscript"

	"quorum/accesslog"
	"quorum/manifest"
	"quorum/share"
)

func logScriptCmds() map[string]func(ts *testscript.TestScript, neg bool, args []string) {
	return map[string]func(ts *testscript.TestScript, neg bool, args []string){
		"testset":     cmdTestSet,
		"signrecord":  cmdSignRecord,
		"forgerecord": cmdForgeRecord,
		"loglines":    cmdLogLines,
		"mistype":     cmdMistype,
	}
}

var testNames = []string{"alice", "bob", "carol", "dave", "erin", "frank", "grace"}

// testKey derives a test key from a label and a role.
func testKey(label, role string) ed25519.PrivateKey {
	seed := sha256.Sum256([]byte("quorum test key\n" + label + "\n" + role))
	return ed25519.NewKeyFromSeed(seed[:])
}

// testset DIR LABEL CREATED K N: writes DIR/manifest.json and DIR/label.
func cmdTestSet(ts *testscript.TestScript, neg bool, args []string) {
	noNeg(ts, neg, "testset")
	if len(args) != 5 {
		ts.Fatalf("usage: testset DIR LABEL CREATED K N")
	}
	dir, label, created := ts.MkAbs(args[0]), args[1], args[2]
	k, err := strconv.Atoi(args[3])
	ts.Check(err)
	n, err := strconv.Atoi(args[4])
	ts.Check(err)
	m := &manifest.Manifest{Label: label, Created: created, Threshold: k, Shares: n, Tool: "test"}
	for i := 1; i <= n; i++ {
		pub := testKey(label, fmt.Sprintf("share %d", i)).Public().(ed25519.PublicKey)
		hash := sha256.Sum256([]byte(label + strconv.Itoa(i)))
		m.Custodians = append(m.Custodians, manifest.Custodian{
			Index: i, Name: testNames[(i-1)%len(testNames)], RecipientKind: "x25519",
			RecipientFingerprint: share.EncodeBinary(hash[:10]), ShareFile: fmt.Sprintf("%d-%s.share", i, testNames[(i-1)%len(testNames)]),
			ShareHash: share.EncodeBinary(hash[:]), Commitment: share.EncodeBinary(pub),
		})
	}
	ts.Check(m.Sign(testKey(label, "set")))
	data, err := m.Marshal()
	ts.Check(err)
	ts.Check(os.MkdirAll(dir, 0o700))
	ts.Check(os.WriteFile(filepath.Join(dir, "manifest.json"), data, 0o600))
	ts.Check(os.WriteFile(filepath.Join(dir, "label"), []byte(label), 0o600))
}

func testSetOf(ts *testscript.TestScript, dir string) (label, fp string) {
	label = ts.ReadFile(filepath.Join(dir, "label"))
	return label, string(share.FingerprintOf(testKey(label, "set").Public().(ed25519.PublicKey)))
}

func scriptDate(ts *testscript.TestScript, s string) time.Time {
	t, err := time.Parse(time.DateOnly, s)
	ts.Check(err)
	return t.Add(10 * time.Hour)
}

// signrecord LOG DIR KIND DATE SIGNER [FIELD=VALUE...]
func cmdSignRecord(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) < 5 {
		ts.Fatalf("usage: signrecord LOG DIR KIND DATE SIGNER [FIELD=VALUE...]")
	}
	label, fp := testSetOf(ts, args[1])
	r := &accesslog.Record{Kind: args[2], Time: scriptDate(ts, args[3]), Set: fp, Label: label, Tool: "quorum test"}
	var key ed25519.PrivateKey
	signer := args[4]
	switch n, ok := strings.CutPrefix(signer, "share:"); {
	case signer == "set":
		key = testKey(label, "set")
	case ok:
		i, err := strconv.Atoi(n)
		ts.Check(err)
		key, signer = testKey(label, "share "+n), accesslog.ShareSigner(i)
		r.Participants = []accesslog.Participant{{Index: i, Custodian: testNames[(i-1)%len(testNames)]}}
	default:
		ts.Fatalf("signrecord: signer %q is not set or share:N", signer)
	}
	for _, a := range args[5:] {
		f, v, _ := strings.Cut(a, "=")
		switch f {
		case "outcome":
			r.Outcome = v
		case "participants":
			r.Participants = nil
			for _, s := range strings.Split(v, ",") {
				i, err := strconv.Atoi(s)
				ts.Check(err)
				r.Participants = append(r.Participants, accesslog.Participant{Index: i, Custodian: testNames[(i-1)%len(testNames)]})
			}
		case "newset":
			_, r.NewSet = testSetOf(ts, v)
		default:
			ts.Fatalf("signrecord: unknown field %q", f)
		}
	}
	_, err := accesslog.Append(ts.MkAbs(args[0]), r, key, signer)
	if neg {
		if err == nil {
			ts.Fatalf("signrecord: appended")
		}
		ts.Logf("signrecord: %v", err)
		return
	}
	ts.Check(err)
}

// forgerecord LOG DIR KIND DATE: what someone without the set key can do:
// a passing record chained to the log and signed, but with a key of their
// own, put in as if it were the set's.
func cmdForgeRecord(ts *testscript.TestScript, neg bool, args []string) {
	noNeg(ts, neg, "forgerecord")
	if len(args) != 4 {
		ts.Fatalf("usage: forgerecord LOG DIR KIND DATE")
	}
	label, fp := testSetOf(ts, args[1])
	forger := testKey(label, "forger")
	forgerFP := string(share.FingerprintOf(forger.Public().(ed25519.PublicKey)))
	path := ts.MkAbs(args[0])
	r := &accesslog.Record{Kind: args[2], Time: scriptDate(ts, args[3]), Set: forgerFP, Label: label, Outcome: accesslog.Pass, Tool: "quorum test"}
	_, err := accesslog.Append(path, r, forger, accesslog.SignerSet)
	ts.Check(err)
	data, err := os.ReadFile(path)
	ts.Check(err)
	ts.Check(os.WriteFile(path, []byte(strings.ReplaceAll(string(data), forgerFP, fp)), 0o600))
}

// loglines LOG OUT N,N...: deletes, moves and copies whole records.
func cmdLogLines(ts *testscript.TestScript, neg bool, args []string) {
	noNeg(ts, neg, "loglines")
	if len(args) != 3 {
		ts.Fatalf("usage: loglines LOG OUT N,N...")
	}
	lines := strings.SplitAfter(ts.ReadFile(args[0]), "\n")
	var b strings.Builder
	for _, s := range strings.Split(args[2], ",") {
		i, err := strconv.Atoi(s)
		ts.Check(err)
		if i < 1 || i > len(lines) || lines[i-1] == "" {
			ts.Fatalf("loglines: %s has no line %d", args[0], i)
		}
		b.WriteString(lines[i-1])
	}
	ts.Check(os.WriteFile(ts.MkAbs(args[1]), []byte(b.String()), 0o600))
}

// mistype VAR VALUE N...: a value typed from paper with symbols N wrong.
// The wrong symbol is never 0 or G, the only ones that end a log hash, so
// that a hash mistyped in its last symbol cannot be read at all.
func cmdMistype(ts *testscript.TestScript, neg bool, args []string) {
	noNeg(ts, neg, "mistype")
	if len(args) < 3 {
		ts.Fatalf("usage: mistype VAR VALUE N...")
	}
	const alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
	b := []byte(args[1])
	var symbols []int // where each symbol is in b, which may hold spaces
	for i, c := range b {
		if c != ' ' {
			symbols = append(symbols, i)
		}
	}
	for _, a := range args[2:] {
		n, err := strconv.Atoi(a)
		ts.Check(err)
		if n < 1 || n > len(symbols) {
			ts.Fatalf("mistype: %q has no symbol %d", args[1], n)
		}
		at := symbols[n-1]
		i := strings.IndexByte(alphabet, b[at])
		for {
			i = (i + 1) % len(alphabet)
			if c := alphabet[i]; c != '0' && c != 'G' {
				b[at] = c
				break
			}
		}
	}
	ts.Setenv(args[0], string(b))
}
