// Command gen writes the share test vectors of testdata/vectors, one file
// per case, named for its defect, in the form of C2SP/CCTV's age vectors
// (https://github.com/C2SP/CCTV/tree/main/age): "key: value" header lines,
// an empty line, then the text a reader is given (one or more shares).
//
// Header keys:
//
//	expect:   success | line error | truncated | unknown version |
//	          not a share | malformed | bad signature | no identity |
//	          damaged | too few | duplicate | mixed sets | wrong set |
//	          integrity failure
//	comment:  what the case is about
//	identity: an age X25519 identity (a test key) that opens a share; repeated
//	line:     for a line error, the line it must name
//	payload:  for a one-share success, hex SHA-256 of the opened payload
//	secret:   for a combine success, the secret in hex
//	set:      the set fingerprint to pin when combining
//
// Cases whose expect is a combine class (too few … integrity failure), or
// that carry a secret, are combined; the others are read, verified and
// opened share by share. Readers ignore keys they do not know.
//
// Released vectors are FORMAT.md's promise and are never edited: gen only
// writes the files that do not exist yet. Run it from the repository root
// with "go run ./testdata/vectors/gen", or with go generate in share/. The
// keys are made afresh on every run; they are test keys and protect nothing.
package main

import (
	"bytes"
	"crypto/ed25519"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"flag"
	"fmt"
	"io"
	"log"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"filippo.io/age"
	"filippo.io/age/armor"

	"quorum/internal/sss"
	"quorum/seal"
	"quorum/share"
)

// alphabet is Crockford's base32 (FORMAT.md §1).
const alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"

// created is the creation day of every vector set.
var created = time.Date(2026, 11, 26, 0, 0, 0, 0, time.UTC)

type vector struct {
	name    string
	headers [][2]string
	text    string
}

func main() {
	log.SetFlags(0)
	log.SetPrefix("gen: ")
	dir := flag.String("dir", "testdata/vectors", "the vectors directory")
	flag.Parse()
	if _, err := os.Stat(*dir); err != nil {
		log.Fatalf("%v (run from the repository root, or pass -dir)", err)
	}
	written, kept := 0, 0
	for _, v := range vectors() {
		path := filepath.Join(*dir, v.name)
		if _, err := os.Stat(path); err == nil {
			kept++ // released vectors are only added to, never edited
			continue
		} else if !errors.Is(err, os.ErrNotExist) {
			log.Fatal(err)
		}
		var b strings.Builder
		for _, h := range v.headers {
			fmt.Fprintf(&b, "%s: %s\n", h[0], h[1])
		}
		b.WriteString("\n")
		b.WriteString(v.text)
		if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
			log.Fatal(err)
		}
		log.Printf("wrote %s", path)
		written++
	}
	log.Printf("%d written, %d kept as they were", written, kept)
}

// custodian is a test custodian with a fresh X25519 key.
type custodian struct {
	name string
	id   *age.X25519Identity
}

func newCustodians(names ...string) []custodian {
	var cs []custodian
	for _, n := range names {
		id, err := age.GenerateX25519Identity()
		must(err)
		cs = append(cs, custodian{n, id})
	}
	return cs
}

// set is a set made by hand, as split.Split makes one, with the set key
// kept so that cases can sign what they tamper with.
type set struct {
	secret   []byte
	key      ed25519.PrivateKey
	shares   []*share.Share
	payloads [][]byte
	cs       []custodian
}

// makeSet splits secret k-of-len(cs) as FORMAT.md §5 says. tamper, if not
// nil, may change a payload before it is sealed: the share is still signed
// correctly, so only the integrity check can catch it.
func makeSet(secret []byte, k int, label string, cs []custodian, tamper func(i int, payload []byte) []byte) *set {
	padded, err := share.Pad(secret)
	must(err)
	seed := make([]byte, share.SeedSize)
	_, err = rand.Read(seed)
	must(err)
	key, err := share.SetKey(padded, seed)
	must(err)
	payloads, err := sss.Split(share.SplitInput(padded, seed), len(cs), k)
	must(err)
	s := &set{secret: secret, key: key, cs: cs}
	for i, c := range cs {
		p := payloads[i]
		if tamper != nil {
			p = tamper(i, bytes.Clone(p))
		}
		sealed, err := seal.Seal(p, c.id.Recipient())
		must(err)
		sh := &share.Share{
			Header: share.Header{
				SetKey: key.Public().(ed25519.PublicKey), Index: i + 1, Threshold: k, Shares: len(cs),
				Created: created, Kind: share.KindX25519, Label: label, Custodian: c.name,
			},
			Sealed: sealed,
		}
		must(sh.Sign(key))
		s.shares = append(s.shares, sh)
		s.payloads = append(s.payloads, p)
	}
	return s
}

func text(s *share.Share) string {
	b, err := s.MarshalText()
	must(err)
	return string(b)
}

func str(s *share.Share) string {
	v, err := s.Marshal()
	must(err)
	return v
}

func payloadHash(p []byte) string {
	h := sha256.Sum256(p)
	return hex.EncodeToString(h[:])
}

// numbered writes a share string as the numbered lines of FORMAT.md §7,
// with checks computed here, independently of the share package, for
// format version v.
func numbered(s string, v int) string {
	var b strings.Builder
	n := (len(s) + 23) / 24
	for i := 1; i <= n; i++ {
		data := s[(i-1)*24 : min(i*24, len(s))]
		c := lineCheck(v, i, i == n, data)
		fmt.Fprintf(&b, "%02d  %-29s  %c%c\n", i, groups(data), alphabet[c>>5], alphabet[c&31])
	}
	return b.String()
}

func groups(s string) string {
	var g []string
	for i := 0; i < len(s); i += 4 {
		g = append(g, s[i:min(i+4, len(s))])
	}
	return strings.Join(g, " ")
}

// lineCheck is Σ vⱼ·αʲ in GF(2¹⁰) mod x¹⁰+x³+1 (FORMAT.md §7).
func lineCheck(version, n int, last bool, data string) uint16 {
	vals := []uint16{uint16(version), uint16(n), 0}
	if last {
		vals[2] = 1
	}
	for i := 0; i < len(data); i++ {
		vals = append(vals, uint16(strings.IndexByte(alphabet, data[i])))
	}
	var sum uint16
	power := uint16(1)
	for _, v := range vals {
		sum ^= gfMul(v, power)
		power = gfMul(power, 2)
	}
	return sum
}

func gfMul(a, b uint16) uint16 {
	var p uint16
	for ; b != 0; b >>= 1 {
		if b&1 != 0 {
			p ^= a
		}
		a <<= 1
		if a&(1<<10) != 0 {
			a ^= 1<<10 | 1<<3 | 1
		}
	}
	return p
}

// encode is base32 of FORMAT.md §1, for bodies the share package would
// refuse to write.
func encode(b []byte) string {
	var sb strings.Builder
	var acc uint32
	var bits uint
	for _, c := range b {
		acc = acc<<8 | uint32(c)
		bits += 8
		for bits >= 5 {
			bits -= 5
			sb.WriteByte(alphabet[(acc>>bits)&31])
		}
	}
	if bits > 0 {
		sb.WriteByte(alphabet[(acc<<(5-bits))&31])
	}
	return sb.String()
}

// lineOf returns numbered line n of a share file and its position among
// the file's lines.
func lineOf(lines []string, n int) int {
	prefix := fmt.Sprintf("%02d ", n)
	for i, l := range lines {
		if strings.HasPrefix(l, prefix) {
			return i
		}
	}
	panic(fmt.Sprintf("no line %d", n))
}

// slips writes a share text as a careless typist would: lower case, "o"
// or "O" for 0, "l", "i" or "I" for 1 (FORMAT.md §1). Line numbers stay.
func slips(t string) string {
	zero, one := []string{"o", "O"}, []string{"l", "i", "I"}
	var zi, oi int
	var out []string
	for _, l := range strings.Split(t, "\n") {
		if l == "" || l[0] == '#' {
			out = append(out, l)
			continue
		}
		num, rest, _ := strings.Cut(l, " ")
		var b strings.Builder
		for _, c := range rest {
			switch c {
			case '0':
				b.WriteString(zero[zi%len(zero)])
				zi++
			case '1':
				b.WriteString(one[oi%len(one)])
				oi++
			default:
				b.WriteString(strings.ToLower(string(c)))
			}
		}
		out = append(out, num+" "+b.String())
	}
	return strings.Join(out, "\n")
}

func vectors() []vector {
	secret := []byte("quorum test vector: not a real root password")
	cs := newCustodians("alice", "bob", "carol")
	a := makeSet(secret, 2, "root 2026", cs, nil)
	forged := makeSet([]byte("a forger's secret, same custodians"), 2, "root 2026", cs, nil)
	ids := func(idx ...int) [][2]string {
		var h [][2]string
		for _, i := range idx {
			h = append(h, [2]string{"identity", cs[i].id.String()})
		}
		return h
	}
	hdr := func(expect, comment string, more ...[2]string) [][2]string {
		return append([][2]string{{"expect", expect}, {"comment", comment}}, more...)
	}
	// The checks computed here must be the share package's, or every
	// vector that relies on them would test the wrong thing.
	if !strings.HasSuffix(text(a.shares[0]), numbered(str(a.shares[0]), 1)) {
		panic("gen's line checks differ from the share package's")
	}
	one := func(i int) [2]string { return [2]string{"payload", payloadHash(a.payloads[i])} }
	var vs []vector
	add := func(name string, h [][2]string, t string) { vs = append(vs, vector{name, h, t}) }

	add("valid_x25519", append(hdr("success", "a share file as quorum split writes it, sealed to an age X25519 key"), append(ids(0), one(0))...), text(a.shares[0]))
	add("valid_bare_string", append(hdr("success", "the share string alone, as a QR reader returns it"), append(ids(1), one(1))...), str(a.shares[1])+"\n")
	add("valid_zbarimg_output", append(hdr("success", "the share string as zbarimg prints it, with its QR-Code: prefix"), append(ids(1), one(1))...), "QR-Code:"+str(a.shares[1])+"\n")
	add("valid_lowercase_slips", append(hdr("success", "typed in lower case with o/O for 0 and l/i/I for 1, which Crockford base32 reads as 0 and 1"), append(ids(2), one(2))...), slips(text(a.shares[2])))
	parts, err := a.shares[0].Split(3)
	must(err)
	add("valid_parts", append(hdr("success", "one share as three QR code parts, given out of order"), append(ids(0), one(0))...),
		parts[1].Marshal()+"\n"+parts[2].Marshal()+"\n"+parts[0].Marshal()+"\n")
	add("valid_combine_2of3", append(hdr("success", "shares 1 and 3 of a 2-of-3 set and their keys rebuild the secret"), append(ids(0, 2), [2]string{"secret", hex.EncodeToString(secret)})...),
		text(a.shares[0])+text(a.shares[2]))

	// Damaged lines: each is caught by its line's check, on that line.
	{
		lines := strings.Split(text(a.shares[0]), "\n")
		i := lineOf(lines, 7)
		f := []byte(lines[i])
		j := 4 + 5 // the fifth symbol: the first of the second group
		f[j] = alphabet[(strings.IndexByte(alphabet, f[j])+1)%32]
		lines[i] = string(f)
		add("checksum_line7", hdr("line error", "one symbol of line 7 is wrong", [2]string{"line", "7"}), strings.Join(lines, "\n"))
	}
	{
		lines := strings.Split(text(a.shares[0]), "\n")
		i := lineOf(lines, 2)
		f := []byte(lines[i])
		for j := 4; ; j++ { // swap the first two neighbours that differ
			if f[j] != ' ' && f[j+1] != ' ' && f[j] != f[j+1] {
				f[j], f[j+1] = f[j+1], f[j]
				break
			}
		}
		lines[i] = string(f)
		add("swapped_symbols_line2", hdr("line error", "two neighbouring symbols of line 2 are swapped", [2]string{"line", "2"}), strings.Join(lines, "\n"))
	}
	{
		lines := strings.Split(text(a.shares[0]), "\n")
		i := lineOf(lines, 3)
		lines = append(lines[:i], lines[i+1:]...)
		add("missing_line3", hdr("line error", "line 3 was left out", [2]string{"line", "3"}), strings.Join(lines, "\n"))
	}
	{
		lines := strings.Split(strings.TrimSuffix(text(a.shares[0]), "\n"), "\n")
		add("truncated", hdr("truncated", "the last two lines were cut off; every line left has a good check"), strings.Join(lines[:len(lines)-2], "\n")+"\n")
	}

	// Not this format, or not a share.
	add("unknown_version", hdr("unknown version", "a share string of format version 2"), "QRM2"+str(a.shares[0])[4:]+"\n")
	add("unknown_version_lines", hdr("line error", "numbered lines of a format version 2 share with version 2 checks: version 1 readers see a bad line 1 and say the version may be newer", [2]string{"line", "1"}),
		numbered("QRM2"+str(a.shares[0])[4:], 2))
	{
		var b bytes.Buffer
		w := armor.NewWriter(&b)
		e, err := age.Encrypt(w, cs[0].id.Recipient())
		must(err)
		_, err = io.WriteString(e, "not a share")
		must(err)
		must(e.Close())
		must(w.Close())
		add("not_a_share", hdr("not a share", "an armored age file, not a share"), b.String())
	}

	// Structure: the lines are fine, the body is not.
	{
		body, err := a.shares[0].Body()
		must(err)
		add("trailing_bytes", hdr("malformed", "two zero bytes after the signature; the lines are checked correctly"),
			numbered(share.Prefix+encode(append(body, 0, 0)), 1))
	}
	{
		var s string
		for _, sh := range a.shares {
			body, err := sh.Body()
			must(err)
			if len(body)*8%5 != 0 {
				enc := []byte(encode(body))
				last := strings.IndexByte(alphabet, enc[len(enc)-1])
				enc[len(enc)-1] = alphabet[last|1] // the lowest bit is always padding
				s = share.Prefix + string(enc)
				break
			}
		}
		if s == "" {
			panic("no share of the vector set has padding bits")
		}
		add("noncanonical_base32_padding", hdr("malformed", "the last symbol has a padding bit set, so the share has two spellings; the lines are checked correctly"), numbered(s, 1))
	}

	// Signatures and sealing.
	{
		bad := *a.shares[1]
		bad.Label = "root 2027"
		add("bad_signature", hdr("bad signature", "the label was changed and the lines checked again; the signature no longer verifies"), text(&bad))
	}
	add("no_identity", append(hdr("no identity", "share 1 with the key of custodian 2 only"), ids(1)...), text(a.shares[0]))
	{
		d := *a.shares[0]
		d.Sealed = bytes.Clone(d.Sealed)
		d.Sealed[len(d.Sealed)-1] ^= 1 // the payload's authentication tag
		must(d.Sign(a.key))
		add("sealed_payload_damaged", append(hdr("damaged", "the age payload's last byte was flipped and the share signed again: age opens the header but not the payload"), ids(0)...), text(&d))
	}

	// Combining.
	add("too_few", append(hdr("too few", "one share of a 2-of-3 set"), ids(1)...), text(a.shares[1]))
	add("duplicate", append(hdr("duplicate", "share 1 given twice"), ids(0)...), text(a.shares[0])+text(a.shares[0]))
	add("wrong_set_mixed", append(hdr("mixed sets", "share 1 of a set and share 2 of another set with the same custodians, nothing pinned"), ids(0, 1)...),
		text(a.shares[0])+text(forged.shares[1]))
	add("wrong_set_pinned", append(hdr("wrong set", "two shares of a consistent forged set, with the real set pinned"), append(ids(0, 1), [2]string{"set", a.shares[0].Fingerprint().String()})...),
		text(forged.shares[0])+text(forged.shares[1]))
	{
		bad := makeSet(secret, 2, "root 2026", cs, func(i int, p []byte) []byte {
			if i == 1 {
				p[0] ^= 0x80
			}
			return p
		})
		add("integrity_failure", append(hdr("integrity failure", "share 2's payload had a byte changed before it was sealed and signed: only the set-key check after combining catches it"), ids(0, 1)...),
			text(bad.shares[0])+text(bad.shares[1]))
	}
	sort.Slice(vs, func(i, j int) bool { return vs[i].name < vs[j].name })
	return vs
}

func must(err error) {
	if err != nil {
		panic(err)
	}
}
