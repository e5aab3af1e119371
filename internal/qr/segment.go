package qr

import "strings"

// A mode is how a segment's characters become bits (§7.4).
type mode int

const (
	numeric  mode = iota // digits, 10 bits for 3
	alnum                // alphanumericChars, 11 bits for 2
	byteMode             // any byte, 8 bits each
	numModes
)

// indicator is each mode's 4-bit mode indicator.
var indicator = [numModes]uint32{numeric: 0b0001, alnum: 0b0010, byteMode: 0b0100}

// countBits is the width of each mode's character count, for versions
// 1–9, 10–26 and 27–40 (Table 3).
var countBits = [numModes][3]int{
	numeric:  {10, 12, 14},
	alnum:    {9, 11, 13},
	byteMode: {8, 16, 16},
}

// alphanumericChars are the 45 characters of alphanumeric mode, in the
// order of their values.
const alphanumericChars = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:"

// group returns which column of countBits version v uses.
func group(v int) int {
	switch {
	case v <= 9:
		return 0
	case v <= 26:
		return 1
	}
	return 2
}

// A segment is a run of the text's bytes, text[start:end], in one mode.
type segment struct {
	mode       mode
	start, end int
}

// allows reports whether mode m can hold byte c.
func (m mode) allows(c byte) bool {
	switch m {
	case numeric:
		return '0' <= c && c <= '9'
	case alnum:
		return strings.IndexByte(alphanumericChars, c) >= 0
	}
	return true
}

// dataBits returns the bits of n characters in mode m, without the header.
func (m mode) dataBits(n int) int {
	switch m {
	case numeric:
		return 10*(n/3) + [3]int{0, 4, 7}[n%3]
	case alnum:
		return 11*(n/2) + 6*(n%2)
	}
	return 8 * n
}

// bitLength returns the bits segs take at versions of group g, or -1 when
// a segment is longer than its character count can say.
func bitLength(segs []segment, g int) int {
	bits := 0
	for _, s := range segs {
		n := s.end - s.start
		if n >= 1<<countBits[s.mode][g] {
			return -1
		}
		bits += 4 + countBits[s.mode][g] + s.mode.dataBits(n)
	}
	return bits
}

// fit returns the smallest version that holds text at level l, and the
// segments it is written in.
func fit(text string, l Level) (int, []segment, error) {
	for g, first := range [3]int{1, 10, 27} {
		segs := segments(text, g)
		bits := bitLength(segs, g)
		if bits < 0 {
			continue
		}
		last := [3]int{9, 26, 40}[g]
		for v := first; v <= last; v++ {
			if bits <= 8*numDataCodewords(v, l) {
				return v, segs, nil
			}
		}
	}
	return 0, nil, ErrTooLong
}

// segments splits text into the segments that take the fewest bits at
// versions of group g. A shortest path over (byte, mode) finds them,
// counting in sixths of a bit so that numeric (10/3 bits a digit) and
// alphanumeric (11/2) costs are whole; it rounds a segment's last partial
// group down, so its pick is checked against one segment of a single
// mode, and the shorter kept.
func segments(text string, g int) []segment {
	n := len(text)
	if n == 0 {
		return nil
	}
	unit := [numModes]int{numeric: 20, alnum: 33, byteMode: 48}
	const none = 1 << 62
	const nm = int(numModes)
	// cost[i*nm+m]: the least cost of text[:i+1] with byte i in
	// mode m; from[...]: the mode of byte i-1 on that path.
	cost := make([]int, n*nm)
	from := make([]mode, n*nm)
	for i := 0; i < n; i++ {
		for m := range numModes {
			k := i*nm + int(m)
			cost[k] = none
			if !m.allows(text[i]) {
				continue
			}
			header := 6 * (4 + countBits[m][g])
			if i == 0 {
				cost[k] = header + unit[m]
				continue
			}
			for p := range numModes {
				c := cost[(i-1)*nm+int(p)]
				if c == none {
					continue
				}
				if p != m {
					c += header
				}
				if c+unit[m] < cost[k] {
					cost[k], from[k] = c+unit[m], p
				}
			}
		}
	}
	// Walk back from the cheapest last mode.
	m := byteMode
	for p := range numModes {
		if cost[(n-1)*nm+int(p)] < cost[(n-1)*nm+int(m)] {
			m = p
		}
	}
	var segs []segment
	end := n
	for i := n - 1; i >= 0; i-- {
		p := from[i*nm+int(m)]
		if i == 0 || p != m {
			segs = append(segs, segment{m, i, end})
			end = i
		}
		m = p
	}
	for i, j := 0, len(segs)-1; i < j; i, j = i+1, j-1 {
		segs[i], segs[j] = segs[j], segs[i]
	}
	best, bestBits := segs, bitLength(segs, g)
	for m := range numModes {
		single := []segment{{m, 0, n}}
		if !allAllowed(m, text) {
			continue
		}
		if b := bitLength(single, g); b >= 0 && (bestBits < 0 || b < bestBits) {
			best, bestBits = single, b
		}
	}
	return best
}

func allAllowed(m mode, text string) bool {
	for i := 0; i < len(text); i++ {
		if !m.allows(text[i]) {
			return false
		}
	}
	return true
}

// bitWriter appends bits, most significant first.
type bitWriter struct {
	b []byte
	n int // bits written
}

func (w *bitWriter) write(v uint32, bits int) {
	for i := bits - 1; i >= 0; i-- {
		if w.n%8 == 0 {
			w.b = append(w.b, 0)
		}
		if v>>i&1 != 0 {
			w.b[w.n/8] |= 0x80 >> (w.n % 8)
		}
		w.n++
	}
}

// dataCodewords returns the data codewords of text written in segs at
// version v and level l: the segments, the terminator, and padding
// (§7.4.10).
func dataCodewords(text string, segs []segment, v int, l Level) []byte {
	capacity := numDataCodewords(v, l)
	g := group(v)
	w := &bitWriter{b: make([]byte, 0, capacity)}
	for _, s := range segs {
		w.write(indicator[s.mode], 4)
		w.write(uint32(s.end-s.start), countBits[s.mode][g])
		t := text[s.start:s.end]
		switch s.mode {
		case numeric:
			for i := 0; i < len(t); i += 3 {
				j := min(i+3, len(t))
				val := uint32(0)
				for _, c := range []byte(t[i:j]) {
					val = 10*val + uint32(c-'0')
				}
				w.write(val, [4]int{0, 4, 7, 10}[j-i])
			}
		case alnum:
			for i := 0; i < len(t); i += 2 {
				val := uint32(strings.IndexByte(alphanumericChars, t[i]))
				if i+1 < len(t) {
					w.write(45*val+uint32(strings.IndexByte(alphanumericChars, t[i+1])), 11)
				} else {
					w.write(val, 6)
				}
			}
		case byteMode:
			for _, c := range []byte(t) {
				w.write(uint32(c), 8)
			}
		}
	}
	w.write(0, min(4, 8*capacity-w.n))
	for w.n%8 != 0 {
		w.write(0, 1)
	}
	for pad := byte(0xEC); len(w.b) < capacity; pad ^= 0xEC ^ 0x11 {
		w.b = append(w.b, pad)
	}
	return w.b
}
