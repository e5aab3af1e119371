package pdfimage

import (
	"bytes"
	"errors"
	"image"
	"testing"
)

// TestAll checks that All gives, one at a time, the images Images returns
// together, and stops when its caller does.
func TestAll(t *testing.T) {
	for _, file := range []string{"img2pdf-multi.pdf", "pikepdf-objstm.pdf", "gs-pdfwrite.pdf"} {
		t.Run(file, func(t *testing.T) {
			data := readFixture(t, file)
			want, err := Images(data)
			if err != nil {
				t.Fatalf("Images: %v", err)
			}
			var got []Image
			for img, err := range All(data) {
				if err != nil {
					t.Fatalf("All: %v", err)
				}
				got = append(got, img)
			}
			if len(got) != len(want) {
				t.Fatalf("All gave %d images, Images %d", len(got), len(want))
			}
			for i := range got {
				if got[i].Page != want[i].Page || !samePixels(got[i].Image, want[i].Image) {
					t.Errorf("image %d: page %d, want page %d with the same pixels", i, got[i].Page, want[i].Page)
				}
			}
			n := 0
			for range All(data) {
				n++
				break
			}
			if n != 1 {
				t.Errorf("the loop ran %d times after break", n)
			}
		})
	}
}

// TestAllErrors checks that All ends on the errors Images returns.
func TestAllErrors(t *testing.T) {
	for _, tt := range []struct {
		name string
		data []byte
		want func(error) bool
	}{
		{"not a pdf", []byte("QRM1 not a pdf"), func(err error) bool { var fe *FormatError; return errors.As(err, &fe) }},
		{"no images", buildPDF([]string{"<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] >>", "<< /Type /Page >>"}, ""), func(err error) bool { return errors.Is(err, ErrNoImages) }},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var last error
			n := 0
			for _, err := range All(tt.data) {
				n++
				last = err
			}
			if n != 1 || !tt.want(last) {
				t.Errorf("All gave %d values, the last error %v", n, last)
			}
		})
	}
}

// TestIsPDF checks that a PDF is recognised where Images reads one: its
// header within the first 1024 bytes, after junk a mail gateway or a
// scanner put before it.
func TestIsPDF(t *testing.T) {
	good := readFixture(t, "img2pdf-multi.pdf")
	for _, tt := range []struct {
		name string
		data []byte
		want bool
	}{
		{"header first", good, true},
		{"a line of junk before it", append([]byte("junk from a mail gateway\r\n"), good...), true},
		{"1019 bytes of junk", append(bytes.Repeat([]byte{'x'}, 1019), good...), true},
		{"1020 bytes of junk", append(bytes.Repeat([]byte{'x'}, 1020), good...), false},
		{"share text", []byte("QRM1ABCD"), false},
		{"empty", nil, false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got := IsPDF(tt.data); got != tt.want {
				t.Errorf("IsPDF = %v, want %v", got, tt.want)
			}
			// The same bytes are what Images reads, or refuses for
			// want of a header.
			if _, err := Images(tt.data); (err == nil) != tt.want {
				t.Errorf("Images: %v, but IsPDF = %v", err, tt.want)
			}
		})
	}
}

func samePixels(a, b image.Image) bool {
	if a.Bounds() != b.Bounds() {
		return false
	}
	for y := a.Bounds().Min.Y; y < a.Bounds().Max.Y; y++ {
		for x := a.Bounds().Min.X; x < a.Bounds().Max.X; x++ {
			r1, g1, b1, a1 := a.At(x, y).RGBA()
			r2, g2, b2, a2 := b.At(x, y).RGBA()
			if r1 != r2 || g1 != g2 || b1 != b2 || a1 != a2 {
				return false
			}
		}
	}
	return true
}
