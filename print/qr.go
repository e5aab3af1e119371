package print

import (
	"fmt"
	"sync"

	qrcode "github.com/skip2/go-qrcode"

	"quorum/share"
)

const (
	// level is error-correction level Q, which restores up to 25% of the
	// code's codewords: a sheet scanned years later through a scratched or
	// glaring plastic sleeve. go-qrcode calls Q "High" (and H "Highest").
	// FORMAT.md §13 says why Q and not H.
	level = qrcode.High
	// MaxVersion is the largest QR version printed: 117×117 modules, about
	// 1041 share symbols at level Q. A longer share is printed in parts
	// (FORMAT.md §8), each at most this version, so that every code keeps
	// modules large enough for a phone camera held at reading distance.
	MaxVersion = 25
	// quiet is the quiet zone around each code, in modules: the standard's
	// four. Nothing is drawn inside it.
	quiet = 4
)

// code is one QR code as printed. It is planned first (its text, version
// and size, all the layout needs) and drawn later (its modules): New lays
// out the pages while no code is drawn yet, then draws the codes on every
// core while the PDF writer, which waits for each, writes the pages.
type code struct {
	text        string // what the code holds: a share string or a part string
	index       int    // the share's index and custodian, to name it in errors
	custodian   string
	part, parts int // 1 of 1 for a share in one code
	version     int
	size        int // modules per side, without the quiet zone

	once  sync.Once
	drawn chan struct{} // closed once rects or err is set
	rects []mrect       // the dark modules, merged
	err   error

	pathMu    sync.Mutex
	path      string  // its PDF path (codePath) …
	pathAt    pathKey // … where it is on its page
	pathTaken bool    // the writer has written it
}

// pathKey is where a code's path puts it: codeOp's geometry, and the
// height of the page, from whose bottom PDF counts.
type pathKey struct{ x, y, module, pageH float64 }

// mrect is a rectangle of dark modules, in module units. A side is at
// most 177 modules (version 40), so int16 holds every coordinate: a
// 255-sheet set keeps a quarter of a million of them until its PDF is
// written, 5 MB rather than 21 with int.
type mrect struct{ x, y, w, h int16 }

// plan returns the code of text, at the smallest version that holds it at
// level Q, not yet drawn.
func plan(text string) (*code, error) {
	v, err := versionOf(text)
	if err != nil {
		return nil, err
	}
	return &code{text: text, part: 1, parts: 1, version: v, size: 17 + 4*v, drawn: make(chan struct{})}, nil
}

// draw makes c's modules and merges them into rectangles, once however
// often it is called, and closes c.drawn.
func (c *code) draw() error {
	c.once.Do(func() {
		defer close(c.drawn)
		q, err := qrcode.New(c.text, level)
		if err != nil {
			c.err = err
			return
		}
		q.DisableBorder = true // the layout keeps the quiet zone clear
		bm := q.Bitmap()
		if q.VersionNumber != c.version || len(bm) != c.size {
			c.err = fmt.Errorf("QR code drawn at version %d (%d modules), planned at version %d", q.VersionNumber, len(bm), c.version)
			return
		}
		c.rects = merge(bm)
	})
	return c.err
}

// encode makes the QR code of text, drawn.
func encode(text string) (*code, error) {
	c, err := plan(text)
	if err != nil {
		return nil, err
	}
	return c, c.draw()
}

// version returns the version text needs at level Q without drawing it,
// or 0 when it does not fit any.
func version(text string) int {
	v, err := versionOf(text)
	if err != nil {
		return 0
	}
	return v
}

// versionOf returns the smallest version that holds text at level Q.
// go-qrcode's New chooses it from the encoded data alone; the modules are
// made later, by Bitmap, so planning costs no drawing.
func versionOf(text string) (int, error) {
	q, err := qrcode.New(text, level)
	if err != nil {
		return 0, err
	}
	return q.VersionNumber, nil
}

// merge turns a bitmap (bm[y][x], true for dark) into rectangles: runs of
// dark modules in a row, joined with the identical runs of the rows below.
// A version 18 code of about 4000 dark modules becomes about 1000
// rectangles, which keeps a 255-sheet PDF small.
func merge(bm [][]bool) []mrect {
	// Runs in a row do not overlap, so a run is known by where it starts:
	// open[x] is the rectangle that the previous row's run starting at x
	// ended in, and its width; -1 when none starts there. Slices rather
	// than maps: this runs for every code, and the result is the same.
	type run struct{ rect, w int }
	width := 0
	for _, row := range bm {
		width = max(width, len(row))
	}
	open, next := make([]run, width), make([]run, width)
	for x := range open {
		open[x], next[x] = run{-1, 0}, run{-1, 0}
	}
	var rects []mrect
	for y, row := range bm {
		for x := 0; x < len(row); {
			if !row[x] {
				x++
				continue
			}
			start := x
			for x < len(row) && row[x] {
				x++
			}
			w := x - start
			if o := open[start]; o.rect >= 0 && o.w == w {
				rects[o.rect].h++
				next[start] = o
			} else {
				rects = append(rects, mrect{int16(start), int16(y), int16(w), 1})
				next[start] = run{len(rects) - 1, w}
			}
		}
		open, next = next, open
		for x := range next {
			next[x] = run{-1, 0}
		}
	}
	return rects
}

// codesOf returns the codes that print share s, drawn (see planCodes).
func codesOf(s *share.Share) ([]*code, error) {
	codes, err := planCodes(s)
	if err != nil {
		return nil, err
	}
	for _, c := range codes {
		if err := c.draw(); err != nil {
			return nil, err
		}
	}
	return codes, nil
}

// planCodes returns the codes that print share s, not yet drawn: one when
// its share string fits [MaxVersion], else the fewest parts that each fit.
func planCodes(s *share.Share) ([]*code, error) {
	str, err := s.Marshal()
	if err != nil {
		return nil, err
	}
	if c, err := plan(str); err == nil && c.version <= MaxVersion {
		c.index, c.custodian = s.Index, s.Custodian
		return []*code{c}, nil
	}
	for m := 2; m <= 255; m++ {
		parts, err := s.Split(m)
		if err != nil {
			return nil, err
		}
		fits := true
		for _, p := range parts {
			if v := version(p.Marshal()); v == 0 || v > MaxVersion {
				fits = false
				break
			}
		}
		if !fits {
			continue
		}
		var codes []*code
		for i, p := range parts {
			c, err := plan(p.Marshal())
			if err != nil {
				return nil, err
			}
			c.part, c.parts = i+1, m
			c.index, c.custodian = s.Index, s.Custodian
			codes = append(codes, c)
		}
		return codes, nil
	}
	return nil, fmt.Errorf("share %d (%s) is too long to print", s.Index, s.Custodian)
}
