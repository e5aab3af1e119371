package scan_test

import (
	"bytes"
	"image"
	"image/color"
	"image/draw"
	"image/jpeg"
	"image/png"
	"math"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"filippo.io/age"
	xdraw "golang.org/x/image/draw"
	"golang.org/x/image/math/f64"

	"quorum/custodian"
	"quorum/internal/degrade"
	"quorum/internal/testtool"
	"quorum/print"
	"quorum/scan"
	"quorum/share"
	"quorum/split"
)

// Real sheets, as print draws them, degraded as scanners and phones
// degrade them. bench/scancorpus measures the same against zbarimg on
// pages that pdftoppm renders; these tests keep the cases that matter
// from regressing, in pure Go.

// sheets holds the first page of three custodians' sheets of one set at
// 150 dpi: alice and bob hold X25519 keys (one code each), carol a
// post-quantum hybrid key (a share in several codes). want holds each
// sheet's share string.
var sheets struct {
	once  sync.Once
	pages []*image.Gray
	want  []string
	err   error
}

func renderSheets(t *testing.T) ([]*image.Gray, []string) {
	t.Helper()
	sheets.once.Do(func() { sheets.pages, sheets.want, sheets.err = makeSheets() })
	if sheets.err != nil {
		t.Fatal(sheets.err)
	}
	return sheets.pages, sheets.want
}

func makeSheets() ([]*image.Gray, []string, error) {
	var cs []split.Custodian
	for _, name := range []string{"alice", "bob", "carol"} {
		var r age.Recipient
		var str string
		kind := share.KindX25519
		if name == "carol" {
			id, err := age.GenerateHybridIdentity()
			if err != nil {
				return nil, nil, err
			}
			r, str, kind = id.Recipient(), id.Recipient().String(), share.KindHybrid
		} else {
			id, err := age.GenerateX25519Identity()
			if err != nil {
				return nil, nil, err
			}
			r, str = id.Recipient(), id.Recipient().String()
		}
		c := custodian.Custodian{Name: name, Recipient: str, Kind: kind}
		cs = append(cs, split.Custodian{Name: name, Kind: kind, Recipient: r, Fingerprint: c.Fingerprint()})
	}
	set, err := split.Split(split.Options{
		Secret: []byte("a root password of some length"), Threshold: 2, Label: "scan test",
		Custodians: cs, Created: time.Date(2026, 11, 26, 0, 0, 0, 0, time.UTC), Tool: "test",
	})
	if err != nil {
		return nil, nil, err
	}
	d, err := print.New(set.Shares, print.Options{})
	if err != nil {
		return nil, nil, err
	}
	var pages []*image.Gray
	var want []string
	for i, s := range d.Sheets {
		data, err := d.PNG(s, 150)
		if err != nil {
			return nil, nil, err
		}
		img, err := png.Decode(bytes.NewReader(data))
		if err != nil {
			return nil, nil, err
		}
		// The first page alone, which holds the codes: PNG stacks a
		// sheet's pages, and an A4 page is √2 times as tall as wide.
		w := img.Bounds().Dx()
		g := image.NewGray(image.Rect(0, 0, w, min(img.Bounds().Dy(), int(float64(w)*math.Sqrt2))))
		draw.Draw(g, g.Bounds(), img, img.Bounds().Min, draw.Src)
		pages = append(pages, g)
		str, err := set.Shares[i].Marshal()
		if err != nil {
			return nil, nil, err
		}
		want = append(want, str)
	}
	return pages, want, nil
}

// joined returns the share strings that texts make, parts joined.
func joined(t *testing.T, texts []string) []string {
	t.Helper()
	var out []string
	var parts []*share.Part
	for _, s := range texts {
		if p, err := share.ParsePart(s); err == nil {
			parts = append(parts, p)
			continue
		}
		out = append(out, s)
	}
	if len(parts) > 0 {
		shares, err := share.JoinParts(parts)
		if err != nil {
			t.Fatalf("parts read do not join: %v", err)
		}
		for _, s := range shares {
			str, err := s.Marshal()
			if err != nil {
				t.Fatal(err)
			}
			out = append(out, str)
		}
	}
	slices.Sort(out)
	return out
}

// turn rotates img by deg degrees onto a canvas that holds it, of the gray
// of a scanner's lid.
func turn(img *image.Gray, deg float64) *image.Gray {
	w, h := float64(img.Bounds().Dx()), float64(img.Bounds().Dy())
	a := deg * math.Pi / 180
	cos, sin := math.Cos(a), math.Sin(a)
	nw := int(math.Abs(w*cos)+math.Abs(h*sin)) + 20
	nh := int(math.Abs(w*sin)+math.Abs(h*cos)) + 20
	dst := image.NewGray(image.Rect(0, 0, nw, nh))
	draw.Draw(dst, dst.Bounds(), image.NewUniform(lid), image.Point{}, draw.Src)
	cx, cy := float64(nw)/2, float64(nh)/2
	m := f64.Aff3{cos, -sin, cx - cos*w/2 + sin*h/2, sin, cos, cy - sin*w/2 - cos*h/2}
	xdraw.BiLinear.Transform(dst, m, img, img.Bounds(), xdraw.Src, nil)
	return dst
}

var lid = color.Gray{Y: 60}

// photo maps the page onto a quadrilateral, its corners pulled in by up
// to k of its size: a phone held not quite parallel to the sheet.
func photo(img *image.Gray, r *rand.Rand, k float64) *image.Gray {
	w, h := float64(img.Bounds().Dx()), float64(img.Bounds().Dy())
	jit := func(s float64) float64 { return r.Float64() * k * s }
	to := [4][2]float64{{jit(w), jit(h)}, {w - jit(w), jit(h)}, {w - jit(w), h - jit(h)}, {jit(w), h - jit(h)}}
	from := [4][2]float64{{0, 0}, {w, 0}, {w, h}, {0, h}}
	// The map from the photo back to the page, solved from the corners.
	hm := degrade.Homography(to, from)
	dst := image.NewGray(img.Bounds())
	for y := range dst.Bounds().Dy() {
		for x := range dst.Bounds().Dx() {
			X, Y := float64(x), float64(y)
			d := hm[6]*X + hm[7]*Y + 1
			sx, sy := (hm[0]*X+hm[1]*Y+hm[2])/d, (hm[3]*X+hm[4]*Y+hm[5])/d
			v := uint8(60)
			if sx >= 0 && sy >= 0 && int(sx) < img.Bounds().Dx() && int(sy) < img.Bounds().Dy() {
				v = img.Pix[int(sy)*img.Stride+int(sx)]
			}
			dst.Pix[y*dst.Stride+x] = v
		}
	}
	return dst
}

// faded maps the page into gray levels lo … lo+span and adds Gaussian
// noise of sigma levels.
func faded(img *image.Gray, r *rand.Rand, lo, span, sigma float64) *image.Gray {
	dst := image.NewGray(img.Bounds())
	for i, p := range img.Pix {
		v := lo + float64(p)*span/255 + r.NormFloat64()*sigma
		dst.Pix[i] = uint8(min(max(v, 0), 255))
	}
	return dst
}

// glass puts two pages side by side on one scan.
func glass(a, b *image.Gray) *image.Gray {
	dst := image.NewGray(image.Rect(0, 0, a.Bounds().Dx()+b.Bounds().Dx(), max(a.Bounds().Dy(), b.Bounds().Dy())))
	draw.Draw(dst, dst.Bounds(), image.NewUniform(lid), image.Point{}, draw.Src)
	draw.Draw(dst, a.Bounds(), a, image.Point{}, draw.Src)
	draw.Draw(dst, b.Bounds().Add(image.Pt(a.Bounds().Dx(), 0)), b, image.Point{}, draw.Src)
	return dst
}

func TestDecodeSheets(t *testing.T) {
	pages, want := renderSheets(t)
	const alice, bob, carol = 0, 1, 2
	r := rand.New(rand.NewPCG(31, 32))
	tests := []struct {
		name   string
		img    *image.Gray
		sheets []int
	}{
		{"alice as rendered", pages[alice], []int{alice}},
		{"carol's codes as rendered", pages[carol], []int{carol}},
		{"alice upside down", turn(pages[alice], 180), []int{alice}},
		{"carol turned 117°", turn(pages[carol], 117), []int{carol}},
		{"alice photographed askew", photo(pages[alice], r, 0.1), []int{alice}},
		{"carol photographed askew", photo(pages[carol], r, 0.08), []int{carol}},
		{"alice faded and noisy", faded(pages[alice], r, 110, 40, 8), []int{alice}},
		{"carol faded and noisy", faded(pages[carol], r, 100, 60, 5), []int{carol}},
		{"alice speckled", degrade.SaltPepper(pages[alice], r, 0.04), []int{alice}},
		{"alice and bob on one scan", glass(turn(pages[alice], 2), turn(pages[bob], -3)), []int{alice, bob}},
		{"bob, and carol upside down, on one scan", glass(pages[bob], turn(pages[carol], 180)), []int{bob, carol}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var data bytes.Buffer
			if err := png.Encode(&data, tt.img); err != nil {
				t.Fatal(err)
			}
			if dir := os.Getenv("SCAN_DUMP"); dir != "" {
				// To look at a failing image, or try zbarimg on it.
				os.WriteFile(filepath.Join(dir, strings.ReplaceAll(tt.name, " ", "_")+".png"), data.Bytes(), 0o644)
			}
			texts, err := scan.DecodeFile(data.Bytes())
			if err != nil {
				t.Fatalf("DecodeFile: %v", err)
			}
			var w []string
			for _, s := range tt.sheets {
				w = append(w, want[s])
			}
			slices.Sort(w)
			if got := joined(t, texts); !slices.Equal(got, w) {
				t.Fatalf("read %d texts making %d shares; want the %d shares of the sheets", len(texts), len(got), len(w))
			}
		})
	}
}

// TestDecodeScannedPDF reads a scanned PDF as img2pdf writes one from a
// scanner's pages: a JPEG page (DCTDecode) and a PNG page (Flate), each a
// sheet; every share of both comes back.
func TestDecodeScannedPDF(t *testing.T) {
	img2pdf := testtool.Need(t, "img2pdf")
	pages, want := renderSheets(t)
	const alice, carol = 0, 2
	dir := t.TempDir()
	var jpg, pngData bytes.Buffer
	if err := jpeg.Encode(&jpg, turn(pages[alice], 180), &jpeg.Options{Quality: 60}); err != nil {
		t.Fatal(err)
	}
	if err := png.Encode(&pngData, pages[carol]); err != nil {
		t.Fatal(err)
	}
	a, c := filepath.Join(dir, "alice.jpg"), filepath.Join(dir, "carol.png")
	for name, data := range map[string][]byte{a: jpg.Bytes(), c: pngData.Bytes()} {
		if err := os.WriteFile(name, data, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	out, err := exec.Command(img2pdf, a, c).Output()
	if err != nil {
		t.Fatalf("img2pdf: %v", err)
	}
	if !scan.IsImage(out) {
		t.Errorf("IsImage = false for a PDF")
	}
	texts, err := scan.DecodeFile(out)
	if err != nil {
		t.Fatalf("DecodeFile: %v", err)
	}
	w := []string{want[alice], want[carol]}
	slices.Sort(w)
	if got := joined(t, texts); !slices.Equal(got, w) {
		t.Fatalf("read %d texts making %d shares; want the 2 shares of the pages", len(texts), len(got))
	}
}

// TestDecodeScannedPDFAfterJunk reads a scanned PDF with a line of junk
// before its header, as mail gateways and some scanners write it: package
// pdfimage reads such a file, so scan takes it for a PDF too.
func TestDecodeScannedPDFAfterJunk(t *testing.T) {
	img2pdf := testtool.Need(t, "img2pdf")
	pages, want := renderSheets(t)
	const bob = 1
	var pngData bytes.Buffer
	if err := png.Encode(&pngData, pages[bob]); err != nil {
		t.Fatal(err)
	}
	page := filepath.Join(t.TempDir(), "bob.png")
	if err := os.WriteFile(page, pngData.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	pdf, err := exec.Command(img2pdf, page).Output()
	if err != nil {
		t.Fatalf("img2pdf: %v", err)
	}
	data := append([]byte("X-Scanner: office MFP, job 4711\r\n"), pdf...)
	if !scan.IsImage(data) {
		t.Errorf("IsImage = false for a PDF after a line of junk")
	}
	texts, err := scan.DecodeFile(data)
	if err != nil {
		t.Fatalf("DecodeFile: %v", err)
	}
	if got := joined(t, texts); !slices.Equal(got, []string{want[bob]}) {
		t.Fatalf("read %d texts making %d shares; want bob's share", len(texts), len(got))
	}
}

// TestDecodeSheetsZbar checks the sheet images against zbarimg, an
// independent decoder: what it reads of them, quorum reads too.
func TestDecodeSheetsZbar(t *testing.T) {
	zbarimg := testtool.Need(t, "zbarimg")
	pages, _ := renderSheets(t)
	r := rand.New(rand.NewPCG(41, 42))
	dir := t.TempDir()
	for name, img := range map[string]*image.Gray{
		"carol_as_rendered": pages[2], "alice_faded": faded(pages[0], r, 110, 60, 4),
		"carol_turned": turn(pages[2], 200), "bob_photographed": photo(pages[1], r, 0.06),
	} {
		var data bytes.Buffer
		if err := png.Encode(&data, img); err != nil {
			t.Fatal(err)
		}
		file := filepath.Join(dir, name+".png")
		if err := os.WriteFile(file, data.Bytes(), 0o600); err != nil {
			t.Fatal(err)
		}
		out, _ := exec.Command(zbarimg, "-q", "--raw", "-Sdisable", "-Sqrcode.enable", file).Output()
		z := strings.Fields(string(out))
		q, err := scan.DecodeFile(data.Bytes())
		if err != nil && len(z) > 0 {
			t.Errorf("%s: zbarimg reads %d codes, DecodeFile: %v", name, len(z), err)
			continue
		}
		for _, text := range z {
			if !slices.Contains(q, text) {
				t.Errorf("%s: zbarimg reads a code that quorum does not", name)
			}
		}
	}
}
