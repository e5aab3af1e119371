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
	"flag"
	"fmt"
	"image"
	_ "image/png"
	"os"

	"github.com/makiuchi-d/gozxing"
	"github.com/makiuchi-d/gozxing/qrcode/decoder"
	"github.com/makiuchi-d/gozxing/qrcode/detector"

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
	bmp, err := gozxing.NewBinaryBitmap(gozxing.NewHybridBinarizer(gozxing.NewLuminanceSourceFromImage(img)))
	if err != nil {
		return err
	}
	m, err := bmp.GetBlackMatrix()
	if err != nil {
		return err
	}
	hints := map[gozxing.DecodeHintType]interface{}{gozxing.DecodeHintType_TRY_HARDER: true}
	det, err := detector.NewDetector(m).Detect(hints)
	if err != nil {
		return fmt.Errorf("no code found: %v", err)
	}
	bits := det.GetBits()
	res, err := decoder.NewDecoder().Decode(bits, hints)
	if err != nil {
		return fmt.Errorf("the code found does not decode: %v", err)
	}
	n := bits.GetWidth()
	fmt.Printf("%d %d %s\n", (n-17)/4, n, res.GetECLevel())
	return nil
}
