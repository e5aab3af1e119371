package pdfimage

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
)

// FuzzImages feeds Images hostile PDFs, seeded with the committed
// fixtures and the hand-made files of TestHostile's kind. The property:
// no panic, no hang, and every failure one of the package's errors. Run
//
//	go test ./pdfimage -run '^$' -fuzz FuzzImages -fuzztime 60s -fuzzminimizetime 2s
//
// The short minimization matters: by default each new input is minimized
// for up to 60 s, which for 5 KB seeds fills the whole run and looks like
// a hang (no execs counted).
func FuzzImages(f *testing.F) {
	seeds, err := filepath.Glob(filepath.Join("testdata", "*.pdf"))
	if err != nil || len(seeds) < 3 {
		f.Fatalf("found %d seed PDFs in testdata (%v), want at least 3", len(seeds), err)
	}
	for _, s := range seeds {
		data, err := os.ReadFile(s)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add(grayPDF(3, 2))
	for _, img := range []string{
		streamObj("/Subtype /Image /Width 3 /Height 2 /ColorSpace [/Indexed /DeviceRGB 1 <ff0000 00ff00>] /BitsPerComponent 1", []byte{0x40, 0x80}),
		streamObj("/Subtype /Image /Width 2 /Height 2 /ColorSpace /DeviceCMYK /BitsPerComponent 8 /Filter /ASCIIHexDecode", []byte("00ff00ff 0000ffff 00000000 ffffffff>")),
		streamObj("/Subtype /Image /Width 4 /Height 1 /ImageMask true /Decode [1 0] /Filter /ASCII85Decode", []byte("5l~>")),
		streamObj("/Subtype /Image /Width 8 /Height 1 /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /RunLengthDecode", []byte{0xf9, 7, 128}),
	} {
		f.Add(buildPDF(onePage(img), ""))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		imgs, err := Images(data)
		if err == nil {
			if len(imgs) == 0 {
				t.Fatal("no error and no images")
			}
			for _, im := range imgs {
				if im.Image == nil || im.Page < 1 {
					t.Fatalf("bad image %+v", im)
				}
			}
			return
		}
		var fe *FormatError
		var le *LimitError
		var ue *UnsupportedError
		if !errors.As(err, &fe) && !errors.As(err, &le) && !errors.As(err, &ue) && !errors.Is(err, ErrNoImages) {
			t.Fatalf("error of type %T: %v", err, err)
		}
	})
}
