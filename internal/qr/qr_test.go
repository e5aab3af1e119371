package qr

import (
	"fmt"
	"image"
	"image/color"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/makiuchi-d/gozxing"
	zxqr "github.com/makiuchi-d/gozxing/qrcode"
	qrcode "github.com/skip2/go-qrcode"
)

// goLevel is go-qrcode's name for each level: it calls Q "High".
var goLevel = [4]qrcode.RecoveryLevel{L: qrcode.Low, M: qrcode.Medium, Q: qrcode.High, H: qrcode.Highest}

// formatOf reads the level and mask from the first copy of a symbol's
// format information (§7.9.1), as a reader does.
func formatOf(bm [][]bool) (Level, int) {
	bits := 0
	at := func(x, y, i int) {
		if bm[y][x] {
			bits |= 1 << i
		}
	}
	for i := range 6 {
		at(8, i, i)
	}
	at(8, 7, 6)
	at(8, 8, 7)
	at(7, 8, 8)
	for i := 9; i < 15; i++ {
		at(14-i, 8, i)
	}
	data := (bits ^ 0x5412) >> 10
	ec := map[int]Level{0b01: L, 0b00: M, 0b11: Q, 0b10: H}[data>>3]
	return ec, data & 7
}

// fill returns a text of n characters drawn from chars.
func fill(r *rand.Rand, chars string, n int) string {
	var b strings.Builder
	for range n {
		b.WriteByte(chars[r.IntN(len(chars))])
	}
	return b.String()
}

// capacity returns how many characters of mode m version v holds at level
// l, in one segment.
func capacity(v int, l Level, m mode) int {
	bits := 8*numDataCodewords(v, l) - 4 - countBits[m][group(v)]
	n := 0
	for m.dataBits(n+1) <= bits {
		n++
	}
	return n
}

// TestSameModulesAsGoQRCode checks this encoder against go-qrcode, the
// encoder it replaces, at every version and level, in each mode: texts
// that fill each version, and texts one character into it. go-qrcode
// chooses its own mask, which is read back from its format information;
// with that mask the two symbols must agree module for module. Any slip
// in the tables, the padding, the block interleaving, the placement or the
// format and version information shows here.
func TestSameModulesAsGoQRCode(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	modes := []struct {
		m     mode
		chars string
	}{
		{numeric, "0123456789"},
		{alnum, "ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:"}, // no digits: one segment for both encoders
		{byteMode, "abcdefghijklmnopqrstuvwxyz"},
	}
	sameMask := 0
	compared := 0
	for l := L; l <= H; l++ {
		for v := 1; v <= 40; v++ {
			for _, md := range modes {
				full := capacity(v, l, md.m)
				lengths := []int{full}
				if v > 1 {
					lengths = append(lengths, capacity(v-1, l, md.m)+1)
				}
				for _, n := range lengths {
					text := fill(r, md.chars, n)
					name := fmt.Sprintf("%v/v%d/%v/%d", l, v, md.m, n)
					ref, err := qrcode.New(text, goLevel[l])
					if err != nil {
						t.Fatalf("%s: go-qrcode: %v", name, err)
					}
					ref.DisableBorder = true
					want := ref.Bitmap()
					gotLevel, mask := formatOf(want)
					if gotLevel != l {
						t.Fatalf("%s: go-qrcode's format says level %v", name, gotLevel)
					}
					c, err := EncodeMask(text, l, mask)
					if err != nil {
						t.Fatalf("%s: %v", name, err)
					}
					if c.Version != v || ref.VersionNumber != v {
						t.Fatalf("%s: version %d, go-qrcode %d, want %d", name, c.Version, ref.VersionNumber, v)
					}
					if diff := compare(c.Bitmap(), want); diff != "" {
						t.Fatalf("%s, mask %d: %s", name, mask, diff)
					}
					compared++
					if best, _ := Encode(text, l); best.Mask == mask {
						sameMask++
					}
				}
			}
		}
	}
	// The masks are chosen by two readings of the same rules (go-qrcode
	// scores rule 3 and the quiet zone a little differently), so they
	// mostly agree; not always, and either is a valid code.
	t.Logf("%d symbols identical to go-qrcode's; the lowest penalty chose go-qrcode's mask for %d", compared, sameMask)
}

func compare(got, want [][]bool) string {
	if len(got) != len(want) {
		return fmt.Sprintf("%d rows, want %d", len(got), len(want))
	}
	for y := range want {
		for x := range want[y] {
			if got[y][x] != want[y][x] {
				return fmt.Sprintf("module (%d, %d) is dark=%v, want %v", x, y, got[y][x], want[y][x])
			}
		}
	}
	return ""
}

// render draws c at scale pixels a module inside a quiet zone of 4.
func render(c *Code, scale int) *image.Gray {
	side := (c.Size + 8) * scale
	img := image.NewGray(image.Rect(0, 0, side, side))
	for i := range img.Pix {
		img.Pix[i] = 0xFF
	}
	for y := range c.Size {
		for x := range c.Size {
			if !c.Dark(x, y) {
				continue
			}
			for dy := range scale {
				for dx := range scale {
					img.SetGray((x+4)*scale+dx, (y+4)*scale+dy, color.Gray{})
				}
			}
		}
	}
	return img
}

// read decodes img with gozxing, an independent reader.
func read(t *testing.T, img image.Image) string {
	t.Helper()
	bmp, err := gozxing.NewBinaryBitmapFromImage(img)
	if err != nil {
		t.Fatal(err)
	}
	res, err := zxqr.NewQRCodeReader().Decode(bmp, map[gozxing.DecodeHintType]interface{}{gozxing.DecodeHintType_PURE_BARCODE: true})
	if err != nil {
		t.Fatalf("gozxing: %v", err)
	}
	return res.GetText()
}

// TestReadByGozxing has gozxing read codes of every version, with the mask
// this encoder chose: share-like strings, and mixed texts whose segments
// change mode (digit runs long enough for numeric mode, lower case and
// UTF-8 in byte mode).
func TestReadByGozxing(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	const base32 = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
	var texts []string
	for v := 1; v <= 40; v += 3 {
		texts = append(texts, "QRM1"+fill(r, base32, capacity(v, Q, alnum)-4))
	}
	texts = append(texts,
		"QRM1"+fill(r, base32, 40)+"12345678901234567890123"+fill(r, base32, 40),
		"share of "+fill(r, base32, 30)+" for Zoë and 東京, 2026-11-26 0123456789012345",
		"0123456789012345678901234567890123456789ABCDEFGHJK",
		"a",
		"",
	)
	for _, text := range texts {
		for l := L; l <= H; l++ {
			c, err := Encode(text, l)
			if err == ErrTooLong {
				continue
			}
			if err != nil {
				t.Fatalf("%q at %v: %v", text, l, err)
			}
			if got := read(t, render(c, 2)); got != text {
				t.Fatalf("version %d, level %v, mask %d: gozxing read %q, want %q", c.Version, l, c.Mask, got, text)
			}
		}
	}
}

// TestVersion checks that Version is the version Encode draws, and the
// smallest that holds the text: one character more than a version's
// capacity needs the next.
func TestVersion(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	for v := 1; v <= 40; v++ {
		n := capacity(v, Q, alnum)
		text := fill(r, "ABCDEFGHJK", n)
		if got, err := Version(text, Q); err != nil || got != v {
			t.Fatalf("%d characters: version %d, %v; want %d", n, got, err, v)
		}
		more, err := Version(text+"A", Q)
		if v == 40 {
			if err != ErrTooLong {
				t.Fatalf("version 40 plus one: %d, %v; want ErrTooLong", more, err)
			}
			continue
		}
		if err != nil || more != v+1 {
			t.Fatalf("%d characters: version %d, %v; want %d", n+1, more, err, v+1)
		}
	}
	if _, err := Encode("x", Level(4)); err == nil {
		t.Error("level 4 accepted")
	}
	if _, err := EncodeMask("x", Q, 8); err == nil {
		t.Error("mask 8 accepted")
	}
}

// TestSegments checks the split of texts into modes: a share string is one
// alphanumeric segment; a digit run long enough to pay for two headers is
// numeric; lower case is byte mode; and the bits are never more than one
// segment in a single mode would take.
func TestSegments(t *testing.T) {
	tests := []struct {
		text string
		want string // each segment's mode and length
	}{
		{"QRM1ABC0123", "alnum:11"},
		{"0123456789", "numeric:10"},
		{"hello", "byte:5"},
		{"ABCDEFGHJK" + strings.Repeat("7", 30) + "ABCDEFGHJK", "alnum:10 numeric:30 alnum:10"},
		{"ABC" + strings.Repeat("7", 5) + "DEF", "alnum:11"},
		{"abcdefABCDEFGHJKMNPQRSTVWXYZ", "byte:6 alnum:22"},
	}
	names := [numModes]string{"numeric", "alnum", "byte"}
	for _, tt := range tests {
		segs := segments(tt.text, 1)
		var got []string
		for _, s := range segs {
			got = append(got, fmt.Sprintf("%s:%d", names[s.mode], s.end-s.start))
		}
		if strings.Join(got, " ") != tt.want {
			t.Errorf("segments(%q) = %s, want %s", tt.text, strings.Join(got, " "), tt.want)
		}
	}
	r := rand.New(rand.NewPCG(7, 8))
	for range 2000 {
		text := fill(r, "0000000123456789ABCDEFGHJK  ab", 1+r.IntN(200))
		for g := range 3 {
			bits := bitLength(segments(text, g), g)
			if single := bitLength([]segment{{byteMode, 0, len(text)}}, g); bits > single {
				t.Fatalf("%q: %d bits, one byte segment %d", text, bits, single)
			}
			if allAllowed(alnum, text) {
				if single := bitLength([]segment{{alnum, 0, len(text)}}, g); bits > single {
					t.Fatalf("%q: %d bits, one alphanumeric segment %d", text, bits, single)
				}
			}
		}
	}
}

// referencePenalty scores a symbol module by module, straight from the
// rules of §7.8.3, to check the word arithmetic of the encoder's scoring.
func referencePenalty(dark []bool, size int) int {
	at := func(line []bool, i int) bool { return i >= 0 && i < len(line) && line[i] }
	linePenalty := func(line []bool) int {
		p := 0
		for i := 0; i < len(line); {
			j := i
			for j < len(line) && line[j] == line[i] {
				j++
			}
			if j-i >= 5 {
				p += 3 + j - i - 5
			}
			i = j
		}
		for i := 0; i+7 <= len(line); i++ {
			if !(line[i] && !line[i+1] && line[i+2] && line[i+3] && line[i+4] && !line[i+5] && line[i+6]) {
				continue
			}
			if !at(line, i-1) && !at(line, i-2) && !at(line, i-3) && !at(line, i-4) {
				p += 40
			}
			if !at(line, i+7) && !at(line, i+8) && !at(line, i+9) && !at(line, i+10) {
				p += 40
			}
		}
		return p
	}
	p, nDark := 0, 0
	for i := range size {
		row, col := make([]bool, size), make([]bool, size)
		for j := range size {
			row[j], col[j] = dark[i*size+j], dark[j*size+i]
			if row[j] {
				nDark++
			}
		}
		p += linePenalty(row) + linePenalty(col)
	}
	for y := 1; y < size; y++ {
		for x := 1; x < size; x++ {
			c := dark[y*size+x]
			if c == dark[y*size+x-1] && c == dark[(y-1)*size+x] && c == dark[(y-1)*size+x-1] {
				p += 3
			}
		}
	}
	dev := 2*nDark - size*size
	if dev < 0 {
		dev = -dev
	}
	return p + 10*(dev*10/(size*size))
}

// scored returns the encoder's penalty of dark, through its lines.
func scored(dark []bool, size int) int {
	rows, cols := make([]line, size), make([]line, size)
	for y := range size {
		for x := range size {
			rows[y].set(x, dark[y*size+x])
			cols[x].set(y, dark[y*size+x])
		}
	}
	sh := shapeOf(size)
	return sh.penalty(rows, cols)
}

// TestPenalty scores lines by hand, then whole symbols against the
// module-by-module reference: random ones of every size, runs and
// patterns planted at the edges, and real codes under each mask.
func TestPenalty(t *testing.T) {
	lineOf := func(s string) line {
		var a line
		for i, c := range s {
			a.set(i, c == '#')
		}
		return a
	}
	tests := []struct {
		line string
		want int
	}{
		{"#.#.#.#.#.#", 0},
		{"#####.#.#.#", 3},                // a run of five
		{"#######.#.#", 3 + 2},            // of seven
		{"..........#", 3 + 5},            // light runs count too
		{"#.###.#....", 40 + 40},          // light on both sides: before it the quiet zone, after it four light modules (a run of four, no run penalty)
		{"..#.###.#..", 40 + 40},          // the quiet zone makes both sides four light
		{"#...#.###.#.#", 0},              // three light before, one after: no finder penalty
		{"#.###.#....#", 40 + 40},         // four light after, then dark: still four
		{"#.###.#.....#.###.#", 4*40 + 3}, // two patterns, each light on both sides, and the five light between them a run
	}
	for _, tt := range tests {
		sh := shapeOf(len(tt.line))
		if got := sh.linePenalty(lineOf(tt.line)); got != tt.want {
			t.Errorf("linePenalty(%s) = %d, want %d", tt.line, got, tt.want)
		}
	}
	// Rules 2 and 4 on a 4×4 symbol: all light is nine 2×2 blocks and a
	// dark share 50% off (ten steps of 5%); runs of four score nothing.
	for _, score := range []func([]bool, int) int{scored, referencePenalty} {
		if got, want := score(make([]bool, 16), 4), 9*3+10*10; got != want {
			t.Errorf("penalty(4×4 light) = %d, want %d", got, want)
		}
		checker := make([]bool, 16)
		for i := range checker {
			checker[i] = (i/4+i%4)%2 == 0
		}
		if got := score(checker, 4); got != 0 {
			t.Errorf("penalty(4×4 checkerboard) = %d, want 0", got)
		}
	}
	r := rand.New(rand.NewPCG(11, 12))
	for v := 1; v <= 40; v++ {
		size := 17 + 4*v
		for range 5 {
			dark := make([]bool, size*size)
			bias := r.IntN(9) + 1 // dark in bias tenths: long runs and blocks at the ends
			for i := range dark {
				dark[i] = r.IntN(10) < bias
			}
			// Finder-like patterns at the start and end of a row.
			y := r.IntN(size)
			for i, c := range []bool{true, false, true, true, true, false, true} {
				dark[y*size+i] = c
				dark[y*size+size-7+i] = c
			}
			if got, want := scored(dark, size), referencePenalty(dark, size); got != want {
				t.Fatalf("size %d, dark %d/10: penalty %d, reference %d", size, bias, got, want)
			}
		}
	}
	text := "QRM1" + fill(r, "0123456789ABCDEFGHJKMNPQRSTVWXYZ", 400)
	for m := range 8 {
		c, err := EncodeMask(text, Q, m)
		if err != nil {
			t.Fatal(err)
		}
		if got, want := scored(c.dark, c.Size), referencePenalty(c.dark, c.Size); got != want {
			t.Fatalf("mask %d: penalty %d, reference %d", m, got, want)
		}
	}
}

// TestBestMask checks that Encode picks the mask of the lowest penalty,
// the first of equals, by the reference scoring of each mask's symbol.
func TestBestMask(t *testing.T) {
	r := rand.New(rand.NewPCG(13, 14))
	for v := 1; v <= 40; v += 3 {
		text := fill(r, "0123456789ABCDEFGHJKMNPQRSTVWXYZ", capacity(v, M, alnum))
		c, err := Encode(text, M)
		if err != nil {
			t.Fatal(err)
		}
		want, wantScore := -1, 0
		for m := range 8 {
			mc, err := EncodeMask(text, M, m)
			if err != nil {
				t.Fatal(err)
			}
			if p := referencePenalty(mc.dark, mc.Size); want < 0 || p < wantScore {
				want, wantScore = m, p
			}
		}
		if c.Mask != want {
			t.Errorf("version %d: mask %d, want %d", v, c.Mask, want)
		}
	}
}

// BenchmarkEncode is one sheet's code, version 18 at level Q: it is on the path of
// every sheet.
func BenchmarkEncode(b *testing.B) {
	text := "QRM1" + fill(rand.New(rand.NewPCG(9, 10)), "0123456789ABCDEFGHJKMNPQRSTVWXYZ", 567)
	for b.Loop() {
		if _, err := Encode(text, Q); err != nil {
			b.Fatal(err)
		}
	}
}
