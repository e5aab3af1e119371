package pdfimage

import (
	"bytes"
	"compress/lzw"
	"compress/zlib"
	"errors"
	"io"

	tifflzw "golang.org/x/image/tiff/lzw"
)

// errTooLong is returned by a byte filter whose output would pass its
// limit; the caller turns it into a [LimitError] that names the object.
var errTooLong = errors.New("output over limit")

// inflate decompresses a FlateDecode stream (zlib, RFC 1950), reading at
// most limit bytes: it returns errTooLong when there are more. A stream
// that ends early or has a bad checksum still returns what it produced,
// with the error, so that the caller can accept it when it holds all the
// pixels (many writers get the Adler-32 wrong; viewers ignore it).
func inflate(in []byte, limit int) ([]byte, error) {
	zr, err := zlib.NewReader(bytes.NewReader(in))
	if err != nil {
		return nil, err
	}
	defer zr.Close()
	return readLimited(zr, limit, len(in))
}

// unLZW decompresses an LZWDecode stream (ISO 32000-1 §7.4.4). With
// EarlyChange 1, the default, the code width grows one code early, as in
// TIFF: golang.org/x/image/tiff/lzw reads that; compress/lzw reads
// EarlyChange 0, as GIF has it.
func unLZW(in []byte, limit int, earlyChange bool) ([]byte, error) {
	var r io.ReadCloser
	if earlyChange {
		r = tifflzw.NewReader(bytes.NewReader(in), tifflzw.MSB, 8)
	} else {
		r = lzw.NewReader(bytes.NewReader(in), lzw.MSB, 8)
	}
	defer r.Close()
	return readLimited(r, limit, len(in))
}

// readLimited reads r to its end, or to limit bytes and then errTooLong.
// The buffer is sized from the input's likely expansion, never from the
// limit alone: a lie in the image dictionary must not allocate.
func readLimited(r io.Reader, limit, inLen int) ([]byte, error) {
	var buf bytes.Buffer
	buf.Grow(min(limit+1, 4*inLen+512))
	n, err := io.Copy(&buf, io.LimitReader(r, int64(limit)+1))
	if n > int64(limit) {
		return nil, errTooLong
	}
	return buf.Bytes(), err
}

// asciiHex decodes ASCIIHexDecode: hex digits and white space up to '>'.
func asciiHex(in []byte, limit int) ([]byte, error) {
	out := make([]byte, 0, min(len(in)/2+1, limit))
	var hi int = -1
	for _, c := range in {
		var v int
		switch {
		case c >= '0' && c <= '9':
			v = int(c - '0')
		case c >= 'a' && c <= 'f':
			v = int(c-'a') + 10
		case c >= 'A' && c <= 'F':
			v = int(c-'A') + 10
		case isSpace(c):
			continue
		case c == '>':
			goto end
		default:
			return nil, errors.New("bad character in ASCIIHexDecode data")
		}
		if hi < 0 {
			hi = v
			continue
		}
		if len(out) >= limit {
			return nil, errTooLong
		}
		out = append(out, byte(hi<<4|v))
		hi = -1
	}
end:
	if hi >= 0 {
		if len(out) >= limit {
			return nil, errTooLong
		}
		out = append(out, byte(hi<<4))
	}
	return out, nil
}

// ascii85 decodes ASCII85Decode, up to "~>"; 'z' stands for four zeros,
// so the output is bounded by limit, not by the input's length.
func ascii85(in []byte, limit int) ([]byte, error) {
	out := make([]byte, 0, min(len(in), limit))
	var group [5]byte
	n := 0
	flush := func(k int) error {
		var v uint64
		for i := 0; i < 5; i++ {
			v = v*85 + uint64(group[i])
		}
		if v > 0xFFFFFFFF {
			return errors.New("bad group in ASCII85Decode data")
		}
		if len(out)+k > limit {
			return errTooLong
		}
		b := [4]byte{byte(v >> 24), byte(v >> 16), byte(v >> 8), byte(v)}
		out = append(out, b[:k]...)
		return nil
	}
	for i := 0; i < len(in); i++ {
		c := in[i]
		switch {
		case isSpace(c):
			continue
		case c == '~':
			goto end
		case c == 'z' && n == 0:
			if len(out)+4 > limit {
				return nil, errTooLong
			}
			out = append(out, 0, 0, 0, 0)
			continue
		case c < '!' || c > 'u':
			return nil, errors.New("bad character in ASCII85Decode data")
		}
		group[n] = c - '!'
		n++
		if n == 5 {
			if err := flush(4); err != nil {
				return nil, err
			}
			n = 0
		}
	}
end:
	if n == 1 {
		return nil, errors.New("ASCII85Decode data ends in a lone character")
	}
	if n > 1 {
		k := n - 1
		for ; n < 5; n++ {
			group[n] = 84
		}
		if err := flush(k); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// runLength decodes RunLengthDecode (PackBits).
func runLength(in []byte, limit int) ([]byte, error) {
	out := make([]byte, 0, min(2*len(in), limit))
	for i := 0; i < len(in); {
		l := int(in[i])
		i++
		switch {
		case l == 128:
			return out, nil
		case l < 128:
			if i+l+1 > len(in) {
				return nil, io.ErrUnexpectedEOF
			}
			if len(out)+l+1 > limit {
				return nil, errTooLong
			}
			out = append(out, in[i:i+l+1]...)
			i += l + 1
		default:
			if i >= len(in) {
				return nil, io.ErrUnexpectedEOF
			}
			if len(out)+257-l > limit {
				return nil, errTooLong
			}
			for j := 0; j < 257-l; j++ {
				out = append(out, in[i])
			}
			i++
		}
	}
	return out, nil
}

// unpredict undoes a PNG (Predictor ≥ 10: a filter-type byte opens each
// row, RFC 2083 §6) or TIFF (Predictor 2: horizontal differencing, 8 bits
// per component only) predictor in place where it can, returning the rows
// without their filter bytes. bpp is bytes per pixel (at least 1), rowLen
// bytes per row without the filter byte.
func unpredict(data []byte, predictor, bpp, rowLen, bpc int) ([]byte, error) {
	switch {
	case predictor <= 1:
		return data, nil
	case predictor == 2:
		if bpc != 8 {
			return nil, errors.New("TIFF predictor is supported for 8 bits per component only")
		}
		for r := 0; r+rowLen <= len(data); r += rowLen {
			row := data[r : r+rowLen]
			for i := bpp; i < len(row); i++ {
				row[i] += row[i-bpp]
			}
		}
		return data, nil
	case predictor >= 10:
		rows := len(data) / (rowLen + 1)
		out := data[:0] // rows shift left by one byte each: writing never overtakes reading
		var prev []byte
		for r := 0; r < rows; r++ {
			ft := data[r*(rowLen+1)]
			src := data[r*(rowLen+1)+1 : (r+1)*(rowLen+1)]
			start := len(out)
			out = append(out, src...)
			row := out[start:]
			switch ft {
			case 0:
			case 1:
				for i := bpp; i < len(row); i++ {
					row[i] += row[i-bpp]
				}
			case 2:
				if prev != nil {
					for i := range row {
						row[i] += prev[i]
					}
				}
			case 3:
				for i := range row {
					var a, b int
					if i >= bpp {
						a = int(row[i-bpp])
					}
					if prev != nil {
						b = int(prev[i])
					}
					row[i] += byte((a + b) / 2)
				}
			case 4:
				for i := range row {
					var a, b, c int
					if i >= bpp {
						a = int(row[i-bpp])
					}
					if prev != nil {
						b = int(prev[i])
						if i >= bpp {
							c = int(prev[i-bpp])
						}
					}
					row[i] += byte(paeth(a, b, c))
				}
			default:
				return nil, errors.New("bad PNG predictor row type")
			}
			prev = row
		}
		return out, nil
	}
	return nil, errors.New("unknown predictor")
}

func paeth(a, b, c int) int {
	p := a + b - c
	pa, pb, pc := abs(p-a), abs(p-b), abs(p-c)
	if pa <= pb && pa <= pc {
		return a
	}
	if pb <= pc {
		return b
	}
	return c
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}
