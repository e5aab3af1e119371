package accesslog_test

import (
	"bytes"
	"crypto/ed25519"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"quorum/accesslog"
	"quorum/share"
)

// exampleKey is the set key of the package doc's example.
func exampleKey() ed25519.PrivateKey {
	seed := make([]byte, ed25519.SeedSize)
	for i := range seed {
		seed[i] = byte(i)
	}
	return ed25519.NewKeyFromSeed(seed)
}

func fingerprint(k ed25519.PrivateKey) string {
	return string(share.FingerprintOf(k.Public().(ed25519.PublicKey)))
}

const exampleHead = "HA2GPF0BAFS5DBQEM6QF4C9DD7KH4DDRBG1Y5N2ER7AJSNQM6MWG"

func exampleRecords(set string) []*accesslog.Record {
	return []*accesslog.Record{
		{Kind: accesslog.KindSplit, Time: time.Date(2026, 1, 5, 9, 30, 0, 0, time.UTC), Set: set, Label: "root 2026",
			Participants: []accesslog.Participant{{Index: 1, Custodian: "alice"}, {Index: 2, Custodian: "bob"}, {Index: 3, Custodian: "carol"}},
			Operator:     "dave", Witnesses: []string{"erin"}, Tool: "quorum v1.0.0"},
		{Kind: accesslog.KindSheetOut, Time: time.Date(2026, 2, 1, 14, 0, 0, 0, time.UTC), Set: set,
			By: []string{"carol"}, Share: 3, Event: "taken out for the drill", Tool: "quorum v1.0.0"},
	}
}

// TestExample writes the package doc's example with Append and compares
// it, byte for byte, with testdata/example.log, then reads it back.
func TestExample(t *testing.T) {
	key := exampleKey()
	set := fingerprint(key)
	if set != "AS3NN9TMCD3MR0M5VXEVYAYAPWYT" {
		t.Fatalf("fingerprint %s, the doc says AS3NN9TMCD3MR0M5VXEVYAYAPWYT", set)
	}
	path := filepath.Join(t.TempDir(), "access.log")
	recs := exampleRecords(set)
	if _, err := accesslog.Append(path, recs[0], key, accesslog.SignerSet); err != nil {
		t.Fatal(err)
	}
	head, err := accesslog.Append(path, recs[1], nil, "")
	if err != nil {
		t.Fatal(err)
	}
	if head != exampleHead {
		t.Errorf("head %s, want %s", head, exampleHead)
	}
	got, _ := os.ReadFile(path)
	want, _ := os.ReadFile("testdata/example.log")
	if !bytes.Equal(got, want) {
		t.Fatalf("Append wrote\n%s\nwant (testdata/example.log)\n%s", got, want)
	}
	if fi, _ := os.Stat(path); fi.Mode().Perm() != 0o600 {
		t.Errorf("log has mode %#o, want 0600", fi.Mode().Perm())
	}
	read, err := accesslog.Read(want)
	if err != nil {
		t.Fatal(err)
	}
	if len(read) != 2 || accesslog.Head(read) != exampleHead {
		t.Fatalf("Read: %d records, head %s", len(read), accesslog.Head(read))
	}
	r := read[0]
	if r.Seq != 1 || r.Prev != accesslog.ZeroHash || r.Signer != "set" || !r.PublicKey.Equal(key.Public()) ||
		r.Label != "root 2026" || len(r.Participants) != 3 || r.Participants[2].Custodian != "carol" ||
		!r.Time.Equal(recs[0].Time) || r.Hash != read[1].Prev || read[1].Share != 3 {
		t.Errorf("Read gave back %+v", r)
	}
	if accesslog.Find(read, exampleHead) != read[1] || accesslog.Find(read, accesslog.ZeroHash) != nil {
		t.Error("Find does not find the head")
	}
	h, err := accesslog.ParseHash(strings.ToLower("HA2G PF0B-AFS5 DBQE M6QF 4C9D D7KH 4DDR BG1Y 5N2E R7AJ SNQM 6MWG"))
	if err != nil || h != exampleHead {
		t.Errorf("ParseHash: %q, %v", h, err)
	}
}

// longLog is a log of five records, signed and unsigned, to tamper with.
func longLog(t *testing.T, key ed25519.PrivateKey) (string, []string) {
	path := filepath.Join(t.TempDir(), "access.log")
	set := fingerprint(key)
	day := time.Date(2026, 1, 5, 9, 30, 0, 0, time.UTC)
	add := func(r *accesslog.Record, k ed25519.PrivateKey, signer string) {
		t.Helper()
		if _, err := accesslog.Append(path, r, k, signer); err != nil {
			t.Fatal(err)
		}
	}
	shareKey := ed25519.NewKeyFromSeed(bytes.Repeat([]byte{7}, 32))
	add(&accesslog.Record{Kind: accesslog.KindSplit, Time: day, Set: set}, key, accesslog.SignerSet)
	add(&accesslog.Record{Kind: accesslog.KindVerify, Time: day.AddDate(0, 0, 1), Set: set, Outcome: accesslog.Pass,
		Participants: []accesslog.Participant{{Index: 2, Custodian: "bob"}}}, shareKey, accesslog.ShareSigner(2))
	add(&accesslog.Record{Kind: accesslog.KindSheetOut, Time: day.AddDate(0, 1, 0), Set: set, Share: 3, By: []string{"carol"}}, nil, "")
	add(&accesslog.Record{Kind: accesslog.KindDrill, Time: day.AddDate(0, 1, 0), Set: set, Outcome: accesslog.Pass}, key, accesslog.SignerSet)
	add(&accesslog.Record{Kind: accesslog.KindSheetIn, Time: day.AddDate(0, 1, 0), Set: set, Share: 3, By: []string{"carol"}}, nil, "")
	data, _ := os.ReadFile(path)
	return path, strings.SplitAfter(string(data), "\n")[:5]
}

// TestTamper changes a good log in every way the chain must catch and
// checks that Read names the first record that does not check.
func TestTamper(t *testing.T) {
	key := exampleKey()
	_, good := longLog(t, key)
	forger := ed25519.NewKeyFromSeed(bytes.Repeat([]byte{9}, 32))

	// forged is a drill pass appended by someone without the set key,
	// chained correctly, signed with a key of their own.
	forged := func(set string) string {
		path := filepath.Join(t.TempDir(), "forged.log")
		os.WriteFile(path, []byte(strings.Join(good, "")), 0o600)
		recs, _ := accesslog.Read([]byte(strings.Join(good, "")))
		// Append refuses to sign for a set with a key that is not its
		// own, so the forger writes a line of their own with a set key
		// of their own, then puts the real set's fingerprint in it.
		r := &accesslog.Record{Kind: accesslog.KindDrill, Time: recs[0].Time, Set: fingerprint(forger), Outcome: "pass"}
		if _, err := accesslog.Append(path, r, forger, accesslog.SignerSet); err != nil {
			t.Fatal(err)
		}
		data, _ := os.ReadFile(path)
		last := strings.SplitAfter(string(data), "\n")[5]
		return strings.Replace(last, fingerprint(forger), set, 1)
	}
	join := func(ls ...string) string { return strings.Join(ls, "") }
	g := good
	tests := []struct {
		name    string
		log     string
		seq     int
		reason  string
		records int
	}{
		{"edit unsigned record, not the last", join(g[0], g[1], strings.Replace(g[2], `"share":3`, `"share":4`, 1), g[3], g[4]), 4, "prev is not the hash", 3},
		{"edit signed record", join(g[0], g[1], g[2], strings.Replace(g[3], `"pass"`, `"fail"`, 1), g[4]), 4, "signature does not verify", 3},
		{"edit share-signed record's time", join(g[0], strings.Replace(g[1], "2026-01-06", "2026-01-07", 1), g[2], g[3], g[4]), 2, "signature does not verify", 1},
		{"edit the first record", join(strings.Replace(g[0], `"split"`, `"note"`, 1), g[1], g[2], g[3], g[4]), 1, "signature does not verify", 0},
		{"delete a record", join(g[0], g[1], g[3], g[4]), 3, "sequence number 4 where 3 belongs", 2},
		{"delete the first record", join(g[1], g[2], g[3], g[4]), 1, "sequence number 2 where 1 belongs", 0},
		{"reorder two records", join(g[0], g[2], g[1], g[3], g[4]), 2, "sequence number 3 where 2 belongs", 1},
		{"insert a copy", join(g[0], g[1], g[1], g[2], g[3], g[4]), 3, "sequence number 2 where 3 belongs", 2},
		{"forged set-signed record", join(g[0], g[1], g[2], g[3], g[4], forged(fingerprint(key))), 6, "not the set key", 5},
		{"truncated last line", join(g[0], g[1], g[2], strings.TrimSuffix(g[3], "\n")), 4, "cut off", 3},
		{"last line cut mid-record", join(g[0], g[1], g[2][:40]), 3, "cut off", 2},
		{"blank line", join(g[0], "\n", g[1]), 2, "not a record", 1},
		{"spaces added", join(g[0], strings.Replace(g[1], `,"kind"`, `, "kind"`, 1)), 2, "canonical", 1},
		{"unknown member", join(g[0], strings.Replace(g[1], `{"format"`, `{"x":1,"format"`, 1)), 2, "not a record", 1},
		{"CRLF", join(strings.Replace(g[0], "\n", "\r\n", 1), g[1]), 1, "canonical", 0},
		{"signature removed", join(g[0], g[1], g[2], g[3][:strings.LastIndex(g[3], `,"sig"`)]+"}\n"), 4, "missing", 3},
		{"newer format", strings.Replace(g[0], "quorum log v1", "quorum log v2", 1), 1, `"quorum log v2"`, 0},
		{"not a log", "# quorum share\n", 1, "not a record", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			recs, err := accesslog.Read([]byte(tt.log))
			var be *accesslog.BrokenError
			if !errors.As(err, &be) {
				t.Fatalf("Read: %v, want a *BrokenError", err)
			}
			if be.Seq != tt.seq || be.Line != tt.seq || !strings.Contains(be.Reason, tt.reason) {
				t.Errorf("Read: %v; want record %d: …%s…", err, tt.seq, tt.reason)
			}
			if len(recs) != tt.records {
				t.Errorf("Read gave %d records before the bad one, want %d", len(recs), tt.records)
			}
		})
	}
}

// TestAppendRefusesBrokenLog: a log that does not check is never built
// on; its bytes stay as they were.
func TestAppendRefusesBrokenLog(t *testing.T) {
	path, good := longLog(t, exampleKey())
	broken := strings.Join([]string{good[0], good[2]}, "")
	os.WriteFile(path, []byte(broken), 0o600)
	_, err := accesslog.Append(path, &accesslog.Record{Kind: accesslog.KindNote, Time: time.Now(), Event: "x"}, nil, "")
	var be *accesslog.BrokenError
	if !errors.As(err, &be) || be.Seq != 2 {
		t.Fatalf("Append: %v, want a *BrokenError at record 2", err)
	}
	if data, _ := os.ReadFile(path); string(data) != broken {
		t.Error("Append changed a broken log")
	}
}

// TestAppendInvalid: what the format cannot hold is refused before
// anything is written.
func TestAppendInvalid(t *testing.T) {
	key := exampleKey()
	set := fingerprint(key)
	other := fingerprint(ed25519.NewKeyFromSeed(bytes.Repeat([]byte{1}, 32)))
	now := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		name   string
		r      accesslog.Record
		key    ed25519.PrivateKey
		signer string
		field  string
	}{
		{"no time", accesslog.Record{Kind: "note"}, nil, "", "time"},
		{"no kind", accesslog.Record{Time: now}, nil, "", "kind"},
		{"kind with a space", accesslog.Record{Kind: "sheet out", Time: now}, nil, "", "kind"},
		{"spaced fingerprint", accesslog.Record{Kind: "note", Time: now, Set: share.Fingerprint(set).String()}, nil, "", "set"},
		{"control character", accesslog.Record{Kind: "note", Time: now, Event: "a\x1b[2Jb"}, nil, "", "event"},
		{"newline in a name", accesslog.Record{Kind: "note", Time: now, By: []string{"a\nb"}}, nil, "", "name"},
		{"right-to-left override in a witness", accesslog.Record{Kind: "drill", Time: now, Witnesses: []string{"walter\u202eretlaw"}}, nil, "", "name"},
		{"unknown kind", accesslog.Record{Kind: "sheet-gone", Time: now}, nil, "", "kind"},
		{"custodian with a space", accesslog.Record{Kind: "drill", Time: now, Participants: []accesslog.Participant{{Index: 1, Custodian: "a b"}}}, nil, "", "participants"},
		{"escape in tool", accesslog.Record{Kind: "note", Time: now, Tool: "quorum \x1b[2J"}, nil, "", "tool"},
		{"bad UTF-8", accesslog.Record{Kind: "note", Time: now, Item: "\xff"}, nil, "", "item"},
		{"item too long", accesslog.Record{Kind: "left-room", Time: now, By: []string{"erin"}, Item: strings.Repeat("B", accesslog.MaxText+1)}, nil, "", "item"},
		{"reason too long", accesslog.Record{Kind: "note", Time: now, Event: "x", Reason: strings.Repeat("é", accesslog.MaxText+1)}, nil, "", "reason"},
		{"outcome", accesslog.Record{Kind: "drill", Time: now, Outcome: "ok"}, nil, "", "outcome"},
		{"share index", accesslog.Record{Kind: "sheet-lost", Time: now, Share: 256}, nil, "", "share"},
		{"participant index", accesslog.Record{Kind: "drill", Time: now, Participants: []accesslog.Participant{{Index: 0}}}, nil, "", "participants"},
		{"signer without key", accesslog.Record{Kind: "drill", Time: now, Set: set}, nil, "set", "signer"},
		{"key without signer", accesslog.Record{Kind: "drill", Time: now, Set: set}, key, "", "signer"},
		{"set key of another set", accesslog.Record{Kind: "drill", Time: now, Set: other}, key, "set", "signer"},
		{"set-signed without set", accesslog.Record{Kind: "drill", Time: now}, key, "set", "signer"},
		{"unknown signer", accesslog.Record{Kind: "verify", Time: now, Set: set}, key, "share 03", "signer"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "access.log")
			r := tt.r
			_, err := accesslog.Append(path, &r, tt.key, tt.signer)
			var ie *accesslog.InvalidError
			if !errors.As(err, &ie) || ie.Field != tt.field {
				t.Fatalf("Append: %v, want an *InvalidError on %s", err, tt.field)
			}
			if data, _ := os.ReadFile(path); len(data) != 0 {
				t.Errorf("Append wrote %q", data)
			}
		})
	}
}

// TestRoundTrip: every field Append writes, Read gives back; texts that
// JSON escapes come back as they went in.
func TestRoundTrip(t *testing.T) {
	key := exampleKey()
	set := fingerprint(key)
	path := filepath.Join(t.TempDir(), "access.log")
	in := &accesslog.Record{
		Kind: accesslog.KindReshare, Time: time.Date(2026, 4, 1, 10, 0, 0, 123, time.FixedZone("CEST", 7200)),
		Set: set, Label: `root "2026" <&>`, Participants: []accesslog.Participant{{Index: 255, Custodian: "zoë"}},
		Operator: "dave", Witnesses: []string{"erin", "frank"}, By: []string{"ana"}, Item: "MFA device", Share: 1,
		Event: "é ✓ \\ /", Reason: "alice left", Outcome: accesslog.Pass,
		Failures: []accesslog.Failure{{Index: 0, Custodian: "", Source: "scan.txt", Reason: "not a share"}},
		NewSet:   fingerprint(ed25519.NewKeyFromSeed(bytes.Repeat([]byte{2}, 32))), Tool: "quorum devel",
	}
	head, err := accesslog.Append(path, in, key, accesslog.SignerSet)
	if err != nil {
		t.Fatal(err)
	}
	data, _ := os.ReadFile(path)
	recs, err := accesslog.Read(data)
	if err != nil || len(recs) != 1 {
		t.Fatalf("Read: %d records, %v", len(recs), err)
	}
	out := recs[0]
	if out.Time.Location() != time.UTC || !out.Time.Equal(time.Date(2026, 4, 1, 8, 0, 0, 0, time.UTC)) || !in.Time.Equal(out.Time) {
		t.Errorf("time %v (Append left %v), want 2026-04-01T08:00:00Z", out.Time, in.Time)
	}
	if out.Hash != head || in.Hash != head || !bytes.Equal(out.Signature, in.Signature) {
		t.Error("hash or signature differ between Append and Read")
	}
	in.Time, out.Time = time.Time{}, time.Time{}
	if a, b := toString(in), toString(out); a != b {
		t.Errorf("Read gave\n%s\nAppend wrote\n%s", b, a)
	}
}

func toString(r *accesslog.Record) string {
	var b strings.Builder
	b.WriteString(strings.Join([]string{r.Kind, r.Set, r.Label, r.Operator, strings.Join(r.Witnesses, ","), strings.Join(r.By, ","),
		r.Item, r.Event, r.Reason, r.Outcome, r.NewSet, r.Tool, r.Prev, r.Signer}, "|"))
	for _, p := range r.Participants {
		b.WriteString("|" + p.Custodian)
	}
	for _, f := range r.Failures {
		b.WriteString("|" + f.Source + f.Reason)
	}
	return b.String()
}

// TestParseHash: a hash typed from a report. The last symbol of a hash
// holds one bit and four zero bits, so only 0 and G end one: a typo there
// once read as "is not a log hash (52 base32 symbols)", though it had 52.
func TestParseHash(t *testing.T) {
	for _, tt := range []struct {
		name, typed, want, wantErr string
	}{
		{"as printed", "HA2G PF0B AFS5 DBQE M6QF 4C9D D7KH 4DDR BG1Y 5N2E R7AJ SNQM 6MWG", exampleHead, ""},
		{"lower case and dashes", "ha2g-pf0b-afs5-dbqe-m6qf-4c9d-d7kh-4ddr-bg1y-5n2e-r7aj-snqm-6mwg", exampleHead, ""},
		{"last symbol typed wrong", exampleHead[:51] + "H", "", `symbol 52 of the log hash, "H", cannot end a log hash (only 0 or G can): it was typed or printed wrong`},
		{"one short", exampleHead[:51], "", "the log hash has 51 symbols, and a log hash has 52"},
		{"U", "U" + exampleHead[1:], "", `symbol 1 of the log hash, "U", is not a base32 symbol`},
		{"words", "see the report", "", "the log hash has 12 symbols, and a log hash has 52"},
		{"a word with U", "unknown", "", `symbol 1 of the log hash, "u", is not a base32 symbol`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got, err := accesslog.ParseHash(tt.typed)
			switch {
			case tt.wantErr == "" && (err != nil || got != tt.want):
				t.Errorf("ParseHash = %q, %v; want %q", got, err, tt.want)
			case tt.wantErr != "" && (err == nil || err.Error() != tt.wantErr):
				t.Errorf("ParseHash error = %v; want %q", err, tt.wantErr)
			}
		})
	}
}

func TestNearHash(t *testing.T) {
	data, err := os.ReadFile("testdata/example.log")
	if err != nil {
		t.Fatal(err)
	}
	records, err := accesslog.Read(data)
	if err != nil {
		t.Fatal(err)
	}
	typo := exampleHead[:16] + "X" + exampleHead[17:]
	if r, at := accesslog.NearHash(records, typo); r != records[1] || !slices.Equal(at, []int{17}) {
		t.Errorf("NearHash(one symbol off the head) = %v, %v; want record 2, [17]", r, at)
	}
	if r, _ := accesslog.NearHash(records, exampleHead); r != nil {
		t.Errorf("NearHash(the head itself) = record %d, want none", r.Seq)
	}
	if r, _ := accesslog.NearHash(records, strings.Repeat("7", 52)); r != nil {
		t.Errorf("NearHash(another hash) = record %d, want none", r.Seq)
	}
}

// TestReadValidatesFields: every field of a record is checked where the
// line is read, before its chain or signature: a kind this quorum does not
// know, a prev, key or signature of the wrong length, a time that is no
// time. The first line of the example, changed in one field.
func TestReadValidatesFields(t *testing.T) {
	data, err := os.ReadFile("testdata/example.log")
	if err != nil {
		t.Fatal(err)
	}
	line, _, _ := strings.Cut(string(data), "\n")
	for _, tt := range []struct{ name, old, new, want string }{
		{"unknown kind", `"kind":"split"`, `"kind":"splat"`, `kind: is not a kind of quorum log v1`},
		{"short prev", `"prev":"0000`, `"prev":"000`, "prev: is not a hash"},
		{"prev with pad bits", `"prev":"0000000000000000000000000000000000000000000000000000"`, `"prev":"000000000000000000000000000000000000000000000000000H"`, "prev: is not a hash"},
		{"date", `"time":"2026-01-05T09:30:00Z"`, `"time":"2026-02-30T09:30:00Z"`, `time: is not a UTC time`},
		{"short key", `"key":"0EGG`, `"key":"0EG`, "key: is not an Ed25519 public key"},
		{"short sig", `"sig":"PQEM`, `"sig":"PQE`, "sig: is not an Ed25519 signature"},
		{"seq", `"seq":1,`, `"seq":0,`, "seq: 0 is not a record's place"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			bad := strings.Replace(line, tt.old, tt.new, 1)
			if bad == line {
				t.Fatalf("%q is not in the line", tt.old)
			}
			_, err := accesslog.Read([]byte(bad + "\n"))
			var be *accesslog.BrokenError
			if !errors.As(err, &be) || be.Seq != 1 || !strings.Contains(be.Reason, tt.want) {
				t.Errorf("Read: %v, want record 1 broken: %s", err, tt.want)
			}
		})
	}
}

// TestOldLogsRead: logs written by released versions of quorum read as
// they are, every field validated; they are never regenerated. testdata/kinds.log holds one record of
// each kind with every member in use; it was written by quorum before
// fields were validated where they are read (testdata/genlogs), and is
// never regenerated.
func TestOldLogsRead(t *testing.T) {
	files, _ := filepath.Glob("testdata/*.log")
	if len(files) < 2 {
		t.Fatalf("testdata holds %d logs", len(files))
	}
	for _, file := range files {
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		records, err := accesslog.Read(data)
		if err != nil {
			t.Errorf("%s: %v", file, err)
		}
		// kinds.log holds every kind of the first format (retire is
		// v3, a run's kinds v4); kit.log, a year of the kit written by the first quorum
		// with it, every kind of quorum log v2 among v1 records.
		var want []string
		switch file {
		case filepath.Join("testdata", "kinds.log"):
			want = slices.DeleteFunc(slices.Clone(accesslog.Kinds), func(k string) bool {
				return slices.Contains(accesslog.KitKinds, k) || k == accesslog.KindReview || k == accesslog.KindRetire ||
					k == accesslog.KindRunStart || k == accesslog.KindRunEnd
			})
		case filepath.Join("testdata", "kit.log"):
			want = append(slices.Clone(accesslog.KitKinds), accesslog.KindReview)
		case filepath.Join("testdata", "run.log"):
			// Two runs of quorum log v4 (testdata/genrunlog), one a
			// rehearsal, among older records.
			want = []string{accesslog.KindRunStart, accesslog.KindRunEnd, accesslog.KindDrill, accesslog.KindKitCheck}
			if runs, problems := accesslog.Runs(records); len(runs) != 2 || len(problems) > 0 || runs[1].Open() || len(runs[1].Records) != 7 {
				t.Errorf("%s: %d runs, problems %v", file, len(runs), problems)
			}
		}
		for _, kind := range want {
			if !slices.ContainsFunc(records, func(r *accesslog.Record) bool { return r.Kind == kind }) {
				t.Errorf("%s has no %s record", file, kind)
			}
		}
	}
}

// TestFit: what quorum writes into a record itself passes the text rule,
// whatever the file it names was called.
func TestFit(t *testing.T) {
	now := time.Date(2026, 12, 4, 10, 0, 0, 0, time.UTC)
	for _, s := range []string{
		"1-alice.share",
		strings.Repeat("d/", 400) + "1-alice.share",
		"bad\nname\x1b[2J.share",
		"not utf-8 \xff.share",
	} {
		fit := accesslog.Fit(s)
		if err := accesslog.CheckText(fit); err != nil {
			t.Errorf("Fit(%q) = %q, which the text rule refuses: %v", s, fit, err)
		}
		rec := &accesslog.Record{Kind: accesslog.KindDrill, Time: now, Outcome: accesslog.Fail,
			Failures: []accesslog.Failure{{Index: 1, Custodian: "alice", Source: fit, Reason: "no identity fits"}}}
		if _, err := accesslog.Append(filepath.Join(t.TempDir(), "access.log"), rec, nil, ""); err != nil {
			t.Errorf("a drill failure with source %q is not written: %v", fit, err)
		}
	}
	if got := accesslog.Fit("1-alice.share"); got != "1-alice.share" {
		t.Errorf("Fit changed a plain name: %q", got)
	}
}
