package ceremony

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"quorum/accesslog"
	"quorum/kit"
)

func TestKitAppendsAndReadsBack(t *testing.T) {
	log := filepath.Join(t.TempDir(), "access.log")
	ui := &scriptedUI{t: t}
	env := testEnv(ui)
	add := kit.Event{Kind: accesslog.KindKitAdd, ID: "mfa-1", ItemKind: accesslog.ItemMFA, Place: "safe B",
		Holders: []string{"erin", "frank"}, Expires: "2029-06-30"}
	r, head, err := Kit(env, KitOptions{Log: log, Event: add, Tool: "quorum test"})
	if err != nil {
		t.Fatalf("Kit(add) = %v", err)
	}
	if r.Seq != 1 || head == "" || r.Tool != "quorum test" {
		t.Errorf("Kit(add) = record %d, head %q, tool %q; want record 1, a head, tool quorum test", r.Seq, head, r.Tool)
	}
	out := kit.Event{Kind: accesslog.KindKitOut, ID: "mfa-1", By: []string{"erin"}, Witnesses: []string{"frank"}, Reason: "drill"}
	if _, _, err := Kit(env, KitOptions{Log: log, Event: out}); err != nil {
		t.Fatalf("Kit(out) = %v", err)
	}
	if want := "quorum: recorded kit-out mfa-1 as record 2 of " + log; !strings.Contains(ui.stderr.String(), want) {
		t.Errorf("stderr = %q, want it to say %q", ui.stderr.String(), want)
	}

	records, err := ReadLog(log)
	if err != nil || len(records) != 2 {
		t.Fatalf("ReadLog = %d records, %v; want 2", len(records), err)
	}
	rep, err := KitList(env, log)
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Items) != 1 {
		t.Fatalf("KitList = %d items, want 1", len(rep.Items))
	}
	it := rep.Items[0]
	if it.ID != "mfa-1" || it.Place != "safe B" || it.Out.IsZero() || strings.Join(it.OutBy, ",") != "erin" {
		t.Errorf("item = %+v, want mfa-1 in safe B, out by erin", it.Item)
	}
	paper, err := KitOnPaper(log)
	if err != nil || len(paper) != 1 || paper[0].Place != "safe B" {
		t.Errorf("KitOnPaper = %+v, %v; want mfa-1 in safe B", paper, err)
	}
}

// Every refusal is its own error, and leaves the log byte for byte as it
// was.
func TestKitRefusesAndWritesNothing(t *testing.T) {
	log := filepath.Join(t.TempDir(), "access.log")
	env := testEnv(&scriptedUI{t: t})
	add := kit.Event{Kind: accesslog.KindKitAdd, ID: "phone", ItemKind: accesslog.ItemPhone, Place: "safe C", Holders: []string{"frank"}}
	if _, _, err := Kit(env, KitOptions{Log: log, Event: add}); err != nil {
		t.Fatal(err)
	}
	before, err := os.ReadFile(log)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name    string
		event   kit.Event
		wantErr any
		want    string
	}{
		{"empty by", kit.Event{Kind: accesslog.KindKitOut, ID: "phone", By: []string{" "}},
			new(*kit.FieldError), "--by is empty: give a person's name"},
		{"bad result", kit.Event{Kind: accesslog.KindKitCheck, ID: "phone", By: []string{"frank"}, Result: "maybe"},
			new(*kit.FieldError), `--result "maybe": a check is ok or failed`},
		{"phone number in reason", kit.Event{Kind: accesslog.KindKitOut, ID: "phone", By: []string{"frank"}, Reason: "SIM +44 20 7946 0958"},
			new(*kit.FieldError), "--reason looks like it holds a phone number"},
		{"control character in place", kit.Event{Kind: accesslog.KindKitMove, ID: "phone", By: []string{"frank"}, Place: "safe\x1b[2J"},
			new(*kit.FieldError), "--place holds a control character"},
		{"phone number as ID", kit.Event{Kind: accesslog.KindKitAdd, ID: "07700900123", ItemKind: accesslog.ItemPhone, Place: "safe C"},
			new(*kit.IDError), "looks like a phone number"},
		{"sheet without manifest", kit.Event{Kind: accesslog.KindKitAdd, ID: "sheets", ItemKind: accesslog.ItemSheet, Place: "safe A", Share: "all"},
			new(*kit.FieldError), "--kind sheet needs -m MANIFEST"},
		{"share of no sheet", kit.Event{Kind: accesslog.KindKitAdd, ID: "key-a", ItemKind: accesslog.ItemSafeKey, Place: "desk", Share: "2"},
			new(*kit.FieldError), "--share and -m name the sheets of a --kind sheet item only"},
		{"unknown item", kit.Event{Kind: accesslog.KindKitOut, ID: "mfa-2", By: []string{"erin"}},
			new(*kit.UnknownItemError), `no item "mfa-2": the kit has phone`},
		{"in when in", kit.Event{Kind: accesslog.KindKitIn, ID: "phone", By: []string{"frank"}},
			new(*kit.StateError), `item "phone" is in its place (safe C): in does not apply`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := Kit(env, KitOptions{Log: log, Event: tt.event})
			if err == nil || !errors.As(err, tt.wantErr) || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Kit = %v, want a %T saying %q", err, tt.wantErr, tt.want)
			}
			after, _ := os.ReadFile(log)
			if !bytes.Equal(after, before) {
				t.Errorf("the log changed on a refused event")
			}
		})
	}
}

func TestCheckPeopleRefusesTwoLines(t *testing.T) {
	var ue *UsageError
	if err := CheckPeople("olivia", []string{"pat\nrecord 9"}); !errors.As(err, &ue) {
		t.Errorf("CheckPeople(two lines) = %v, want a *UsageError", err)
	}
	if err := CheckPeople("olivia", []string{"pat"}); err != nil {
		t.Errorf("CheckPeople(one line) = %v, want nil", err)
	}
}

func TestReadLogNamesTheFile(t *testing.T) {
	dir := t.TempDir()
	if records, err := ReadLog(filepath.Join(dir, "none.log")); err != nil || records != nil {
		t.Errorf("ReadLog(missing) = %v, %v; want no records, no error", records, err)
	}
	bad := filepath.Join(dir, "bad.log")
	if err := os.WriteFile(bad, []byte("not a log\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	var se *SourceError
	if err := CheckLog(bad); !errors.As(err, &se) || se.Source != bad {
		t.Errorf("CheckLog(bad) = %v, want a *SourceError naming %s", err, bad)
	}
}

// A sheet item names its set by the manifest's fingerprint, read from the
// manifest file; a sheet the set does not have is refused.
func TestKitSheetItem(t *testing.T) {
	w := newWrittenSet(t)
	log := filepath.Join(w.dir, "access.log")
	env := testEnv(&scriptedUI{t: t})
	sheet := kit.Event{Kind: accesslog.KindKitAdd, ID: "sheets", ItemKind: accesslog.ItemSheet, Place: "safe A", Share: "4"}
	var fe *kit.FieldError
	if _, _, err := Kit(env, KitOptions{Log: log, Event: sheet, Manifest: w.manifest}); !errors.As(err, &fe) || fe.Field != "share" {
		t.Errorf("Kit(sheet 4 of 3) = %v, want a --share FieldError", err)
	}
	sheet.Share = "all"
	r, _, err := Kit(env, KitOptions{Log: log, Event: sheet, Manifest: w.manifest})
	if err != nil {
		t.Fatalf("Kit(all sheets) = %v", err)
	}
	if r.Set != string(w.set.Fingerprint) || r.Label != "root 2026" || r.Share != 0 {
		t.Errorf("record names set %s %q sheet %d, want %s \"root 2026\", all sheets", r.Set, r.Label, r.Share, w.set.Fingerprint)
	}
}
