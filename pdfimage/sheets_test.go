package pdfimage_test

import (
	"bytes"
	"errors"
	"image/color"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"filippo.io/age"

	"quorum/internal/testtool"
	"quorum/pdfimage"
	"quorum/print"
	"quorum/share"
	"quorum/split"
)

// sheetsPDF makes quorum's own sheets.pdf for a 2-of-3 set.
func sheetsPDF(t *testing.T) []byte {
	t.Helper()
	var custodians []split.Custodian
	for _, name := range []string{"alice", "bob", "carol"} {
		id, err := age.GenerateX25519Identity()
		if err != nil {
			t.Fatal(err)
		}
		custodians = append(custodians, split.Custodian{Name: name, Kind: share.KindX25519, Recipient: id.Recipient()})
	}
	set, err := split.Split(split.Options{
		Secret: []byte("Example-Root-Password"), Threshold: 2, Label: "root 2026",
		Custodians: custodians, Created: time.Date(2026, 11, 26, 0, 0, 0, 0, time.UTC), Tool: "pdfimage test",
	})
	if err != nil {
		t.Fatal(err)
	}
	doc, err := print.New(set.Shares, print.Options{Paper: print.A4, Manifest: set.Manifest, Record: true})
	if err != nil {
		t.Fatal(err)
	}
	pdf, err := doc.PDF()
	if err != nil {
		t.Fatal(err)
	}
	return pdf
}

// TestQuorumSheets: quorum's sheets draw their QR codes as vector paths,
// so the PDF has no image to extract. That must be ErrNoImages, which cmd
// turns into "print it and scan it", not a crash or a format error.
func TestQuorumSheets(t *testing.T) {
	_, err := pdfimage.Images(sheetsPDF(t))
	if !errors.Is(err, pdfimage.ErrNoImages) {
		t.Fatalf("Images(sheets.pdf) = %v, want ErrNoImages", err)
	}
}

// TestRenderedSheet renders a sheet with poppler's pdftoppm, as a scanner
// would see it, puts the PNG into a PDF with img2pdf, and checks that the
// extracted page is the rendered image, pixel for pixel.
func TestRenderedSheet(t *testing.T) {
	pdftoppm, img2pdf := testtool.Need(t, "pdftoppm"), testtool.Need(t, "img2pdf")
	dir := t.TempDir()
	sheets := filepath.Join(dir, "sheets.pdf")
	if err := os.WriteFile(sheets, sheetsPDF(t), 0o600); err != nil {
		t.Fatal(err)
	}
	// Page 2 is alice's sheet; 150 dpi keeps the test quick.
	runProg(t, pdftoppm, "-r", "150", "-gray", "-png", "-f", "2", "-l", "2", "-singlefile", sheets, filepath.Join(dir, "sheet"))
	runProg(t, img2pdf, filepath.Join(dir, "sheet.png"), "-o", filepath.Join(dir, "scan.pdf"))
	data, err := os.ReadFile(filepath.Join(dir, "scan.pdf"))
	if err != nil {
		t.Fatal(err)
	}
	imgs, err := pdfimage.Images(data)
	if err != nil {
		t.Fatalf("Images: %v", err)
	}
	raw, err := os.ReadFile(filepath.Join(dir, "sheet.png"))
	if err != nil {
		t.Fatal(err)
	}
	want, err := png.Decode(bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	if len(imgs) != 1 || imgs[0].Page != 1 {
		t.Fatalf("got %d images, want one on page 1", len(imgs))
	}
	// pdftoppm writes its PNG in RGB even with -gray.
	got := imgs[0].Image
	if got.Bounds() != want.Bounds() {
		t.Fatalf("extracted image is %v, pdftoppm's %v", got.Bounds(), want.Bounds())
	}
	for y := 0; y < got.Bounds().Dy(); y++ {
		for x := 0; x < got.Bounds().Dx(); x++ {
			if g, w := color.NRGBAModel.Convert(got.At(x, y)), color.NRGBAModel.Convert(want.At(x, y)); g != w {
				t.Fatalf("pixel (%d, %d) is %v, pdftoppm's %v", x, y, g, w)
			}
		}
	}
}

func runProg(t *testing.T, path string, args ...string) {
	t.Helper()
	if out, err := exec.Command(path, args...).CombinedOutput(); err != nil {
		t.Fatalf("%s %v: %v\n%s", path, args, err, out)
	}
}
