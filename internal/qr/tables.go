package qr

// The error correction of each version and level (Table 9): how many
// blocks the codewords are split into, and how many of each block's
// codewords are error correction. Index 0 is unused. The tests check both
// tables against go-qrcode's, which spells out every block.
var (
	ecCodewordsPerBlock = [4][41]int{
		L: {0, 7, 10, 15, 20, 26, 18, 20, 24, 30, 18, 20, 24, 26, 30, 22, 24, 28, 30, 28, 28, 28, 28, 30, 30, 26, 28, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30},
		M: {0, 10, 16, 26, 18, 24, 16, 18, 22, 22, 26, 30, 22, 22, 24, 24, 28, 28, 26, 26, 26, 26, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28},
		Q: {0, 13, 22, 18, 26, 18, 24, 18, 22, 20, 24, 28, 26, 24, 20, 30, 24, 28, 28, 26, 30, 28, 30, 30, 30, 30, 28, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30},
		H: {0, 17, 28, 22, 16, 22, 28, 26, 26, 24, 28, 24, 28, 22, 24, 24, 30, 28, 28, 26, 28, 30, 24, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30},
	}
	numBlocks = [4][41]int{
		L: {0, 1, 1, 1, 1, 1, 2, 2, 2, 2, 4, 4, 4, 4, 4, 6, 6, 6, 6, 7, 8, 8, 9, 9, 10, 12, 12, 12, 13, 14, 15, 16, 17, 18, 19, 19, 20, 21, 22, 24, 25},
		M: {0, 1, 1, 1, 2, 2, 4, 4, 4, 5, 5, 5, 8, 9, 9, 10, 10, 11, 13, 14, 16, 17, 17, 18, 20, 21, 23, 25, 26, 28, 29, 31, 33, 35, 37, 38, 40, 43, 45, 47, 49},
		Q: {0, 1, 1, 2, 2, 4, 4, 6, 6, 8, 8, 8, 10, 12, 16, 12, 17, 16, 18, 21, 20, 23, 23, 25, 27, 29, 34, 34, 35, 38, 40, 43, 45, 48, 51, 53, 56, 59, 62, 65, 68},
		H: {0, 1, 1, 2, 4, 4, 4, 5, 6, 8, 8, 11, 11, 16, 16, 18, 16, 19, 21, 25, 25, 25, 34, 30, 32, 35, 37, 40, 42, 45, 48, 51, 54, 57, 60, 63, 66, 70, 74, 77, 81},
	}
)

// numRawModules returns how many modules of version v hold codewords and
// remainder bits: all of them but the function patterns.
func numRawModules(v int) int {
	size := 17 + 4*v
	n := size * size
	n -= 3 * 8 * 8       // finder patterns with their separators
	n -= 2 * (size - 16) // timing patterns, between the separators
	n -= 2*15 + 1        // format information, twice, and the dark module
	if a := len(alignmentPositions(v)); a > 0 {
		// a×a alignment patterns less the three on the finders; those on
		// the timing patterns share 2×5 modules with them.
		n -= 25*(a*a-3) - 2*5*(a-2)
	}
	if v >= 7 {
		n -= 2 * 18 // version information, twice
	}
	return n
}

// numCodewords returns the codewords of version v, data and error
// correction.
func numCodewords(v int) int { return numRawModules(v) / 8 }

// numDataCodewords returns the data codewords of version v at level l.
func numDataCodewords(v int, l Level) int {
	return numCodewords(v) - ecCodewordsPerBlock[l][v]*numBlocks[l][v]
}

// alignmentPositions returns the row and column centres of version v's
// alignment patterns (Annex E): from 6 to size−7, spaced by the smallest even
// step that spans them, counted from the far end; version 32's step is
// 26, an exception.
func alignmentPositions(v int) []int {
	if v == 1 {
		return nil
	}
	count := v/7 + 2
	size := 17 + 4*v
	step := 26
	if v != 32 {
		gaps := 2*count - 2 // twice the gaps between count centres
		step = (size - 13 + gaps - 1) / gaps * 2
	}
	pos := make([]int, count)
	pos[0] = 6
	for i := count - 1; i >= 1; i-- {
		pos[i] = size - 7 - (count-1-i)*step
	}
	return pos
}
