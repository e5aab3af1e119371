package print

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strings"
	"time"

	"quorum/docs"
	"quorum/share"
)

// The recovery kit is the binder's way back to the secret when quorum, its
// source and FORMAT.md are gone: the format's essentials on one page, and
// docs/recover.py in full as numbered lines, each with a check over its
// characters (share.TextLineCheck, the rule of the sheets' lines), so that
// a person can type the script back and be told which line is wrong. A
// short checker to type first (docs/kitcheck.py) turns the typed lines
// back into the script. The SHA-256 of recover.py is on the kit and on the
// ceremony record, so that the script typed back can be compared with the
// one the ceremony vouched for. Nothing in the kit is secret.

// KitOptions says how to print the recovery kit.
type KitOptions struct {
	Paper Paper
	// Date is the PDF's creation date; the zero time means the clock's.
	Date time.Time
}

// KitSHA256 returns the SHA-256 of docs/recover.py in hex, as the kit and
// the ceremony record print it and sha256sum writes it.
func KitSHA256() string {
	h := sha256.Sum256(docs.Recover)
	return hex.EncodeToString(h[:])
}

// kitSpace stands for a space that paper does not show plainly: each of a
// line's leading spaces and of a run of two or more, which a reader could
// not count and a PDF reader's text may not keep. A single space between
// words stays a space. The person types a space for each; neither script
// holds the character itself (TestKitLines).
const kitSpace = "·"

// visibleSpaces writes line with kitSpace for its leading spaces and for
// every run of two or more.
func visibleSpaces(line string) string {
	var b strings.Builder
	for i := 0; i < len(line); {
		j := i
		for j < len(line) && line[j] == ' ' {
			j++
		}
		switch {
		case j == i:
			b.WriteByte(line[i])
			j++
		case i == 0 || j-i >= 2:
			b.WriteString(strings.Repeat(kitSpace, j-i))
		default:
			b.WriteByte(' ')
		}
		i = j
	}
	return b.String()
}

// KitLine is one numbered line of a script as the kit prints it.
type KitLine struct {
	Number int
	Check  string // share.TextLineCheck of the line
	Code   string // the line as printed, spaces shown as visibleSpaces does
}

// String returns the line as printed and typed: "007 K3 code".
func (kl KitLine) String() string {
	return strings.TrimSuffix(fmt.Sprintf("%03d %s %s", kl.Number, kl.Check, kl.Code), " ")
}

// KitLines returns script's lines as the kit prints them.
func KitLines(script []byte) []KitLine {
	lines := strings.Split(strings.TrimSuffix(string(script), "\n"), "\n")
	out := make([]KitLine, len(lines))
	for i, l := range lines {
		out[i] = KitLine{Number: i + 1, Check: share.TextLineCheck(i+1, i == len(lines)-1, l), Code: visibleSpaces(l)}
	}
	return out
}

// KitPDF lays out the recovery kit.
func KitPDF(o KitOptions) ([]byte, error) {
	fs, err := loadFonts()
	if err != nil {
		return nil, err
	}
	date := o.Date
	if date.IsZero() {
		date = time.Now()
	}
	l := newLayout(o.Paper, fs)
	pages, err := l.kit()
	if err != nil {
		return nil, err
	}
	return documentPDF(o.Paper, date, "quorum recovery kit", pages)
}

// kitEssentials is the format on one page, for a reader with nothing else:
// each line names the FORMAT.md section it condenses.
var kitEssentials = []string{
	"Symbols (§1): 0123456789ABCDEFGHJKMNPQRSTVWXYZ, values 0-31; bytes as one bit string, 5 bits a symbol, the last padded with zero bits. O is 0; I and L are 1.",
	"Share string (§2): QRM1 then the base32 of the body. The QR code holds exactly it; the sheet's numbered lines spell it, 24 symbols a line.",
	"Line check (§7): in GF(2^10) with x^10+x^3+1, check = sum of v_j * x^j, v = 1, line number, 1 if last line else 0, the symbols' values; two symbols, high 5 bits first. This kit checks its lines the same way, with the characters' ASCII codes as the values.",
	"Body (§3): set public key 32 | index 1 | k 1 | n 1 | days since 1970 2 | kind 1 | label length 1, label | custodian length 1, custodian | compact age file | Ed25519 signature 64 over \"quorum share v1\\n\" and all before it.",
	"Compact age file (§4): stanza count; each stanza: type code (1 X25519, 2 mlkem768x25519, 3 ssh-ed25519, 4 ssh-rsa, 5 scrypt, 255 then length and type), argument count, each argument (2 bytes: top bit = stored decoded from base64, low 15 bits length; then the bytes), body length 2, body; MAC 32; payload length 2, payload.",
	"Payload (§5): the age file opens (stock age; 1.3 or later for post-quantum) to y_1 .. y_L || x, a Shamir share over GF(2^8) (AES polynomial) of: uint16 secret length || secret || zeros to 64m bytes || set seed 32.",
	"Combining (§5, §6): Lagrange at x = 0 over k payloads; set key = Ed25519 from HKDF-SHA-256(padded secret, salt = set seed, info \"quorum set key v1\"); its public key must equal the shares' (the integrity check), else nothing is shown.",
	"Fingerprint (§6): the first 28 symbols of base32(SHA-256(set public key)): compare it with the ceremony record.",
}

// kit lays out the recovery kit: a first page of instructions, the
// format's essentials and the checker; then recover.py, line by line.
func (l *layout) kit() ([]*page, error) {
	const head = "QUORUM RECOVERY KIT"
	right := "quorum share format 1"
	p := l.newPage()
	pages := []*page{p}
	y := l.eyebrow(p, l.y0, head, right)
	y = l.title(p, y+4, "Rebuilding a secret without quorum", bold, 18, 14, ink)
	y = l.paragraph(p, l.x0, y+2, l.width(), regular, proseSize, proseLead, dim,
		"Keep this kit in the binder with the ceremony record. It is public: nothing in it is secret. With it, k "+
			"custodians, their sheets and keys, stock age (age-encryption.org; 1.3 or later for post-quantum "+
			"custodians) and Python 3.8 or later rebuild the secret on an offline computer, even if quorum and its "+
			"source are gone. It holds recover.py, the script of FORMAT.md §12, as numbered lines with checks.")

	// recover.py's hash, in a shaded box: the value the typed script must
	// give, and the one the ceremony record carries.
	y += 8
	const boxH = 46.0
	p.fill(l.x0, y, l.width(), boxH, stripe)
	p.box(l.x0, y, l.width(), boxH, 0.8, rule)
	l.textCenter(p, l.x0+l.width()/2, y+14, bold, 7.5, dim, "SHA-256 OF RECOVER.PY (THE CEREMONY RECORD CARRIES THE SAME VALUE)")
	sum := KitSHA256()
	size, _ := l.fs.fit(monoBold, sum, 12, 7, l.width()-30)
	l.textCenter(p, l.x0+l.width()/2, y+18+size*1.5, monoBold, size, ink, sum)
	y += boxH + 4

	steps := []string{
		"1. Type kitcheck.py below into a file of that name; type a space for each ·. " +
			"\"sha256sum kitcheck.py\" must print " + kitCheckSHA256() + ".",
		fmt.Sprintf("2. Type the %d numbered lines of recover.py on the next pages into a file, say typed.txt, "+
			"each as printed: its number, its check, one space, the code, a space for each ·.", len(KitLines(docs.Recover))),
		"3. \"python3 kitcheck.py typed.txt > recover.py\" names the first mistyped line; correct it and run it " +
			"again. Then \"sha256sum recover.py\" must print the value in the box above.",
		"4. Rebuild the secret: \"python3 recover.py combine SHARE1 KEY1 SHARE2 KEY2 ...\", each share (a file " +
			"of its numbered lines, or what a QR reader read) with its custodian's age key file, or " +
			"--passphrase. \"python3 recover.py\" alone explains every command.",
	}
	for _, s := range steps {
		y = l.paragraph(p, l.x0, y, l.width(), regular, proseSize, proseLead, ink, s) + 2
	}

	y += 6
	p.text(l.x0, y+10, bold, 9, ink, "The format, in brief (FORMAT.md, the quorum share format, version 1)")
	y += 12
	for _, s := range kitEssentials {
		y = l.paragraph(p, l.x0, y, l.width(), regular, 7.6, 9.6, dim, s) + 1.5
	}

	y += 8
	p.text(l.x0, y+10, bold, 9, ink, "kitcheck.py")
	y += 12
	for _, kl := range KitLines(docs.KitCheck) {
		y += 9.2
		if y > l.bottom() {
			p = l.newPage()
			pages = append(pages, p)
			y = l.eyebrow(p, l.y0, head+", CONTINUED", right) + 16
		}
		p.text(l.x0, y, mono, 7.6, ink, kl.Code)
	}

	// recover.py, line by line: number, check, code.
	lines := KitLines(docs.Recover)
	const lead, size2 = 10.2, 7.4
	newListing := func() float64 {
		p = l.newPage()
		pages = append(pages, p)
		y := l.eyebrow(p, l.y0, head+": RECOVER.PY", right) + 4
		return l.paragraph(p, l.x0, y, l.width(), regular, 7, 9, dim,
			"Type each line as printed: its number, its two check symbols, one space, then the code; type a space "+
				"for each ·. kitcheck.py checks every line.") + 6
	}
	y = newListing()
	for i, kl := range lines {
		if y+lead > l.bottom() {
			y = newListing()
		}
		if i%2 == 1 {
			p.fill(l.x0-2, y+2.4, l.width()+4, lead, stripe)
		}
		// A line is never wrapped: a wrapped line could not be typed
		// back as one. One too long for the paper is an error, for the
		// script to be shortened, not a line cut off at the edge.
		if w := l.fs.width(mono, size2, kl.String()); w > l.width() {
			return nil, fmt.Errorf("recover.py line %d is too long to print on one line of the kit", kl.Number)
		}
		y += lead
		// One run of text a line, so that a PDF reader copies the line
		// as it is typed (pdftotext, which the tests use, too).
		p.text(l.x0, y, mono, size2, ink, kl.String())
	}
	for i, p := range pages {
		l.footer(p, "quorum recovery kit · recover.py SHA-256 "+sum[:16]+"…", i+1, len(pages))
	}
	return pages, nil
}

// kitCheckSHA256 returns the SHA-256 of docs/kitcheck.py in hex.
func kitCheckSHA256() string {
	h := sha256.Sum256(docs.KitCheck)
	return hex.EncodeToString(h[:])
}
