package qr

// Reed–Solomon error correction over GF(2⁸) with the QR code's polynomial
// x⁸ + x⁴ + x³ + x² + 1 (§7.5.2), by log and antilog tables.

var gfExp, gfLog = gfTables()

func gfTables() (exp [512]byte, log [256]byte) {
	x := 1
	for i := range 255 {
		exp[i] = byte(x)
		log[x] = byte(i)
		x <<= 1
		if x&0x100 != 0 {
			x ^= 0x11D
		}
	}
	// A second period, so that exp[log a + log b] needs no modulo.
	for i := 255; i < len(exp); i++ {
		exp[i] = exp[i-255]
	}
	return exp, log
}

func gfMul(a, b byte) byte {
	if a == 0 || b == 0 {
		return 0
	}
	return gfExp[int(gfLog[a])+int(gfLog[b])]
}

// generator returns the coefficients of (x − α⁰)(x − α¹)…(x − α^(n−1)),
// highest degree first, without the leading 1.
func generator(n int) []byte {
	g := make([]byte, n)
	g[n-1] = 1 // the polynomial 1, kept at the low end
	for i := range n {
		// Multiply by (x + αⁱ): shift up one degree and add αⁱ times.
		for j := 0; j < n; j++ {
			next := byte(0)
			if j+1 < n {
				next = g[j+1]
			}
			g[j] = gfMul(g[j], gfExp[i]) ^ next
		}
	}
	return g
}

// remainder returns the n error-correction codewords of data: the
// remainder of data·xⁿ divided by the generator gen.
func remainder(data, gen []byte) []byte {
	n := len(gen)
	rem := make([]byte, n)
	for _, d := range data {
		factor := d ^ rem[0]
		copy(rem, rem[1:])
		rem[n-1] = 0
		if factor == 0 {
			continue
		}
		lf := int(gfLog[factor])
		for j, c := range gen {
			if c != 0 {
				rem[j] ^= gfExp[lf+int(gfLog[c])]
			}
		}
	}
	return rem
}

// interleave splits the data codewords of version v at level l into
// blocks, adds each block's error correction, and returns the codewords in
// the order they are placed (§7.6): the blocks' data codewords column by
// column, then their error correction the same way.
func interleave(data []byte, v int, l Level) []byte {
	blocks := numBlocks[l][v]
	ec := ecCodewordsPerBlock[l][v]
	total := numCodewords(v)
	short := blocks - total%blocks // blocks with one data codeword fewer
	shortData := total/blocks - ec
	gen := generator(ec)

	out := make([]byte, 0, total)
	starts := make([]int, blocks+1)
	for b := range blocks {
		n := shortData
		if b >= short {
			n++
		}
		starts[b+1] = starts[b] + n
	}
	for i := 0; i <= shortData; i++ {
		for b := range blocks {
			if i < starts[b+1]-starts[b] {
				out = append(out, data[starts[b]+i])
			}
		}
	}
	ecs := make([][]byte, blocks)
	for b := range blocks {
		ecs[b] = remainder(data[starts[b]:starts[b+1]], gen)
	}
	for i := range ec {
		for b := range blocks {
			out = append(out, ecs[b][i])
		}
	}
	return out
}
