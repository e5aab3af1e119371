package strength

import (
	"math"
	"sync"
)

// qwerty is the US keyboard, row by row, each row unshifted and shifted.
// A row sits half a key to the right of the one above, so that "q" touches
// "1", "2", "w" and "a".
var qwerty = [4][2]string{
	{"`1234567890-=", "~!@#$%^&*()_+"},
	{"qwertyuiop[]\\", "QWERTYUIOP{}|"},
	{"asdfghjkl;'", "ASDFGHJKL:\""},
	{"zxcvbnm,./", "ZXCVBNM<>?"},
}

type key struct {
	x, y    int
	shifted bool
}

// neighbours are the six directions from a key of the staggered layout,
// as zxcvbn's slanted adjacency: left, up-left, up-right, right,
// down-right, down-left.
var neighbours = [6][2]int{{-1, 0}, {0, -1}, {1, -1}, {1, 0}, {0, 1}, {-1, 1}}

type keyboard struct {
	keys   map[rune]key
	at     map[[2]int]bool
	degree float64 // the average number of neighbours of a key
}

// layout is the one keyboard table, built on first use; it never changes.
var layout = sync.OnceValue(func() keyboard {
	kb := keyboard{keys: map[rune]key{}, at: map[[2]int]bool{}}
	for y, row := range qwerty {
		for shift, chars := range row {
			for c, r := range []rune(chars) {
				x := c
				if y > 0 {
					x++ // the rows below the digits start under "1"
				}
				kb.keys[r] = key{x, y, shift == 1}
				kb.at[[2]int{x, y}] = true
			}
		}
	}
	edges := 0
	for pos := range kb.at {
		for _, d := range neighbours {
			if kb.at[[2]int{pos[0] + d[0], pos[1] + d[1]}] {
				edges++
			}
		}
	}
	kb.degree = float64(edges) / float64(len(kb.at))
	return kb
})

// direction returns which neighbour b is of a, or -1.
func (kb keyboard) direction(a, b rune) int {
	ka, ok1 := kb.keys[a]
	kb2, ok2 := kb.keys[b]
	if !ok1 || !ok2 {
		return -1
	}
	for d, n := range neighbours {
		if kb2.x == ka.x+n[0] && kb2.y == ka.y+n[1] {
			return d
		}
	}
	return -1
}

// keyboardPieces finds walks of three or more keys, each next to the one
// before ("qwerty", "1qaz", "zaq1"), priced as zxcvbn prices them: the
// walks of that length with that many turns, from any starting key, then
// the ways the shifted keys could be placed among them.
func keyboardPieces(r []rune) []piece {
	kb := layout()
	starts := float64(len(kb.keys))
	var ps []piece
	for i := range r {
		turns, shifted, last := 0, 0, -1
		if k, ok := kb.keys[r[i]]; ok && k.shifted {
			shifted++
		}
		for j := i + 1; j < len(r); j++ {
			d := kb.direction(r[j-1], r[j])
			if d < 0 {
				break
			}
			if d != last {
				turns++
				last = d
			}
			if kb.keys[r[j]].shifted {
				shifted++
			}
			length := j + 1 - i
			if length < 3 {
				continue
			}
			g := 0.0
			for l := 2; l <= length; l++ {
				for t := 1; t <= min(turns, l-1); t++ {
					g += binomial(l-1, t-1) * starts * math.Pow(kb.degree, float64(t))
				}
			}
			switch {
			case shifted == length:
				g *= 2
			case shifted > 0:
				g *= variations(shifted, length-shifted)
			}
			ps = append(ps, piece{i, j + 1, math.Log2(g), "a keyboard walk"})
		}
	}
	return ps
}
