package share

import (
	"bytes"
	"crypto/ed25519"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"filippo.io/age"
)

// testShare makes a signed share sealed with real age to a fresh X25519 key.
func testShare(t testing.TB, payload []byte) (*Share, *age.X25519Identity) {
	t.Helper()
	id, err := age.GenerateX25519Identity()
	if err != nil {
		t.Fatal(err)
	}
	var sealed bytes.Buffer
	w, err := age.Encrypt(&sealed, id.Recipient())
	if err != nil {
		t.Fatal(err)
	}
	w.Write(payload)
	w.Close()
	padded, _ := Pad([]byte("correct horse battery staple"))
	key, err := SetKey(padded, bytes.Repeat([]byte{7}, SeedSize))
	if err != nil {
		t.Fatal(err)
	}
	s := &Share{
		Header: Header{
			SetKey: key.Public().(ed25519.PublicKey), Index: 2, Threshold: 3, Shares: 5,
			Created: Day(time.Date(2026, 11, 26, 15, 4, 5, 0, time.UTC)), Kind: KindX25519,
			Label: "root 2026", Custodian: "alice",
		},
		Sealed: sealed.Bytes(),
	}
	if err := s.Sign(key); err != nil {
		t.Fatal(err)
	}
	return s, id
}

func TestRoundTrip(t *testing.T) {
	payload := bytes.Repeat([]byte{0xAB}, 99)
	s, id := testShare(t, payload)
	text, err := s.MarshalText()
	if err != nil {
		t.Fatal(err)
	}
	shares, parts, err := Read(text)
	if err != nil {
		t.Fatalf("Read: %v\n%s", err, text)
	}
	if len(shares) != 1 || len(parts) != 0 {
		t.Fatalf("Read gave %d shares, %d parts; want 1, 0", len(shares), len(parts))
	}
	got := shares[0]
	if err := got.Verify(); err != nil {
		t.Fatalf("Verify: %v", err)
	}
	if got.Label != s.Label || got.Custodian != s.Custodian || got.Index != 2 || !got.Created.Equal(s.Created) {
		t.Errorf("header: got %+v, want %+v", got.Header, s.Header)
	}
	r, err := age.Decrypt(bytes.NewReader(got.Sealed), id)
	if err != nil {
		t.Fatalf("age.Decrypt: %v", err)
	}
	var out bytes.Buffer
	out.ReadFrom(r)
	if !bytes.Equal(out.Bytes(), payload) {
		t.Errorf("payload: got %x, want %x", out.Bytes(), payload)
	}
	str, _ := s.Marshal()
	t.Logf("share string: %d symbols", len(str))
	// The bare string, in lower case, as a QR reader might return it.
	if shares, _, err := Read([]byte(strings.ToLower(str) + "\n")); err != nil || len(shares) != 1 {
		t.Fatalf("Read(bare): %v", err)
	}
	// Parts join back in any order.
	ps, err := s.Split(3)
	if err != nil {
		t.Fatal(err)
	}
	var partText []byte
	for _, i := range []int{2, 0, 1, 0} {
		partText = append(partText, ps[i].Marshal()+"\n"...)
	}
	_, parsed, err := Read(partText)
	if err != nil {
		t.Fatal(err)
	}
	joined, err := JoinParts(parsed)
	if err != nil || len(joined) != 1 {
		t.Fatalf("JoinParts: %v", err)
	}
	if again, _ := joined[0].Marshal(); again != str {
		t.Errorf("joined share differs")
	}
	if _, err := JoinParts(parsed[:2]); !errors.As(err, new(*MissingPartsError)) {
		t.Errorf("JoinParts of 2 of 3: got %v, want MissingPartsError", err)
	}
}

// TestEverySymbolChange changes every symbol of a share's text to every
// other symbol and checks that the line check catches it on that line.
func TestEverySymbolChange(t *testing.T) {
	s, _ := testShare(t, make([]byte, 99))
	str, _ := s.Marshal()
	lines := Lines(str)
	for _, l := range lines {
		for i := 0; i < len(l.Symbols); i++ {
			for v := 0; v < 32; v++ {
				if alphabet[v] == l.Symbols[i] {
					continue
				}
				data := l.Symbols[:i] + string(alphabet[v]) + l.Symbols[i+1:]
				_, _, err := CheckLine(l.Number, l.Number, data, l.Check)
				var le *LineError
				if !errors.As(err, &le) || le.Line != l.Number {
					t.Fatalf("line %d symbol %d -> %c: got %v, want a LineError on line %d", l.Number, i+1, alphabet[v], err, l.Number)
				}
			}
			if i+1 < len(l.Symbols) && l.Symbols[i] != l.Symbols[i+1] {
				b := []byte(l.Symbols)
				b[i], b[i+1] = b[i+1], b[i]
				if _, _, err := CheckLine(l.Number, l.Number, string(b), l.Check); err == nil {
					t.Fatalf("line %d: swap of symbols %d and %d not caught", l.Number, i+1, i+2)
				}
			}
		}
	}
}

func TestTruncated(t *testing.T) {
	s, _ := testShare(t, make([]byte, 99))
	text, _ := s.MarshalText()
	lines := strings.SplitAfter(string(text), "\n")
	cut := strings.Join(lines[:len(lines)-3], "")
	_, _, err := Read([]byte(cut))
	var te *TruncatedError
	if !errors.As(err, &te) {
		t.Fatalf("got %v, want TruncatedError", err)
	}
	// Dropping a middle line names it.
	drop := strings.Join(append(append([]string{}, lines[:5]...), lines[6:]...), "")
	_, _, err = Read([]byte(drop))
	var le *LineError
	if !errors.As(err, &le) || le.Line != 3 || !strings.Contains(le.Reason, "missing") {
		t.Fatalf("got %v, want line 3 missing", err)
	}
}

func TestVersion(t *testing.T) {
	s, _ := testShare(t, make([]byte, 99))
	str, _ := s.Marshal()
	_, err := ParseString("QRM2" + str[4:])
	var ve *VersionError
	if !errors.As(err, &ve) || ve.Version != 2 {
		t.Fatalf("got %v, want VersionError 2", err)
	}
	if _, err := ParseString("HELLO"); !errors.Is(err, ErrNotShare) {
		t.Fatalf("got %v, want ErrNotShare", err)
	}
}

func TestPad(t *testing.T) {
	for _, n := range []int{1, 63, 64, 65, 1024} {
		secret := bytes.Repeat([]byte{'x'}, n)
		p, err := Pad(secret)
		if err != nil {
			t.Fatal(err)
		}
		if want := 2 + 64*max(1, (n+63)/64); len(p) != want {
			t.Errorf("Pad(%d bytes): %d bytes, want %d", n, len(p), want)
		}
		got, err := Unpad(p)
		if err != nil || !bytes.Equal(got, secret) {
			t.Errorf("Unpad(Pad(%d bytes)): %v", n, err)
		}
	}
	if _, err := Pad(make([]byte, MaxSecret+1)); err == nil {
		t.Error("Pad accepted a secret over the limit")
	}
}

// TestCheckFitsOnlyLastLine: a mistyped check of a full line can happen to
// be that line's check as a last line; the error must then name that line,
// not the one after it.
func TestCheckFitsOnlyLastLine(t *testing.T) {
	s, _ := testShare(t, make([]byte, 99))
	str, _ := s.Marshal()
	lines := Lines(str)
	l := lines[2]
	lastCheck := checkSymbols(lineCheck(l.Number, true, l.Symbols))
	var b strings.Builder
	for _, x := range lines {
		c := x.Check
		if x.Number == l.Number {
			c = lastCheck
		}
		fmt.Fprintf(&b, "%02d %s %s\n", x.Number, x.Groups(), c)
	}
	_, _, err := Read([]byte(b.String()))
	var le *LineError
	if !errors.As(err, &le) || le.Line != 3 {
		t.Fatalf("got %v, want a LineError on line 3", err)
	}
}
