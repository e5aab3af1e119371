// Command scanrows makes the images of bench/pages' rows for the decoder's
// cost on what is not a clean sheet: a blank page and a page of noise, the
// size of the page it is given (an A4 sheet at 300 dpi), and a
// 12-megapixel phone photo of that page, saved as JPEG at quality 90 as
// phones save them:
//
//	go run ./bench/scanrows PAGE.png DIR
//
// It writes DIR/blank.png, DIR/noise.png and DIR/photo.jpg. The images are
// drawn with package quorum/internal/degrade from a fixed seed, as scan's
// benchmarks draw theirs, so that a run measures the same images.
package main

import (
	"bytes"
	"fmt"
	"image"
	"image/draw"
	"image/jpeg"
	"image/png"
	"os"
	"path/filepath"

	"quorum/internal/degrade"
)

// photoPixels is a phone's 12-megapixel sensor, 4000 × 3000.
const photoPixels = 12_000_000

func main() {
	if len(os.Args) != 3 {
		fmt.Fprintln(os.Stderr, "usage: scanrows PAGE.png DIR")
		os.Exit(2)
	}
	if err := run(os.Args[1], os.Args[2]); err != nil {
		fmt.Fprintln(os.Stderr, "scanrows:", err)
		os.Exit(1)
	}
}

func run(pagePNG, dir string) error {
	data, err := os.ReadFile(pagePNG)
	if err != nil {
		return err
	}
	img, err := png.Decode(bytes.NewReader(data))
	if err != nil {
		return fmt.Errorf("%s: %v", pagePNG, err)
	}
	page := image.NewGray(image.Rect(0, 0, img.Bounds().Dx(), img.Bounds().Dy()))
	draw.Draw(page, page.Bounds(), img, img.Bounds().Min, draw.Src)
	w, h := page.Bounds().Dx(), page.Bounds().Dy()

	var blank, noise, photo bytes.Buffer
	enc := png.Encoder{CompressionLevel: png.BestSpeed}
	if err := enc.Encode(&blank, degrade.Blank(w, h, degrade.Stream(1, "blank"))); err != nil {
		return err
	}
	if err := enc.Encode(&noise, degrade.Noise(w, h, degrade.Stream(1, "noise"))); err != nil {
		return err
	}
	shot := degrade.Photo(page, degrade.Stream(1, "photo"), photoPixels)
	if err := jpeg.Encode(&photo, shot, &jpeg.Options{Quality: 90}); err != nil {
		return err
	}
	for name, b := range map[string][]byte{"blank.png": blank.Bytes(), "noise.png": noise.Bytes(), "photo.jpg": photo.Bytes()} {
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
			return err
		}
	}
	return nil
}
