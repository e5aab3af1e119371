package pdfimage

import (
	"errors"
	"fmt"
)

// maxFilters bounds a stream's filter chain; real ones have one or two.
const maxFilters = 8

// filterNames maps the abbreviations of inline images (ISO 32000-1
// Table 94), which some writers use in XObjects too, to the full names.
var filterNames = map[name]string{
	"AHx": "ASCIIHexDecode", "A85": "ASCII85Decode", "LZW": "LZWDecode", "Fl": "FlateDecode",
	"RL": "RunLengthDecode", "CCF": "CCITTFaxDecode", "DCT": "DCTDecode",
}

// filters returns a stream's filter names and their parameter
// dictionaries (nil where a filter has none).
func (d *doc) filters(dct dict) ([]string, []dict, error) {
	fo, err := d.resolve(dct["Filter"])
	if err != nil {
		return nil, nil, err
	}
	var fa array
	switch f := fo.(type) {
	case nil:
	case name:
		fa = array{f}
	case array:
		fa = f
	default:
		return nil, nil, &FormatError{Offset: -1, Reason: "stream /Filter is neither a name nor an array"}
	}
	if len(fa) > maxFilters {
		return nil, nil, &LimitError{What: fmt.Sprintf("chain of %d filters, more than the limit of %d", len(fa), maxFilters), Limit: maxFilters}
	}
	pk := dct["DecodeParms"]
	if pk == nil {
		pk = dct["DP"]
	}
	po, err := d.resolve(pk)
	if err != nil {
		return nil, nil, err
	}
	names := make([]string, len(fa))
	parms := make([]dict, len(fa))
	for i, f := range fa {
		f, err := d.resolve(f)
		if err != nil {
			return nil, nil, err
		}
		n, ok := f.(name)
		if !ok {
			return nil, nil, &FormatError{Offset: -1, Reason: "stream /Filter holds something that is not a name"}
		}
		names[i] = string(n)
		if full, ok := filterNames[n]; ok {
			names[i] = full
		}
		var p object
		switch pv := po.(type) {
		case dict:
			if i == 0 {
				p = pv
			}
		case array:
			if i < len(pv) {
				p = pv[i]
			}
		}
		if p, err = d.resolve(p); err != nil {
			return nil, nil, err
		}
		parms[i], _ = p.(dict)
	}
	return names, parms, nil
}

// byteFilter applies one filter that turns bytes into bytes, producing at
// most limit bytes: more is a decompression bomb, refused with a
// [LimitError]. The PNG and TIFF predictors of Flate and LZW are undone
// here.
func (d *doc) byteFilter(f string, parms dict, data []byte, limit, num, page int) ([]byte, error) {
	var out []byte
	var err error
	switch f {
	case "FlateDecode", "LZWDecode":
		if f == "FlateDecode" {
			out, err = inflate(data, limit)
		} else {
			early, ok := d.intOf(parms["EarlyChange"])
			out, err = unLZW(data, limit, !ok || early != 0)
		}
		if err != nil && err != errTooLong {
			// A stream cut short or with a wrong checksum still counts if
			// it holds what is needed: the caller checks the length.
			if len(out) == 0 {
				return nil, &FormatError{Page: page, Object: num, Offset: -1, Reason: f + " stream does not decompress", Err: err}
			}
			err = nil
		}
	case "ASCIIHexDecode":
		out, err = asciiHex(data, limit)
	case "ASCII85Decode":
		out, err = ascii85(data, limit)
	case "RunLengthDecode":
		out, err = runLength(data, limit)
	case "JBIG2Decode", "JPXDecode", "Crypt", "DCTDecode", "CCITTFaxDecode":
		return nil, &UnsupportedError{Page: page, Object: num, Feature: "filter " + f + " here"}
	default:
		return nil, &UnsupportedError{Page: page, Object: num, Feature: fmt.Sprintf("filter %q", f)}
	}
	if errors.Is(err, errTooLong) {
		return nil, &LimitError{Page: page, Object: num, Limit: int64(limit),
			What: fmt.Sprintf("%s stream decodes to more than the %d bytes it can need: a decompression bomb", f, limit)}
	}
	if err != nil {
		return nil, &FormatError{Page: page, Object: num, Offset: -1, Reason: "bad " + f + " data", Err: err}
	}
	if f == "FlateDecode" || f == "LZWDecode" {
		return d.predict(out, parms, num, page)
	}
	return out, nil
}

// predictorShape reads a predictor's parameters: predictor, bytes per
// pixel, bytes per row (without PNG's filter-type byte), bits per
// component. Defaults are ISO 32000-1 Table 8's.
func (d *doc) predictorShape(parms dict) (pred, bpp, rowLen, bpc int, ok bool) {
	pred, colors, bpc, cols := 1, 1, 8, 1
	if parms == nil {
		return 1, 1, 1, 8, true
	}
	if v, ok := d.intOf(parms["Predictor"]); ok {
		pred = v
	}
	if v, ok := d.intOf(parms["Colors"]); ok {
		colors = v
	}
	if v, ok := d.intOf(parms["BitsPerComponent"]); ok {
		bpc = v
	}
	if v, ok := d.intOf(parms["Columns"]); ok {
		cols = v
	}
	if colors < 1 || colors > 32 || bpc < 1 || bpc > 16 || cols < 1 || cols > maxDimension {
		return 0, 0, 0, 0, false
	}
	bits := cols * colors * bpc
	return pred, max(1, colors*bpc/8), (bits + 7) / 8, bpc, true
}

func (d *doc) predict(data []byte, parms dict, num, page int) ([]byte, error) {
	pred, bpp, rowLen, bpc, ok := d.predictorShape(parms)
	if !ok {
		return nil, &FormatError{Page: page, Object: num, Offset: -1, Reason: "bad predictor parameters"}
	}
	if pred <= 1 {
		return data, nil
	}
	out, err := unpredict(data, pred, bpp, rowLen, bpc)
	if err != nil {
		return nil, &FormatError{Page: page, Object: num, Offset: -1, Reason: "bad predictor data", Err: err}
	}
	return out, nil
}
