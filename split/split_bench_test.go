package split_test

import (
	"bytes"
	"fmt"
	"testing"
	"time"

	"quorum/split"
)

// BenchmarkSplitThreshold is the split of bench/run's scale table, without
// sheets: n = 5, 50, 255 with k = 3 and k = n−1, the two ends of the
// self-test's work (many small subsets, or a few that hold almost every
// share). BenchmarkSplit has k = n/2+1.
func BenchmarkSplitThreshold(b *testing.B) {
	cs, _ := custodians(b, 255)
	secret := bytes.Repeat([]byte{0x5A}, 64)
	for _, n := range []int{5, 50, 255} {
		for _, k := range []int{3, n - 1} {
			b.Run(fmt.Sprintf("n=%d/k=%d", n, k), func(b *testing.B) {
				for b.Loop() {
					if _, err := split.Split(split.Options{Secret: secret, Threshold: k, Custodians: cs[:n], Created: time.Now(), Tool: "bench"}); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}
