package print

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"os/exec"
	"regexp"
	"slices"
	"strings"
	"testing"

	"quorum/internal/testtool"
	"quorum/scan"
	"quorum/share"
)

var (
	secret64 = bytes.Repeat([]byte("Example-Root-Password-4-Demo-Only-7Hq2/"), 2)[:64]
	// The longest label and secret there are, in the widest letter.
	longLabel  = strings.Repeat("W", share.MaxLabel)
	longSecret = bytes.Repeat([]byte{0xA5}, share.MaxSecret)
)

// wantCodes returns, page by page, the texts of the QR codes on it.
func wantCodes(d *Document) [][]string {
	var want [][]string
	for _, s := range d.Sheets {
		for _, p := range s.pages {
			var texts []string
			for _, c := range p.codes() {
				texts = append(texts, c.c.text)
			}
			slices.Sort(texts)
			want = append(want, texts)
		}
	}
	return want
}

// unread names, in full, the codes of want that a reader did not give back.
// pdftoppm and zbarimg are deterministic, but the sets' keys are new every
// run: the texts are what it takes to draw the same page again and find
// out why it failed.
func unread(got, want []string) string {
	var b strings.Builder
	for _, w := range want {
		if !slices.Contains(got, w) {
			fmt.Fprintf(&b, "\nnot read: %q", w)
		}
	}
	return b.String()
}

// TestSheetsScanBack prints sheets, rasterizes them with poppler's
// pdftoppm at 300 and 150 dpi, and reads every page with Debian's zbarimg
// (an independent decoder) and with package scan: both must give exactly
// the codes the page holds, and zbarimg's output of k sheets, saved to
// files, must combine to the secret.
func TestSheetsScanBack(t *testing.T) {
	if testing.Short() {
		t.Skip("rasterizes and scans a few dozen pages")
	}
	tests := []struct {
		name  string
		spec  setSpec
		paper Paper
	}{
		{"x25519 a4", setSpec{n: 5, k: 3, secret: secret64, label: "root 2026"}, A4},
		{"x25519 letter", setSpec{n: 5, k: 3, secret: secret64, label: "root 2026"}, Letter},
		{"post-quantum in parts, letter", setSpec{n: 3, k: 2, secret: secret64, label: "root 2026", pq: true}, Letter},
		{"longest label and secret, a4", setSpec{n: 3, k: 2, secret: longSecret, label: longLabel}, A4},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			testtool.Need(t, "zbarimg")
			ts := newSet(t, tt.spec)
			d, err := New(ts.shares, Options{Paper: tt.paper, Manifest: ts.m, Record: true, Date: created})
			if err != nil {
				t.Fatal(err)
			}
			pdf, err := d.PDF()
			if err != nil {
				t.Fatal(err)
			}
			want := wantCodes(d)
			for _, dpi := range []int{300, 150} {
				pages := rasterize(t, pdf, dpi)
				if len(pages) != len(want) {
					t.Fatalf("%d dpi: pdftoppm made %d pages, want %d", dpi, len(pages), len(want))
				}
				// Pages without codes (the record, continued text) are left
				// out; the others are read in parallel, zbarimg being slow.
				zbar := make([]string, len(pages))
				errs := make([]string, len(pages))
				parallel(len(pages), func(i int) {
					if len(want[i]) == 0 {
						return
					}
					// QR codes only: with every symbology on, zbar now and then
					// reads a run of the share text as a 1-D barcode.
					out, err := exec.Command("zbarimg", "--nodbus", "--raw", "-q", "-Sdisable", "-Sqrcode.enable", pages[i]).Output()
					if err != nil {
						errs[i] = fmt.Sprintf("%d dpi, page %d: zbarimg: %v", dpi, i+1, err)
						return
					}
					if got := lines(out); !slices.Equal(got, want[i]) {
						errs[i] = fmt.Sprintf("%d dpi, page %d: zbarimg read %d codes %.40q, want %d %.40q%s", dpi, i+1, len(got), got, len(want[i]), want[i], unread(got, want[i]))
						return
					}
					zbar[i] = string(out)
					img, err := readPGM(pages[i])
					if err != nil {
						errs[i] = err.Error()
						return
					}
					ours, err := scan.Decode(img)
					slices.Sort(ours)
					if err != nil || !slices.Equal(ours, want[i]) {
						errs[i] = fmt.Sprintf("%d dpi, page %d: scan.Decode read %.40q (%v), want %.40q%s", dpi, i+1, ours, err, want[i], unread(ours, want[i]))
					}
				})
				for _, e := range errs {
					if e != "" {
						t.Error(e)
					}
				}
				if t.Failed() {
					return
				}
				// Files holding zbarimg's output for k sheets, from the
				// last custodian back, combine to the secret.
				var files []string
				page := 0
				for _, s := range d.Sheets {
					if s.Index > len(ts.shares)-tt.spec.k {
						files = append(files, strings.Join(zbar[page:page+s.Pages()], ""))
					}
					page += s.Pages()
				}
				if got := ts.combineTexts(t, files); !bytes.Equal(got, ts.secret) {
					t.Errorf("%d dpi: zbarimg's texts combine to another secret", dpi)
				}
			}
		})
	}
}

// fixedPitch is the width of a share-text character in points: pdftotext
// told it lays the text out on that grid, as a person reads it.
func fixedPitch(t *testing.T) string {
	fs, err := loadFonts()
	if err != nil {
		t.Fatal(err)
	}
	return fmt.Sprint(fs.width(mono, lineSize, "0"))
}

// TestPdftotext checks that the text poppler's pdftotext extracts from the
// sheets holds every numbered line exactly as the share file has it.
func TestPdftotext(t *testing.T) {
	tests := []struct {
		name  string
		spec  setSpec
		paper Paper
	}{
		{"x25519 a4", setSpec{n: 5, k: 3, secret: secret64, label: "root 2026"}, A4},
		{"x25519 letter", setSpec{n: 5, k: 3, secret: secret64, label: "root 2026"}, Letter},
		{"longest secret, text continued, letter", setSpec{n: 3, k: 2, secret: longSecret, label: longLabel}, Letter},
		{"post-quantum, a4", setSpec{n: 3, k: 2, secret: longSecret, pq: true}, A4},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ts := newSet(t, tt.spec)
			_, path := sheetsPDF(t, ts, tt.paper)
			text := string(run(t, "pdftotext", "-layout", "-fixed", fixedPitch(t), path, "-"))
			for _, s := range ts.shares {
				file, err := s.MarshalText()
				if err != nil {
					t.Fatal(err)
				}
				for _, line := range strings.Split(strings.TrimSpace(string(file)), "\n") {
					if !strings.HasPrefix(line, "#") && !strings.Contains(text, line) {
						t.Errorf("share %d: line %q is not in pdftotext's text", s.Index, line)
					}
				}
			}
		})
	}
}

// sheetLine is a numbered line as pdftotext -layout gives it.
// Other text may stand on the same text line, to the left of it.
var sheetLine = regexp.MustCompile(`(?m)(?:^|\s)(\d{2,3})  ([0-9A-Z]{1,4}(?: [0-9A-Z]{1,4}){0,5}) {2,}([0-9A-Z]{2})(?:\s|$)`)

// retype types a line as a person might: lower case, the letter O for the
// digit 0 and l or I for 1, the line number without its zero, spaces
// moved about.
func retype(r *rand.Rand, num, groups, check string) string {
	slips := strings.NewReplacer("0", "O", "1", "l")
	if r.IntN(2) == 0 {
		slips = strings.NewReplacer("0", "o", "1", "I")
	}
	var b strings.Builder
	b.WriteString(strings.TrimLeft(num, "0"))
	b.WriteString(" ")
	for i, g := range strings.Fields(groups) {
		if i > 0 && r.IntN(3) > 0 {
			b.WriteString(strings.Repeat(" ", 1+r.IntN(2)))
		}
		if r.IntN(2) == 0 {
			g = strings.ToLower(g)
		}
		b.WriteString(slips.Replace(g))
	}
	b.WriteString("\t")
	b.WriteString(strings.ToLower(check))
	return b.String()
}

// TestTypedFromSheet rebuilds the secret from the share text alone, as
// pdftotext reads it off k sheets and as a person would type it.
func TestTypedFromSheet(t *testing.T) {
	ts := newSet(t, setSpec{n: 5, k: 3, secret: secret64, label: "root 2026"})
	_, path := sheetsPDF(t, ts, Letter)
	r := rand.New(rand.NewPCG(1, 2))
	var typed []string
	for page := 2; page <= 4; page++ { // the sheets of shares 1, 2 and 3
		text := string(run(t, "pdftotext", "-layout", "-fixed", fixedPitch(t), "-f", fmt.Sprint(page), "-l", fmt.Sprint(page), path, "-"))
		var b strings.Builder
		for _, m := range sheetLine.FindAllStringSubmatch(text, -1) {
			fmt.Fprintln(&b, retype(r, m[1], m[2], m[3]))
		}
		if b.Len() == 0 {
			t.Fatalf("page %d: no numbered lines in pdftotext's text:\n%s", page, text)
		}
		typed = append(typed, b.String())
	}
	t.Logf("share 1 as typed:\n%s", typed[0])
	if got := ts.combineTexts(t, typed); !bytes.Equal(got, ts.secret) {
		t.Error("the typed shares combine to another secret")
	}
}
