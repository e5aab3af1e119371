package ceremony

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"quorum/accesslog"
	"quorum/combine"
	"quorum/internal/newfile"
	"quorum/internal/testtool"
	"quorum/share"
)

func TestCombine(t *testing.T) {
	ts := newWrittenSet(t)

	// Down a pipe, pinned by the manifest.
	ui := &scriptedUI{t: t}
	var pipe bytes.Buffer
	opts := CombineOptions{Source: ts.source(1, 3), Pipe: &pipe, Paper: "a4"}
	opts.Manifest = ts.manifest
	if err := Combine(testEnv(ui), opts); err != nil {
		t.Fatalf("Combine: %v\n%s", err, ui.stderr.String())
	}
	if pipe.String() != testSecret {
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
	if len(ui.revealed) != 1 || string(ui.revealed[0]) != testSecret {
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
	ts := newWrittenSet(t)
	other := newWrittenSet(t)
	tests := []struct {
		name    string
		src     Source
		wantErr any // a pointer to the error type wanted
		want    string
	}{
		{name: "too few shares", src: ts.source(1), wantErr: new(*combine.TooFewError), want: "too few shares"},
		{name: "a share file given twice", src: Source{Shares: []string{ts.shares[0], ts.shares[0]}, Identities: ts.keys},
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
	ts := newWrittenSet(t)
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
	if pipe.String() != testSecret {
		t.Errorf("the pipe got %q, want the secret", pipe.String())
	}
	if got := strings.Count(ui.shown.String(), "line 3: checksum mismatch: compare it with the sheet and type it again"); got != 1 {
		t.Errorf("shown %q: want line 3 named once", ui.shown.String())
	}
	if got := strings.Count(strings.Join(ui.prompts, "\n"), "sheet 1, line 03: "); got != 2 {
		t.Errorf("prompts %q: want line 3 asked twice", ui.prompts)
	}
}

// TestCombineChecksFirst: options that do not go together, and an output
// that exists, are refused before any share is read or anything asked.
func TestCombineChecksFirst(t *testing.T) {
	ts := newWrittenSet(t)
	exists := filepath.Join(ts.dir, "secret.txt")
	ts.write(t, exists, "old")
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
