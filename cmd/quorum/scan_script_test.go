package main

// Custom testscript commands that make scans as a scanner, a phone or a
// forger would: see the list in script_test.go.

import (
	"bytes"
	"encoding/binary"
	"hash/crc32"
	"image"
	"image/color"
	"image/draw"
	"image/jpeg"
	"image/png"
	"os"
	"strconv"

	"github.com/rogpeppe/go-internal/testscript"
	"github.com/skip2/go-qrcode"

	"quorum/internal/degrade"
)

// readImage decodes a PNG or JPEG file of the script.
func readImage(ts *testscript.TestScript, file string) image.Image {
	f, err := os.Open(ts.MkAbs(file))
	ts.Check(err)
	defer f.Close()
	img, _, err := image.Decode(f)
	ts.Check(err)
	return img
}

func writeScan(ts *testscript.TestScript, file string, data []byte) {
	ts.Check(os.WriteFile(ts.MkAbs(file), data, 0o644))
}

// cmdDegrade: degrade IN OUT — a sheet scanned sideways and saved as a
// poor JPEG: rotated 90° clockwise, quality 30.
func cmdDegrade(ts *testscript.TestScript, neg bool, args []string) {
	noNeg(ts, neg, "degrade")
	if len(args) != 2 {
		ts.Fatalf("usage: degrade IN OUT")
	}
	src := readImage(ts, args[0])
	b := src.Bounds()
	dst := image.NewRGBA(image.Rect(0, 0, b.Dy(), b.Dx()))
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			dst.Set(b.Max.Y-1-y, x-b.Min.X, src.At(x, y))
		}
	}
	var out bytes.Buffer
	ts.Check(jpeg.Encode(&out, dst, &jpeg.Options{Quality: 30}))
	writeScan(ts, args[1], out.Bytes())
}

// cmdTile: tile OUT IN... — several sheets side by side on one flatbed
// scan, as a PNG.
func cmdTile(ts *testscript.TestScript, neg bool, args []string) {
	noNeg(ts, neg, "tile")
	if len(args) < 2 {
		ts.Fatalf("usage: tile OUT IN...")
	}
	var imgs []image.Image
	w, h := 0, 0
	for _, f := range args[1:] {
		img := readImage(ts, f)
		imgs = append(imgs, img)
		w += img.Bounds().Dx()
		h = max(h, img.Bounds().Dy())
	}
	dst := image.NewGray(image.Rect(0, 0, w, h))
	draw.Draw(dst, dst.Bounds(), image.NewUniform(color.White), image.Point{}, draw.Src)
	x := 0
	for _, img := range imgs {
		r := image.Rect(x, 0, x+img.Bounds().Dx(), img.Bounds().Dy())
		draw.Draw(dst, r, img, img.Bounds().Min, draw.Src)
		x += img.Bounds().Dx()
	}
	var out bytes.Buffer
	ts.Check(png.Encode(&out, dst))
	writeScan(ts, args[0], out.Bytes())
}

// cmdQRCode: qrcode OUT TEXT — a PNG of a QR code holding TEXT, drawn by
// the library that draws quorum's sheets.
func cmdQRCode(ts *testscript.TestScript, neg bool, args []string) {
	noNeg(ts, neg, "qrcode")
	if len(args) != 2 {
		ts.Fatalf("usage: qrcode OUT TEXT")
	}
	b, err := qrcode.Encode(args[1], qrcode.Medium, 400)
	ts.Check(err)
	writeScan(ts, args[0], b)
}

// cmdHugePNG: hugepng OUT W H — a PNG that claims W × H pixels in its
// header and holds no pixel data: a decompression bomb's first bytes.
func cmdHugePNG(ts *testscript.TestScript, neg bool, args []string) {
	noNeg(ts, neg, "hugepng")
	if len(args) != 3 {
		ts.Fatalf("usage: hugepng OUT W H")
	}
	w, err := strconv.ParseUint(args[1], 10, 32)
	ts.Check(err)
	h, err := strconv.ParseUint(args[2], 10, 32)
	ts.Check(err)
	var b bytes.Buffer
	b.WriteString("\x89PNG\r\n\x1a\n")
	ihdr := binary.BigEndian.AppendUint32(nil, uint32(w))
	ihdr = binary.BigEndian.AppendUint32(ihdr, uint32(h))
	ihdr = append(ihdr, 8, 0, 0, 0, 0) // 8-bit gray, no interlace
	chunk := append([]byte("IHDR"), ihdr...)
	b.Write(binary.BigEndian.AppendUint32(nil, uint32(len(ihdr))))
	b.Write(chunk)
	b.Write(binary.BigEndian.AppendUint32(nil, crc32.ChecksumIEEE(chunk)))
	writeScan(ts, args[0], b.Bytes())
}

// cmdHead: head IN N OUT — the first N bytes of IN: a file cut short.
func cmdHead(ts *testscript.TestScript, neg bool, args []string) {
	noNeg(ts, neg, "head")
	if len(args) != 3 {
		ts.Fatalf("usage: head IN N OUT")
	}
	data, err := os.ReadFile(ts.MkAbs(args[0]))
	ts.Check(err)
	n, err := strconv.Atoi(args[1])
	ts.Check(err)
	writeScan(ts, args[2], data[:min(n, len(data))])
}

// cmdPage: page OUT blank|noise — an A4 page at 300 dpi without a code,
// as a PNG: the back of a sheet as a scanner gives it, or uniform noise,
// the page that shows the most texture.
func cmdPage(ts *testscript.TestScript, neg bool, args []string) {
	noNeg(ts, neg, "page")
	if len(args) != 2 {
		ts.Fatalf("usage: page OUT blank|noise")
	}
	const w, h = 2481, 3508
	var img *image.Gray
	switch args[1] {
	case "blank":
		img = degrade.Blank(w, h, degrade.Stream(1, "blank"))
	case "noise":
		img = degrade.Noise(w, h, degrade.Stream(1, "noise"))
	default:
		ts.Fatalf("usage: page OUT blank|noise")
	}
	var out bytes.Buffer
	ts.Check((&png.Encoder{CompressionLevel: png.BestSpeed}).Encode(&out, img))
	writeScan(ts, args[0], out.Bytes())
}

// cmdPrepend: prepend OUT TEXT IN — IN after a line of TEXT, as a mail
// gateway or a scanner puts junk before a PDF's header.
func cmdPrepend(ts *testscript.TestScript, neg bool, args []string) {
	noNeg(ts, neg, "prepend")
	if len(args) != 3 {
		ts.Fatalf("usage: prepend OUT TEXT IN")
	}
	data, err := os.ReadFile(ts.MkAbs(args[2]))
	ts.Check(err)
	writeScan(ts, args[0], append([]byte(args[1]+"\r\n"), data...))
}
