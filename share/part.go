package share

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"fmt"
	"sort"
	"strings"
)

const (
	// PartPrefix starts every part string of this format version.
	PartPrefix = "QRP1"
	partMagic  = "QRP"

	partHeaderSize = 16 + 1 + 1 + 1 + 16
)

// Part is one QR code of a share that is too long for one code
// (FORMAT.md §8).
type Part struct {
	SetID     [16]byte // first 16 bytes of SHA-256 of the set public key
	Index     int      // the share's index
	Number    int      // i: 1 … Count
	Count     int      // m: 2 … 255
	ShareHash [16]byte // first 16 bytes of the share hash
	Chunk     []byte   // bytes of the share body
}

// Split cuts a share into m parts of equal size, the last shorter.
func (s *Share) Split(m int) ([]*Part, error) {
	if m < 2 || m > 255 {
		return nil, fmt.Errorf("a share is cut into 2…255 parts, not %d", m)
	}
	body, err := s.Body()
	if err != nil {
		return nil, err
	}
	hash, err := s.Hash()
	if err != nil {
		return nil, err
	}
	setID := sha256.Sum256(s.SetKey)
	size := (len(body) + m - 1) / m
	var parts []*Part
	for i := 0; i < m; i++ {
		chunk := body[min(i*size, len(body)):min((i+1)*size, len(body))]
		if len(chunk) == 0 {
			return nil, fmt.Errorf("a share of %d bytes cannot be cut into %d parts", len(body), m)
		}
		p := &Part{Index: s.Index, Number: i + 1, Count: m, Chunk: chunk}
		copy(p.SetID[:], setID[:])
		copy(p.ShareHash[:], hash[:])
		parts = append(parts, p)
	}
	return parts, nil
}

// Marshal returns the part string, as its QR code holds it.
func (p *Part) Marshal() string {
	b := make([]byte, 0, partHeaderSize+len(p.Chunk))
	b = append(b, p.SetID[:]...)
	b = append(b, byte(p.Index), byte(p.Number), byte(p.Count))
	b = append(b, p.ShareHash[:]...)
	b = append(b, p.Chunk...)
	return PartPrefix + encode(b)
}

// ParsePart reads a part string.
func ParsePart(str string) (*Part, error) {
	str = strings.TrimSpace(str)
	if err := checkPrefix(str, partMagic); err != nil {
		return nil, err
	}
	b, err := decode(str[len(PartPrefix):])
	if err != nil {
		return nil, &MalformedError{Err: fmt.Errorf("part: %v", err)}
	}
	if len(b) <= partHeaderSize {
		return nil, &MalformedError{Err: errors.New("part: data ends too early")}
	}
	p := &Part{Index: int(b[16]), Number: int(b[17]), Count: int(b[18]), Chunk: b[partHeaderSize:]}
	copy(p.SetID[:], b[:16])
	copy(p.ShareHash[:], b[19:35])
	if p.Count < 2 || p.Number < 1 || p.Number > p.Count || p.Index < 1 {
		return nil, &MalformedError{Err: fmt.Errorf("part %d of %d of share %d is impossible", p.Number, p.Count, p.Index)}
	}
	return p, nil
}

// MissingPartsError says which parts of a share were not given.
type MissingPartsError struct {
	Index   int
	Count   int
	Missing []int
}

func (e *MissingPartsError) Error() string {
	nums := make([]string, len(e.Missing))
	for i, n := range e.Missing {
		nums[i] = fmt.Sprint(n)
	}
	return fmt.Sprintf("share %d: part %s of %d missing", e.Index, strings.Join(nums, ", "), e.Count)
}

// JoinParts joins parts, given in any order and possibly twice, into the
// shares they make. Every share must be complete.
func JoinParts(parts []*Part) ([]*Share, error) {
	groups := map[[16]byte][]*Part{}
	var order [][16]byte
	for _, p := range parts {
		if _, ok := groups[p.ShareHash]; !ok {
			order = append(order, p.ShareHash)
		}
		groups[p.ShareHash] = append(groups[p.ShareHash], p)
	}
	var shares []*Share
	for _, h := range order {
		g := groups[h]
		byNumber := map[int]*Part{}
		for _, p := range g {
			if p.Count != g[0].Count || p.Index != g[0].Index || p.SetID != g[0].SetID {
				return nil, &MalformedError{Err: fmt.Errorf("parts of share %d disagree on what share they belong to", g[0].Index)}
			}
			if q, ok := byNumber[p.Number]; ok && !bytes.Equal(q.Chunk, p.Chunk) {
				return nil, &MalformedError{Err: fmt.Errorf("share %d has two different parts %d", p.Index, p.Number)}
			}
			byNumber[p.Number] = p
		}
		var missing []int
		for i := 1; i <= g[0].Count; i++ {
			if byNumber[i] == nil {
				missing = append(missing, i)
			}
		}
		if len(missing) > 0 {
			return nil, &MissingPartsError{Index: g[0].Index, Count: g[0].Count, Missing: missing}
		}
		nums := make([]int, 0, len(byNumber))
		for n := range byNumber {
			nums = append(nums, n)
		}
		sort.Ints(nums)
		var body []byte
		for _, n := range nums {
			body = append(body, byNumber[n].Chunk...)
		}
		s, err := parseBody(body)
		if err != nil {
			return nil, err
		}
		hash, err := s.Hash()
		setID := sha256.Sum256(s.SetKey)
		if err != nil || !bytes.Equal(hash[:16], h[:]) || !bytes.Equal(setID[:16], g[0].SetID[:]) || s.Index != g[0].Index {
			return nil, &MalformedError{Err: fmt.Errorf("share %d joined from parts does not match the share hash, set or index they carry", s.Index)}
		}
		shares = append(shares, s)
	}
	return shares, nil
}
