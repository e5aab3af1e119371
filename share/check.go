package share

// The line check is one symbol of a Reed–Solomon-style code over GF(2¹⁰)
// (FORMAT.md §7): check = Σ vⱼ·αʲ. With α of order 1023 a single wrong
// symbol e at position j adds e·αʲ ≠ 0, and a swap of neighbours a, b adds
// (a−b)·αʲ·(α+1) ≠ 0, so both are always caught; a CRC over ASCII bytes would
// miss some swaps, which are the commonest typing slip after a wrong key.

const (
	gfBits = 10
	gfPoly = 1<<10 | 1<<3 | 1 // x¹⁰ + x³ + 1, primitive
	gfMask = 1<<gfBits - 1
)

// gfMulAlpha multiplies a by α = x.
func gfMulAlpha(a uint16) uint16 {
	a <<= 1
	if a&(1<<gfBits) != 0 {
		a ^= gfPoly
	}
	return a & gfMask
}

// gfMul multiplies in GF(2¹⁰). Line checks are public, so this need not be
// constant time.
func gfMul(a, b uint16) uint16 {
	var p uint16
	for b != 0 {
		if b&1 != 0 {
			p ^= a
		}
		a = gfMulAlpha(a)
		b >>= 1
	}
	return p
}

// lineCheck returns the 10-bit check of line number n holding the canonical
// symbols data; last says whether it is the share's final line.
func lineCheck(n int, last bool, data string) uint16 {
	var sum uint16
	power := uint16(1) // αʲ
	add := func(v uint16) {
		sum ^= gfMul(v&gfMask, power)
		power = gfMulAlpha(power)
	}
	add(formatVersion)
	add(uint16(n))
	if last {
		add(1)
	} else {
		add(0)
	}
	for i := 0; i < len(data); i++ {
		add(uint16(symbolValue[data[i]]))
	}
	return sum
}

// checkSymbols writes a check as two symbols, high five bits first.
func checkSymbols(c uint16) string {
	return string([]byte{alphabet[c>>5&31], alphabet[c&31]})
}
