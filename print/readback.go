package print

import (
	"errors"
	"fmt"
	"image"
	"math"
	"runtime"
	"sync"

	"quorum/scan"
)

// readBackPixels is how many pixels a module gets when a code is drawn for
// the read-back check: the image is exact (every module is readBackPixels
// square, nothing blurred), so any decoder reads it, and small enough that
// 255 sheets take well under a second. ZXing's single pass misjudges the
// module size of some codes at more pixels, not fewer: of 438 share-like
// strings of 24 to 1044 symbols it missed 17 at 4 pixels, 8 at 3 and none
// at 2, and of 270 share codes of versions 1 to 25 none at 2 (the fallback
// to scan.Decode, twice the cost, read every one at all three). A version
// 18 code takes 1.23 ms at 4 pixels, 0.58 at 2 (BenchmarkReadBack;
// bench/ANALYSIS.md). TestReadBackEveryVersion keeps a code of every
// version readable.
const readBackPixels = 2

// ReadBackError means that a QR code, drawn as the PDF draws it, did not
// decode to exactly the text it was made from. Nothing is printed: it is a
// fault in the encoder, the drawing or the decoder, never in the share.
type ReadBackError struct {
	Index       int
	Custodian   string
	Part, Parts int
	Err         error // why it failed: no code read, or another text
}

func (e *ReadBackError) Error() string {
	which := ""
	if e.Parts > 1 {
		which = fmt.Sprintf(", part %d of %d", e.Part, e.Parts)
	}
	return fmt.Sprintf("share %d (%s)%s: the QR code does not read back: %v", e.Index, e.Custodian, which, e.Err)
}

func (e *ReadBackError) Unwrap() error { return e.Err }

// readBack draws every code of every custodian sheet, in page order: its
// modules first, if they are not yet, then alone at its printed geometry
// (the same rectangles, scaled to readBackPixels a module, with its quiet
// zone), and decodes it with package scan, on every core: 255 sheets are
// a few hundred milliseconds.
func (d *Document) readBack() error {
	var codes []codeOp
	var pageH []float64
	for _, p := range d.pages() {
		for _, o := range p.codes() {
			codes = append(codes, o)
			pageH = append(pageH, p.h)
		}
	}
	// Every code is drawn before any is read back: the PDF writer needs
	// each drawing in page order, and reading back waits for nothing.
	// Until the writer is done it keeps a core of its own, and draws
	// each code it needs that no one has begun: the workers draw from the
	// last page back, so that the two meet in the middle, each having
	// drawn half. (Drawn in page order, the worker stayed one code ahead
	// of the writer, which only waited: one core drew every code.)
	errs := make([]error, len(codes))
	parallelBeside(d.pdf.done, len(codes), func(i int) {
		i = len(codes) - 1 - i
		if errs[i] = codes[i].c.draw(); errs[i] == nil {
			codes[i].preparePath(pageH[i])
		}
	})
	parallelBeside(d.pdf.done, len(codes), func(i int) {
		if errs[i] == nil {
			errs[i] = readCode(codes[i])
		}
	})
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// readCode reads one code back. The image holds that code alone, so one
// pass of the decoder for a single code reads it (scan.DecodeOne); the
// search of a whole page for more codes (scan.Decode) would double the
// cost of the check and find nothing more.
func readCode(o codeOp) error {
	text, err := scan.DecodeOne(codeImage(o, readBackPixels))
	fail := func(err error) error {
		return &ReadBackError{Index: o.c.index, Custodian: o.c.custodian, Part: o.c.part, Parts: o.c.parts, Err: err}
	}
	switch {
	case err != nil:
		return fail(err)
	case text != o.c.text:
		return fail(errors.New("it decodes to other text than it was made from"))
	}
	return nil
}

// codeImage draws the code of o with its quiet zone, px pixels a module,
// from the page coordinates of its rectangles as the PDF writer has them
// (codePath): what is checked is where the squares are put, not only the
// bitmap they come from.
func codeImage(o codeOp, px int) *image.Gray {
	scale := float64(px) / o.module
	n := (o.c.size + 2*quiet) * px
	img := image.NewGray(image.Rect(0, 0, n, n))
	for i := range img.Pix {
		img.Pix[i] = 0xff
	}
	ox, oy := o.x-float64(quiet)*o.module, o.y-float64(quiet)*o.module
	at := func(v, origin float64) int { return int(math.Round((v - origin) * scale)) }
	for _, r := range o.c.rects {
		x0, y0 := at(o.x+float64(r.x)*o.module, ox), at(o.y+float64(r.y)*o.module, oy)
		x1, y1 := at(o.x+float64(r.x+r.w)*o.module, ox), at(o.y+float64(r.y+r.h)*o.module, oy)
		for y := max(y0, 0); y < min(y1, n); y++ {
			row := img.Pix[y*img.Stride:]
			for x := max(x0, 0); x < min(x1, n); x++ {
				row[x] = ink
			}
		}
	}
	return img
}

// parallel runs f(0) … f(n-1) on every core.
func parallel(n int, f func(i int)) {
	parallelBeside(nil, n, f)
}

// parallelBeside runs f(0) … f(n-1) on every core but one while busy is
// open, and on every core once it is closed (or nil): beside a goroutine
// that busy tells the end of.
func parallelBeside(busy <-chan struct{}, n int, f func(i int)) {
	var wg sync.WaitGroup
	next := make(chan int)
	handedOut := make(chan struct{}) // closed once every i is taken
	work := func() {
		defer wg.Done()
		for i := range next {
			f(i)
		}
	}
	cores := runtime.GOMAXPROCS(0)
	if busy != nil && cores > 1 {
		cores--
		wg.Add(1)
		go func() {
			select {
			case <-busy:
				work()
			case <-handedOut:
				wg.Done()
			}
		}()
	}
	for range min(n, cores) {
		wg.Add(1)
		go work()
	}
	for i := range n {
		next <- i
	}
	close(next)
	close(handedOut)
	wg.Wait()
}
