package combine_test

import (
	"bytes"
	"crypto/ed25519"
	"crypto/rand"
	"errors"
	"fmt"
	"sort"
	"strings"
	"testing"
	"time"

	"filippo.io/age"

	"quorum/combine"
	"quorum/internal/sss"
	"quorum/seal"
	"quorum/share"
)

// testSet is a set made by hand as FORMAT.md §5 and §6 say, so that tests
// hold the set key and can sign what they tamper with.
type testSet struct {
	secret []byte
	key    ed25519.PrivateKey
	shares []*share.Share
	ids    []*age.X25519Identity
}

func newIDs(t testing.TB, n int) []*age.X25519Identity {
	t.Helper()
	ids := make([]*age.X25519Identity, n)
	for i := range ids {
		id, err := age.GenerateX25519Identity()
		if err != nil {
			t.Fatal(err)
		}
		ids[i] = id
	}
	return ids
}

// makeSet splits secret k-of-len(ids). tamper, if not nil, may change
// payload i before it is sealed; the share is signed correctly anyway.
func makeSet(t testing.TB, secret []byte, k int, label string, ids []*age.X25519Identity, tamper func(i int, payload []byte) []byte) *testSet {
	t.Helper()
	padded, err := share.Pad(secret)
	if err != nil {
		t.Fatal(err)
	}
	seed := make([]byte, share.SeedSize)
	rand.Read(seed)
	key, err := share.SetKey(padded, seed)
	if err != nil {
		t.Fatal(err)
	}
	payloads, err := sss.Split(share.SplitInput(padded, seed), len(ids), k)
	if err != nil {
		t.Fatal(err)
	}
	s := &testSet{secret: secret, key: key, ids: ids}
	for i, id := range ids {
		p := payloads[i]
		if tamper != nil {
			p = tamper(i, bytes.Clone(p))
		}
		sealed, err := seal.Seal(p, id.Recipient())
		if err != nil {
			t.Fatal(err)
		}
		sh := &share.Share{
			Header: share.Header{
				SetKey: key.Public().(ed25519.PublicKey), Index: i + 1, Threshold: k, Shares: len(ids),
				Created: share.Day(time.Date(2026, 11, 26, 0, 0, 0, 0, time.UTC)), Kind: share.KindX25519,
				Label: label, Custodian: fmt.Sprintf("custodian%d", i+1),
			},
			Sealed: sealed,
		}
		if err := sh.Sign(key); err != nil {
			t.Fatal(err)
		}
		s.shares = append(s.shares, sh)
	}
	return s
}

func (s *testSet) inputs(idx ...int) []combine.Input {
	var in []combine.Input
	for _, i := range idx {
		in = append(in, combine.Input{Source: fmt.Sprintf("%d.share", i+1), Share: s.shares[i]})
	}
	return in
}

// open opens each share with every identity given, as `quorum combine -i`
// does with several keys.
func open(ids []*age.X25519Identity) func(combine.Input) ([]byte, error) {
	var all []age.Identity
	for _, id := range ids {
		all = append(all, id)
	}
	return func(in combine.Input) ([]byte, error) { return seal.Open(in.Share.Sealed, all...) }
}

// openOwn opens each share with its own custodian's key only.
func openOwn(ids []*age.X25519Identity) func(combine.Input) ([]byte, error) {
	return func(in combine.Input) ([]byte, error) { return seal.Open(in.Share.Sealed, ids[in.Share.Index-1]) }
}

// class names the outcome of reading, checking and combining.
func class(err error) string {
	var (
		le     *share.LineError
		te     *share.TruncatedError
		ve     *share.VersionError
		me     *share.MalformedError
		few    *combine.TooFewError
		dup    *combine.DuplicateError
		mixed  *combine.MixedSetsError
		wrong  *combine.WrongSetError
		integr *combine.IntegrityError
		parts  *share.MissingPartsError
	)
	switch {
	case err == nil:
		return "success"
	case errors.As(err, &le):
		return "line error"
	case errors.As(err, &te):
		return "truncated"
	case errors.As(err, &ve):
		return "unknown version"
	case errors.Is(err, share.ErrNotShare):
		return "not a share"
	case errors.As(err, &me):
		return "malformed"
	case errors.Is(err, share.ErrBadSignature):
		return "bad signature"
	case errors.As(err, &wrong):
		return "wrong set"
	case errors.As(err, &mixed):
		return "mixed sets"
	case errors.As(err, &dup):
		return "duplicate"
	case errors.As(err, &few):
		return "too few"
	case errors.Is(err, seal.ErrNoIdentity):
		return "no identity"
	case errors.Is(err, seal.ErrDamaged):
		return "damaged"
	case errors.As(err, &integr):
		return "integrity failure"
	case errors.As(err, &parts):
		return "missing parts"
	}
	return fmt.Sprintf("untyped %T: %v", err, err)
}

const alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"

// numberedText writes a share string as MarshalText's numbered lines,
// one string per line, without the comments.
func numberedText(str string) []string {
	var out []string
	lines := share.Lines(str)
	for _, l := range lines {
		out = append(out, fmt.Sprintf("%0*d  %s  %s", share.NumberWidth(lines), l.Number, l.Groups(), l.Check))
	}
	return out
}

// TestTamperEverySymbol changes every symbol of a share, one at a time, to
// every other symbol, and checks that the change is caught by a typed
// error and never gives a secret. In numbered lines, the line check must
// catch every change of a symbol of the line, on that line. In the bare
// share string, which has no line checks (a QR code), the structure, the
// signature or the set key must.
func TestTamperEverySymbol(t *testing.T) {
	ids := newIDs(t, 3)
	set := makeSet(t, []byte("root password: tamper test"), 2, "root 2026", ids, nil)
	other := set.inputs(1)[0]
	for si, s := range set.shares {
		str, err := s.Marshal()
		if err != nil {
			t.Fatal(err)
		}
		lines := numberedText(str)
		body, err := s.Body()
		if err != nil {
			t.Fatal(err)
		}
		t.Run(fmt.Sprintf("share %d lines", si+1), func(t *testing.T) {
			counts := map[string]int{}
			for li, line := range lines {
				fields := strings.Fields(line)
				number := li + 1
				checkAt := len(line) - 2
				for pos := 0; pos < len(line); pos++ {
					c := line[pos]
					var kind string
					switch {
					case c == ' ':
						continue
					case pos < len(fields[0]):
						kind = "number"
					case pos >= checkAt:
						kind = "check"
					default:
						kind = "symbol"
					}
					values := alphabet
					if kind == "number" {
						values = "0123456789"
					}
					for _, v := range []byte(values) {
						if v == c {
							continue
						}
						changed := append([]string(nil), lines...)
						b := []byte(line)
						b[pos] = v
						changed[li] = string(b)
						_, _, err := share.Read([]byte(strings.Join(changed, "\n") + "\n"))
						got := class(err)
						var le *share.LineError
						switch {
						case err == nil:
							t.Fatalf("line %d position %d -> %c: read without error", number, pos, v)
						case kind == "symbol" && (!errors.As(err, &le) || le.Line != number):
							t.Fatalf("line %d position %d -> %c: got %v, want a line error on line %d", number, pos, v, err, number)
						case kind != "symbol" && got != "line error" && got != "truncated":
							t.Fatalf("line %d %s -> %c: got %s (%v), want a line error", number, kind, v, got, err)
						}
						where := got
						if errors.As(err, &le) {
							switch le.Line {
							case number:
								where += " on the line"
							case number + 1:
								where += " on the next line"
							case number - 1:
								where += " on the line before"
							default:
								where += fmt.Sprintf(" on line %d", le.Line)
							}
						}
						counts[kind+": "+where]++
					}
				}
			}
			report(t, counts)
			// A wrong check symbol that happens to be the check of the same
			// symbols as a last line (the second check symbol with bit 2
			// flipped, since v₂ has weight α²) passes line n and is blamed
			// on line n+1, or is taken for a truncation if the true last
			// line is full. Reported; the line itself is named for every
			// other change.
			if n := counts["check: line error on the next line"]; n > len(lines) {
				t.Errorf("%d check changes blamed on the next line, want at most one per line", n)
			}
		})
		t.Run(fmt.Sprintf("share %d string", si+1), func(t *testing.T) {
			counts := map[string]int{}
			for pos := 0; pos < len(str); pos++ {
				for _, v := range []byte(alphabet) {
					if v == str[pos] {
						continue
					}
					b := []byte(str)
					b[pos] = v
					shares, parts, err := share.Read(append(b, '\n'))
					if err == nil && len(parts) > 0 {
						// "QRM1" changed to "QRP1" reads as a part.
						shares, err = share.JoinParts(parts)
					}
					var secret []byte
					if err == nil {
						in := []combine.Input{{Source: "changed", Share: shares[0]}}
						if si != 1 {
							in = append(in, other)
						} else {
							in = append(in, set.inputs(0)...)
						}
						secret, _, err = combine.Combine(in, "", open(ids))
					}
					got := class(err)
					if err == nil || secret != nil {
						t.Fatalf("position %d -> %c: combined without error (same secret: %v)", pos, v, bytes.Equal(secret, set.secret))
					}
					if strings.HasPrefix(got, "untyped") {
						t.Fatalf("position %d -> %c: %s", pos, v, got)
					}
					// Which field of the body (FORMAT.md §3) the symbol's
					// five bits fall in; a symbol across two fields is "body".
					region := "body"
					bit := 5 * (pos - len(share.Prefix))
					switch {
					case pos < len(share.Prefix):
						region = "prefix"
					case bit+5 <= 8*ed25519.PublicKeySize:
						region = "set key"
					case bit >= 8*(len(body)-ed25519.SignatureSize):
						region = "signature"
					}
					counts[region+": "+got]++
				}
			}
			report(t, counts)
		})
	}
}

func report(t *testing.T, counts map[string]int) {
	t.Helper()
	var keys []string
	for k := range counts {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		t.Logf("%6d  %s", counts[k], k)
	}
}

// TestForgedSet: anyone can make a consistent set of their own with the
// same custodians. Pinned, it is refused; mixed with the real one, the
// shares are refused as mixed; alone and unpinned, it combines, which is
// why the CLI warns when nothing is pinned.
func TestForgedSet(t *testing.T) {
	ids := newIDs(t, 3)
	real := makeSet(t, []byte("the real root password"), 2, "root 2026", ids, nil)
	forged := makeSet(t, []byte("the forger's password"), 2, "root 2026", ids, nil)
	realFP, forgedFP := real.shares[0].Fingerprint(), forged.shares[0].Fingerprint()
	calls := 0
	counting := func(in combine.Input) ([]byte, error) { calls++; return open(ids)(in) }

	t.Run("pinned", func(t *testing.T) {
		in := forged.inputs(0, 1)
		secret, _, err := combine.Combine(in, realFP, counting)
		var se *share.Error
		var we *combine.WrongSetError
		if !errors.As(err, &se) || !errors.As(err, &we) {
			t.Fatalf("got %v, want a *share.Error wrapping a WrongSetError", err)
		}
		if se.Index != 1 || se.Source != "1.share" || we.Got != forgedFP || we.Want != realFP {
			t.Errorf("got %+v %+v", se, we)
		}
		if secret != nil || calls != 0 {
			t.Errorf("a secret returned or %d shares opened", calls)
		}
	})
	t.Run("pinned, mixed", func(t *testing.T) {
		in := append(real.inputs(0), forged.inputs(1)...)
		_, _, err := combine.Combine(in, realFP, counting)
		var se *share.Error
		var we *combine.WrongSetError
		if !errors.As(err, &se) || !errors.As(err, &we) || se.Index != 2 {
			t.Fatalf("got %v, want share 2 of the wrong set", err)
		}
	})
	t.Run("unpinned, mixed", func(t *testing.T) {
		in := append(real.inputs(0, 2), forged.inputs(1)...)
		secret, _, err := combine.Combine(in, "", counting)
		var me *combine.MixedSetsError
		if !errors.As(err, &me) {
			t.Fatalf("got %v, want a MixedSetsError", err)
		}
		if len(me.Sets) != 2 || me.Sets[0].Fingerprint != realFP || me.Sets[1].Fingerprint != forgedFP ||
			strings.Join(me.Sets[0].Sources, ",") != "1.share,3.share" || strings.Join(me.Sets[1].Sources, ",") != "2.share" {
			t.Errorf("got %+v", me.Sets)
		}
		if secret != nil || calls != 0 {
			t.Errorf("a secret returned or %d shares opened", calls)
		}
	})
	t.Run("unpinned, forged alone", func(t *testing.T) {
		secret, set, err := combine.Combine(forged.inputs(0, 2), "", counting)
		if err != nil || !bytes.Equal(secret, forged.secret) {
			t.Fatalf("a consistent set does not combine: %v", err)
		}
		if set.Pinned || set.Fingerprint != forgedFP || set.Fingerprint == realFP {
			t.Errorf("set %v pinned %v", set.Fingerprint, set.Pinned)
		}
	})
}

func TestDuplicate(t *testing.T) {
	ids := newIDs(t, 3)
	set := makeSet(t, []byte("a secret"), 2, "root 2026", ids, nil)
	for _, tt := range []struct {
		name   string
		inputs []combine.Input
	}{
		{"the same share twice", append(set.inputs(0), combine.Input{Source: "copy.share", Share: set.shares[0]})},
		{"twice among enough", append(set.inputs(0, 1), combine.Input{Source: "copy.share", Share: set.shares[0]})},
		{"two copies, read separately", func() []combine.Input {
			text, _ := set.shares[2].MarshalText()
			a, _, _ := share.Read(text)
			b, _, _ := share.Read(text)
			return []combine.Input{{Source: "a", Share: a[0]}, {Source: "b", Share: b[0]}}
		}()},
	} {
		t.Run(tt.name, func(t *testing.T) {
			secret, _, err := combine.Combine(tt.inputs, "", open(ids))
			var de *combine.DuplicateError
			if !errors.As(err, &de) {
				t.Fatalf("got %v, want a DuplicateError", err)
			}
			if de.First == de.Second || de.Index < 1 || de.Custodian == "" || secret != nil {
				t.Errorf("got %+v", de)
			}
		})
	}
}

// TestIntegrity: a share whose payload is wrong but correctly signed (only
// the holder of the set key can make one) passes every check but the last:
// the set key rebuilt from the combined payloads differs, and no secret is
// returned.
func TestIntegrity(t *testing.T) {
	ids := newIDs(t, 4)
	secret := []byte("Zq7-x: the real secret")
	for _, tt := range []struct {
		name   string
		tamper func(p []byte) []byte
	}{
		{"a secret byte", func(p []byte) []byte { p[2] ^= 0x01; return p }},
		{"the length bytes", func(p []byte) []byte { p[0] ^= 0x80; return p }},
		{"a padding byte", func(p []byte) []byte { p[60] ^= 0x10; return p }},
		{"a set seed byte", func(p []byte) []byte { p[len(p)-5] ^= 0xFF; return p }},
		{"the x-coordinate", func(p []byte) []byte { p[len(p)-1] ^= 0x40; return p }},
		{"x-coordinate 0", func(p []byte) []byte { p[len(p)-1] = 0; return p }},
		{"one byte short", func(p []byte) []byte { return append(p[:len(p)-2:len(p)-2], p[len(p)-1]) }},
		{"another payload size", func(p []byte) []byte { return append(make([]byte, 64), p...) }},
	} {
		t.Run(tt.name, func(t *testing.T) {
			const bad = 2 // index 3
			set := makeSet(t, secret, 3, "root 2026", ids, func(i int, p []byte) []byte {
				if i == bad {
					return tt.tamper(p)
				}
				return p
			})
			for _, subset := range [][]int{{0, 1, 2}, {0, 2, 3}, {1, 2, 3}, {0, 1, 2, 3}} {
				got, cset, err := combine.Combine(set.inputs(subset...), set.shares[0].Fingerprint(), open(ids))
				var ie *combine.IntegrityError
				if !errors.As(err, &ie) || !errors.Is(err, share.ErrIntegrity) {
					t.Fatalf("shares %v: got %v, want an IntegrityError", subset, err)
				}
				if got != nil {
					t.Fatalf("shares %v: a secret was returned with the error", subset)
				}
				if ie.Fingerprint != cset.Fingerprint || len(ie.Sources) != len(subset) {
					t.Errorf("shares %v: got %+v", subset, ie)
				}
				if strings.Contains(err.Error(), string(secret[:8])) {
					t.Errorf("the error holds the secret: %v", err)
				}
			}
			// Without the bad share, the set combines.
			got, _, err := combine.Combine(set.inputs(0, 1, 3), set.shares[0].Fingerprint(), open(ids))
			if err != nil || !bytes.Equal(got, secret) {
				t.Fatalf("shares 1, 2, 4: %v", err)
			}
		})
	}
}

// misfits returns a 2-of-3 set and two copies of its share 2 relabelled:
// one signed again by the set key (a share that disagrees about the set),
// one not (a bad signature).
func misfits(t *testing.T, ids []*age.X25519Identity) (set *testSet, relabelled, unsigned share.Share) {
	set = makeSet(t, []byte("a secret"), 2, "root 2026", ids, nil)
	relabelled = *set.shares[1]
	relabelled.Label = "root 2027"
	if err := relabelled.Sign(set.key); err != nil {
		t.Fatal(err)
	}
	unsigned = *set.shares[1]
	unsigned.Label = "root 2027"
	return set, relabelled, unsigned
}

func TestSelectErrors(t *testing.T) {
	ids := newIDs(t, 3)
	set, relabelled, unsigned := misfits(t, ids)
	fp := set.shares[0].Fingerprint()
	for _, tt := range []struct {
		name    string
		inputs  []combine.Input
		pin     share.Fingerprint
		want    string
		wantIdx int // the share a *share.Error names, or 0
	}{
		{"no shares", nil, "", "untyped *errors.errorString: no shares given", 0},
		{"one of 2", set.inputs(2), fp, "too few", 0},
		{"bad signature", append(set.inputs(0), combine.Input{Source: "x", Share: &unsigned}), "", "bad signature", 2},
		{"bad signature, pinned", append(set.inputs(0), combine.Input{Source: "x", Share: &unsigned}), fp, "bad signature", 2},
		{"signed by the set key but disagrees", append(set.inputs(0), combine.Input{Source: "x", Share: &relabelled}), fp, "", 2},
	} {
		t.Run(tt.name, func(t *testing.T) {
			secret, _, err := combine.Combine(tt.inputs, tt.pin, func(combine.Input) ([]byte, error) {
				t.Fatal("a share was opened")
				return nil, nil
			})
			if err == nil || secret != nil {
				t.Fatalf("got %v, want an error", err)
			}
			if got := class(err); tt.want != "" && got != tt.want {
				t.Errorf("got %s, want %s", got, tt.want)
			}
			var se *share.Error
			if tt.wantIdx != 0 && (!errors.As(err, &se) || se.Index != tt.wantIdx) {
				t.Errorf("got %v, want a *share.Error for share %d", err, tt.wantIdx)
			}
		})
	}
}

// TestScreen: the one selection of combine and drill accepts the shares
// of one set in index order and names each other share with its reason.
func TestScreen(t *testing.T) {
	ids := newIDs(t, 3)
	set, relabelled, unsigned := misfits(t, ids)
	other := makeSet(t, []byte("another secret"), 2, "root 2027", ids, nil)
	fp := set.shares[0].Fingerprint()
	in := func(src string, s *share.Share) combine.Input { return combine.Input{Source: src, Share: s} }
	for _, tt := range []struct {
		name     string
		inputs   []combine.Input
		pin      share.Fingerprint
		accepted string // the sources, in order
		rejected string // each source: the reason
	}{
		{"all of one set, in index order", set.inputs(2, 0, 1), "", "1.share 2.share 3.share", ""},
		{"pinned", set.inputs(1, 0), fp, "1.share 2.share", ""},
		{"not of the pinned set", append(set.inputs(0), in("o", other.shares[1])), fp, "1.share",
			"o: share is of set " + other.shares[1].Fingerprint().String() + ", not of the pinned set " + fp.String()},
		{"first verifying share sets the set", []combine.Input{in("x", &unsigned), in("o", other.shares[0]), in("1.share", set.shares[0])}, "", "o",
			"x: signature is invalid; 1.share: share is of set " + fp.String() + ", not of the pinned set " + other.shares[0].Fingerprint().String()},
		{"disagrees", append(set.inputs(0), in("x", &relabelled)), "", "1.share",
			"x: disagrees with 1.share about the set (k, n, label or date)"},
		{"duplicate", append(set.inputs(0, 1), in("copy", set.shares[0])), fp, "1.share 2.share",
			"copy: duplicate share: share 1 (" + set.shares[0].Custodian + ") is given twice (1.share and copy)"},
		{"nothing", nil, "", "", ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			accepted, rejected := combine.Screen(tt.inputs, tt.pin)
			var got []string
			for _, a := range accepted {
				got = append(got, a.Source)
			}
			if g := strings.Join(got, " "); g != tt.accepted {
				t.Errorf("accepted %q, want %q", g, tt.accepted)
			}
			got = nil
			for _, r := range rejected {
				got = append(got, r.Source+": "+r.Err.Error())
			}
			if g := strings.Join(got, "; "); g != tt.rejected {
				t.Errorf("rejected %q, want %q", g, tt.rejected)
			}
		})
	}
}

// TestOpenFails: the first share that does not open is named, and the
// payloads opened before it are wiped.
func TestOpenFails(t *testing.T) {
	ids := newIDs(t, 3)
	set := makeSet(t, []byte("a secret"), 3, "root 2026", ids, nil)
	var opened [][]byte
	failing := func(in combine.Input) ([]byte, error) {
		if in.Share.Index == 3 {
			return seal.Open(in.Share.Sealed, ids[0]) // the wrong key
		}
		p, err := seal.Open(in.Share.Sealed, ids[in.Share.Index-1])
		opened = append(opened, p)
		return p, err
	}
	secret, _, err := combine.Combine(set.inputs(2, 0, 1), "", failing)
	var se *share.Error
	if !errors.As(err, &se) || se.Index != 3 || se.Source != "3.share" || !errors.Is(err, seal.ErrNoIdentity) || secret != nil {
		t.Fatalf("got %v, want share 3 with no identity", err)
	}
	if len(opened) != 2 {
		t.Fatalf("%d shares opened before share 3, want 2 (index order)", len(opened))
	}
	for i, p := range opened {
		if !bytes.Equal(p, make([]byte, len(p))) {
			t.Errorf("payload %d was not wiped", i+1)
		}
	}
}

func TestRebuildTooFew(t *testing.T) {
	ids := newIDs(t, 3)
	set := makeSet(t, []byte("a secret"), 2, "root 2026", ids, nil)
	s, err := combine.Select(set.inputs(0, 1), "")
	if err != nil {
		t.Fatal(err)
	}
	payloads, err := s.Open(open(ids))
	if err != nil {
		t.Fatal(err)
	}
	var few *combine.TooFewError
	if _, err := s.Rebuild(payloads[:1]); !errors.As(err, &few) {
		t.Errorf("Rebuild of one payload: got %v, want TooFewError", err)
	}
	if got, err := s.Rebuild(payloads); err != nil || !bytes.Equal(got, set.secret) {
		t.Errorf("Rebuild: %v", err)
	}
}

func BenchmarkCombine(b *testing.B) {
	ids := newIDs(b, 255)
	secret := bytes.Repeat([]byte{0x5A}, 64)
	for _, n := range []int{5, 50, 255} {
		k := n/2 + 1
		set := makeSet(b, secret, k, "bench", ids[:n], nil)
		idx := make([]int, k)
		for i := range idx {
			idx[i] = i
		}
		in := set.inputs(idx...)
		b.Run(fmt.Sprintf("n=%d", n), func(b *testing.B) {
			for b.Loop() {
				got, _, err := combine.Combine(in, "", openOwn(ids))
				if err != nil || !bytes.Equal(got, secret) {
					b.Fatal(err)
				}
			}
		})
	}
}
