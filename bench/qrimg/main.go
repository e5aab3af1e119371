// Command qrimg reads QR codes from image files for bench/run: it is
// quorum's decoder (package scan) behind a command line like zbarimg's, so
// that the two can be timed on the same page, and it measures a code's
// size the same way for quorum's sheets and for qrencode's images.
//
//	qrimg IMAGE...        print the text of every code, one a line
//	qrimg -size IMAGE...  print "VERSION MODULES LEVEL" of the one code in each
//
// -size finds the code with ZXing's detector (github.com/makiuchi-d/gozxing)
// and counts the modules it samples; the decoder then reads the version
// information and the error-correction level from the code itself, and
// the text must decode, so a size is never a guess.
package main

import (
	"errors"
	"flag"
	"fmt"
	"image"
	_ "image/png"
	"os"

	"github.com/makiuchi-d/gozxing"
	"github.com/makiuchi-d/gozxing/qrcode/decoder"
	"github.com/makiuchi-d/gozxing/qrcode/detector"
	xdraw "golang.org/x/image/draw"

	"quorum/scan"
)

func main() {
	size := flag.Bool("size", false, "print the version, module count and level of the code in each image")
	flag.Usage = func() {
		fmt.Fprintln(os.Stderr, "usage: qrimg [-size] IMAGE...")
		flag.PrintDefaults()
	}
	flag.Parse()
	if flag.NArg() == 0 {
		flag.Usage()
		os.Exit(2)
	}
	for _, name := range flag.Args() {
		if err := read(name, *size); err != nil {
			fmt.Fprintf(os.Stderr, "qrimg: %s: %v\n", name, err)
			os.Exit(1)
		}
	}
}

func read(name string, size bool) error {
	f, err := os.Open(name)
	if err != nil {
		return err
	}
	defer f.Close()
	img, _, err := image.Decode(f)
	if err != nil {
		return err
	}
	if !size {
		texts, err := scan.Decode(img)
		if err != nil {
			return err
		}
		for _, t := range texts {
			fmt.Println(t)
		}
		return nil
	}
	// ZXing's detector misjudges the finder patterns of about one whole
	// sheet in twenty at its own size (scan.Decode has the same fallback):
	// at another scale it finds them. The count is of modules, whatever
	// the scale.
	var errs []error
	for _, f := range []float64{1, 0.9, 1.1, 0.75, 0.5} {
		n, level, err := measure(scaled(img, f))
		if err == nil {
			fmt.Printf("%d %d %s\n", (n-17)/4, n, level)
			return nil
		}
		errs = append(errs, fmt.Errorf("at %v of its size: %v", f, err))
	}
	return errors.Join(errs...)
}

// scaled returns img resized by f, bilinear; img itself at 1.
func scaled(img image.Image, f float64) image.Image {
	if f == 1 {
		return img
	}
	b := img.Bounds()
	dst := image.NewGray(image.Rect(0, 0, int(float64(b.Dx())*f), int(float64(b.Dy())*f)))
	xdraw.BiLinear.Scale(dst, dst.Bounds(), img, b, xdraw.Src, nil)
	return dst
}

// measure finds the one code in img with ZXing's detector and decodes
// what it sampled: the modules a side and the error-correction level.
func measure(img image.Image) (int, string, error) {
	bmp, err := gozxing.NewBinaryBitmap(gozxing.NewHybridBinarizer(gozxing.NewLuminanceSourceFromImage(img)))
	if err != nil {
		return 0, "", err
	}
	m, err := bmp.GetBlackMatrix()
	if err != nil {
		return 0, "", err
	}
	hints := map[gozxing.DecodeHintType]interface{}{gozxing.DecodeHintType_TRY_HARDER: true}
	det, err := detector.NewDetector(m).Detect(hints)
	if err != nil {
		return 0, "", fmt.Errorf("no code found: %v", err)
	}
	bits := det.GetBits()
	res, err := decoder.NewDecoder().Decode(bits, hints)
	if err != nil {
		return 0, "", fmt.Errorf("the code found does not decode: %v", err)
	}
	return bits.GetWidth(), res.GetECLevel(), nil
}
