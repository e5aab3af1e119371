package scan

import (
	"image"
	"math/rand/v2"
	"testing"

	xdraw "golang.org/x/image/draw"
)

// TestScaleKernel checks that scaleKernel makes the very pixels of
// x/image's kernel scaler, whose memory it saves: the stages after it
// were tuned on what x/image made.
func TestScaleKernel(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	src := image.NewGray(image.Rect(0, 0, 301, 203))
	for i := range src.Pix {
		// Codes' edges: runs of black and white, and grays between.
		src.Pix[i] = []uint8{0, 255, uint8(r.IntN(256))}[r.IntN(3)]
	}
	for _, tt := range []struct {
		name   string
		kernel *xdraw.Kernel
		w, h   int
	}{
		{"bilinear 0.8", xdraw.BiLinear, 240, 162},
		{"bilinear 0.75", xdraw.BiLinear, 225, 152},
		{"bilinear 0.6", xdraw.BiLinear, 180, 121},
		{"bilinear 0.65", xdraw.BiLinear, 195, 131},
		{"catmull-rom 1.5", xdraw.CatmullRom, 451, 304},
		{"catmull-rom 2", xdraw.CatmullRom, 602, 406},
		{"catmull-rom, wider and shorter", xdraw.CatmullRom, 400, 100},
		{"one pixel", xdraw.BiLinear, 1, 1},
	} {
		t.Run(tt.name, func(t *testing.T) {
			want := image.NewGray(image.Rect(0, 0, tt.w, tt.h))
			tt.kernel.Scale(want, want.Bounds(), src, src.Bounds(), xdraw.Src, nil)
			got := image.NewGray(want.Rect)
			scaleKernel(got, src, tt.kernel)
			for i := range want.Pix {
				if got.Pix[i] != want.Pix[i] {
					t.Fatalf("pixel (%d, %d): got %d, want %d (x/image)", i%tt.w, i/tt.w, got.Pix[i], want.Pix[i])
				}
			}
		})
	}
}
