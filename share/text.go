package share

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// LineSymbols is how many symbols every numbered line but the last holds.
const LineSymbols = 24

// Line is one numbered line of a share's text (FORMAT.md §7).
type Line struct {
	Number  int
	Symbols string // canonical symbols, without spaces
	Check   string // two check symbols
}

// Groups returns the line's symbols in groups of four.
func (l Line) Groups() string {
	var sb strings.Builder
	for i := 0; i < len(l.Symbols); i += 4 {
		if i > 0 {
			sb.WriteByte(' ')
		}
		sb.WriteString(l.Symbols[i:min(i+4, len(l.Symbols))])
	}
	return sb.String()
}

// Lines cuts a share string into numbered lines with their checks.
func Lines(str string) []Line {
	var lines []Line
	for i := 0; i < len(str); i += LineSymbols {
		data := str[i:min(i+LineSymbols, len(str))]
		n := len(lines) + 1
		last := i+LineSymbols >= len(str)
		lines = append(lines, Line{Number: n, Symbols: data, Check: checkSymbols(lineCheck(n, last, data))})
	}
	return lines
}

// NumberWidth returns how many digits line numbers are printed with.
func NumberWidth(lines []Line) int {
	return max(2, len(strconv.Itoa(len(lines))))
}

// MarshalText returns the share file: comment lines that say what the share
// is, then the share string in numbered lines.
func (s *Share) MarshalText() ([]byte, error) {
	str, err := s.Marshal()
	if err != nil {
		return nil, err
	}
	var b bytes.Buffer
	fmt.Fprintf(&b, "# quorum share, format %d: keep the numbered lines exactly as they are\n", formatVersion)
	fmt.Fprintf(&b, "# set %s, label %q\n", s.Fingerprint(), s.Label)
	fmt.Fprintf(&b, "# share %d of %d, any %d rebuild the secret; custodian %s (%s), created %s\n",
		s.Index, s.Shares, s.Threshold, s.Custodian, s.Kind, s.Created.Format("2006-01-02"))
	lines := Lines(str)
	w := NumberWidth(lines)
	for _, l := range lines {
		fmt.Fprintf(&b, "%0*d  %-29s  %s\n", w, l.Number, l.Groups(), l.Check)
	}
	return b.Bytes(), nil
}

// zbarPrefix is what zbarimg writes before each code it reads, unless run
// with --raw; its output is accepted as it is.
const zbarPrefix = "QR-Code:"

// Read reads every share and part in a text: share files (numbered lines,
// several in a row are fine), share and part strings one a line as QR
// readers return them, and zbarimg's output. Parts are returned unjoined,
// since the other parts of a share may be in other files. Signatures are
// not checked.
func Read(text []byte) ([]*Share, []*Part, error) {
	var shares []*Share
	var parts []*Part
	var numbered []numberedLine // lines of the share being read
	flush := func() error {
		if len(numbered) == 0 {
			return nil
		}
		s, err := parseNumbered(numbered)
		numbered = nil
		if err != nil {
			return err
		}
		shares = append(shares, s)
		return nil
	}
	sc := bufio.NewScanner(bytes.NewReader(text))
	sc.Buffer(nil, 1<<20)
	for lineNo := 1; sc.Scan(); lineNo++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || line[0] == '#' {
			continue
		}
		fields := strings.Fields(line)
		if len(fields) == 1 {
			if err := flush(); err != nil {
				return nil, nil, err
			}
			tok, _ := strings.CutPrefix(fields[0], zbarPrefix)
			if len(tok) >= 4 && strings.EqualFold(tok[:3], partMagic) {
				p, err := ParsePart(tok)
				if err != nil {
					return nil, nil, err
				}
				parts = append(parts, p)
				continue
			}
			s, err := ParseString(tok)
			if err != nil {
				return nil, nil, err
			}
			shares = append(shares, s)
			continue
		}
		n, err := strconv.Atoi(fields[0])
		if err != nil || len(fields) < 3 {
			return nil, nil, ErrNotShare
		}
		// A line 1 after a share's last line starts the next share.
		if n == 1 && len(numbered) > 0 && numbered[len(numbered)-1].last {
			if err := flush(); err != nil {
				return nil, nil, err
			}
		}
		nl, err := checkLine(n, len(numbered)+1, strings.Join(fields[1:len(fields)-1], ""), fields[len(fields)-1])
		if err != nil {
			return nil, nil, err
		}
		if len(numbered) > 0 && numbered[len(numbered)-1].last {
			// A full line whose check was mistyped can pass as a last line
			// (1 in 31 slips of the second check symbol): the line to
			// correct is that one, not the one after it.
			return nil, nil, &LineError{Line: n - 1, Reason: fmt.Sprintf("checksum mismatch: its check fits only a last line, but line %d follows", n)}
		}
		numbered = append(numbered, nl)
	}
	if err := sc.Err(); err != nil {
		return nil, nil, &MalformedError{Err: err}
	}
	if err := flush(); err != nil {
		return nil, nil, err
	}
	if len(shares) == 0 && len(parts) == 0 {
		return nil, nil, ErrNotShare
	}
	return shares, parts, nil
}

type numberedLine struct {
	symbols string
	last    bool
}

// CheckLine checks one typed line of a share's text: n is the line number
// the person typed, want the one expected next, symbols and check as typed
// (spaces among the symbols are allowed). It returns the canonical symbols
// and whether the line is the share's last.
func CheckLine(n, want int, symbols, check string) (string, bool, error) {
	nl, err := checkLine(n, want, strings.Join(strings.Fields(symbols), ""), check)
	return nl.symbols, nl.last, err
}

func checkLine(n, want int, symbols, check string) (numberedLine, error) {
	switch {
	case n < 1:
		return numberedLine{}, &LineError{Line: want, Reason: fmt.Sprintf("is numbered %d; lines are numbered from 1", n)}
	case n > want:
		return numberedLine{}, &LineError{Line: want, Reason: "is missing"}
	case n < want:
		return numberedLine{}, &LineError{Line: n, Reason: fmt.Sprintf("comes again after line %d", want-1)}
	}
	data, bad := normalize(symbols)
	if bad >= 0 {
		return numberedLine{}, &LineError{Line: n, Reason: fmt.Sprintf("symbol %d is not in the alphabet", bad+1)}
	}
	if len(data) == 0 {
		// A last line holds 1 to 24 symbols (FORMAT.md §7); without this,
		// a typed line of a number and a check alone would pass as a last
		// line one time in 1024 (found by FuzzCheckLine).
		return numberedLine{}, &LineError{Line: n, Reason: "has no symbols"}
	}
	c, bad := normalize(check)
	if bad >= 0 || len(c) != 2 {
		return numberedLine{}, &LineError{Line: n, Reason: "the check is not two symbols"}
	}
	switch {
	case len(data) == LineSymbols && c == checkSymbols(lineCheck(n, false, data)):
		return numberedLine{symbols: data}, nil
	case len(data) <= LineSymbols && c == checkSymbols(lineCheck(n, true, data)):
		return numberedLine{symbols: data, last: true}, nil
	case len(data) != LineSymbols:
		return numberedLine{}, &LineError{Line: n, Reason: fmt.Sprintf("checksum mismatch: the line has %d symbols where %d belong", len(data), LineSymbols)}
	}
	reason := "checksum mismatch"
	// A share of a later format version may check its lines otherwise;
	// say so rather than blame a typo that may not be there.
	var ve *VersionError
	if n == 1 && errors.As(checkPrefix(data, prefixMagic), &ve) {
		reason += fmt.Sprintf(", or the share is of format version %d, which this quorum does not read", ve.Version)
	}
	return numberedLine{}, &LineError{Line: n, Reason: reason}
}

// parseNumbered joins checked lines into a share.
func parseNumbered(lines []numberedLine) (*Share, error) {
	if !lines[len(lines)-1].last {
		return nil, &TruncatedError{Lines: len(lines)}
	}
	var sb strings.Builder
	for _, l := range lines {
		sb.WriteString(l.symbols)
	}
	return ParseString(sb.String())
}
