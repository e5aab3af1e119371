package ceremony

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"filippo.io/age"

	"quorum/accesslog"
	"quorum/combine"
	"quorum/internal/newfile"
	"quorum/internal/testtool"
	"quorum/share"
	"quorum/split"
)

// testSet is a set split for a test with real age keys: 2 of 3, alice, bob
// and carol, its share files, identity files and manifest in dir.
type testSet struct {
	dir        string
	secret     string
	set        *split.Set
	shares     []string // share files, in index order
	identities []string // identity files, in index order
	manifest   string
}

func newTestSet(t *testing.T, label string) *testSet {
	t.Helper()
	ts := &testSet{dir: t.TempDir(), secret: "Example-Root-Password-" + label}
	var custodians []split.Custodian
	for _, name := range []string{"alice", "bob", "carol"} {
		id, err := age.GenerateX25519Identity()
		if err != nil {
			t.Fatal(err)
		}
		custodians = append(custodians, split.Custodian{Name: name, Kind: share.KindX25519, Recipient: id.Recipient()})
		ts.identities = append(ts.identities, ts.write(t, name+".key", id.String()+"\n"))
	}
	set, err := split.Split(split.Options{
		Secret: []byte(ts.secret), Threshold: 2, Label: label, Custodians: custodians,
		Created: time.Date(2026, 11, 26, 0, 0, 0, 0, time.UTC), Tool: "ceremony test",
	})
	if err != nil {
		t.Fatal(err)
	}
	ts.set = set
	for i, s := range set.Shares {
		text, err := s.MarshalText()
		if err != nil {
			t.Fatal(err)
		}
		ts.shares = append(ts.shares, ts.write(t, set.Files[i], string(text)))
	}
	m, err := set.Manifest.Marshal()
	if err != nil {
		t.Fatal(err)
	}
	ts.manifest = ts.write(t, "manifest.json", string(m))
	return ts
}

func (ts *testSet) write(t *testing.T, name, text string) string {
	t.Helper()
	p := filepath.Join(ts.dir, name)
	if err := os.WriteFile(p, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

// source gives the shares and identities of the indexes, 1 for alice.
func (ts *testSet) source(indexes ...int) Source {
	var src Source
	for _, i := range indexes {
		src.Shares = append(src.Shares, ts.shares[i-1])
		src.Identities = append(src.Identities, ts.identities[i-1])
	}
	return src
}

func TestCombine(t *testing.T) {
	ts := newTestSet(t, "root 2026")

	// Down a pipe, pinned by the manifest.
	ui := &scriptedUI{t: t}
	var pipe bytes.Buffer
	opts := CombineOptions{Source: ts.source(1, 3), Pipe: &pipe, Paper: "a4"}
	opts.Manifest = ts.manifest
	if err := Combine(testEnv(ui), opts); err != nil {
		t.Fatalf("Combine: %v\n%s", err, ui.stderr.String())
	}
	if pipe.String() != ts.secret {
		t.Errorf("the pipe got %q, want the secret", pipe.String())
	}
	for _, want := range []string{", pinned", "rebuilt from 2 shares and passed the integrity check", "this access to the secret is not recorded"} {
		if !strings.Contains(ui.stderr.String(), want) {
			t.Errorf("stderr %q: want %q", ui.stderr.String(), want)
		}
	}

	// On the terminal, once, recorded in a log with the head hash shown.
	ui = &scriptedUI{t: t}
	log := filepath.Join(t.TempDir(), "access.log")
	opts = CombineOptions{Source: ts.source(2, 3), Paper: "a4", Log: log, Reason: "rotate", Operator: "olivia", Tool: "quorum test"}
	opts.Set = string(ts.set.Fingerprint)
	if err := Combine(testEnv(ui), opts); err != nil {
		t.Fatalf("Combine with a log: %v\n%s", err, ui.stderr.String())
	}
	if len(ui.revealed) != 1 || string(ui.revealed[0]) != ts.secret {
		t.Errorf("revealed %q, want the secret once", ui.revealed)
	}
	records := readRecords(t, log)
	if len(records) != 1 || records[0].Kind != accesslog.KindCombine || records[0].Reason != "rotate" || len(records[0].Participants) != 2 {
		t.Fatalf("log records %+v, want one combine record of 2 participants", records)
	}
	if !strings.Contains(ui.shown.String(), "Access log head hash after this reveal") ||
		!strings.Contains(ui.shown.String(), share.Fingerprint(records[0].Hash).String()) {
		t.Errorf("shown %q: want the log's head hash beside the secret", ui.shown.String())
	}
}

func TestCombineRefuses(t *testing.T) {
	ts := newTestSet(t, "root 2026")
	other := newTestSet(t, "other")
	tests := []struct {
		name    string
		src     Source
		wantErr any // a pointer to the error type wanted
		want    string
	}{
		{name: "too few shares", src: ts.source(1), wantErr: new(*combine.TooFewError), want: "too few shares"},
		{name: "a share file given twice", src: Source{Shares: []string{ts.shares[0], ts.shares[0]}, Identities: ts.identities},
			wantErr: new(*combine.DuplicateError)},
		{name: "a share of another set", src: func() Source {
			src := ts.source(1, 2)
			src.Shares[1] = other.shares[1]
			src.Set = string(ts.set.Fingerprint)
			return src
		}(), wantErr: new(*combine.WrongSetError)},
		{name: "a set typed with a typo", src: func() Source {
			src := ts.source(1, 2)
			fp := []byte(ts.set.Fingerprint)
			fp[3] = map[bool]byte{true: 'A', false: 'B'}[fp[3] != 'A']
			src.Set = string(fp)
			return src
		}(), wantErr: new(*TypoError), want: "--set: symbol 4 differs"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ui := &scriptedUI{t: t}
			var pipe bytes.Buffer
			err := Combine(testEnv(ui), CombineOptions{Source: tt.src, Pipe: &pipe, Paper: "a4"})
			if err == nil || !errors.As(err, tt.wantErr) || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("Combine = %v, want a %T saying %q", err, tt.wantErr, tt.want)
			}
			if pipe.Len() > 0 || len(ui.revealed) > 0 {
				t.Errorf("a refused combine gave out %q, revealed %d", pipe.String(), len(ui.revealed))
			}
		})
	}
}

// TestCombineTypedSheetWithTypo: a slip on a typed line is named and the
// line asked again; the ceremony goes on with the sheet.
func TestCombineTypedSheetWithTypo(t *testing.T) {
	ts := newTestSet(t, "root 2026")
	text, err := ts.set.Shares[1].MarshalText()
	if err != nil {
		t.Fatal(err)
	}
	var lines []string
	for _, l := range strings.Split(strings.TrimSpace(string(text)), "\n") {
		if !strings.HasPrefix(l, "#") {
			lines = append(lines, l)
		}
	}
	typed := append(append(append([]string{}, lines[:2]...), testtool.Slip(lines[2]), lines[2]), lines[3:]...)
	typed = append(typed, "") // no more sheets

	ui := &scriptedUI{t: t, lines: typed}
	var pipe bytes.Buffer
	src := ts.source(1, 2)
	src.Shares, src.Type = src.Shares[:1], true
	if err := Combine(testEnv(ui), CombineOptions{Source: src, Pipe: &pipe, Paper: "a4"}); err != nil {
		t.Fatalf("Combine: %v\nshown:\n%s", err, ui.shown.String())
	}
	if pipe.String() != ts.secret {
		t.Errorf("the pipe got %q, want the secret", pipe.String())
	}
	if got := strings.Count(ui.shown.String(), "line 3: checksum mismatch: compare it with the sheet and type it again"); got != 1 {
		t.Errorf("shown %q: want line 3 named once", ui.shown.String())
	}
	if got := strings.Count(strings.Join(ui.prompts, "\n"), "sheet 1, line 03: "); got != 2 {
		t.Errorf("prompts %q: want line 3 asked twice", ui.prompts)
	}
}

// TestDrillDuplicateOnce: a share given twice fails the drill, named once;
// a sheet scanned (here: typed) as well as given as a file counts once.
func TestDrillDuplicateOnce(t *testing.T) {
	ts := newTestSet(t, "root 2026")
	log := filepath.Join(t.TempDir(), "access.log")
	ui := &scriptedUI{t: t}
	src := ts.source(1, 2, 3)
	src.Shares = append(src.Shares, ts.shares[1])
	src.Manifest = ts.manifest
	r, err := Drill(testEnv(ui), DrillOptions{Source: src, Log: log, Paper: "a4", Tool: "quorum test"})
	var dfe *DrillFailedError
	if !errors.As(err, &dfe) || !r.QuorumMet || len(r.Failures) != 1 {
		t.Fatalf("Drill = %+v, %v; want a failed drill, quorum met, one failure", r, err)
	}
	if got := strings.Count(ui.stderr.String(), "FAILED: share 2"); got != 1 {
		t.Errorf("stderr %q: want share 2 named once", ui.stderr.String())
	}
	records := readRecords(t, log)
	if len(records) != 1 || records[0].Outcome != accesslog.Fail || len(records[0].Failures) != 1 {
		t.Errorf("log records %+v, want one failed drill with one failure", records)
	}

	// The same share from paper: counted once, said once, and the drill passes.
	text, _ := ts.set.Shares[1].MarshalText()
	ui = &scriptedUI{t: t, lines: append(strings.Split(strings.TrimSpace(string(text)), "\n"), "")}
	src = ts.source(1, 2)
	src.Type = true
	if _, err := Drill(testEnv(ui), DrillOptions{Source: src, Log: log, Paper: "a4"}); err != nil {
		t.Fatalf("Drill with a typed copy: %v\n%s", err, ui.stderr.String())
	}
	if got := strings.Count(ui.stderr.String(), "counted once"); got != 1 {
		t.Errorf("stderr %q: want the copy said once", ui.stderr.String())
	}
}

func TestVerify(t *testing.T) {
	ts := newTestSet(t, "root 2026")
	log := filepath.Join(t.TempDir(), "access.log")
	ui := &scriptedUI{t: t}
	src := ts.source(2)
	src.Manifest = ts.manifest
	if err := Verify(testEnv(ui), VerifyOptions{Source: src, Log: log}); err != nil {
		t.Fatalf("Verify: %v\n%s", err, ui.stderr.String())
	}
	records := readRecords(t, log)
	if len(records) != 1 || records[0].Outcome != accesslog.Pass || records[0].Signer != accesslog.ShareSigner(2) {
		t.Errorf("log records %+v, want one passed check signed by share 2", records)
	}

	// The wrong key: the failure is recorded, unsigned.
	ui = &scriptedUI{t: t}
	src.Identities = ts.identities[:1]
	err := Verify(testEnv(ui), VerifyOptions{Source: src, Log: log})
	if err == nil {
		t.Fatal("Verify with alice's key of bob's share: no error")
	}
	records = readRecords(t, log)
	if len(records) != 2 || records[1].Outcome != accesslog.Fail || records[1].Signer != "" {
		t.Errorf("log records %+v, want the failed check recorded unsigned", records)
	}
}

func readRecords(t *testing.T, path string) []*accesslog.Record {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	records, err := accesslog.Read(data)
	if err != nil {
		t.Fatal(err)
	}
	return records
}

// TestCombineChecksFirst: options that do not go together, and an output
// that exists, are refused before any share is read or anything asked.
func TestCombineChecksFirst(t *testing.T) {
	ts := newTestSet(t, "root 2026")
	exists := ts.write(t, "secret.txt", "old")
	tests := []struct {
		name    string
		opts    CombineOptions
		wantErr any
		want    string
	}{
		{name: "an output that exists", opts: CombineOptions{Output: exists, Paper: "a4"}, wantErr: new(*newfile.ExistsError)},
		{name: "a report without a log", opts: CombineOptions{Report: filepath.Join(ts.dir, "r.pdf"), Paper: "a4"},
			wantErr: new(*UsageError), want: "--report goes with --log"},
		{name: "a log without a reason", opts: CombineOptions{Log: filepath.Join(ts.dir, "access.log"), Paper: "a4"},
			wantErr: new(*UsageError), want: "give --reason"},
		{name: "a paper size unknown", opts: CombineOptions{Paper: "a5"}, wantErr: new(*UsageError)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ui := &scriptedUI{t: t}
			tt.opts.Source = ts.source(1, 2)
			err := Combine(testEnv(ui), tt.opts)
			if err == nil || !errors.As(err, tt.wantErr) || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("Combine = %v, want a %T saying %q", err, tt.wantErr, tt.want)
			}
			if ui.stderr.Len() > 0 || len(ui.prompts) > 0 {
				t.Errorf("refused, yet it said %q and asked %q", ui.stderr.String(), ui.prompts)
			}
		})
	}
	if b, _ := os.ReadFile(exists); string(b) != "old" {
		t.Errorf("the existing output now holds %q", b)
	}
}

// TestDrillNamesEachSourceOnce: a file that cannot be read, or is not a
// share, fails the drill by its name, once, and the other shares are still
// drilled; the report is written, 0600.
func TestDrillNamesEachSourceOnce(t *testing.T) {
	ts := newTestSet(t, "root 2026")
	damaged := ts.write(t, "damaged.share", "# quorum share\n01  QRM1 0000 0000 0000 0000 0000  00\n")
	missing := filepath.Join(ts.dir, "missing.share")
	log := filepath.Join(t.TempDir(), "access.log")
	report := filepath.Join(t.TempDir(), "drill.pdf")
	ui := &scriptedUI{t: t}
	src := ts.source(1, 2)
	src.Shares = append(src.Shares, damaged, missing)
	r, err := Drill(testEnv(ui), DrillOptions{Source: src, Log: log, Report: report, Paper: "a4"})
	var dfe *DrillFailedError
	if !errors.As(err, &dfe) || !r.QuorumMet || len(r.Good) != 2 || len(r.Failures) != 2 {
		t.Fatalf("Drill = %+v, %v; want the quorum met by 2 and 2 failures", r, err)
	}
	for _, name := range []string{damaged, missing} {
		if got := strings.Count(ui.stderr.String(), "FAILED: "+name+": "); got != 1 {
			t.Errorf("stderr %q: %s named %d times, want once", ui.stderr.String(), name, got)
		}
	}
	fi, err := os.Stat(report)
	if err != nil || fi.Mode().Perm() != 0o600 {
		t.Errorf("report: %v, %v; want a file 0600", fi, err)
	}
}
