package share

import (
	"bytes"
	"encoding/base64"
	"encoding/binary"
	"errors"
	"fmt"
	"strings"
)

// This file holds the compact form of the sealed age file (FORMAT.md §4):
// the age header's base64 costs a third more QR modules than its bytes, so a
// share stores the header decoded and rebuilds it byte for byte on demand.

const ageIntro = "age-encryption.org/v1\n"

// stanzaCodes are the one-byte codes of the stanza types age writes today;
// any other type is stored as text under code 255.
var stanzaCodes = map[string]byte{
	"X25519":         1,
	"mlkem768x25519": 2,
	"ssh-ed25519":    3,
	"ssh-rsa":        4,
	"scrypt":         5,
}

const stanzaOther = 255

var b64 = base64.RawStdEncoding.Strict()

type stanza struct {
	typ  string
	args []string
	body []byte
}

// ageFile is an age file split into its parts.
type ageFile struct {
	stanzas []stanza
	mac     []byte
	payload []byte
}

// parseAge reads an age file in the binary (not armored) format. It accepts
// only what it can rebuild exactly; callers compare the rebuild anyway.
func parseAge(b []byte) (*ageFile, error) {
	if !bytes.HasPrefix(b, []byte(ageIntro)) {
		return nil, errors.New("not an age file")
	}
	rest := b[len(ageIntro):]
	line := func() (string, bool) {
		i := bytes.IndexByte(rest, '\n')
		if i < 0 {
			return "", false
		}
		l := string(rest[:i])
		rest = rest[i+1:]
		return l, true
	}
	f := &ageFile{}
	for {
		l, ok := line()
		if !ok {
			return nil, errors.New("age header is truncated")
		}
		if mac, ok := strings.CutPrefix(l, "--- "); ok {
			m, err := b64.DecodeString(mac)
			if err != nil || len(m) != 32 {
				return nil, errors.New("age header MAC is malformed")
			}
			f.mac = m
			f.payload = rest
			return f, nil
		}
		fields, ok := strings.CutPrefix(l, "-> ")
		if !ok {
			return nil, errors.New("age header line is malformed")
		}
		parts := strings.Split(fields, " ")
		s := stanza{typ: parts[0], args: parts[1:]}
		for {
			l, ok := line()
			if !ok {
				return nil, errors.New("age stanza body is truncated")
			}
			chunk, err := b64.DecodeString(l)
			if err != nil || len(l) > 64 {
				return nil, errors.New("age stanza body is malformed")
			}
			s.body = append(s.body, chunk...)
			if len(l) < 64 {
				break
			}
		}
		f.stanzas = append(f.stanzas, s)
	}
}

// bytes rebuilds the age file exactly as age writes it.
func (f *ageFile) bytes() []byte {
	var b bytes.Buffer
	b.WriteString(ageIntro)
	for _, s := range f.stanzas {
		b.WriteString("-> " + s.typ)
		for _, a := range s.args {
			b.WriteString(" " + a)
		}
		b.WriteByte('\n')
		body := b64.EncodeToString(s.body)
		for len(body) >= 64 {
			b.WriteString(body[:64] + "\n")
			body = body[64:]
		}
		b.WriteString(body + "\n")
	}
	b.WriteString("--- " + b64.EncodeToString(f.mac) + "\n")
	b.Write(f.payload)
	return b.Bytes()
}

// compactAge converts an age file to the compact form of FORMAT.md §4.
func compactAge(age []byte) ([]byte, error) {
	f, err := parseAge(age)
	if err != nil {
		return nil, err
	}
	if !bytes.Equal(f.bytes(), age) {
		return nil, errors.New("age file is not in canonical form")
	}
	if len(f.stanzas) == 0 || len(f.stanzas) > 255 {
		return nil, fmt.Errorf("age file has %d recipient stanzas", len(f.stanzas))
	}
	out := []byte{byte(len(f.stanzas))}
	for _, s := range f.stanzas {
		if code, ok := stanzaCodes[s.typ]; ok {
			out = append(out, code)
		} else {
			if len(s.typ) > 255 {
				return nil, errors.New("age stanza type is too long")
			}
			out = append(out, stanzaOther, byte(len(s.typ)))
			out = append(out, s.typ...)
		}
		if len(s.args) > 255 {
			return nil, errors.New("age stanza has too many arguments")
		}
		out = append(out, byte(len(s.args)))
		for _, a := range s.args {
			stored, flag := []byte(a), uint16(0)
			if d, err := b64.DecodeString(a); err == nil && b64.EncodeToString(d) == a {
				stored, flag = d, 1<<15
			}
			if len(stored) >= 1<<15 {
				return nil, errors.New("age stanza argument is too long")
			}
			out = binary.BigEndian.AppendUint16(out, flag|uint16(len(stored)))
			out = append(out, stored...)
		}
		if len(s.body) > 0xFFFF {
			return nil, errors.New("age stanza body is too long")
		}
		out = binary.BigEndian.AppendUint16(out, uint16(len(s.body)))
		out = append(out, s.body...)
	}
	out = append(out, f.mac...)
	if len(f.payload) > 0xFFFF {
		return nil, errors.New("age payload is too long")
	}
	out = binary.BigEndian.AppendUint16(out, uint16(len(f.payload)))
	return append(out, f.payload...), nil
}

// reader reads the fixed-width fields of a share body; the first short read
// sticks, so that callers check once at the end.
type reader struct {
	b   []byte
	err error
}

func (r *reader) bytes(n int) []byte {
	if r.err != nil {
		return nil
	}
	if n > len(r.b) {
		r.err = errors.New("data ends too early")
		return nil
	}
	v := r.b[:n:n]
	r.b = r.b[n:]
	return v
}

func (r *reader) byte() byte {
	if v := r.bytes(1); v != nil {
		return v[0]
	}
	return 0
}

func (r *reader) uint16() uint16 {
	if v := r.bytes(2); v != nil {
		return binary.BigEndian.Uint16(v)
	}
	return 0
}

// expandAge reads the compact form from r and rebuilds the age file.
func expandAge(r *reader) ([]byte, error) {
	start := r.b
	f := &ageFile{}
	count := int(r.byte())
	if r.err == nil && count == 0 {
		return nil, errors.New("sealed payload has no recipient stanza")
	}
	for i := 0; i < count && r.err == nil; i++ {
		var s stanza
		code := r.byte()
		if code == stanzaOther {
			s.typ = string(r.bytes(int(r.byte())))
		} else {
			for name, c := range stanzaCodes {
				if c == code {
					s.typ = name
				}
			}
			if s.typ == "" && r.err == nil {
				return nil, fmt.Errorf("unknown age stanza code %d", code)
			}
		}
		nargs := int(r.byte())
		for j := 0; j < nargs && r.err == nil; j++ {
			h := r.uint16()
			v := r.bytes(int(h & 0x7FFF))
			if h&(1<<15) != 0 {
				s.args = append(s.args, b64.EncodeToString(v))
			} else {
				s.args = append(s.args, string(v))
			}
		}
		s.body = r.bytes(int(r.uint16()))
		f.stanzas = append(f.stanzas, s)
	}
	f.mac = r.bytes(32)
	f.payload = r.bytes(int(r.uint16()))
	if r.err != nil {
		return nil, r.err
	}
	age := f.bytes()
	// A stored text argument that is valid base64, or a type or argument
	// with a space or newline, would spell the same share two ways or
	// rebuild a different header: refuse it, so that parse then marshal
	// gives the input back.
	consumed := start[:len(start)-len(r.b)]
	if again, err := compactAge(age); err != nil || !bytes.Equal(again, consumed) {
		return nil, errors.New("sealed payload is not in canonical compact form")
	}
	return age, nil
}
