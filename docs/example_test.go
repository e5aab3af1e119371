package docs_test

// TestFormatExample recomputes FORMAT.md §15, the worked example, from the
// document itself: it reads the example's inputs (secret, keys, random
// bytes) from the text, computes every value through quorum's own code
// (share, manifest, custodian, internal/sss) and stock age's library
// (which must open the age files), and compares each with the value the
// text prints. The age files are built here from the age specification
// (C2SP age, the X25519 recipient type) with the example's fixed random
// bytes, since age draws its own; age.Decrypt then checks them.
//
// go test ./docs -run TestFormatExample -update writes the computed values
// into FORMAT.md, in place: prose and names stay as written.

import (
	"bytes"
	"crypto/ecdh"
	"crypto/ed25519"
	"crypto/hkdf"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"flag"
	"fmt"
	"io"
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"filippo.io/age"
	"github.com/hashicorp/vault/shamir"
	"golang.org/x/crypto/chacha20poly1305"

	custodians "quorum/custodian"
	"quorum/internal/sss"
	"quorum/internal/testtool"
	"quorum/manifest"
	"quorum/share"
)

var update = flag.Bool("update", false, "write the worked example's computed values into FORMAT.md")

const formatPath = "../FORMAT.md"

// exampleHeading starts FORMAT.md's worked example; it runs to the next
// "## " heading or the end.
const exampleHeading = "## 15. A worked example"

// entry is one value of the example: "name = value" in a ```example block,
// continued on indented lines, or the whole of a ```example NAME block.
type entry struct {
	name       string
	value      string // continuation lines joined without spaces; blocks verbatim
	first, end int    // the lines it spans in the document, end exclusive
	block      bool
	column     int // where the value starts, for entries
}

// parseExample returns the lines of the document and the entries of its
// worked example, in order.
func parseExample(t *testing.T, doc string) ([]string, []*entry) {
	t.Helper()
	lines := strings.Split(doc, "\n")
	start := -1
	for i, l := range lines {
		if l == exampleHeading {
			start = i
		}
	}
	if start < 0 {
		t.Fatalf("FORMAT.md has no %q", exampleHeading)
	}
	var entries []*entry
	for i := start + 1; i < len(lines) && !strings.HasPrefix(lines[i], "## "); i++ {
		info, ok := strings.CutPrefix(lines[i], "```example")
		if !ok {
			continue
		}
		j := i + 1
		for ; j < len(lines) && lines[j] != "```"; j++ {
		}
		if name := strings.TrimSpace(info); name != "" {
			entries = append(entries, &entry{name: name, value: strings.Join(lines[i+1:j], "\n") + "\n", first: i + 1, end: j, block: true})
		} else {
			for k := i + 1; k < j; k++ {
				l := lines[k]
				if strings.HasPrefix(l, " ") && len(entries) > 0 && !entries[len(entries)-1].block {
					e := entries[len(entries)-1]
					e.value += strings.TrimSpace(l)
					e.end = k + 1
					continue
				}
				eq := strings.Index(l, " = ")
				if eq < 0 {
					t.Fatalf("FORMAT.md line %d: %q is not \"name = value\"", k+1, l)
				}
				entries = append(entries, &entry{name: strings.TrimSpace(l[:eq]), value: strings.TrimSpace(l[eq+3:]), first: k, end: k + 1, column: eq + 3})
			}
		}
		i = j
	}
	return lines, entries
}

// example is what the worked example computes, by entry name.
type example map[string]string

func (x example) hex(name string, b []byte) { x[name] = hex.EncodeToString(b) }

// inputs reads the example's inputs from its entries.
type inputs map[string]string

func (in inputs) bytes(t *testing.T, name string) []byte {
	t.Helper()
	b, err := hex.DecodeString(in[name])
	if err != nil || in[name] == "" {
		t.Fatalf("FORMAT.md §15: input %q is not hex: %q", name, in[name])
	}
	return b
}

func (in inputs) text(t *testing.T, name string) string {
	t.Helper()
	v, err := strconv.Unquote(in[name])
	if err != nil {
		t.Fatalf("FORMAT.md §15: input %q is not a quoted string: %q", name, in[name])
	}
	return v
}

// inputNames are the entries the example starts from; every other entry
// is computed.
var inputNames = []string{
	"secret", "label", "created", "custodian 1", "custodian 2", "tool",
	"set seed", "coefficients", "x 1", "x 2",
	"identity 1", "file key 1", "ephemeral secret 1", "nonce 1",
	"identity 2", "file key 2", "ephemeral secret 2", "nonce 2",
}

func TestFormatExample(t *testing.T) {
	raw, err := os.ReadFile(formatPath)
	if err != nil {
		t.Fatal(err)
	}
	lines, entries := parseExample(t, string(raw))
	in := inputs{}
	for _, e := range entries {
		in[e.name] = e.value
	}
	for _, name := range inputNames {
		if _, ok := in[name]; !ok {
			t.Fatalf("FORMAT.md §15 lacks the input %q", name)
		}
	}
	want := computeExample(t, in)
	for _, name := range inputNames {
		want[name] = in[name]
	}

	if *update {
		for i := len(entries) - 1; i >= 0; i-- {
			e := entries[i]
			v, ok := want[e.name]
			if !ok {
				continue
			}
			var repl []string
			if e.block {
				repl = strings.Split(strings.TrimSuffix(v, "\n"), "\n")
			} else {
				repl = wrapEntry(lines[e.first][:e.column], v)
			}
			lines = append(lines[:e.first], append(repl, lines[e.end:]...)...)
		}
		if err := os.WriteFile(formatPath, []byte(strings.Join(lines, "\n")), 0o644); err != nil {
			t.Fatal(err)
		}
		t.Logf("wrote %s", formatPath)
		return
	}

	seen := map[string]bool{}
	for _, e := range entries {
		seen[e.name] = true
		w, ok := want[e.name]
		if !ok {
			t.Errorf("FORMAT.md line %d: %q is no value the example computes", e.first+1, e.name)
			continue
		}
		if e.value != w {
			t.Errorf("FORMAT.md line %d: %s\n got (FORMAT.md): %s\nwant (computed): %s", e.first+1, e.name, e.value, w)
		}
	}
	for name := range want {
		if !seen[name] {
			t.Errorf("FORMAT.md §15 does not show %q", name)
		}
	}
	checkBase32Example(t, string(raw))

	// recover.py and stock age, which know nothing of this test, rebuild
	// the secret from the share files and identities as printed.
	if testtool.Have(t, "python3") && testtool.Have(t, "age") {
		dir := t.TempDir()
		args := []string{"combine"}
		for _, n := range []string{"1", "2"} {
			file, key := dir+"/"+n+".share", dir+"/"+n+".key"
			os.WriteFile(file, []byte(in["share file "+n]), 0o600)
			os.WriteFile(key, []byte(want["identity string "+n]+"\n"), 0o600)
			args = append(args, file, key)
		}
		if got := mustRun(t, args...); string(got) != in.text(t, "secret") {
			t.Errorf("recover.py combine of §15's shares: %q, want the secret", got)
		}
	}
}

// wrapEntry writes "name = value" with long hex values wrapped at 64
// characters under the value's column.
func wrapEntry(prefix, v string) []string {
	if strings.ContainsAny(v, " \"") || len(v) <= 64 {
		return []string{prefix + v}
	}
	var out []string
	for v != "" {
		n := min(64, len(v))
		if i := strings.LastIndexByte(v[:n], ','); strings.Contains(v, ",") && n < len(v) && i > 0 {
			n = i + 1 // a list breaks after a comma, so no number is cut in two
		}
		p := strings.Repeat(" ", len(prefix))
		if out == nil {
			p = prefix
		}
		out = append(out, p+v[:n])
		v = v[n:]
	}
	return out
}

// computeExample computes every value of the worked example from its inputs.
func computeExample(t *testing.T, in inputs) example {
	t.Helper()
	x := example{}
	secret := []byte(in.text(t, "secret"))
	label := in.text(t, "label")
	created, err := time.Parse("2006-01-02", in["created"])
	if err != nil {
		t.Fatalf("created: %v", err)
	}
	names := []string{in["custodian 1"], in["custodian 2"]}
	seed := in.bytes(t, "set seed")
	coeffs := in.bytes(t, "coefficients")
	xs := []byte{in.bytes(t, "x 1")[0], in.bytes(t, "x 2")[0]}

	// §5: padding and the split.
	padded, err := share.Pad(secret)
	if err != nil {
		t.Fatal(err)
	}
	x.hex("secret (hex)", secret)
	x.hex("padded secret", padded)
	input := share.SplitInput(padded, seed)
	x.hex("split input", input)
	if len(coeffs) != len(input) {
		t.Fatalf("coefficients: %d bytes for a split input of %d", len(coeffs), len(input))
	}
	var payloads [][]byte
	for i, xi := range xs {
		p := make([]byte, 0, len(input)+1)
		for j, s := range input {
			p = append(p, s^sss.Mul(coeffs[j], xi)) // f(x) = s + c·x
		}
		p = append(p, xi)
		payloads = append(payloads, p)
		x.hex(fmt.Sprintf("payload %d", i+1), p)
	}
	x.hex("lagrange 1", []byte{gf256Div(xs[1], xs[0]^xs[1])})
	x.hex("lagrange 2", []byte{gf256Div(xs[0], xs[0]^xs[1])})
	// The payloads combine to the split input through quorum's Combine and
	// Vault's.
	for _, combine := range []func([][]byte) ([]byte, error){sss.Combine, shamir.Combine} {
		got, err := combine(payloads)
		if err != nil || !bytes.Equal(got, input) {
			t.Fatalf("combining the example's payloads: %x, %v; want the split input", got, err)
		}
	}

	// §6: the set key.
	setKey, err := share.SetKey(padded, seed)
	if err != nil {
		t.Fatal(err)
	}
	pub := setKey.Public().(ed25519.PublicKey)
	x.hex("set key seed", setKey.Seed())
	x.hex("set public key", pub)
	h := sha256.Sum256(pub)
	x.hex("SHA-256(set public key)", h[:])
	x["set fingerprint"] = share.FingerprintOf(pub).String()

	m := &manifest.Manifest{
		Label: label, Created: in["created"], Threshold: 2, Shares: 2, Tool: in.text(t, "tool"),
	}
	for i := range 2 {
		n := strconv.Itoa(i + 1)
		identity := in.bytes(t, "identity "+n)
		sealed := sealX25519(t, x, n, identity, in.bytes(t, "file key "+n), in.bytes(t, "ephemeral secret "+n), in.bytes(t, "nonce "+n), payloads[i])

		sh := &share.Share{
			Header: share.Header{
				SetKey: pub, Index: i + 1, Threshold: 2, Shares: 2, Created: created,
				Kind: share.KindX25519, Label: label, Custodian: names[i],
			},
			Sealed: sealed,
		}
		if err := sh.Sign(setKey); err != nil {
			t.Fatal(err)
		}
		body, err := sh.Body()
		if err != nil {
			t.Fatal(err)
		}
		x.hex("body "+n, body)
		// The body's fields, as §3 lists them: the header up to the
		// custodian, the compact age file, the signature.
		head := 32 + 1 + 1 + 1 + 2 + 1 + 1 + len(label) + 1 + len(names[i])
		x.hex("header "+n, body[:head])
		x.hex("compact age file "+n, body[head:len(body)-64])
		x.hex("signature "+n, body[len(body)-64:])
		str, err := sh.Marshal()
		if err != nil {
			t.Fatal(err)
		}
		x["share string "+n] = str
		text, err := sh.MarshalText()
		if err != nil {
			t.Fatal(err)
		}
		x["share file "+n] = string(text)
		// The share file reads back as this share.
		if back, _, err := share.Read(text); err != nil || len(back) != 1 || back[0].Verify() != nil {
			t.Fatalf("share file %s does not read back: %v", n, err)
		}
		hash, err := sh.Hash()
		if err != nil {
			t.Fatal(err)
		}
		x.hex("share hash "+n, hash[:])
		x["share hash "+n+" (base32)"] = share.EncodeBinary(hash[:])
		shareKey, err := share.ShareKey(payloads[i], pub)
		if err != nil {
			t.Fatal(err)
		}
		x.hex("share key seed "+n, shareKey.Seed())
		commitment := shareKey.Public().(ed25519.PublicKey)
		x.hex("commitment "+n, commitment)
		c := custodians.Custodian{Recipient: x["recipient "+n], Kind: share.KindX25519}
		x["recipient fingerprint "+n] = c.Fingerprint()
		m.Custodians = append(m.Custodians, manifest.Custodian{
			Index: i + 1, Name: names[i], RecipientKind: share.KindX25519.String(),
			RecipientFingerprint: c.Fingerprint(), ShareFile: fmt.Sprintf("%d-%s.share", i+1, names[i]),
			ShareHash: share.EncodeBinary(hash[:]), Commitment: share.EncodeBinary(commitment),
		})
		if i == 0 {
			lineCheckExample(t, x, str)
		}
	}

	// §9: the manifest.
	if err := m.Sign(setKey); err != nil {
		t.Fatal(err)
	}
	signed, err := m.SignedText()
	if err != nil {
		t.Fatal(err)
	}
	x["manifest signed text"] = string(signed)
	sig, err := share.DecodeBinary(m.Signature)
	if err != nil {
		t.Fatal(err)
	}
	x.hex("manifest signature", sig)
	if _, err := manifest.Parse(mustMarshal(t, m)); err != nil {
		t.Fatalf("the example's manifest does not verify: %v", err)
	}
	return x
}

func mustMarshal(t *testing.T, m *manifest.Manifest) []byte {
	t.Helper()
	b, err := m.Marshal()
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// sealX25519 builds the age file of payload for the X25519 identity, with
// the given file key, ephemeral secret and payload nonce, as the age
// specification (C2SP age) describes it; stock age's library must open it.
func sealX25519(t *testing.T, x example, n string, identity, fileKey, ephemeral, nonce, payload []byte) []byte {
	t.Helper()
	idKey, err := ecdh.X25519().NewPrivateKey(identity)
	if err != nil {
		t.Fatal(err)
	}
	recipientKey := idKey.PublicKey().Bytes()
	x.hex("recipient key "+n, recipientKey)
	x["identity string "+n] = strings.ToUpper(bech32(t, "age-secret-key-", identity))
	x["recipient "+n] = bech32(t, "age", recipientKey)
	id, err := age.ParseX25519Identity(x["identity string "+n])
	if err != nil || id.Recipient().String() != x["recipient "+n] {
		t.Fatalf("age reads identity %s as %v, %v", n, id, err)
	}

	eph, err := ecdh.X25519().NewPrivateKey(ephemeral)
	if err != nil {
		t.Fatal(err)
	}
	share := eph.PublicKey().Bytes()
	x.hex("ephemeral share "+n, share)
	shared, err := eph.ECDH(idKey.PublicKey())
	if err != nil {
		t.Fatal(err)
	}
	x.hex("shared secret "+n, shared)
	wrapKey := hkdfKey(t, shared, append(append([]byte{}, share...), recipientKey...), "age-encryption.org/v1/X25519")
	x.hex("wrap key "+n, wrapKey)
	body := aead(t, wrapKey, make([]byte, 12), fileKey)
	x.hex("stanza body "+n, body)

	b64 := base64.RawStdEncoding
	header := "age-encryption.org/v1\n-> X25519 " + b64.EncodeToString(share) + "\n" + b64.EncodeToString(body) + "\n---"
	macKey := hkdfKey(t, fileKey, nil, "header")
	x.hex("header MAC key "+n, macKey)
	mac := hmac.New(sha256.New, macKey)
	mac.Write([]byte(header))
	sum := mac.Sum(nil)
	x.hex("header MAC "+n, sum)
	header += " " + b64.EncodeToString(sum) + "\n"
	x["age header "+n] = header

	payloadKey := hkdfKey(t, fileKey, nonce, "payload")
	x.hex("payload key "+n, payloadKey)
	chunkNonce := append(make([]byte, 11), 1) // counter 0, last chunk
	ct := aead(t, payloadKey, chunkNonce, payload)
	x.hex("age payload "+n, append(append([]byte{}, nonce...), ct...))
	sealed := append([]byte(header), nonce...)
	sealed = append(sealed, ct...)

	r, err := age.Decrypt(bytes.NewReader(sealed), id)
	if err != nil {
		t.Fatalf("age cannot open the example's age file %s: %v", n, err)
	}
	got, err := io.ReadAll(r)
	if err != nil || !bytes.Equal(got, payload) {
		t.Fatalf("age opens the example's age file %s to %x, %v; want the payload", n, got, err)
	}
	return sealed
}

func hkdfKey(t *testing.T, secret, salt []byte, info string) []byte {
	t.Helper()
	k, err := hkdf.Key(sha256.New, secret, salt, info, 32)
	if err != nil {
		t.Fatal(err)
	}
	return k
}

func aead(t *testing.T, key, nonce, plaintext []byte) []byte {
	t.Helper()
	a, err := chacha20poly1305.New(key)
	if err != nil {
		t.Fatal(err)
	}
	return a.Seal(nil, nonce, plaintext, nil)
}

// lineCheckExample works the check of share 1's line 1 term by term, from
// FORMAT.md §7, and compares it with the check quorum writes.
func lineCheckExample(t *testing.T, x example, str string) {
	t.Helper()
	line := share.Lines(str)[0]
	values := []uint16{1, 1, 0}
	const alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
	for _, c := range line.Symbols {
		values = append(values, uint16(strings.IndexRune(alphabet, c)))
	}
	var check, power uint16 = 0, 1
	var terms []string
	for _, v := range values {
		term := gf1024Mul(v, power)
		terms = append(terms, fmt.Sprintf("%03x", term))
		check ^= term
		power = gf1024Mul(power, 2)
	}
	var vs []string
	for _, v := range values {
		vs = append(vs, strconv.Itoa(int(v)))
	}
	x["line 1 symbols"] = line.Symbols
	x["line 1 values"] = strings.Join(vs, ",")
	x["line 1 terms"] = strings.Join(terms, ",")
	x["line 1 check"] = fmt.Sprintf("%03x", check)
	x["line 1 check symbols"] = string([]byte{alphabet[check>>5], alphabet[check&31]})
	if x["line 1 check symbols"] != line.Check {
		t.Fatalf("§7 gives line 1 the check %s, quorum %s", x["line 1 check symbols"], line.Check)
	}
}

// gf256Div divides in GF(2⁸): b²⁵⁴ = b⁻¹.
func gf256Div(a, b byte) byte {
	inv := byte(1)
	for range 254 {
		inv = sss.Mul(inv, b)
	}
	return sss.Mul(a, inv)
}

// gf1024Mul multiplies in GF(2¹⁰) with x¹⁰+x³+1, from FORMAT.md §7.
func gf1024Mul(a, b uint16) uint16 {
	var p uint16
	for ; b != 0; b >>= 1 {
		if b&1 != 0 {
			p ^= a
		}
		a <<= 1
		if a&0x400 != 0 {
			a ^= 0x409
		}
	}
	return p
}

// bech32 encodes data under hrp as BIP 173 does (age keys have no length
// limit).
func bech32(t *testing.T, hrp string, data []byte) string {
	t.Helper()
	const charset = "qpzry9x8gf2tvdw0s3jn54khce6mua7l"
	var values []byte // data as 5-bit groups, zero-padded
	acc, bits := 0, 0
	for _, b := range data {
		acc = acc<<8 | int(b)
		bits += 8
		for bits >= 5 {
			bits -= 5
			values = append(values, byte(acc>>bits&31))
		}
	}
	if bits > 0 {
		values = append(values, byte(acc<<(5-bits)&31))
	}
	polymod := func(vs []byte) int {
		gen := []int{0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3}
		chk := 1
		for _, v := range vs {
			top := chk >> 25
			chk = (chk&0x1ffffff)<<5 ^ int(v)
			for i := range 5 {
				if top>>i&1 != 0 {
					chk ^= gen[i]
				}
			}
		}
		return chk
	}
	var expanded []byte
	for _, c := range hrp {
		expanded = append(expanded, byte(c>>5))
	}
	expanded = append(expanded, 0)
	for _, c := range hrp {
		expanded = append(expanded, byte(c&31))
	}
	mod := polymod(append(append(expanded, values...), 0, 0, 0, 0, 0, 0)) ^ 1
	var sb strings.Builder
	sb.WriteString(hrp + "1")
	for _, v := range values {
		sb.WriteByte(charset[v])
	}
	for i := range 6 {
		sb.WriteByte(charset[mod>>(5*(5-i))&31])
	}
	return sb.String()
}

// checkBase32Example checks §1's example against quorum's encoder.
func checkBase32Example(t *testing.T, doc string) {
	t.Helper()
	m := regexp.MustCompile("the bytes\\s+`([0-9a-f ]+)` are the bits ([01 \n]+), the values\\s+([0-9 \n]+), the symbols `([0-9A-Z]+)`; the one byte `ff` is 11111 111\\(00\\), `([0-9A-Z]+)`").FindStringSubmatch(doc)
	if m == nil {
		t.Fatal("FORMAT.md §1 has no base32 example")
	}
	b, err := hex.DecodeString(strings.ReplaceAll(m[1], " ", ""))
	if err != nil {
		t.Fatal(err)
	}
	var bits, values []string
	for i, c := range share.EncodeBinary(b) {
		v := strings.IndexRune("0123456789ABCDEFGHJKMNPQRSTVWXYZ", c)
		bits = append(bits, fmt.Sprintf("%05b", v))
		values = append(values, strconv.Itoa(v))
		_ = i
	}
	if got := strings.Join(strings.Fields(m[2]), " "); got != strings.Join(bits, " ") {
		t.Errorf("§1: bits %q, want %q", got, strings.Join(bits, " "))
	}
	if got := strings.Join(strings.Fields(m[3]), " "); got != strings.Join(values, " ") {
		t.Errorf("§1: values %q, want %q", got, strings.Join(values, " "))
	}
	if m[4] != share.EncodeBinary(b) || m[5] != share.EncodeBinary([]byte{0xff}) {
		t.Errorf("§1: symbols %q and %q, want %q and %q", m[4], m[5], share.EncodeBinary(b), share.EncodeBinary([]byte{0xff}))
	}
}
