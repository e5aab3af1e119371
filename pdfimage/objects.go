package pdfimage

import (
	"bytes"
	"fmt"
	"image"
	"sort"
	"strconv"
)

// Limits on the structure of a file, checked before anything is allocated
// or followed. A scanner's PDF has a few objects per page; these leave
// room for any real document and stop hostile ones early.
const (
	maxObjects      = 500_000  // object numbers an xref may declare
	maxXrefSections = 256      // /Prev chain of incremental updates
	maxResolve      = 16       // references followed while resolving one value
	maxObjStmBytes  = 16 << 20 // an object stream holds dictionaries, never pixels
	maxObjStmCount  = 100_000  // objects in one object stream
)

// xrefEntry says where an object lives: in the file at off (kind 1), or
// as the idx-th object of object stream stm (kind 2).
type xrefEntry struct {
	kind byte
	off  int64
	stm  int
	idx  int
}

// objStm is a decoded object stream (ISO 32000-1 §7.5.7).
type objStm struct {
	data []byte
	offs []int // offset of each object in data, after /First
}

// doc is one PDF being read.
type doc struct {
	data    []byte
	xref    map[int]xrefEntry
	trailer dict
	scanned bool              // whether xref holds the fallback scan's findings
	scan    map[int]xrefEntry // objects found by scanning the file, built on demand
	cache   map[int]object
	failed  map[int]error // objects and object streams that failed, so that each fails once
	busy    map[int]bool
	stms    map[int]*objStm
	depth   int
	xrefErr error               // why the xref table was not used, if it was not
	spent   int64               // bytes of decoded images so far, against maxTotalBytes
	images  map[int]image.Image // decoded images by object number: a logo on every page is decoded once
}

func newDoc(data []byte) *doc {
	return &doc{data: data, cache: map[int]object{}, failed: map[int]error{}, busy: map[int]bool{}, stms: map[int]*objStm{}, images: map[int]image.Image{}}
}

// resolve follows references until it reaches a direct object. A reference
// to a missing object is null (ISO 32000-1 §7.3.10).
func (d *doc) resolve(o object) (object, error) {
	for i := 0; ; i++ {
		r, ok := o.(ref)
		if !ok {
			return o, nil
		}
		if i > maxResolve {
			return nil, &FormatError{Object: r.num, Offset: -1, Reason: "references form a chain or loop"}
		}
		var err error
		if o, err = d.get(r.num); err != nil {
			return nil, err
		}
	}
}

// get returns object num, parsed once and cached.
func (d *doc) get(num int) (object, error) {
	if o, ok := d.cache[num]; ok {
		return o, nil
	}
	// A broken object is remembered: a thousand references to one
	// broken object stream must not inflate it a thousand times.
	if err, ok := d.failed[num]; ok {
		return nil, err
	}
	if d.busy[num] {
		return nil, &FormatError{Object: num, Offset: -1, Reason: "object refers to itself"}
	}
	if d.depth >= maxResolve {
		return nil, &LimitError{Object: num, What: fmt.Sprintf("chain of more than %d objects needed to read one", maxResolve), Limit: maxResolve}
	}
	d.busy[num] = true
	d.depth++
	o, err := d.load(num)
	d.depth--
	delete(d.busy, num)
	if err != nil {
		d.failed[num] = err
		return nil, err
	}
	d.cache[num] = o
	return o, nil
}

func (d *doc) load(num int) (object, error) {
	e, ok := d.xref[num]
	if !ok {
		return nil, nil
	}
	if e.kind == 2 {
		return d.fromStream(num, e)
	}
	o, err := d.objectAt(e.off, num)
	if err != nil && !d.scanned {
		// The xref table points to the wrong place, as in files edited by
		// hand or by careless tools: look for the object itself.
		if e2, ok := d.scanFor(num); ok && e2.off != e.off {
			return d.objectAt(e2.off, num)
		}
	}
	return o, err
}

// objectAt parses "num gen obj … endobj" at off.
func (d *doc) objectAt(off int64, num int) (object, error) {
	if off < 0 || off >= int64(len(d.data)) {
		return nil, &FormatError{Object: num, Offset: off, Reason: "object is outside the file"}
	}
	l := &lexer{data: d.data, pos: int(off)}
	n, err1 := l.object(0)
	_, err2 := l.object(0)
	kw, err3 := l.object(0)
	if err1 != nil || err2 != nil || err3 != nil || kw != keyword("obj") {
		return nil, &FormatError{Object: num, Offset: off, Reason: "no \"obj\" where the cross-reference table points"}
	}
	if n != int64(num) {
		return nil, &FormatError{Object: num, Offset: off, Reason: fmt.Sprintf("found object %v where the cross-reference table points", n)}
	}
	o, err := l.object(0)
	if err != nil {
		return nil, withObject(err, num)
	}
	dct, ok := o.(dict)
	if !ok {
		return o, nil
	}
	l.skip()
	if !keywordAt(d.data, l.pos, "stream") {
		return o, nil
	}
	pos := l.pos + len("stream")
	if pos < len(d.data) && d.data[pos] == '\r' {
		pos++
	}
	if pos < len(d.data) && d.data[pos] == '\n' {
		pos++
	}
	raw, err := d.streamData(dct, pos, num)
	if err != nil {
		return nil, err
	}
	return &stream{dict: dct, raw: raw, num: num}, nil
}

// streamData returns the bytes of a stream that starts at pos. /Length is
// trusted only when "endstream" follows it; otherwise, as viewers do, the
// stream runs to the next "endstream", which a truncated file lacks.
func (d *doc) streamData(dct dict, pos, num int) ([]byte, error) {
	n := -1
	if lo, ok := dct["Length"]; ok {
		// An indirect /Length may point anywhere, even back to this object:
		// get's busy set catches that.
		if v, err := d.resolve(lo); err == nil {
			if i, ok := v.(int64); ok && i >= 0 && i <= int64(len(d.data)-pos) {
				n = int(i)
			}
		}
	}
	if n >= 0 {
		l := &lexer{data: d.data, pos: pos + n}
		l.skip()
		if keywordAt(d.data, l.pos, "endstream") {
			return d.data[pos : pos+n], nil
		}
	}
	end := bytes.Index(d.data[pos:], []byte("endstream"))
	if end < 0 {
		return nil, &FormatError{Object: num, Offset: int64(pos), Reason: "stream has no end (the file is truncated)"}
	}
	raw := d.data[pos : pos+end]
	raw = bytes.TrimSuffix(raw, []byte("\n"))
	raw = bytes.TrimSuffix(raw, []byte("\r"))
	return raw, nil
}

// withObject adds an object number to an error from the lexer.
func withObject(err error, num int) error {
	switch e := err.(type) {
	case *FormatError:
		if e.Object == 0 {
			e.Object = num
		}
	case *LimitError:
		if e.Object == 0 {
			e.Object = num
		}
	}
	return err
}

// fromStream returns the idx-th object of an object stream.
func (d *doc) fromStream(num int, e xrefEntry) (object, error) {
	os, err := d.objStm(e.stm)
	if err != nil {
		return nil, err
	}
	if e.idx < 0 || e.idx >= len(os.offs) {
		return nil, &FormatError{Object: num, Offset: -1, Reason: fmt.Sprintf("object stream %d has no object %d", e.stm, e.idx)}
	}
	l := &lexer{data: os.data, pos: os.offs[e.idx]}
	o, err := l.object(0)
	if err != nil {
		return nil, withObject(err, num)
	}
	return o, nil
}

func (d *doc) objStm(num int) (*objStm, error) {
	if os, ok := d.stms[num]; ok {
		return os, nil
	}
	if err, ok := d.failed[-num]; ok { // -num: the stream decoded as an object stream
		return nil, err
	}
	os, err := d.readObjStm(num)
	if err != nil {
		d.failed[-num] = err
		return nil, err
	}
	d.stms[num] = os
	return os, nil
}

func (d *doc) readObjStm(num int) (*objStm, error) {
	o, err := d.get(num)
	if err != nil {
		return nil, err
	}
	s, ok := o.(*stream)
	if !ok {
		return nil, &FormatError{Object: num, Offset: -1, Reason: "object stream is not a stream"}
	}
	data, err := d.plainStream(s, maxObjStmBytes)
	if err != nil {
		return nil, err
	}
	n, _ := d.intOf(s.dict["N"])
	first, _ := d.intOf(s.dict["First"])
	if n < 0 || n > maxObjStmCount || n > len(data)/2 || first < 0 || first > len(data) {
		return nil, &FormatError{Object: num, Offset: -1, Reason: "object stream has a bad /N or /First"}
	}
	os := &objStm{data: data, offs: make([]int, 0, n)}
	l := &lexer{data: data[:first]}
	for i := 0; i < n; i++ {
		_, err1 := l.object(0)
		off, err2 := l.object(0)
		o, ok := off.(int64)
		if err1 != nil || err2 != nil || !ok || o < 0 || o > int64(len(data)-first) {
			return nil, &FormatError{Object: num, Offset: -1, Reason: "object stream has a bad index"}
		}
		os.offs = append(os.offs, first+int(o))
	}
	return os, nil
}

// plainStream decodes a stream that is not an image (an object stream or
// a cross-reference stream), refusing to produce more than limit bytes.
func (d *doc) plainStream(s *stream, limit int) ([]byte, error) {
	filters, parms, err := d.filters(s.dict)
	if err != nil {
		return nil, withObject(err, s.num)
	}
	data := s.raw
	for i, f := range filters {
		data, err = d.byteFilter(f, parms[i], data, limit, s.num, 0)
		if err != nil {
			return nil, err
		}
	}
	return data, nil
}

// intOf resolves o and returns it as an int, or -1 and false.
func (d *doc) intOf(o object) (int, bool) {
	v, err := d.resolve(o)
	if err != nil {
		return -1, false
	}
	switch v := v.(type) {
	case int64:
		if v >= -1<<31 && v < 1<<31 {
			return int(v), true
		}
	case float64:
		if v >= -1<<31 && v < 1<<31 {
			return int(v), true
		}
	}
	return -1, false
}

// scanFor finds object num by scanning the file, building the scan once.
func (d *doc) scanFor(num int) (xrefEntry, bool) {
	if d.scan == nil {
		d.scan = scanObjects(d.data)
	}
	e, ok := d.scan[num]
	return e, ok
}

// scanObjects finds every "N G obj" in data, the last one of each number
// winning as in an incremental update. It is the fallback for files whose
// cross-reference table is missing, truncated or wrong.
func scanObjects(data []byte) map[int]xrefEntry {
	found := map[int]xrefEntry{}
	for i := 0; len(found) < maxObjects; {
		j := bytes.Index(data[i:], []byte("obj"))
		if j < 0 {
			break
		}
		k := i + j // "obj" at k
		i = k + 3
		if !keywordAt(data, k, "obj") {
			continue
		}
		// Walk back over " G " and "N", each digits separated by space.
		p := k
		q := p
		for q > 0 && isSpace(data[q-1]) {
			q--
		}
		g := q
		for g > 0 && data[g-1] >= '0' && data[g-1] <= '9' {
			g--
		}
		if g == q || q == p {
			continue
		}
		q = g
		for q > 0 && isSpace(data[q-1]) {
			q--
		}
		s := q
		for s > 0 && data[s-1] >= '0' && data[s-1] <= '9' {
			s--
		}
		if s == q || q == g || q-s > 9 || (s > 0 && isRegular(data[s-1])) {
			continue
		}
		n, err := strconv.Atoi(string(data[s:q]))
		if err != nil {
			continue
		}
		found[n] = xrefEntry{kind: 1, off: int64(s)}
	}
	return found
}

// sortedKeys returns the object numbers of m in order.
func sortedKeys(m map[int]xrefEntry) []int {
	keys := make([]int, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Ints(keys)
	return keys
}
