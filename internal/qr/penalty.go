package qr

import (
	"math/bits"
	"sync"
)

// The penalty weights N1 to N4 of §7.8.3.
const (
	penaltyRun     = 3  // N1: a run of five or more, plus one a module beyond five
	penaltyBlock   = 3  // N2: each 2×2 block of one colour
	penaltyFinder  = 40 // N3: a 1:1:3:1:1 pattern with four light modules on one side
	penaltyBalance = 10 // N4: each full 5% the dark share is off 50%
)

// A line is a row or a column of a symbol as bits, bit x+pad for module
// x, 1 for dark. The pad bits on either side are the quiet zone, light,
// which rule 3 looks into. Scoring a mask on lines is word arithmetic
// instead of a branch a module: a version 18 code took 1.45 ms to encode
// with its 8 masks scored module by module, and takes 0.58 ms this way.
type line [3]uint64

const pad = 4 // 177 modules of version 40 and 4 light each side fit 192 bits

func (a line) and(b line) line    { return line{a[0] & b[0], a[1] & b[1], a[2] & b[2]} }
func (a line) or(b line) line     { return line{a[0] | b[0], a[1] | b[1], a[2] | b[2]} }
func (a line) xor(b line) line    { return line{a[0] ^ b[0], a[1] ^ b[1], a[2] ^ b[2]} }
func (a line) andNot(b line) line { return line{a[0] &^ b[0], a[1] &^ b[1], a[2] &^ b[2]} }
func (a line) not() line          { return line{^a[0], ^a[1], ^a[2]} }

func (a line) count() int {
	return bits.OnesCount64(a[0]) + bits.OnesCount64(a[1]) + bits.OnesCount64(a[2])
}

// next returns a shifted by k < 64 modules: bit i of the result is bit
// i+k of a, the module k further along the line.
func (a line) next(k uint) line {
	return line{a[0]>>k | a[1]<<(64-k), a[1]>>k | a[2]<<(64-k), a[2] >> k}
}

// prev is the other way: bit i of the result is bit i−k of a.
func (a line) prev(k uint) line {
	return line{a[0] << k, a[1]<<k | a[0]>>(64-k), a[2]<<k | a[1]>>(64-k)}
}

func (a *line) set(i int, v bool) {
	i += pad
	if v {
		a[i/64] |= 1 << (i % 64)
	} else {
		a[i/64] &^= 1 << (i % 64)
	}
}

// span returns a line with modules from to to−1 set.
func span(from, to int) line {
	var a line
	for i := from; i < to; i++ {
		a.set(i, true)
	}
	return a
}

// lineShape holds what scoring a line of one size needs: which bits are
// module pairs, and where a 1:1:3:1:1 pattern can start.
type lineShape struct {
	size   int
	pairs  line // module x where x and x+1 are both in the line
	starts line // module x where x to x+6 are in the line
}

func shapeOf(size int) lineShape {
	return lineShape{size, span(0, size-1), span(0, size-6)}
}

// linePenalty scores rules 1 and 3 on one line.
func (sh *lineShape) linePenalty(a line) int {
	// Rule 1: a run of n ≥ 5 scores n−2; it is n−1 equal neighbours, and
	// n−4 places where four equal neighbours start in a row.
	eq := a.xor(a.next(1)).not().and(sh.pairs)
	four := eq.and(eq.next(1)).and(eq.next(2)).and(eq.next(3))
	runs := four.andNot(four.prev(1))
	p := four.count() + 2*runs.count()
	// Rule 3: dark, light, dark ×3, light, dark, with four light modules
	// before it or after it; each side counts.
	pat := a.andNot(a.next(1)).and(a.next(2)).and(a.next(3)).and(a.next(4)).andNot(a.next(5)).and(a.next(6)).and(sh.starts)
	if pat != (line{}) {
		before := a.prev(1).or(a.prev(2)).or(a.prev(3)).or(a.prev(4))
		after := a.next(7).or(a.next(8)).or(a.next(9)).or(a.next(10))
		p += penaltyFinder * (pat.andNot(before).count() + pat.andNot(after).count())
	}
	return p
}

// maskLines returns, for each mask, the rows and columns of the modules it
// inverts, by row and column number mod 12: every mask repeats every 12
// modules both ways (its terms are x mod 2 or 3, y mod 2 or 3, ⌊x/3⌋ and
// ⌊y/2⌋ mod 2). Only data modules are inverted; the caller keeps the
// others out.
var maskLines = sync.OnceValue(func() (m [8]struct{ rows, cols [12]line }) {
	for mask := range 8 {
		for r := range 12 {
			for i := range 177 {
				m[mask].rows[r].set(i, maskedAt(mask, i, r))
				m[mask].cols[r].set(i, maskedAt(mask, r, i))
			}
		}
	}
	return m
})

// bestMask returns the mask whose symbol, with its format information,
// scores the lowest penalty; the first of equals. s is not masked yet.
func (s *symbol) bestMask(l Level) int {
	n := s.size
	sh := shapeOf(n)
	rows, cols := make([]line, n), make([]line, n)
	dataRows, dataCols := make([]line, n), make([]line, n)
	for y := range n {
		for x := range n {
			k := y*n + x
			rows[y].set(x, s.dark[k])
			cols[x].set(y, s.dark[k])
			dataRows[y].set(x, !s.function[k])
			dataCols[x].set(y, !s.function[k])
		}
	}
	masks := maskLines()
	mr, mc := make([]line, n), make([]line, n)
	best, bestScore := 0, -1
	for m := range 8 {
		for i := range n {
			mr[i] = rows[i].xor(masks[m].rows[i%12].and(dataRows[i]))
			mc[i] = cols[i].xor(masks[m].cols[i%12].and(dataCols[i]))
		}
		formatModules(n, l, m, func(x, y int, dark bool) {
			mr[y].set(x, dark)
			mc[x].set(y, dark)
		})
		if p := sh.penalty(mr, mc); bestScore < 0 || p < bestScore {
			best, bestScore = m, p
		}
	}
	return best
}

// penalty returns the penalty score of a symbol given as its rows and its
// columns.
func (sh *lineShape) penalty(rows, cols []line) int {
	p, dark := 0, 0
	for i := range sh.size {
		p += sh.linePenalty(rows[i]) + sh.linePenalty(cols[i])
		dark += rows[i].count()
		if i > 0 {
			// Rule 2: x where rows i−1 and i agree, and each agrees with
			// its own next module.
			a, b := rows[i-1], rows[i]
			same := a.xor(b).or(a.xor(a.next(1))).or(b.xor(b.next(1)))
			p += penaltyBlock * sh.pairs.andNot(same).count()
		}
	}
	total := sh.size * sh.size
	dev := 2*dark - total
	if dev < 0 {
		dev = -dev
	}
	return p + penaltyBalance*(dev*10/total)
}
