package print

import (
	"bytes"
	"fmt"
	"image"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"filippo.io/age"

	"quorum/combine"
	"quorum/custodian"
	"quorum/internal/testtool"
	"quorum/manifest"
	"quorum/seal"
	"quorum/share"
	"quorum/split"
)

// testSet is a set made by the real split, with the custodians' keys.
type testSet struct {
	shares []*share.Share
	m      *manifest.Manifest
	ids    []age.Identity
	secret []byte
}

type setSpec struct {
	n, k   int
	secret []byte
	label  string
	pq     bool     // post-quantum custodians: shares long enough for parts
	names  []string // the first custodians' names; alice, bob … if nil
}

func (spec setSpec) name(i int) string {
	names := spec.names
	if names == nil {
		names = []string{"alice", "bob", "carol", "dave", "erin"}
	}
	if i < len(names) {
		return names[i]
	}
	return fmt.Sprintf("custodian-%03d", i+1)
}

// created is the day of every test set, as FORMAT.md's examples have it.
var created = time.Date(2026, 11, 26, 0, 0, 0, 0, time.UTC)

func newSet(t testing.TB, spec setSpec) *testSet {
	t.Helper()
	ts := &testSet{secret: spec.secret}
	var cs []split.Custodian
	for i := range spec.n {
		var id age.Identity
		var r age.Recipient
		var rs string
		kind := share.KindX25519
		if spec.pq {
			x, err := age.GenerateHybridIdentity()
			if err != nil {
				t.Fatal(err)
			}
			id, r, rs, kind = x, x.Recipient(), x.Recipient().String(), share.KindHybrid
		} else {
			x, err := age.GenerateX25519Identity()
			if err != nil {
				t.Fatal(err)
			}
			id, r, rs = x, x.Recipient(), x.Recipient().String()
		}
		c := custodian.Custodian{Name: spec.name(i), Recipient: rs, Kind: kind}
		cs = append(cs, split.Custodian{Name: c.Name, Kind: kind, Recipient: r, Fingerprint: c.Fingerprint()})
		ts.ids = append(ts.ids, id)
	}
	set, err := split.Split(split.Options{
		Secret: spec.secret, Threshold: spec.k, Label: spec.label, Custodians: cs,
		Created: created, Tool: "quorum test",
	})
	if err != nil {
		t.Fatal(err)
	}
	ts.shares, ts.m = set.Shares, set.Manifest
	return ts
}

// strings returns the share strings, in index order.
func (ts *testSet) strings(t testing.TB) []string {
	var out []string
	for _, s := range ts.shares {
		str, err := s.Marshal()
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, str)
	}
	return out
}

// combineTexts reads shares from texts as quorum combine reads files (share
// files, QR texts, parts) and rebuilds the secret with the set's keys.
func (ts *testSet) combineTexts(t *testing.T, texts []string) []byte {
	t.Helper()
	var inputs []combine.Input
	var parts []*share.Part
	for i, text := range texts {
		shares, ps, err := share.Read([]byte(text))
		if err != nil {
			t.Fatalf("text %d: %v\n%s", i+1, err, text)
		}
		for _, s := range shares {
			inputs = append(inputs, combine.Input{Source: fmt.Sprintf("text %d", i+1), Share: s})
		}
		parts = append(parts, ps...)
	}
	if len(parts) > 0 {
		joined, err := share.JoinParts(parts)
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range joined {
			inputs = append(inputs, combine.Input{Source: "parts", Share: s})
		}
	}
	fp, err := ts.m.Fingerprint()
	if err != nil {
		t.Fatal(err)
	}
	secret, _, err := combine.Combine(inputs, fp, func(in combine.Input) ([]byte, error) {
		return seal.Open(in.Share.Sealed, ts.ids...)
	})
	if err != nil {
		t.Fatal(err)
	}
	return secret
}

// run runs a real program and returns its standard output. zbarimg exits
// 4 when it finds no code: that is an empty answer, not a failure.
func run(t *testing.T, name string, args ...string) []byte {
	t.Helper()
	cmd := exec.Command(testtool.Need(t, name), args...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if ee, ok := err.(*exec.ExitError); ok && name == "zbarimg" && ee.ExitCode() == 4 {
		return nil
	}
	if err != nil {
		t.Fatalf("%s %s: %v\n%s", name, strings.Join(args, " "), err, stderr.Bytes())
	}
	return out
}

// rasterize renders a PDF with poppler's pdftoppm at dpi and returns the
// page images' paths, in page order. The images are PGM: pdftoppm takes
// ten times longer to write a 300 dpi page as PNG.
func rasterize(t *testing.T, pdf []byte, dpi int) []string {
	t.Helper()
	dir := t.TempDir()
	in := filepath.Join(dir, "sheets.pdf")
	if err := os.WriteFile(in, pdf, 0o600); err != nil {
		t.Fatal(err)
	}
	run(t, "pdftoppm", "-r", fmt.Sprint(dpi), "-gray", in, filepath.Join(dir, "page"))
	pages, err := filepath.Glob(filepath.Join(dir, "page-*.pgm"))
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(pages) // pdftoppm pads page numbers to one width
	return pages
}

// lines splits a program's output into its non-empty lines, sorted.
func lines(out []byte) []string {
	var ls []string
	for _, l := range strings.Split(string(out), "\n") {
		if l = strings.TrimSpace(l); l != "" {
			ls = append(ls, l)
		}
	}
	sort.Strings(ls)
	return ls
}

// readPGM reads a binary 8-bit PGM image, as pdftoppm -gray writes it.
func readPGM(path string) (*image.Gray, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var w, h, maxval int
	var magic string
	n, err := fmt.Sscan(string(data[:min(len(data), 64)]), &magic, &w, &h, &maxval)
	if err != nil || n != 4 || magic != "P5" || maxval != 255 {
		return nil, fmt.Errorf("%s: not an 8-bit binary PGM", path)
	}
	pix := data[len(data)-w*h:]
	return &image.Gray{Pix: pix, Stride: w, Rect: image.Rect(0, 0, w, h)}, nil
}

// sheetsPDF lays out ts's sheets after the ceremony record on paper, and
// writes the PDF into a new folder for the outside programs to read.
func sheetsPDF(t *testing.T, ts *testSet, paper Paper) (*Document, string) {
	t.Helper()
	d, err := New(ts.shares, Options{Paper: paper, Manifest: ts.m, Record: true, Date: created})
	if err != nil {
		t.Fatal(err)
	}
	pdf, err := d.PDF()
	if err != nil {
		t.Fatal(err)
	}
	path := t.TempDir() + "/sheets.pdf"
	if err := os.WriteFile(path, pdf, 0o600); err != nil {
		t.Fatal(err)
	}
	return d, path
}
