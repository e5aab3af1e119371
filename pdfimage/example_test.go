package pdfimage_test

import (
	"errors"
	"fmt"
	"log"
	"os"

	"quorum/pdfimage"
)

// ExampleImages lists the page images of a scanned PDF: here one made by
// img2pdf from a gray PNG, an RGB PNG, a one-bit PNG, a JPEG and a CCITT
// Group 4 TIFF.
func ExampleImages() {
	data, err := os.ReadFile("testdata/img2pdf-multi.pdf")
	if err != nil {
		log.Fatal(err)
	}
	imgs, err := pdfimage.Images(data)
	if errors.Is(err, pdfimage.ErrNoImages) {
		log.Fatal("not a scan: print it and scan the paper")
	} else if err != nil {
		log.Fatal(err) // a *FormatError, *LimitError or *UnsupportedError
	}
	for _, im := range imgs {
		fmt.Printf("page %d: %v %T\n", im.Page, im.Image.Bounds().Size(), im.Image)
	}
	// Output:
	// page 1: (40,30) *image.Gray
	// page 2: (32,24) *image.RGBA
	// page 3: (61,43) *image.Gray
	// page 4: (32,24) *image.YCbCr
	// page 5: (200,150) *image.Gray
}
