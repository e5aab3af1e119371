package pdfimage

import (
	"bytes"
	"errors"
	"fmt"
)

// readXref reads the cross-reference table (ISO 32000-1 §7.5.4) or stream
// (§7.5.8) that "startxref" points to, and the older sections its /Prev
// and /XRefStm name. If that fails, or leads to no catalog, it falls back
// to scanning the file for objects, as viewers do for damaged files.
func (d *doc) readXref() error {
	err := d.readXrefChain()
	if err == nil {
		if _, ok := d.trailer["Encrypt"]; ok {
			return &UnsupportedError{Feature: "encrypted pdf"}
		}
		if root, rerr := d.resolve(d.trailer["Root"]); rerr == nil {
			if _, ok := root.(dict); ok {
				return nil
			}
		}
		err = &FormatError{Offset: -1, Reason: "trailer has no document catalog (/Root)"}
	}
	var le *LimitError
	if errors.As(err, &le) {
		return err
	}
	d.xrefErr = err
	return d.fallback()
}

func (d *doc) readXrefChain() error {
	i := bytes.LastIndex(d.data, []byte("startxref"))
	if i < 0 {
		return &FormatError{Offset: -1, Reason: "no startxref (the file is truncated)"}
	}
	l := &lexer{data: d.data, pos: i + len("startxref")}
	o, err := l.object(0)
	off, ok := o.(int64)
	if err != nil || !ok {
		return &FormatError{Offset: int64(i), Reason: "startxref has no offset"}
	}
	d.xref = map[int]xrefEntry{}
	seen := map[int64]bool{}
	for n := 0; off >= 0; n++ {
		// A /Prev that points back to a section already read is a loop:
		// everything in it has been read, so stop there.
		if seen[off] {
			break
		}
		if n >= maxXrefSections {
			return &LimitError{What: fmt.Sprintf("more than %d cross-reference sections", maxXrefSections), Limit: maxXrefSections}
		}
		seen[off] = true
		t, err := d.xrefSection(off)
		if err != nil {
			return err
		}
		if d.trailer == nil {
			d.trailer = t
		}
		// A hybrid file's table names a cross-reference stream as well;
		// its entries come after the table's own.
		if xs, ok := t["XRefStm"].(int64); ok && !seen[xs] {
			seen[xs] = true
			if _, err := d.xrefSection(xs); err != nil {
				return err
			}
		}
		off = -1
		if p, ok := t["Prev"].(int64); ok {
			off = p
		}
	}
	return nil
}

// xrefSection reads the table or stream at off into d.xref, keeping
// entries already there (newer sections are read first), and returns its
// trailer dictionary.
func (d *doc) xrefSection(off int64) (dict, error) {
	if off < 0 || off >= int64(len(d.data)) {
		return nil, &FormatError{Offset: off, Reason: "cross-reference offset is outside the file"}
	}
	l := &lexer{data: d.data, pos: int(off)}
	l.skip()
	if keywordAt(d.data, l.pos, "xref") {
		l.pos += len("xref")
		return d.xrefTable(l)
	}
	return d.xrefStream(off)
}

func (d *doc) xrefTable(l *lexer) (dict, error) {
	for {
		l.skip()
		if keywordAt(d.data, l.pos, "trailer") {
			l.pos += len("trailer")
			o, err := l.object(0)
			if err != nil {
				return nil, err
			}
			t, ok := o.(dict)
			if !ok {
				return nil, l.errorf("trailer is not a dictionary")
			}
			return t, nil
		}
		a, err1 := l.object(0)
		b, err2 := l.object(0)
		start, ok1 := a.(int64)
		count, ok2 := b.(int64)
		if err1 != nil || err2 != nil || !ok1 || !ok2 || start < 0 || count < 0 {
			return nil, l.errorf("bad cross-reference subsection header")
		}
		if start+count > maxObjects {
			return nil, &LimitError{What: fmt.Sprintf("cross-reference table of %d objects, more than the limit of %d", start+count, maxObjects), Limit: maxObjects}
		}
		// Each entry is 20 bytes; a count the file cannot hold is a lie.
		if count > int64(len(d.data)-l.pos)/18+1 {
			return nil, l.errorf("cross-reference subsection is longer than the file")
		}
		for i := int64(0); i < count; i++ {
			o, err1 := l.object(0)
			_, err2 := l.object(0)
			k, err3 := l.object(0)
			off, ok := o.(int64)
			if err1 != nil || err2 != nil || err3 != nil || !ok || (k != keyword("n") && k != keyword("f")) {
				return nil, l.errorf("bad cross-reference entry")
			}
			num := int(start + i)
			if _, have := d.xref[num]; have {
				continue
			}
			if k == keyword("n") {
				d.xref[num] = xrefEntry{kind: 1, off: off}
			} else {
				d.xref[num] = xrefEntry{kind: 0}
			}
		}
	}
}

func (d *doc) xrefStream(off int64) (dict, error) {
	l := &lexer{data: d.data, pos: int(off)}
	n, _ := l.object(0)
	num, ok := n.(int64)
	if !ok || num < 0 || num > maxObjects {
		return nil, &FormatError{Offset: off, Reason: "no cross-reference table or stream where startxref points"}
	}
	o, err := d.objectAt(off, int(num))
	if err != nil {
		return nil, err
	}
	s, ok := o.(*stream)
	if !ok || s.dict["Type"] != name("XRef") {
		return nil, &FormatError{Object: int(num), Offset: off, Reason: "not a cross-reference stream"}
	}
	size, _ := d.intOf(s.dict["Size"])
	if size < 0 || size > maxObjects {
		return nil, &LimitError{Object: int(num), What: fmt.Sprintf("cross-reference stream of %d objects, more than the limit of %d", size, maxObjects), Limit: maxObjects}
	}
	wa, _ := s.dict["W"].(array)
	if len(wa) != 3 {
		return nil, &FormatError{Object: int(num), Offset: off, Reason: "cross-reference stream has a bad /W"}
	}
	var w [3]int
	for i := range w {
		v, ok := wa[i].(int64)
		if !ok || v < 0 || v > 8 {
			return nil, &FormatError{Object: int(num), Offset: off, Reason: "cross-reference stream has a bad /W"}
		}
		w[i] = int(v)
	}
	entry := w[0] + w[1] + w[2]
	if entry == 0 {
		return nil, &FormatError{Object: int(num), Offset: off, Reason: "cross-reference stream has a bad /W"}
	}
	index := array{int64(0), int64(size)}
	if ix, ok := s.dict["Index"].(array); ok {
		index = ix
	}
	total := 0
	for i := 1; i < len(index); i += 2 {
		c, ok := index[i].(int64)
		if !ok || c < 0 || c > maxObjects {
			return nil, &FormatError{Object: int(num), Offset: off, Reason: "cross-reference stream has a bad /Index"}
		}
		total += int(c)
		if total > maxObjects {
			return nil, &LimitError{Object: int(num), What: fmt.Sprintf("cross-reference stream of %d objects, more than the limit of %d", total, maxObjects), Limit: maxObjects}
		}
	}
	// The stream holds exactly total entries, plus one predictor byte per
	// row when PNG prediction is used: anything beyond that is refused.
	data, err := d.plainStream(s, total*(entry+1)+64)
	if err != nil {
		return nil, err
	}
	p := 0
	field := func(width, def int) int64 {
		if width == 0 {
			return int64(def)
		}
		var v int64
		for i := 0; i < width; i++ {
			v = v<<8 | int64(data[p+i])
		}
		p += width
		return v
	}
	for i := 0; i+1 < len(index); i += 2 {
		start, ok1 := index[i].(int64)
		count, _ := index[i+1].(int64)
		if !ok1 || start < 0 || start+count > maxObjects {
			return nil, &FormatError{Object: int(num), Offset: off, Reason: "cross-reference stream has a bad /Index"}
		}
		for j := int64(0); j < count; j++ {
			if p+entry > len(data) {
				return nil, &FormatError{Object: int(num), Offset: off, Reason: "cross-reference stream is shorter than its /Index"}
			}
			typ, f2, f3 := field(w[0], 1), field(w[1], 0), field(w[2], 0)
			objNum := int(start + j)
			if _, have := d.xref[objNum]; have {
				continue
			}
			switch typ {
			case 1:
				d.xref[objNum] = xrefEntry{kind: 1, off: f2}
			case 2:
				if f2 > maxObjects || f3 > maxObjStmCount {
					continue
				}
				d.xref[objNum] = xrefEntry{kind: 2, stm: int(f2), idx: int(f3)}
			default:
				d.xref[objNum] = xrefEntry{kind: 0}
			}
		}
	}
	return s.dict, nil
}

// fallback rebuilds the cross-reference from a scan of the file: every
// "N G obj", the objects of every object stream found, and as trailer the
// last "trailer" dictionary or cross-reference stream that names a
// catalog, else the last object of /Type /Catalog.
func (d *doc) fallback() error {
	if d.scan == nil {
		d.scan = scanObjects(d.data)
	}
	d.xref = map[int]xrefEntry{}
	for k, v := range d.scan {
		d.xref[k] = v
	}
	d.scanned = true
	d.cache = map[int]object{}
	d.failed = map[int]error{}
	d.stms = map[int]*objStm{}
	d.trailer = nil
	if t := bytes.LastIndex(d.data, []byte("trailer")); t >= 0 {
		l := &lexer{data: d.data, pos: t + len("trailer")}
		if o, err := l.object(0); err == nil {
			if td, ok := o.(dict); ok {
				if _, ok := td["Encrypt"]; ok {
					return &UnsupportedError{Feature: "encrypted pdf"}
				}
				if _, ok := td["Root"].(ref); ok {
					d.trailer = td
				}
			}
		}
	}
	var catalog ref
	for _, num := range sortedKeys(d.scan) {
		o, err := d.get(num)
		if err != nil {
			continue
		}
		switch o := o.(type) {
		case *stream:
			switch o.dict["Type"] {
			case name("ObjStm"):
				os, err := d.objStm(num)
				if err != nil {
					continue
				}
				d.addStm(num, o, os)
			case name("XRef"):
				if _, ok := o.dict["Encrypt"]; ok {
					return &UnsupportedError{Feature: "encrypted pdf"}
				}
				if _, ok := o.dict["Root"].(ref); ok && d.trailer == nil {
					d.trailer = o.dict
				}
			}
		case dict:
			if o["Type"] == name("Catalog") {
				catalog = ref{num: num}
			}
		}
	}
	if d.trailer == nil && catalog.num > 0 {
		d.trailer = dict{"Root": catalog}
	}
	if d.trailer == nil {
		// Catalogs may also sit in object streams.
		for num, e := range d.xref {
			if e.kind != 2 {
				continue
			}
			if o, err := d.get(num); err == nil {
				if dd, ok := o.(dict); ok && dd["Type"] == name("Catalog") && num > catalog.num {
					catalog = ref{num: num}
				}
			}
		}
		if catalog.num > 0 {
			d.trailer = dict{"Root": catalog}
		}
	}
	if d.trailer == nil {
		reason := "no document catalog found"
		if fe, ok := d.xrefErr.(*FormatError); ok {
			reason += " and " + fe.Reason
		}
		return &FormatError{Offset: -1, Reason: reason}
	}
	return nil
}

// addStm registers the objects of object stream num that the scan did not
// find in the file itself.
func (d *doc) addStm(num int, s *stream, os *objStm) {
	first, _ := d.intOf(s.dict["First"])
	l := &lexer{data: os.data[:min(max(first, 0), len(os.data))]}
	for i := range os.offs {
		o, err := l.object(0)
		n, ok := o.(int64)
		if err != nil || !ok {
			return
		}
		l.object(0)
		if _, have := d.xref[int(n)]; !have && n >= 0 && n < maxObjects {
			d.xref[int(n)] = xrefEntry{kind: 2, stm: num, idx: i}
		}
	}
}
