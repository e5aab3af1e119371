package pdfimage

import (
	"bytes"
	"fmt"
	"strconv"
)

// The PDF object model (ISO 32000-1 §7.3), as far as images need it.
// Strings are kept undecoded: no image attribute is a string except an
// Indexed palette, whose bytes are then taken as they are after escapes.
type (
	object  any // nil (null), bool, int64, float64, name, []byte (string), array, dict, ref, *stream, keyword
	name    string
	array   []object
	dict    map[name]object
	keyword string
	ref     struct{ num, gen int }
)

// stream is a stream object; raw is a slice of the file, still encoded.
type stream struct {
	dict dict
	raw  []byte
	num  int
}

// maxNesting bounds arrays and dictionaries nested in one another, so that
// "[[[[…" cannot exhaust the stack. Real PDFs nest a handful deep.
const maxNesting = 32

// lexer reads PDF tokens from data starting at pos.
type lexer struct {
	data []byte
	pos  int
}

func isSpace(c byte) bool {
	return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == 0
}

func isDelim(c byte) bool {
	switch c {
	case '(', ')', '<', '>', '[', ']', '{', '}', '/', '%':
		return true
	}
	return false
}

func isRegular(c byte) bool { return !isSpace(c) && !isDelim(c) }

// skip passes white space and comments.
func (l *lexer) skip() {
	for l.pos < len(l.data) {
		c := l.data[l.pos]
		if isSpace(c) {
			l.pos++
		} else if c == '%' {
			for l.pos < len(l.data) && l.data[l.pos] != '\n' && l.data[l.pos] != '\r' {
				l.pos++
			}
		} else {
			return
		}
	}
}

func (l *lexer) errorf(format string, args ...any) error {
	return &FormatError{Offset: int64(l.pos), Reason: fmt.Sprintf(format, args...)}
}

// object parses one direct object, or a reference "N G R".
func (l *lexer) object(depth int) (object, error) {
	if depth > maxNesting {
		return nil, &LimitError{What: fmt.Sprintf("objects nested more than %d deep", maxNesting), Limit: maxNesting}
	}
	l.skip()
	if l.pos >= len(l.data) {
		return nil, l.errorf("unexpected end of file")
	}
	switch c := l.data[l.pos]; {
	case c == '/':
		return l.name(), nil
	case c == '<' && l.pos+1 < len(l.data) && l.data[l.pos+1] == '<':
		return l.dict(depth)
	case c == '<':
		return l.hexString()
	case c == '(':
		return l.literalString()
	case c == '[':
		l.pos++
		var a array
		for {
			l.skip()
			if l.pos >= len(l.data) {
				return nil, l.errorf("array does not end")
			}
			if l.data[l.pos] == ']' {
				l.pos++
				return a, nil
			}
			o, err := l.object(depth + 1)
			if err != nil {
				return nil, err
			}
			a = append(a, o)
		}
	case c == '+' || c == '-' || c == '.' || (c >= '0' && c <= '9'):
		return l.number()
	case isRegular(c):
		start := l.pos
		for l.pos < len(l.data) && isRegular(l.data[l.pos]) {
			l.pos++
		}
		switch k := string(l.data[start:l.pos]); k {
		case "true":
			return true, nil
		case "false":
			return false, nil
		case "null":
			return nil, nil
		default:
			return keyword(k), nil
		}
	default:
		return nil, l.errorf("a byte that starts no PDF object") // never quoted: the file may not be a PDF at all
	}
}

func (l *lexer) name() name {
	l.pos++ // '/'
	start := l.pos
	for l.pos < len(l.data) && isRegular(l.data[l.pos]) {
		l.pos++
	}
	raw := l.data[start:l.pos]
	if bytes.IndexByte(raw, '#') < 0 {
		return name(raw)
	}
	var b []byte
	for i := 0; i < len(raw); i++ {
		if raw[i] == '#' && i+2 < len(raw) {
			if v, err := strconv.ParseUint(string(raw[i+1:i+3]), 16, 8); err == nil {
				b = append(b, byte(v))
				i += 2
				continue
			}
		}
		b = append(b, raw[i])
	}
	return name(b)
}

func (l *lexer) dict(depth int) (object, error) {
	l.pos += 2 // "<<"
	d := dict{}
	for {
		l.skip()
		if l.pos+1 < len(l.data) && l.data[l.pos] == '>' && l.data[l.pos+1] == '>' {
			l.pos += 2
			return d, nil
		}
		if l.pos >= len(l.data) {
			return nil, l.errorf("dictionary does not end")
		}
		if l.data[l.pos] != '/' {
			return nil, l.errorf("dictionary key is not a name")
		}
		k := l.name()
		v, err := l.object(depth + 1)
		if err != nil {
			return nil, err
		}
		d[k] = v
	}
}

// number parses an integer or real, and turns "N G R" into a reference.
func (l *lexer) number() (object, error) {
	start := l.pos
	l.pos++
	for l.pos < len(l.data) && (l.data[l.pos] == '.' || (l.data[l.pos] >= '0' && l.data[l.pos] <= '9')) {
		l.pos++
	}
	tok := string(l.data[start:l.pos])
	n, err := strconv.ParseInt(tok, 10, 64)
	if err != nil {
		f, err := strconv.ParseFloat(tok, 64)
		if err != nil {
			// Such as "-" or "1.2.3": PDF readers take these as 0.
			return int64(0), nil
		}
		return f, nil
	}
	if n < 0 || n > 1<<31 {
		return n, nil
	}
	// Look ahead for "G R" without consuming anything if it is not there.
	save := l.pos
	l.skip()
	gs := l.pos
	for l.pos < len(l.data) && l.data[l.pos] >= '0' && l.data[l.pos] <= '9' {
		l.pos++
	}
	if l.pos > gs && l.pos-gs <= 5 {
		g, _ := strconv.Atoi(string(l.data[gs:l.pos]))
		l.skip()
		if l.pos < len(l.data) && l.data[l.pos] == 'R' && (l.pos+1 == len(l.data) || !isRegular(l.data[l.pos+1])) {
			l.pos++
			return ref{num: int(n), gen: g}, nil
		}
	}
	l.pos = save
	return n, nil
}

func (l *lexer) literalString() (object, error) {
	l.pos++ // '('
	var b []byte
	nest := 1
	for l.pos < len(l.data) {
		c := l.data[l.pos]
		l.pos++
		switch c {
		case '(':
			nest++
		case ')':
			nest--
			if nest == 0 {
				return b, nil
			}
		case '\\':
			if l.pos >= len(l.data) {
				break
			}
			e := l.data[l.pos]
			l.pos++
			switch e {
			case 'n':
				c = '\n'
			case 'r':
				c = '\r'
			case 't':
				c = '\t'
			case 'b':
				c = '\b'
			case 'f':
				c = '\f'
			case '\r':
				if l.pos < len(l.data) && l.data[l.pos] == '\n' {
					l.pos++
				}
				continue
			case '\n':
				continue
			default:
				if e >= '0' && e <= '7' {
					v := int(e - '0')
					for i := 0; i < 2 && l.pos < len(l.data) && l.data[l.pos] >= '0' && l.data[l.pos] <= '7'; i++ {
						v = v*8 + int(l.data[l.pos]-'0')
						l.pos++
					}
					c = byte(v)
				} else {
					c = e
				}
			}
		}
		b = append(b, c)
	}
	return nil, l.errorf("string does not end")
}

func (l *lexer) hexString() (object, error) {
	l.pos++ // '<'
	end := bytes.IndexByte(l.data[l.pos:], '>')
	if end < 0 {
		return nil, l.errorf("hex string does not end")
	}
	b, err := asciiHex(l.data[l.pos:l.pos+end+1], end)
	l.pos += end + 1
	if err != nil {
		return nil, l.errorf("bad hex string")
	}
	return b, nil
}

// keywordAt reports whether the keyword kw starts at pos, followed by a
// delimiter, white space or the end of data.
func keywordAt(data []byte, pos int, kw string) bool {
	if pos < 0 || !bytes.HasPrefix(data[pos:], []byte(kw)) {
		return false
	}
	e := pos + len(kw)
	return e == len(data) || !isRegular(data[e])
}
