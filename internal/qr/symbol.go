package qr

// symbol is a code being drawn: its modules, and which of them are
// function patterns (finders, timing, alignment, format and version
// information), which hold no data and are never masked.
type symbol struct {
	size     int
	dark     []bool // [y*size+x]
	function []bool
}

// newSymbol returns version v's symbol with its function patterns drawn
// and its format information reserved.
func newSymbol(v int) *symbol {
	size := 17 + 4*v
	s := &symbol{size: size, dark: make([]bool, size*size), function: make([]bool, size*size)}
	for i := range size {
		s.set(6, i, i%2 == 0) // timing patterns
		s.set(i, 6, i%2 == 0)
	}
	s.finder(3, 3)
	s.finder(size-4, 3)
	s.finder(3, size-4)
	pos := alignmentPositions(v)
	for i, x := range pos {
		for j, y := range pos {
			corner := (i == 0 && j == 0) || (i == 0 && j == len(pos)-1) || (i == len(pos)-1 && j == 0)
			if !corner {
				s.alignment(x, y)
			}
		}
	}
	s.drawFormat(0, 0) // reserved now, written once the mask is known
	if v >= 7 {
		s.drawVersion(v)
	}
	return s
}

func (s *symbol) set(x, y int, dark bool) {
	s.dark[y*s.size+x] = dark
	s.function[y*s.size+x] = true
}

// finder draws a finder pattern centred on (x, y), with its separator:
// dark rings at Chebyshev distance 0, 1 and 3, light at 2 and 4.
func (s *symbol) finder(cx, cy int) {
	for dy := -4; dy <= 4; dy++ {
		for dx := -4; dx <= 4; dx++ {
			x, y := cx+dx, cy+dy
			if x < 0 || y < 0 || x >= s.size || y >= s.size {
				continue
			}
			d := max(abs(dx), abs(dy))
			s.set(x, y, d != 2 && d != 4)
		}
	}
}

// alignment draws an alignment pattern centred on (x, y): dark at
// Chebyshev distance 0 and 2.
func (s *symbol) alignment(cx, cy int) {
	for dy := -2; dy <= 2; dy++ {
		for dx := -2; dx <= 2; dx++ {
			s.set(cx+dx, cy+dy, max(abs(dx), abs(dy)) != 1)
		}
	}
}

func abs(a int) int {
	if a < 0 {
		return -a
	}
	return a
}

// formatEC is each level's two format bits (Table 12).
var formatEC = [4]int{L: 0b01, M: 0b00, Q: 0b11, H: 0b10}

// drawFormat writes the format information of level l and mask.
func (s *symbol) drawFormat(l Level, mask int) { formatModules(s.size, l, mask, s.set) }

// formatModules calls set for each module of the 15 format bits of level
// l and mask (§7.9.1) in a symbol of size modules: the five data bits, a
// BCH(15,5) remainder, XOR 101010000010010; one copy around the top-left
// finder, one split between the other two, and the dark module above the
// bottom-left separator.
func formatModules(size int, l Level, mask int, set func(x, y int, dark bool)) {
	data := formatEC[l]<<3 | mask
	rem := data
	for range 10 {
		rem = rem<<1 ^ (rem>>9)*0x537
	}
	bits := (data<<10 | rem) ^ 0x5412
	bit := func(i int) bool { return bits>>i&1 != 0 }
	for i := range 6 {
		set(8, i, bit(i))
	}
	set(8, 7, bit(6))
	set(8, 8, bit(7))
	set(7, 8, bit(8))
	for i := 9; i < 15; i++ {
		set(14-i, 8, bit(i))
	}
	for i := range 8 {
		set(size-1-i, 8, bit(i))
	}
	for i := 8; i < 15; i++ {
		set(8, size-15+i, bit(i))
	}
	set(8, size-8, true)
}

// drawVersion writes the 18 version bits of v (§7.10): six bits and a
// BCH(18,6) remainder, in a 6×3 block beside the top-right finder and its
// mirror beside the bottom-left one.
func (s *symbol) drawVersion(v int) {
	rem := v
	for range 12 {
		rem = rem<<1 ^ (rem>>11)*0x1F25
	}
	bits := v<<12 | rem
	for i := range 18 {
		dark := bits>>i&1 != 0
		a, b := s.size-11+i%3, i/3
		s.set(a, b, dark)
		s.set(b, a, dark)
	}
}

// place writes codewords into the modules that are not function patterns
// (§7.7.3): in columns two wide from the right, upwards then downwards,
// skipping the vertical timing pattern; modules left over are the
// remainder bits, light.
func (s *symbol) place(codewords []byte) {
	i, n := 0, 8*len(codewords)
	for right := s.size - 1; right >= 1; right -= 2 {
		if right == 6 {
			right = 5
		}
		upward := (right+1)&2 == 0
		for vert := range s.size {
			y := vert
			if upward {
				y = s.size - 1 - vert
			}
			for x := right; x >= right-1; x-- {
				k := y*s.size + x
				if s.function[k] {
					continue
				}
				if i < n {
					s.dark[k] = codewords[i>>3]>>(7-i&7)&1 != 0
					i++
				}
			}
		}
	}
}

// maskedAt reports whether mask m inverts the module at (x, y) (Table 10).
func maskedAt(m, x, y int) bool {
	switch m {
	case 0:
		return (x+y)%2 == 0
	case 1:
		return y%2 == 0
	case 2:
		return x%3 == 0
	case 3:
		return (x+y)%3 == 0
	case 4:
		return (x/3+y/2)%2 == 0
	case 5:
		return x*y%2+x*y%3 == 0
	case 6:
		return (x*y%2+x*y%3)%2 == 0
	}
	return ((x+y)%2+x*y%3)%2 == 0
}

// applyMask inverts the data modules that mask m selects; applying it
// twice undoes it.
func (s *symbol) applyMask(m int) {
	for y := range s.size {
		for x := range s.size {
			k := y*s.size + x
			if !s.function[k] && maskedAt(m, x, y) {
				s.dark[k] = !s.dark[k]
			}
		}
	}
}
