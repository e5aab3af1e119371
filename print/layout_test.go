package print

import (
	"bytes"
	"errors"
	"fmt"
	"image/png"
	"math/rand/v2"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/makiuchi-d/gozxing"
	zqr "github.com/makiuchi-d/gozxing/qrcode"

	"quorum/manifest"
	"quorum/scan"
	"quorum/share"
)

// bounds returns the box an operation covers on its page.
func bounds(fs *fonts, o op) (x0, y0, x1, y1 float64) {
	switch o := o.(type) {
	case textOp:
		return o.x, o.y - o.size*0.8, o.x + fs.width(o.font, o.size, o.s), o.y + o.size*0.25
	case fillOp:
		return o.x, o.y, o.x + o.w, o.y + o.h
	case lineOp:
		return min(o.x1, o.x2), min(o.y1, o.y2), max(o.x1, o.x2), max(o.y1, o.y2)
	case codeOp:
		side := float64(o.c.size) * o.module
		return o.x, o.y, o.x + side, o.y + side
	}
	panic(fmt.Sprintf("unknown op %T", o))
}

// checkPages checks what a person would see first on a badly laid-out
// page: everything inside the margins, every code with its quiet zone
// clear of any other mark.
func checkPages(t *testing.T, d *Document) {
	t.Helper()
	for _, sh := range d.Sheets {
		for n, p := range sh.pages {
			where := fmt.Sprintf("%s, page %d", sh.Name, n+1)
			const slack = 4 // a stripe behind the text reaches a little out
			for _, o := range p.ops {
				x0, y0, x1, y1 := bounds(d.fonts, o)
				if x0 < margin-slack || y0 < margin-slack || x1 > p.w-margin+slack || y1 > p.h-margin+slack {
					t.Errorf("%s: %T %.60v lies outside the margins (%.0f,%.0f)–(%.0f,%.0f)", where, o, o, x0, y0, x1, y1)
				}
			}
			for _, c := range p.codes() {
				q := float64(quiet) * c.module
				cx0, cy0, cx1, cy1 := bounds(d.fonts, c)
				cx0, cy0, cx1, cy1 = cx0-q, cy0-q, cx1+q, cy1+q
				for _, o := range p.ops {
					if _, ok := o.(codeOp); ok {
						continue
					}
					x0, y0, x1, y1 := bounds(d.fonts, o)
					if x0 < cx1 && x1 > cx0 && y0 < cy1 && y1 > cy0 {
						t.Errorf("%s: %T %.60v is inside the quiet zone of part %d", where, o, o, c.c.part)
					}
				}
			}
		}
	}
}

// TestLayoutLimits lays out the extremes a set can reach, on both paper
// sizes: the longest label and custodian name, the longest secret, 255
// custodians, post-quantum custodians, a label in a script the Go fonts
// lack. Every page keeps its margins and its codes' quiet zones, and a
// sheet takes one page whenever its share fits one code.
func TestLayoutLimits(t *testing.T) {
	if testing.Short() {
		t.Skip("makes a 255-custodian set")
	}
	n255 := newSet(t, setSpec{n: 255, k: 2, secret: secret64, label: longLabel})
	tests := []struct {
		name  string
		set   *testSet
		pages func(s *Sheet) int // pages each custodian sheet must have; nil: any
	}{
		{"x25519", newSet(t, setSpec{n: 5, k: 3, secret: secret64, label: "root 2026"}), func(*Sheet) int { return 1 }},
		{"255 custodians, longest label", n255, func(*Sheet) int { return 1 }},
		{"longest secret", newSet(t, setSpec{n: 3, k: 2, secret: longSecret, label: longLabel}), nil},
		{"post-quantum, longest secret", newSet(t, setSpec{n: 3, k: 2, secret: longSecret, pq: true}), nil},
		{"label in another script", newSet(t, setSpec{n: 3, k: 2, secret: secret64, label: "東京 root"}), func(*Sheet) int { return 1 }},
		{"no label", newSet(t, setSpec{n: 3, k: 2, secret: []byte("x")}), func(*Sheet) int { return 1 }},
	}
	for _, tt := range tests {
		for _, paper := range []Paper{A4, Letter} {
			t.Run(fmt.Sprintf("%s, %s", tt.name, paper), func(t *testing.T) {
				start := time.Now()
				d, err := New(tt.set.shares, Options{Paper: paper, Manifest: tt.set.m, Record: true, Date: created})
				if err != nil {
					t.Fatal(err)
				}
				pdf, err := d.PDF()
				if err != nil {
					t.Fatal(err)
				}
				t.Logf("%d sheets, %d bytes of PDF, in %v", len(d.Sheets), len(pdf), time.Since(start))
				checkPages(t, d)
				for _, s := range d.Sheets[1:] {
					if tt.pages != nil && s.Pages() != tt.pages(s) {
						t.Errorf("%s has %d pages, want %d", s.Name, s.Pages(), tt.pages(s))
					}
				}
			})
		}
	}
}

// TestLongCustodianName checks the widest names a custodian may have, in
// Latin and in other scripts the Go fonts have, with the widest label:
// their share text is 31 lines, and goes on to a second page.
func TestLongCustodianName(t *testing.T) {
	wide := strings.Repeat("W", share.MaxCustodian)
	other := "Омега-" + strings.Repeat("м", 26) // Cyrillic only: a name is of one script
	for _, name := range []string{wide, other} {
		if err := share.ValidateCustodian(name); err != nil {
			t.Fatal(err)
		}
	}
	ts := newSet(t, setSpec{n: 3, k: 2, secret: secret64, label: longLabel, names: []string{wide, other}})
	for _, paper := range []Paper{A4, Letter} {
		d, err := New(ts.shares, Options{Paper: paper, Manifest: ts.m, Record: true, Date: created})
		if err != nil {
			t.Fatal(err)
		}
		checkPages(t, d)
		for _, s := range d.Sheets[1:] {
			if s.Pages() > 2 {
				t.Errorf("%s, %s: %d pages, want at most 2", paper, s.Name, s.Pages())
			}
		}
	}
}

// TestCodes checks the code of a typical share, the one FORMAT.md §11
// measures: 571 symbols in version 18 at level Q, all in the QR code's
// alphanumeric mode (a byte segment would cost 8 bits a symbol instead of
// 5.5), and the parts of longer shares: each at most MaxVersion, and no
// fewer would do.
func TestCodes(t *testing.T) {
	ts := newSet(t, setSpec{n: 5, k: 3, secret: secret64, label: "root 2026"})
	codes, err := codesOf(ts.shares[0])
	if err != nil {
		t.Fatal(err)
	}
	if len(codes) != 1 || len(codes[0].text) != 571 || codes[0].version != 18 || codes[0].size != 89 {
		t.Fatalf("share 1 (alice): %d codes, %d symbols, version %d (%d modules); want 1, 571, version 18 (89)",
			len(codes), len(codes[0].text), codes[0].version, codes[0].size)
	}
	// Decode with ZXing's decoder itself, which reports the error
	// correction level and any byte-mode segment.
	img := codeImage(codeOp{c: codes[0], module: 1}, 4)
	bmp, err := gozxing.NewBinaryBitmapFromImage(img)
	if err != nil {
		t.Fatal(err)
	}
	res, err := zqr.NewQRCodeReader().Decode(bmp, map[gozxing.DecodeHintType]interface{}{gozxing.DecodeHintType_PURE_BARCODE: true})
	if err != nil {
		t.Fatal(err)
	}
	md := res.GetResultMetadata()
	if md[gozxing.ResultMetadataType_ERROR_CORRECTION_LEVEL] != "Q" {
		t.Errorf("error correction level %v, want Q", md[gozxing.ResultMetadataType_ERROR_CORRECTION_LEVEL])
	}
	if bs, ok := md[gozxing.ResultMetadataType_BYTE_SEGMENTS]; ok {
		t.Errorf("the code has byte-mode segments %v: the share string should be alphanumeric only", bs)
	}

	for _, spec := range []setSpec{
		{n: 3, k: 2, secret: longSecret},
		{n: 3, k: 2, secret: secret64, pq: true},
		{n: 3, k: 2, secret: longSecret, pq: true},
	} {
		s := newSet(t, spec).shares[0]
		codes, err := codesOf(s)
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range codes {
			if c.version > MaxVersion || c.parts != len(codes) {
				t.Errorf("part %d of %d: version %d, want at most %d", c.part, c.parts, c.version, MaxVersion)
			}
		}
		if fewer, err := s.Split(len(codes) - 1); len(codes) > 2 && err == nil {
			biggest := 0
			for _, p := range fewer {
				biggest = max(biggest, version(p.Marshal()))
			}
			if biggest != 0 && biggest <= MaxVersion {
				t.Errorf("%d parts fit version %d: %d is not the fewest", len(codes)-1, biggest, len(codes))
			}
		}
		t.Logf("%d-byte secret, pq %v: %d parts, versions %d…", len(spec.secret), spec.pq, len(codes), codes[0].version)
	}
}

// TestMerge checks that the rectangles a code is drawn with cover exactly
// its dark modules, each once.
func TestMerge(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	for range 200 {
		n := 1 + r.IntN(30)
		bm := make([][]bool, n)
		for y := range bm {
			bm[y] = make([]bool, n)
			for x := range bm[y] {
				bm[y][x] = r.IntN(3) > 0
			}
		}
		got := make([][]int, n)
		for y := range got {
			got[y] = make([]int, n)
		}
		for _, m := range merge(bm) {
			for y := m.y; y < m.y+m.h; y++ {
				for x := m.x; x < m.x+m.w; x++ {
					got[y][x]++
				}
			}
		}
		for y := range bm {
			for x := range bm[y] {
				if want := map[bool]int{true: 1, false: 0}[bm[y][x]]; got[y][x] != want {
					t.Fatalf("module (%d, %d) covered %d times, want %d", x, y, got[y][x], want)
				}
			}
		}
	}
}

// TestReadBackCatches damages a code after layout: the read-back check must
// refuse it, naming the share.
func TestReadBackCatches(t *testing.T) {
	ts := newSet(t, setSpec{n: 3, k: 2, secret: secret64, label: "root 2026"})
	tests := []struct {
		name   string
		damage func(c *code)
	}{
		{"a third of the squares missing", func(c *code) { c.rects = c.rects[:len(c.rects)*2/3] }},
		{"other text than drawn", func(c *code) { c.text = strings.Replace(c.text, "QRM1", "QRM2", 1) }},
		{"nothing drawn", func(c *code) { c.rects = nil }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := New(ts.shares, Options{Date: created})
			if err != nil {
				t.Fatal(err)
			}
			tt.damage(d.Sheets[1].pages[0].codes()[0].c)
			err = d.readBack()
			var rbe *ReadBackError
			if !errors.As(err, &rbe) || rbe.Index != 2 || rbe.Custodian != "bob" {
				t.Fatalf("readBack = %v, want a ReadBackError for share 2 (bob)", err)
			}
		})
	}
}

// TestRefuses checks what print will not put on paper.
func TestRefuses(t *testing.T) {
	a := newSet(t, setSpec{n: 3, k: 2, secret: secret64, label: "root 2026"})
	b := newSet(t, setSpec{n: 3, k: 2, secret: secret64, label: "root 2026"})
	forged := *a.shares[1]
	forged.Label = "root 2027"
	listed := *a.m
	listed.Custodians = slices.Clone(a.m.Custodians)
	listed.Custodians[0].ShareHash = a.m.Custodians[1].ShareHash

	tests := []struct {
		name   string
		shares []*share.Share
		opts   Options
		index  int // the share named, 0 for none
		want   error
	}{
		{"forged label", []*share.Share{a.shares[0], &forged}, Options{}, 2, share.ErrBadSignature},
		{"another set than the manifest's", []*share.Share{b.shares[0]}, Options{Manifest: a.m}, 1, &OtherSetError{}},
		{"two sets at once", []*share.Share{a.shares[0], b.shares[1]}, Options{}, 2, &OtherSetError{}},
		{"not the share the manifest lists", []*share.Share{a.shares[0]}, Options{Manifest: &listed}, 1, manifest.ErrNotListed},
		{"record without manifest", nil, Options{Record: true}, 0, ErrNoManifest},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := New(tt.shares, tt.opts)
			if err == nil {
				t.Fatal("New succeeded")
			}
			var ose *OtherSetError
			if _, ok := tt.want.(*OtherSetError); ok && !errors.As(err, &ose) || !ok && !errors.Is(err, tt.want) {
				t.Fatalf("New: %v, want %v", err, tt.want)
			}
			var se *share.Error
			if tt.index != 0 && (!errors.As(err, &se) || se.Index != tt.index) {
				t.Fatalf("New: %v, want it to name share %d", err, tt.index)
			}
		})
	}
}

// TestDeterministic checks that the same sheets give the same bytes, on
// either paper, so that a reprint can be compared with the original: the
// second PDF of a process too, which once differed from the first when
// fpdf wrote into the fonts it subset.
func TestDeterministic(t *testing.T) {
	ts := newSet(t, setSpec{n: 3, k: 2, secret: secret64, label: "root 2026"})
	for _, paper := range []Paper{A4, Letter} {
		var pdfs [][]byte
		for range 2 {
			_, path := sheetsPDF(t, ts, paper)
			pdf, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			pdfs = append(pdfs, pdf)
		}
		if !bytes.Equal(pdfs[0], pdfs[1]) {
			t.Errorf("two PDFs of the same sheets on %v differ", paper)
		}
	}
}

// TestPreview checks that a preview, drawn by quorum alone, reads back as
// the share with package scan.
func TestPreview(t *testing.T) {
	ts := newSet(t, setSpec{n: 3, k: 2, secret: secret64, label: "root 2026"})
	d, err := New(ts.shares, Options{Paper: Letter, Manifest: ts.m, Record: true, Date: created})
	if err != nil {
		t.Fatal(err)
	}
	b, err := d.PNG(d.Sheets[2], 100)
	if err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	texts, err := scan.Decode(img)
	want, _ := ts.shares[1].Marshal()
	if err != nil || len(texts) != 1 || texts[0] != want {
		t.Errorf("the preview of share 2 reads as %.40q (%v), want %.40q", texts, err, want)
	}
}

// TestParsePaper checks the paper names the command line takes.
func TestParsePaper(t *testing.T) {
	for _, tt := range []struct {
		in      string
		want    Paper
		wantErr bool
	}{{"a4", A4, false}, {"A4", A4, false}, {"letter", Letter, false}, {"Letter", Letter, false}, {"legal", 0, true}, {"", 0, true}} {
		got, err := ParsePaper(tt.in)
		if (err != nil) != tt.wantErr || got != tt.want {
			t.Errorf("ParsePaper(%q) = %v, %v; want %v, error %v", tt.in, got, err, tt.want, tt.wantErr)
		}
	}
	if formatVersion != int(share.Prefix[len(share.Prefix)-1]-'0') {
		t.Errorf("formatVersion %d, but share.Prefix is %q", formatVersion, share.Prefix)
	}
}
