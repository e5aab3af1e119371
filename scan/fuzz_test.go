package scan

import (
	"bytes"
	"image"
	"image/png"
	"testing"

	qrcode "github.com/skip2/go-qrcode"
)

// maxFuzzPixels keeps each input small enough that the fuzzer explores
// rather than waits; large images are a matter for the decoder's callers,
// which bound dimensions before decoding.
const maxFuzzPixels = 256 * 256

// FuzzDecode feeds arbitrary PNG bytes to Decode, the entry point that
// scanned sheets will reach: it must never panic or hang, whatever the
// image holds, and what it returns is only ever text it read.
func FuzzDecode(f *testing.F) {
	seeds := 0
	for _, text := range []string{"QRM1ABCDEFGH0123456789", "not a share", "QRP1" + "Z"} {
		q, err := qrcode.New(text, qrcode.High)
		if err != nil {
			f.Fatal(err)
		}
		b, err := q.PNG(128)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
		seeds++
	}
	var blank bytes.Buffer
	png.Encode(&blank, image.NewGray(image.Rect(0, 0, 40, 40)))
	f.Add(blank.Bytes())
	if seeds == 0 {
		f.Fatal("no seeds")
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		cfg, err := png.DecodeConfig(bytes.NewReader(data))
		if err != nil || cfg.Width*cfg.Height > maxFuzzPixels || cfg.Width <= 0 || cfg.Height <= 0 {
			return
		}
		img, err := png.Decode(bytes.NewReader(data))
		if err != nil {
			return
		}
		texts, err := Decode(img)
		if err == nil && len(texts) == 0 {
			t.Fatal("Decode returned no text and no error")
		}
	})
}
