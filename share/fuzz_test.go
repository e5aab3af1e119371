package share_test

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"strconv"
	"strings"
	"testing"

	"quorum/share"
)

// vectorShares returns the shares of every vector that reads, so that the
// fuzz targets below start from real shares; it fails if there are none.
func vectorShares(f *testing.F) []*share.Share {
	var shares []*share.Share
	for _, v := range readVectors(f) {
		if s, _, err := share.Read(v.text); err == nil {
			shares = append(shares, s...)
		}
	}
	if len(shares) == 0 {
		f.Fatal("no vector reads as a share: the fuzz targets would have no seeds")
	}
	return shares
}

// FuzzCheckLine checks share.CheckLine, which reads the lines a custodian
// types from a sheet: it never panics; a line it accepts is canonical and
// accepted again as it came back; a line it refuses is refused with a
// *LineError naming the line typed or the line expected. The seeds are
// every numbered line of the vectors, as typed and in lower case.
func FuzzCheckLine(f *testing.F) {
	seeds := 0
	for _, v := range readVectors(f) {
		for _, line := range strings.Split(string(v.text), "\n") {
			fields := strings.Fields(line)
			if len(fields) < 3 || strings.HasPrefix(line, "#") {
				continue
			}
			n, err := strconv.Atoi(fields[0])
			if err != nil {
				continue
			}
			symbols := strings.Join(fields[1:len(fields)-1], " ")
			check := fields[len(fields)-1]
			f.Add(n, n, symbols, check)
			f.Add(n, n, strings.ToLower(symbols), strings.ToLower(check))
			seeds++
		}
	}
	if seeds == 0 {
		f.Fatal("no numbered lines in the vectors: no seeds")
	}
	f.Fuzz(func(t *testing.T, n, want int, symbols, check string) {
		got, last, err := share.CheckLine(n, want, symbols, check)
		if err != nil {
			var le *share.LineError
			if !errors.As(err, &le) {
				t.Fatalf("CheckLine: untyped error %v", err)
			}
			if le.Line != n && le.Line != want {
				t.Fatalf("error names line %d; typed %d, expected %d", le.Line, n, want)
			}
			return
		}
		if n != want {
			t.Fatalf("accepted line %d where %d was expected", n, want)
		}
		if len(got) == 0 || len(got) > share.LineSymbols || (!last && len(got) != share.LineSymbols) {
			t.Fatalf("accepted %d symbols (last %v)", len(got), last)
		}
		if strings.Trim(got, "0123456789ABCDEFGHJKMNPQRSTVWXYZ") != "" {
			t.Fatalf("returned symbols %q are not canonical", got)
		}
		again, last2, err := share.CheckLine(n, want, got, strings.ToUpper(check))
		if err != nil || again != got || last2 != last {
			t.Fatalf("the canonical line is not accepted as it was: %v", err)
		}
	})
}

// FuzzParts checks share.ParsePart and share.JoinParts, which read the
// QR codes of a share printed in parts, one part string a line: they never
// panic; a part that parses marshals back to its canonical string; their
// errors are the package's types; a joined share carries the hash, set and
// index its parts named. The seeds are the vectors' shares cut in 2 and 3.
func FuzzParts(f *testing.F) {
	for _, s := range vectorShares(f) {
		for _, m := range []int{2, 3} {
			parts, err := s.Split(m)
			if err != nil {
				f.Fatal(err)
			}
			var lines []string
			for _, p := range parts {
				lines = append(lines, p.Marshal())
			}
			f.Add([]byte(strings.Join(lines, "\n")))
			f.Add([]byte(strings.ToLower(lines[0])))
		}
	}
	f.Fuzz(func(t *testing.T, text []byte) {
		var parts []*share.Part
		for _, line := range strings.Split(string(text), "\n") {
			p, err := share.ParsePart(line)
			if err != nil {
				var me *share.MalformedError
				var ve *share.VersionError
				if !errors.As(err, &me) && !errors.As(err, &ve) && !errors.Is(err, share.ErrNotShare) {
					t.Fatalf("ParsePart: untyped error %v", err)
				}
				continue
			}
			str := p.Marshal()
			q, err := share.ParsePart(str)
			if err != nil || q.Marshal() != str {
				t.Fatalf("the part string does not read back: %v", err)
			}
			parts = append(parts, p)
		}
		if len(parts) == 0 {
			return
		}
		shares, err := share.JoinParts(parts)
		if err != nil {
			var me *share.MalformedError
			var mp *share.MissingPartsError
			if !errors.As(err, &me) && !errors.As(err, &mp) {
				t.Fatalf("JoinParts: untyped error %v", err)
			}
			return
		}
		for _, s := range shares {
			hash, err := s.Hash()
			if err != nil {
				t.Fatalf("Hash of a joined share: %v", err)
			}
			setID := sha256.Sum256(s.SetKey)
			found := false
			for _, p := range parts {
				found = found || (bytes.Equal(p.ShareHash[:], hash[:16]) && bytes.Equal(p.SetID[:], setID[:16]) && p.Index == s.Index)
			}
			if !found {
				t.Fatalf("joined share %d matches none of its parts", s.Index)
			}
		}
	})
}
