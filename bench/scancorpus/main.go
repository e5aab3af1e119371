// Command scancorpus measures how well quorum's decoder (package scan)
// reads damaged, skewed and photographed sheets, against Debian's zbarimg
// on the same images. bench/run runs it for bench/RESULTS.md:
//
//	go run ./bench/scancorpus [-seed N] [-dir DIR] [-only CATEGORY] [-v] [-zbarimg=false]
//
// It makes a real set (split, then print's sheets.pdf), renders the sheets
// with pdftoppm, degrades the pages in ways a scanner or a phone does
// (resolution, rotation, blur, noise, JPEG, uneven light, perspective,
// creases and stains, low contrast, two sheets on one glass), and hands
// every image to scan.DecodeFile in this process and to zbarimg. It prints
// a markdown table: per degradation, how many images each read, how many
// zbarimg read that quorum did not, and the mean time per image.
//
// An image counts as read only when the decoder gives back the very share
// strings of its sheets (every part of a share printed in parts), nothing
// else. The shares are those of shares.txt, a set made once (2 of 3: two
// X25519 custodians, whose share is one code, and a post-quantum hybrid
// one, whose share is printed in several codes; the keys were thrown away
// and the secret is a phrase): age seals with fresh randomness, and a new
// set would move the modules of every code, and with them which borderline
// images read. The degradations are drawn from -seed: a seed gives the
// same corpus, byte for byte. -newset makes a new set and writes it to
// shares.txt.
//
// The images go to a temporary folder, removed at the end, or to -dir,
// kept. It needs pdftoppm and zbarimg (Debian: poppler-utils, zbar-tools).
package main

import (
	"bytes"
	"flag"
	"fmt"
	"image"
	"image/draw"
	"image/jpeg"
	"image/png"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"filippo.io/age"
	"github.com/makiuchi-d/gozxing"
	multiqr "github.com/makiuchi-d/gozxing/multi/qrcode"

	"quorum/custodian"
	"quorum/internal/degrade"
	"quorum/print"
	"quorum/scan"
	"quorum/share"
	"quorum/split"
)

func main() {
	seed := flag.Uint64("seed", 1, "the seed the degradations are drawn from")
	dir := flag.String("dir", "", "keep the images in this folder (default: a temporary one, removed)")
	only := flag.String("only", "", "run only the degradations whose name starts with this")
	verbose := flag.Bool("v", false, "print every image's result on standard error")
	newSet := flag.Bool("newset", false, "make a new set and write its shares to "+sharesFile)
	zbar := flag.Bool("zbarimg", true, "read every image with zbarimg too (false: quorum alone, to check a change to the decoder in half the time)")
	flag.Parse()
	if *newSet {
		if err := writeSet(); err != nil {
			fmt.Fprintln(os.Stderr, "scancorpus:", err)
			os.Exit(1)
		}
	}
	if err := run(*seed, *dir, *only, *verbose, *zbar); err != nil {
		fmt.Fprintln(os.Stderr, "scancorpus:", err)
		os.Exit(1)
	}
}

// sheet is one custodian's sheet: its share string and where its first
// page is in sheets.pdf, the page that holds its codes.
type sheet struct {
	name, text string
	page       int
}

// item is one image of the corpus: which sheets it shows, and how to make
// its file.
type item struct {
	category, name string
	sheets         []int
	make           func() (data []byte, ext string)
}

type corpus struct {
	tmp     string
	sheets  []sheet
	pages   map[[2]int]*image.Gray // sheet, dpi → page
	boxes   map[int]image.Rectangle
	r       *rand.Rand
	encoder png.Encoder
}

func run(seed uint64, dir, only string, verbose, zbar bool) error {
	tmp, err := os.MkdirTemp("", "scancorpus")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	if dir == "" {
		dir = tmp
	} else if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	c := &corpus{tmp: tmp, pages: map[[2]int]*image.Gray{}, boxes: map[int]image.Rectangle{},
		r: rand.New(rand.NewPCG(seed, seed^0x5ca1ab1e)), encoder: png.Encoder{CompressionLevel: png.BestSpeed}}
	if err := c.makeSet(); err != nil {
		return err
	}
	type tally struct {
		n, q, z, zOnly int
		qTime, zTime   time.Duration
	}
	var order []string
	tallies := map[string]*tally{}
	var total tally
	for _, it := range c.items() {
		if only != "" && !strings.HasPrefix(it.category, only) {
			continue
		}
		// Each image draws from its own stream, named by the image, so
		// that -only makes the very images of the full run.
		c.r = degrade.Stream(seed, it.category+"/"+it.name)
		data, ext := it.make()
		file := filepath.Join(dir, strings.ReplaceAll(it.category+"-"+it.name, " ", "_")+ext)
		if err := os.WriteFile(file, data, 0o644); err != nil {
			return err
		}
		var want []string
		for _, s := range it.sheets {
			want = append(want, c.sheets[s].text)
		}
		start := time.Now()
		texts, qerr := scan.DecodeFile(data)
		qt := time.Since(start)
		var out []byte
		start = time.Now()
		if zbar {
			out, _ = exec.Command("zbarimg", "-q", "--raw", "-Sdisable", "-Sqrcode.enable", file).Output()
		}
		zt := time.Since(start)
		q, z := correct(texts, want), correct(strings.Fields(string(out)), want)
		t := tallies[it.category]
		if t == nil {
			t = &tally{}
			tallies[it.category] = t
			order = append(order, it.category)
		}
		for _, t := range []*tally{t, &total} {
			t.n++
			t.qTime += qt
			t.zTime += zt
			if q {
				t.q++
			}
			if z {
				t.z++
			}
			if z && !q {
				t.zOnly++
			}
		}
		if verbose {
			fmt.Fprintf(os.Stderr, "%-40s quorum %-5v %6.0f ms (%v)  zbarimg %-5v %6.0f ms\n", filepath.Base(file),
				q, ms(qt), errText(qerr), z, ms(zt))
		}
		if dir == tmp {
			os.Remove(file)
		}
	}
	fmt.Println("| degradation | images | read by quorum | read by zbarimg | zbarimg only | quorum, mean time | zbarimg, mean time |")
	fmt.Println("| --- | --- | --- | --- | --- | --- | --- |")
	row := func(name string, t *tally) {
		n := time.Duration(max(t.n, 1))
		fmt.Printf("| %s | %d | %d | %d | %d | %.0f ms | %.0f ms |\n", name, t.n, t.q, t.z, t.zOnly,
			ms(t.qTime/n), ms(t.zTime/n))
	}
	for _, cat := range order {
		row(cat, tallies[cat])
	}
	row("**all**", &total)
	return nil
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

func errText(err error) string {
	if err == nil {
		return "ok"
	}
	return err.Error()
}

// correct reports whether texts are exactly the share strings want, each
// either whole or as all of its parts, and nothing else.
func correct(texts, want []string) bool {
	var got []string
	var parts []*share.Part
	for _, t := range texts {
		if strings.HasPrefix(t, share.PartPrefix) {
			p, err := share.ParsePart(t)
			if err != nil {
				return false
			}
			parts = append(parts, p)
			continue
		}
		if !slices.Contains(got, t) {
			got = append(got, t)
		}
	}
	if len(parts) > 0 {
		shares, err := share.JoinParts(parts)
		if err != nil {
			return false
		}
		for _, s := range shares {
			str, err := s.Marshal()
			if err != nil {
				return false
			}
			got = append(got, str)
		}
	}
	slices.Sort(got)
	want = slices.Clone(want)
	slices.Sort(want)
	return slices.Equal(got, want)
}

// sharesFile holds the set the corpus is made of, a share string a line,
// beside this source file: bench/run runs the command from the
// repository's root.
const sharesFile = "bench/scancorpus/shares.txt"

// makeSet reads the set of sharesFile and prints its sheets.
func (c *corpus) makeSet() error {
	data, err := os.ReadFile(sharesFile)
	if err != nil {
		return fmt.Errorf("%v (run from the repository's root, or make a set with -newset)", err)
	}
	var shares []*share.Share
	for _, line := range strings.Fields(string(data)) {
		s, err := share.ParseString(line)
		if err != nil {
			return fmt.Errorf("%s: %v", sharesFile, err)
		}
		shares = append(shares, s)
	}
	doc, err := print.New(shares, print.Options{Date: time.Date(2026, 11, 26, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		return err
	}
	pdf, err := doc.PDF()
	if err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(c.tmp, "sheets.pdf"), pdf, 0o600); err != nil {
		return err
	}
	page := 1
	for i, s := range doc.Sheets {
		text, err := shares[i].Marshal()
		if err != nil {
			return err
		}
		c.sheets = append(c.sheets, sheet{name: s.Name, text: text, page: page})
		page += s.Pages()
	}
	return nil
}

// writeSet splits a secret 2 of 3, to two X25519 custodians and one with a
// post-quantum hybrid key, whose share is printed in several codes, and
// writes the shares to sharesFile.
func writeSet() error {
	x1, err := age.GenerateX25519Identity()
	if err != nil {
		return err
	}
	x2, err := age.GenerateX25519Identity()
	if err != nil {
		return err
	}
	pq, err := age.GenerateHybridIdentity()
	if err != nil {
		return err
	}
	var cs []split.Custodian
	for _, k := range []struct {
		name string
		kind share.Kind
		r    age.Recipient
		str  string
	}{
		{"alice", share.KindX25519, x1.Recipient(), x1.Recipient().String()},
		{"bob", share.KindX25519, x2.Recipient(), x2.Recipient().String()},
		{"carol", share.KindHybrid, pq.Recipient(), pq.Recipient().String()},
	} {
		cu := custodian.Custodian{Name: k.name, Recipient: k.str, Kind: k.kind}
		cs = append(cs, split.Custodian{Name: k.name, Kind: k.kind, Recipient: k.r, Fingerprint: cu.Fingerprint()})
	}
	set, err := split.Split(split.Options{
		Secret: []byte("correct horse battery staple, for the scan corpus"), Threshold: 2,
		Label: "scan corpus", Custodians: cs, Created: time.Date(2026, 11, 26, 0, 0, 0, 0, time.UTC), Tool: "scancorpus",
	})
	if err != nil {
		return err
	}
	var b strings.Builder
	for _, s := range set.Shares {
		str, err := s.Marshal()
		if err != nil {
			return err
		}
		b.WriteString(str + "\n")
	}
	return os.WriteFile(sharesFile, []byte(b.String()), 0o644)
}

// page returns the first page of sheet s rendered by pdftoppm at dpi.
func (c *corpus) page(s, dpi int) *image.Gray {
	if p, ok := c.pages[[2]int{s, dpi}]; ok {
		return p
	}
	root := filepath.Join(c.tmp, fmt.Sprintf("page-%d-%d", s, dpi))
	pg := fmt.Sprint(c.sheets[s].page)
	cmd := exec.Command("pdftoppm", "-r", fmt.Sprint(dpi), "-gray", "-png", "-singlefile", "-f", pg, "-l", pg,
		filepath.Join(c.tmp, "sheets.pdf"), root)
	if out, err := cmd.CombinedOutput(); err != nil {
		panic(fmt.Sprintf("pdftoppm: %v: %s", err, out))
	}
	data, err := os.ReadFile(root + ".png")
	if err != nil {
		panic(err)
	}
	img, err := png.Decode(bytes.NewReader(data))
	if err != nil {
		panic(err)
	}
	g, ok := img.(*image.Gray)
	if !ok {
		g = image.NewGray(img.Bounds())
		draw.Draw(g, g.Bounds(), img, img.Bounds().Min, draw.Src)
	}
	c.pages[[2]int{s, dpi}] = g
	return g
}

// codeBox returns the rectangle that holds the codes of sheet s's page at
// 300 dpi, as ZXing finds them on the clean page: where creases and
// stains are put.
func (c *corpus) codeBox(s int) image.Rectangle {
	if b, ok := c.boxes[s]; ok {
		return b
	}
	p := c.page(s, 300)
	bmp, _ := gozxing.NewBinaryBitmap(gozxing.NewHybridBinarizer(gozxing.NewLuminanceSourceFromImage(p)))
	rs, err := multiqr.NewQRCodeMultiReader().DecodeMultiple(bmp, map[gozxing.DecodeHintType]interface{}{gozxing.DecodeHintType_TRY_HARDER: true})
	if err != nil || len(rs) == 0 {
		panic(fmt.Sprintf("no code found on the clean page of %s", c.sheets[s].name))
	}
	box := image.Rectangle{}
	for _, r := range rs {
		for _, pt := range r.GetResultPoints() {
			box = box.Union(image.Rect(int(pt.GetX()), int(pt.GetY()), int(pt.GetX())+1, int(pt.GetY())+1))
		}
	}
	c.boxes[s] = box
	return box
}

func (c *corpus) png(img *image.Gray) ([]byte, string) {
	var b bytes.Buffer
	if err := c.encoder.Encode(&b, img); err != nil {
		panic(err)
	}
	return b.Bytes(), ".png"
}

func jpegOf(img image.Image, q int) ([]byte, string) {
	var b bytes.Buffer
	if err := jpeg.Encode(&b, img, &jpeg.Options{Quality: q}); err != nil {
		panic(err)
	}
	return b.Bytes(), ".jpg"
}

// items lists the corpus. Each degradation is applied to the sheet of an
// X25519 custodian (one code) and to the post-quantum one (several
// codes). Each image draws its random numbers when it is made, from a
// stream of its own named by the seed and the image (see run), so the
// corpus depends on the seed alone, and -only makes the full run's images.
func (c *corpus) items() []item {
	const one, parts, other = 0, 2, 1
	var items []item
	add := func(cat, name string, sheets []int, f func() ([]byte, string)) {
		items = append(items, item{cat, name, sheets, f})
	}
	each := func(cat string, params []float64, format string, f func(s int, p float64) ([]byte, string)) {
		for _, p := range params {
			for _, s := range []int{one, parts} {
				add(cat, fmt.Sprintf("%s-"+format, c.sheets[s].name, p), []int{s}, func() ([]byte, string) { return f(s, p) })
			}
		}
	}
	each("resolution, dpi", []float64{75, 100, 150, 200, 300, 600}, "%.0fdpi", func(s int, dpi float64) ([]byte, string) {
		return c.png(c.page(s, int(dpi)))
	})
	// The angles are drawn here, as the list is made, to name the files.
	angles := []float64{90, 180, 270}
	for range 3 {
		angles = append(angles, float64(c.r.IntN(3600))/10)
	}
	each("rotation, any angle", angles, "%.1fdeg", func(s int, a float64) ([]byte, string) {
		return c.png(degrade.Rotate(c.page(s, 300), a, 60))
	})
	each("blur, σ 1–4 px at 300 dpi", []float64{1, 2, 3, 4}, "sigma%.0f", func(s int, sigma float64) ([]byte, string) {
		return c.png(degrade.Blur(c.page(s, 300), sigma))
	})
	each("gaussian noise, σ 20–80", []float64{20, 40, 60, 80}, "sigma%.0f", func(s int, sigma float64) ([]byte, string) {
		return c.png(degrade.Gaussian(c.page(s, 300), c.r, sigma))
	})
	each("salt and pepper, 5–30 %", []float64{0.05, 0.1, 0.2, 0.3}, "%.2f", func(s int, f float64) ([]byte, string) {
		return c.png(degrade.SaltPepper(c.page(s, 300), c.r, f))
	})
	each("JPEG, quality 15–60 at 200 dpi", []float64{15, 25, 40, 60}, "q%.0f", func(s int, q float64) ([]byte, string) {
		return jpegOf(c.page(s, 200), int(q))
	})
	each("uneven lighting", []float64{0.5, 0.7, 0.85, 0.95}, "dark%.2f", func(s int, d float64) ([]byte, string) {
		return c.png(degrade.Lighting(c.page(s, 300), c.r, d))
	})
	each("perspective (phone photo)", []float64{0.04, 0.08, 0.12, 0.16}, "k%.2f", func(s int, k float64) ([]byte, string) {
		return c.png(degrade.Perspective(c.page(s, 300), c.r, k, 0.6, 40))
	})
	each("crease or stain over the code", []float64{8, 16, 60, 120}, "%.0fpx", func(s int, w float64) ([]byte, string) {
		if w < 30 {
			return c.png(degrade.Crease(c.page(s, 300), c.r, c.codeBox(s), w))
		}
		return c.png(degrade.Stain(c.page(s, 300), c.r, c.codeBox(s), w))
	})
	each("low contrast", []float64{80, 40, 20, 12}, "range%.0f", func(s int, rng float64) ([]byte, string) {
		lo := 140 - rng/2
		return c.png(degrade.Contrast(c.page(s, 300), lo, lo+rng))
	})
	for _, pair := range [][2]int{{one, other}, {one, parts}, {parts, other}, {other, parts}} {
		add("two sheets on one scan", c.sheets[pair[0]].name+"+"+c.sheets[pair[1]].name, pair[:], func() ([]byte, string) {
			b := c.page(pair[1], 300)
			if pair[0] == other {
				b = degrade.Rotate(b, 180, 235) // laid down the other way round
			}
			return c.png(degrade.SideBySide(c.page(pair[0], 300), b, c.r))
		})
	}
	each("phone photo: all of it, JPEG 50", []float64{0.05, 0.1}, "k%.2f", func(s int, k float64) ([]byte, string) {
		img := degrade.Perspective(c.page(s, 300), c.r, k, 0.5, 50)
		img = degrade.Lighting(img, c.r, 0.6)
		img = degrade.Gaussian(degrade.Blur(img, 1), c.r, 10)
		return jpegOf(degrade.Rotate(img, c.r.Float64()*360, 50), 50)
	})
	return items
}
