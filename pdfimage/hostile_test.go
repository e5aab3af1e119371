package pdfimage

import (
	"bytes"
	"compress/zlib"
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"
	"time"
)

// buildPDF writes a PDF whose objects 1, 2, … are objs, with a correct
// classic cross-reference table and a trailer naming object 1 as the
// catalog; extra goes into the trailer.
func buildPDF(objs []string, extra string) []byte {
	var b bytes.Buffer
	b.WriteString("%PDF-1.4\n")
	offs := make([]int, len(objs))
	for i, o := range objs {
		offs[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(objs)+1)
	for _, off := range offs {
		fmt.Fprintf(&b, "%010d 00000 n \n", off)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R %s >>\nstartxref\n%d\n%%%%EOF\n", len(objs)+1, extra, xref)
	return b.Bytes()
}

// streamObj is a stream object with dictionary entries dict and data.
func streamObj(dict string, data []byte) string {
	return fmt.Sprintf("<< %s /Length %d >>\nstream\n%s\nendstream", dict, len(data), data)
}

func zlibBytes(data []byte) []byte {
	var b bytes.Buffer
	w := zlib.NewWriter(&b)
	w.Write(data)
	w.Close()
	return b.Bytes()
}

// onePage is a catalog, a page tree with one page, and the page using
// image object 4, whose stream is image.
func onePage(image string) []string {
	return []string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /Resources << /XObject << /Im0 4 0 R >> >> >>",
		image,
	}
}

// grayPDF is a one-page PDF of a w × h 8-bit gray Flate image.
func grayPDF(w, h int) []byte {
	return buildPDF(onePage(streamObj(
		fmt.Sprintf("/Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /FlateDecode", w, h),
		zlibBytes(bytes.Repeat([]byte{0x80}, w*h)))), "")
}

// zeroBomb returns a zlib stream that inflates to n·64 MiB of zeros, about
// n·64 KiB long: one 64 MiB deflate block, which refers back only to
// zeros, repeated n times. Its checksum is wrong, which no reader reaches.
func zeroBomb(t *testing.T, n int) []byte {
	t.Helper()
	var b bytes.Buffer
	w, _ := zlib.NewWriterLevel(&b, zlib.BestCompression)
	w.Write([]byte{0})
	w.Flush()
	prefix := len(b.Bytes())
	w.Write(make([]byte, 64<<20))
	w.Flush()
	block := append([]byte(nil), b.Bytes()[prefix:]...)
	out := append([]byte(nil), b.Bytes()[:prefix]...)
	for i := 0; i < n; i++ {
		out = append(out, block...)
	}
	return out
}

// countingWriter counts what is written to it and keeps nothing.
type countingWriter struct{ n int64 }

func (c *countingWriter) Write(p []byte) (int, error) { c.n += int64(len(p)); return len(p), nil }

func TestZeroBombInflates(t *testing.T) {
	// The construction is checked on two blocks, not on gigabytes.
	zr, err := zlib.NewReader(bytes.NewReader(zeroBomb(t, 2)))
	if err != nil {
		t.Fatal(err)
	}
	var c countingWriter
	io.Copy(&c, zr)
	if want := int64(2*64<<20 + 1); c.n != want {
		t.Fatalf("bomb inflates to %d bytes, want %d", c.n, want)
	}
}

func TestHostile(t *testing.T) {
	bomb := zeroBomb(t, 32) // 2 GiB of zeros in about 2 MiB
	deep := make([]string, 0, 60)
	deep = append(deep, "<< /Type /Catalog /Pages 2 0 R >>")
	for i := 2; i < 50; i++ {
		deep = append(deep, fmt.Sprintf("<< /Type /Pages /Kids [%d 0 R] >>", i+1))
	}
	deep = append(deep, "<< /Type /Page >>")
	many := []string{"<< /Type /Catalog /Pages 2 0 R >>"}
	var kids strings.Builder
	for i := 0; i < maxPages+1; i++ {
		fmt.Fprintf(&kids, "%d 0 R ", i+3)
	}
	many = append(many, "<< /Type /Pages /Kids ["+kids.String()+"] >>")
	for i := 0; i < maxPages+1; i++ {
		many = append(many, "<< /Type /Page >>")
	}
	// 1700 pages inheriting six images: 10,200 images, over maxImages.
	shared := []string{"<< /Type /Catalog /Pages 2 0 R >>", ""}
	var sk, sx strings.Builder
	for i := 0; i < 6; i++ {
		fmt.Fprintf(&sx, "/I%d %d 0 R ", i, 3+i)
		shared = append(shared, streamObj("/Subtype /Image /Width 1 /Height 1 /ColorSpace /DeviceGray /BitsPerComponent 8", []byte{0}))
	}
	for i := 0; i < 1700; i++ {
		fmt.Fprintf(&sk, "%d 0 R ", 9+i)
		shared = append(shared, "<< /Type /Page >>")
	}
	shared[1] = "<< /Type /Pages /Kids [" + sk.String() + "] /Resources << /XObject << " + sx.String() + ">> >> >>"
	good := grayPDF(20, 10)
	// A /Prev that points to the table itself: a loop of one section.
	xrefAt := bytes.LastIndex(good, []byte("xref\n"))
	selfPrev := bytes.Replace(good, []byte("/Size 5 "), []byte(fmt.Sprintf("/Size 5 /Prev %d ", xrefAt)), 1)

	tests := []struct {
		name    string
		pdf     []byte
		wantErr any // nil: must succeed
	}{
		{"good", good, nil},
		{"huge width and height", buildPDF(onePage(streamObj(
			"/Subtype /Image /Width 1000000 /Height 1000000 /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /FlateDecode", bomb[:100])), ""),
			new(*LimitError)},
		{"width over 2^31", buildPDF(onePage(streamObj(
			"/Subtype /Image /Width 99999999999 /Height 1 /ColorSpace /DeviceGray /BitsPerComponent 8", nil)), ""),
			new(*FormatError)},
		{"flate bomb", buildPDF(onePage(streamObj(
			"/Subtype /Image /Width 1000 /Height 1000 /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /FlateDecode", bomb)), ""),
			new(*LimitError)},
		{"flate bomb with predictor", buildPDF(onePage(streamObj(
			"/Subtype /Image /Width 1000 /Height 1000 /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /FlateDecode /DecodeParms << /Predictor 15 /Columns 1000 >>", bomb)), ""),
			new(*LimitError)},
		{"lzw bomb", buildPDF(onePage(streamObj(
			"/Subtype /Image /Width 10 /Height 10 /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /LZWDecode /DecodeParms << /EarlyChange 0 >>", lzwBytes(make([]byte, 10<<20)))), ""),
			new(*LimitError)},
		{"flate bomb before a jpeg", buildPDF(onePage(streamObj(
			"/Subtype /Image /Width 100 /Height 100 /ColorSpace /DeviceRGB /BitsPerComponent 8 /Filter [/FlateDecode /DCTDecode]", bomb)), ""),
			new(*LimitError)},
		{"jpeg larger than its /Width says", buildPDF(onePage(streamObj(
			"/Subtype /Image /Width 1 /Height 1 /ColorSpace /DeviceRGB /BitsPerComponent 8 /Filter /DCTDecode",
			// A JPEG header alone: SOI, JFIF, a baseline frame of 60000 × 60000.
			[]byte("\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00\xff\xc0\x00\x11\x08\xea\x60\xea\x60\x03\x01\x22\x00\x02\x11\x01\x03\x11\x01"))), ""),
			new(*LimitError)},
		{"12-bit jpeg", buildPDF(onePage(streamObj(
			"/Subtype /Image /Width 8 /Height 8 /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /DCTDecode",
			[]byte("\xff\xd8\xff\xc1\x00\x0b\x0c\x00\x08\x00\x08\x01\x01\x11\x00"))), ""),
			new(*UnsupportedError)},
		{"xref prev loop", selfPrev, nil},
		// Damage that viewers repair, and so must Images: offsets all
		// shifted by junk before the header, the table cut off, a wrong
		// startxref, a table pointing into the middle of objects.
		{"leading junk", append([]byte("junk from a mail gateway\r\n"), good...), nil},
		{"no xref", good[:bytes.Index(good, []byte("xref\n"))], nil},
		{"wrong startxref", bytes.Replace(good, []byte(fmt.Sprintf("startxref\n%d", xrefAt)), []byte("startxref\n7"), 1), nil},
		{"xref offsets off by two", bytes.ReplaceAll(good, []byte("0 00000 n"), []byte("2 00000 n")), nil},
		{"length lie, endstream follows", bytes.Replace(good, []byte("/Length "), []byte("/Length 9"), 1), nil},
		{"length lie, no endstream", bytes.Replace(bytes.Replace(good, []byte("endstream"), []byte("xxxxxxxxx"), -1), []byte("/Length "), []byte("/Length 9"), 1),
			new(*FormatError)},
		{"length refers to its own object", buildPDF(onePage("<< /Subtype /Image /Width 2 /Height 1 /ColorSpace /DeviceGray /BitsPerComponent 8 /Length 4 0 R >>\nstream\nab\nendstream"), ""), nil},
		{"reference loop", buildPDF([]string{"<< /Type /Catalog /Pages 2 0 R >>", "3 0 R", "2 0 R"}, ""), new(*FormatError)},
		{"page tree loop", buildPDF([]string{"<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] >>", "<< /Type /Pages /Kids [2 0 R] >>"}, ""),
			new(*FormatError)},
		{"deep page tree", buildPDF(deep, ""), new(*LimitError)},
		{"too many pages", buildPDF(many, ""), new(*LimitError)},
		{"too many images", buildPDF(shared, ""), new(*LimitError)},
		{"deep nesting", buildPDF([]string{"<< /Type /Catalog /Pages " + strings.Repeat("[", 10000) + " >>"}, ""), new(*LimitError)},
		{"jbig2", buildPDF(onePage(streamObj("/Subtype /Image /Width 8 /Height 8 /ColorSpace /DeviceGray /BitsPerComponent 1 /Filter /JBIG2Decode", []byte("x"))), ""),
			new(*UnsupportedError)},
		{"jpx", buildPDF(onePage(streamObj("/Subtype /Image /Width 8 /Height 8 /Filter /JPXDecode", []byte("x"))), ""),
			new(*UnsupportedError)},
		{"encrypted", buildPDF(onePage(streamObj("/Subtype /Image /Width 1 /Height 1 /ColorSpace /DeviceGray /BitsPerComponent 8", []byte("x"))), "/Encrypt << /Filter /Standard >>"),
			new(*UnsupportedError)},
		{"no images", buildPDF([]string{"<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] >>", "<< /Type /Page >>"}, ""), ErrNoImages},
		{"short image data", buildPDF(onePage(streamObj("/Subtype /Image /Width 10 /Height 10 /ColorSpace /DeviceGray /BitsPerComponent 8", []byte("abc"))), ""),
			new(*FormatError)},
		{"not a pdf", []byte("hello"), new(*FormatError)},
		{"empty", nil, new(*FormatError)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			start := time.Now()
			imgs, err := Images(tt.pdf)
			if el := time.Since(start); el > 2*time.Second {
				t.Errorf("took %v", el)
			}
			switch want := tt.wantErr.(type) {
			case nil:
				if err != nil {
					t.Fatalf("Images: %v, want images", err)
				}
				if len(imgs) == 0 {
					t.Fatal("no images")
				}
			case error:
				if !errors.Is(err, want) {
					t.Fatalf("got %v, want %v", err, want)
				}
			default:
				if err == nil {
					t.Fatalf("got %d images, want an error of type %T", len(imgs), want)
				}
				if !errors.As(err, want) {
					t.Fatalf("got %T %v, want %T", err, err, want)
				}
				t.Logf("%v", err)
			}
		})
	}
}

// TestTruncated cuts each fixture at every sixteenth and wants either the
// images (the cut may fall after them) or a *FormatError, quickly.
func TestTruncated(t *testing.T) {
	for _, f := range []string{"img2pdf-multi.pdf", "pikepdf-objstm.pdf", "gs-pdfwrite.pdf", "gs-cmyk-jpeg.pdf", "tiff2pdf-jpeg.pdf", "gs-lzw.pdf"} {
		data := readFixture(t, f)
		for i := 0; i < 16; i++ {
			cut := data[:len(data)*i/16]
			start := time.Now()
			imgs, err := Images(cut)
			if el := time.Since(start); el > time.Second {
				t.Errorf("%s cut at %d/16: took %v", f, i, el)
			}
			var fe *FormatError
			switch {
			case err == nil:
				t.Logf("%s cut at %d/16: %d images", f, i, len(imgs))
			case errors.As(err, &fe):
				t.Logf("%s cut at %d/16: %v", f, i, err)
			default:
				t.Errorf("%s cut at %d/16: %T %v, want a *FormatError", f, i, err, err)
			}
		}
	}
}

// TestTotalBudget: images within the per-image limit still may not add
// up to more than maxTotalBytes; a colour pixel counts four bytes.
func TestTotalBudget(t *testing.T) {
	d := newDoc(nil)
	for i := 0; i < 3; i++ {
		if err := d.spend(7016, 9921, 4, i+1, 0); err != nil {
			t.Fatalf("colour A3 page %d at 600 dpi: %v", i+1, err)
		}
	}
	var le *LimitError
	if err := d.spend(7016, 9921, 4, 4, 0); !errors.As(err, &le) || le.Page != 4 {
		t.Fatalf("fourth page: %v, want a *LimitError on page 4", err)
	}
}
