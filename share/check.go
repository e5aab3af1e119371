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
	values := make([]uint16, len(data))
	for i := 0; i < len(data); i++ {
		values[i] = uint16(symbolValue[data[i]])
	}
	return check(n, last, values)
}

// check is FORMAT.md §7's Σ vⱼ·αʲ with v₀ = the format version, v₁ = n,
// v₂ = last, then values: the one rule behind the share lines' checks and
// the recovery kit's.
func check(n int, last bool, values []uint16) uint16 {
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
	for _, v := range values {
		add(v)
	}
	return sum
}

// TextLineCheck returns the two check symbols of line n of a text printed
// with numbered lines, as the recovery kit prints docs/recover.py: the
// check of FORMAT.md §7 with the line's bytes (without its newline) as the
// values v₃, v₄, …, each byte 0 … 255 an element of GF(2¹⁰). A wrong
// character or a swap of two neighbours always changes it, as on a share.
func TextLineCheck(n int, last bool, line string) string {
	values := make([]uint16, len(line))
	for i := 0; i < len(line); i++ {
		values[i] = uint16(line[i])
	}
	return checkSymbols(check(n, last, values))
}

// checkSymbols writes a check as two symbols, high five bits first.
func checkSymbols(c uint16) string {
	return string([]byte{alphabet[c>>5&31], alphabet[c&31]})
}
