package scan_test

import (
	"bytes"
	"image"
	"image/png"
	"testing"
	"time"

	"filippo.io/age"
	qrcode "github.com/skip2/go-qrcode"

	"quorum/custodian"
	"quorum/print"
	"quorum/scan"
	"quorum/share"
	"quorum/split"
)

// The decoding benchmarks: one code alone at four pixels a module, as
// print's read-back check draws it (with Decode, and with DecodeOne, which
// the check uses), and a whole sheet at 300 dpi, as a flatbed scanner
// gives it. bench/run times zbarimg on the same kind of
// page; the numbers are in bench/RESULTS.md.

// ceremonyShare returns one share of a 3-of-5 set of a 64-byte secret
// sealed to X25519 custodians, as the ceremony of bench/run makes.
func ceremonyShare(b *testing.B) *share.Share {
	b.Helper()
	return ceremonySet(b).Shares[0]
}

// ceremonySet returns the set of ceremonyShare, with its manifest.
func ceremonySet(b testing.TB) *split.Set {
	b.Helper()
	var cs []split.Custodian
	for _, name := range []string{"alice", "bob", "carol", "dave", "erin"} {
		id, err := age.GenerateX25519Identity()
		if err != nil {
			b.Fatal(err)
		}
		c := custodian.Custodian{Name: name, Recipient: id.Recipient().String(), Kind: share.KindX25519}
		cs = append(cs, split.Custodian{Name: name, Kind: share.KindX25519, Recipient: id.Recipient(), Fingerprint: c.Fingerprint()})
	}
	set, err := split.Split(split.Options{
		Secret: bytes.Repeat([]byte("s"), 64), Threshold: 3, Label: "root 2026", Custodians: cs,
		Created: time.Date(2026, 11, 26, 0, 0, 0, 0, time.UTC), Tool: "bench",
	})
	if err != nil {
		b.Fatal(err)
	}
	return set
}

func BenchmarkDecode(b *testing.B) {
	s := ceremonyShare(b)
	str, err := s.Marshal()
	if err != nil {
		b.Fatal(err)
	}

	// One code, 4 pixels a module with its quiet zone.
	q, err := qrcode.New(str, qrcode.High)
	if err != nil {
		b.Fatal(err)
	}
	bm := q.Bitmap()
	const px = 4
	code := image.NewGray(image.Rect(0, 0, len(bm)*px, len(bm)*px))
	for y := range code.Bounds().Dy() {
		for x := range code.Bounds().Dx() {
			if bm[y/px][x/px] {
				code.Pix[y*code.Stride+x] = 0
			} else {
				code.Pix[y*code.Stride+x] = 0xff
			}
		}
	}

	// The sheet at 300 dpi, drawn by print's own renderer (the preview of
	// quorum print --png): an A4 page of 2481 × 3508 pixels.
	d, err := print.New([]*share.Share{s}, print.Options{})
	if err != nil {
		b.Fatal(err)
	}
	data, err := d.PNG(d.Sheets[0], 300)
	if err != nil {
		b.Fatal(err)
	}
	page, err := png.Decode(bytes.NewReader(data))
	if err != nil {
		b.Fatal(err)
	}

	for _, tt := range []struct {
		name string
		img  image.Image
	}{
		{"code at 4 px a module", code},
		{"sheet at 300 dpi", page},
	} {
		b.Run(tt.name, func(b *testing.B) {
			for b.Loop() {
				texts, err := scan.Decode(tt.img)
				if err != nil || len(texts) != 1 || texts[0] != str {
					b.Fatalf("Decode: %d texts, %v", len(texts), err)
				}
			}
		})
	}
	b.Run("DecodeOne, code at 4 px a module", func(b *testing.B) {
		for b.Loop() {
			if text, err := scan.DecodeOne(code); err != nil || text != str {
				b.Fatalf("DecodeOne: %v", err)
			}
		}
	})
}

// BenchmarkDecodeHybridSheet reads a post-quantum custodian's sheet at
// 300 dpi, as a flatbed scanner gives it: its share is printed in several
// codes of smaller modules, of which the small copy that Decode searches
// first reads only some.
func BenchmarkDecodeHybridSheet(b *testing.B) {
	hybrid, err := age.GenerateHybridIdentity()
	if err != nil {
		b.Fatal(err)
	}
	var cs []split.Custodian
	for _, c := range []struct {
		name string
		kind share.Kind
		r    interface {
			age.Recipient
			String() string
		}
	}{{"carol", share.KindHybrid, hybrid.Recipient()}, {"alice", share.KindX25519, nil}, {"bob", share.KindX25519, nil}} {
		if c.r == nil {
			id, err := age.GenerateX25519Identity()
			if err != nil {
				b.Fatal(err)
			}
			c.r = id.Recipient()
		}
		cu := custodian.Custodian{Name: c.name, Recipient: c.r.String(), Kind: c.kind}
		cs = append(cs, split.Custodian{Name: c.name, Kind: c.kind, Recipient: c.r, Fingerprint: cu.Fingerprint()})
	}
	set, err := split.Split(split.Options{
		Secret: bytes.Repeat([]byte("s"), 64), Threshold: 2, Label: "root 2026", Custodians: cs,
		Created: time.Date(2026, 11, 26, 0, 0, 0, 0, time.UTC), Tool: "bench",
	})
	if err != nil {
		b.Fatal(err)
	}
	d, err := print.New(set.Shares[:1], print.Options{})
	if err != nil {
		b.Fatal(err)
	}
	data, err := d.PNG(d.Sheets[0], 300)
	if err != nil {
		b.Fatal(err)
	}
	img, err := png.Decode(bytes.NewReader(data))
	if err != nil {
		b.Fatal(err)
	}
	// The first page, which holds the codes: PNG stacks a sheet's pages.
	page := img.(*image.Gray).SubImage(image.Rect(0, 0, 2481, 3508))
	want, err := set.Shares[0].Marshal()
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		texts, err := scan.Decode(page)
		if err != nil {
			b.Fatalf("Decode: %v", err)
		}
		var parts []*share.Part
		for _, t := range texts {
			p, err := share.ParsePart(t)
			if err != nil {
				b.Fatalf("a text read is not a part: %v", err)
			}
			parts = append(parts, p)
		}
		shares, err := share.JoinParts(parts)
		if err != nil || len(shares) != 1 {
			b.Fatalf("the %d parts read do not make the share: %v", len(parts), err)
		}
		if got, _ := shares[0].Marshal(); got != want {
			b.Fatal("the parts read make another share")
		}
	}
}
