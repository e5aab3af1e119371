package main

// Custom testscript commands for the transcripts in testdata/*.txtar. They
// do what a custodian, a careless typist or a forger would do to a share
// file, and what the scripts cannot say with testscript's own commands.
// Each reads as a step of the transcript:
//
//	custodians FILE NAME=KEY...       write a custodians file from key files
//	mode PERM FILE...                 check that each file has mode PERM
//	capture VAR FILE REGEXP           set VAR to REGEXP's first group in FILE, VAR_RE to it quoted
//	edit FILE OLD NEW                 replace the first OLD in FILE by NEW
//	nonewline FILE OUT                OUT is FILE without its final newline
//	lines FILE LINE...                write FILE, one argument a line (keys typed for ttyin)
//	noleftovers DIR                   no temporary .quorum-* file is left in DIR
//	corrupt FILE LINE                 change one symbol of a numbered line
//	truncate FILE                     drop the last numbered line
//	qrtext SHARE OUT [PREFIX]         the share string alone, as a QR reader returns it
//	relabel SHARE OUT LABEL           forge: change the label, good line checks, bad signature
//	reversion SHARE OUT N             rewrite as format version N, good line checks
//	wrongpayload DIR K NAME=KEY...    a signed set whose share 1 has a wrong payload
//	degrade IN OUT                    a scan turned 90° and saved as a quality-30 JPEG
//	tile OUT IN...                    several scans side by side in one PNG
//	qrcode OUT TEXT                   a PNG of a QR code holding TEXT
//	hugepng OUT W H                   a PNG header claiming W × H pixels, no data
//	head IN N OUT                     the first N bytes of IN (a file cut short)
//	forgedset DIR K NAME=KEY... -- EDIT...  a set and a manifest re-signed with EDITs (forged_script_test.go)
//	page OUT blank|noise              an A4 page at 300 dpi without a code (PNG)
//	prepend OUT TEXT IN               IN after a line of TEXT (junk before a PDF)
//
// The forging commands change one thing and encode the rest as quorum
// would (with the share package), so that the one check that must fail is
// the one the script names.

import (
	"crypto/ed25519"
	"crypto/rand"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"time"

	"github.com/rogpeppe/go-internal/testscript"

	"quorum/internal/sss"
	"quorum/seal"
	"quorum/share"
	"quorum/split"
)

func scriptCmds() map[string]func(ts *testscript.TestScript, neg bool, args []string) {
	cmds := map[string]func(ts *testscript.TestScript, neg bool, args []string){
		"custodians":   cmdCustodians,
		"mode":         cmdMode,
		"capture":      cmdCapture,
		"edit":         cmdEdit,
		"nonewline":    cmdNoNewline,
		"lines":        cmdLines,
		"noleftovers":  cmdNoLeftovers,
		"corrupt":      cmdCorrupt,
		"truncate":     cmdTruncate,
		"qrtext":       cmdQRText,
		"relabel":      cmdRelabel,
		"reversion":    cmdReversion,
		"wrongpayload": cmdWrongPayload,
		"degrade":      cmdDegrade,
		"tile":         cmdTile,
		"qrcode":       cmdQRCode,
		"hugepng":      cmdHugePNG,
		"head":         cmdHead,
		"forgedset":    cmdForgedSet,
		"page":         cmdPage,
		"prepend":      cmdPrepend,
	}
	for name, cmd := range logScriptCmds() {
		cmds[name] = cmd
	}
	return cmds
}

func noNeg(ts *testscript.TestScript, neg bool, name string) {
	if neg {
		ts.Fatalf("unsupported: ! %s", name)
	}
}

// publicKeyLine finds the recipient in what a key tool wrote: the
// "# public key: age1…" comment of an age-keygen or quorum keygen identity
// file, a "Public key: age1…" line of their standard error, or an OpenSSH
// .pub file (its whole first line, comment included).
var publicKeyLine = regexp.MustCompile(`(?mi)^(?:# )?public key: (\S+)\s*$`)

// recipientOf returns the recipient for a custodians file line from file,
// or "passphrase" for the word itself.
func recipientOf(ts *testscript.TestScript, file string) string {
	if file == "passphrase" {
		return file
	}
	data := ts.ReadFile(file)
	if m := publicKeyLine.FindStringSubmatch(data); m != nil {
		return m[1]
	}
	if strings.HasPrefix(data, "ssh-") {
		return strings.TrimSpace(strings.SplitN(data, "\n", 2)[0])
	}
	ts.Fatalf("%s holds no public key", file)
	return ""
}

// custodians FILE NAME=KEY...: writes the custodians file, one "NAME
// RECIPIENT" line for each, the recipient read from KEY (see recipientOf).
func cmdCustodians(ts *testscript.TestScript, neg bool, args []string) {
	noNeg(ts, neg, "custodians")
	if len(args) < 2 {
		ts.Fatalf("usage: custodians FILE NAME=KEY...")
	}
	var b strings.Builder
	b.WriteString("# NAME RECIPIENT\n")
	for _, a := range args[1:] {
		name, key, ok := strings.Cut(a, "=")
		if !ok {
			ts.Fatalf("custodians: %q is not NAME=KEY", a)
		}
		fmt.Fprintf(&b, "%s %s\n", name, recipientOf(ts, key))
	}
	ts.Check(os.WriteFile(ts.MkAbs(args[0]), []byte(b.String()), 0o644))
}

// mode PERM FILE...: checks the permission bits of each file. Windows has
// none to check.
func cmdMode(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) < 2 {
		ts.Fatalf("usage: mode PERM FILE...")
	}
	perm, err := strconv.ParseUint(args[0], 8, 32)
	ts.Check(err)
	want := os.FileMode(perm)
	if runtime.GOOS == "windows" {
		return
	}
	for _, f := range args[1:] {
		fi, err := os.Stat(ts.MkAbs(f))
		ts.Check(err)
		switch got := fi.Mode().Perm(); {
		case neg && got == want:
			ts.Fatalf("%s has mode %#o", f, got)
		case !neg && got != want:
			ts.Fatalf("%s has mode %#o, want %#o", f, got, want)
		}
	}
}

// capture VAR FILE REGEXP: sets VAR to the first group of the first match
// of REGEXP (multi-line mode) in FILE, which may be stdout, stderr or
// ttyout.
func cmdCapture(ts *testscript.TestScript, neg bool, args []string) {
	noNeg(ts, neg, "capture")
	if len(args) != 3 {
		ts.Fatalf("usage: capture VAR FILE REGEXP")
	}
	re, err := regexp.Compile("(?m)" + args[2])
	ts.Check(err)
	m := re.FindStringSubmatch(ts.ReadFile(args[1]))
	if len(m) < 2 {
		ts.Fatalf("capture: no match for %q in %s", args[2], args[1])
	}
	ts.Setenv(args[0], m[1])
	// For a value with regexp characters (base64's + and /) in a regexp.
	ts.Setenv(args[0]+"_RE", regexp.QuoteMeta(m[1]))
}

// edit FILE OLD NEW: replaces the first occurrence of OLD in FILE by NEW;
// OLD must be there.
func cmdEdit(ts *testscript.TestScript, neg bool, args []string) {
	noNeg(ts, neg, "edit")
	if len(args) != 3 {
		ts.Fatalf("usage: edit FILE OLD NEW")
	}
	data := ts.ReadFile(args[0])
	if !strings.Contains(data, args[1]) {
		ts.Fatalf("edit: %q is not in %s", args[1], args[0])
	}
	writeLike(ts, args[0], args[0], strings.Replace(data, args[1], args[2], 1))
}

// nonewline FILE OUT: writes FILE without its final newline, which a
// txtar section always has: a secret as a password tool means it.
func cmdNoNewline(ts *testscript.TestScript, neg bool, args []string) {
	noNeg(ts, neg, "nonewline")
	if len(args) != 2 {
		ts.Fatalf("usage: nonewline FILE OUT")
	}
	data := ts.ReadFile(args[0])
	if !strings.HasSuffix(data, "\n") {
		ts.Fatalf("nonewline: %s does not end in a newline", args[0])
	}
	writeLike(ts, args[0], args[1], strings.TrimSuffix(data, "\n"))
}

// lines FILE LINE...: writes FILE with one argument a line, such as what
// a custodian types on the terminal, made of values captured earlier.
func cmdLines(ts *testscript.TestScript, neg bool, args []string) {
	noNeg(ts, neg, "lines")
	if len(args) < 2 {
		ts.Fatalf("usage: lines FILE LINE...")
	}
	ts.Check(os.WriteFile(ts.MkAbs(args[0]), []byte(strings.Join(args[1:], "\n")+"\n"), 0o600))
}

// noleftovers DIR: no temporary file or staging directory of internal/newfile is
// left in DIR.
func cmdNoLeftovers(ts *testscript.TestScript, neg bool, args []string) {
	noNeg(ts, neg, "noleftovers")
	if len(args) != 1 {
		ts.Fatalf("usage: noleftovers DIR")
	}
	entries, err := os.ReadDir(ts.MkAbs(args[0]))
	ts.Check(err)
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".quorum-") {
			ts.Fatalf("%s was left behind in %s", e.Name(), args[0])
		}
	}
}

// writeLike writes data to dst with the mode of src.
func writeLike(ts *testscript.TestScript, src, dst, data string) {
	mode := os.FileMode(0o600)
	if fi, err := os.Stat(ts.MkAbs(src)); err == nil {
		mode = fi.Mode().Perm()
	}
	ts.Check(os.WriteFile(ts.MkAbs(dst), []byte(data), mode))
}

// numbered reports whether line is a numbered line of a share file, and
// returns its fields.
func numbered(line string) ([]string, bool) {
	f := strings.Fields(line)
	if len(f) < 3 {
		return nil, false
	}
	_, err := strconv.Atoi(f[0])
	return f, err == nil
}

// corrupt FILE LINE: replaces the first symbol after line LINE's number
// (past "QRM1" on line 1) by another symbol, as a typing slip would, and
// leaves everything else, the check symbols included, as it was.
func cmdCorrupt(ts *testscript.TestScript, neg bool, args []string) {
	noNeg(ts, neg, "corrupt")
	if len(args) != 2 {
		ts.Fatalf("usage: corrupt FILE LINE")
	}
	want, err := strconv.Atoi(args[1])
	ts.Check(err)
	lines := strings.SplitAfter(ts.ReadFile(args[0]), "\n")
	done := false
	for i, l := range lines {
		f, ok := numbered(l)
		if !ok {
			continue
		}
		if n, _ := strconv.Atoi(f[0]); n != want {
			continue
		}
		at := strings.Index(l, f[1]) // the first group
		if f[1] == "QRM1" {
			at = strings.Index(l, f[2])
		}
		b := []byte(l)
		// Another symbol, and not one that input slips (O for 0, I or
		// L for 1) would read back as the original.
		if b[at] == 'Z' {
			b[at] = 'Y'
		} else {
			b[at] = 'Z'
		}
		lines[i] = string(b)
		done = true
	}
	if !done {
		ts.Fatalf("corrupt: %s has no line %d", args[0], want)
	}
	writeLike(ts, args[0], args[0], strings.Join(lines, ""))
}

// truncate FILE: drops the last numbered line, as a page torn off would.
func cmdTruncate(ts *testscript.TestScript, neg bool, args []string) {
	noNeg(ts, neg, "truncate")
	if len(args) != 1 {
		ts.Fatalf("usage: truncate FILE")
	}
	lines := strings.SplitAfter(ts.ReadFile(args[0]), "\n")
	for i := len(lines) - 1; i >= 0; i-- {
		if _, ok := numbered(lines[i]); ok {
			lines = append(lines[:i], lines[i+1:]...)
			writeLike(ts, args[0], args[0], strings.Join(lines, ""))
			return
		}
	}
	ts.Fatalf("truncate: %s has no numbered line", args[0])
}

// shareString joins the symbols of a share file's numbered lines, without
// line numbers and checks: the share string of FORMAT.md §7, read from the
// text alone, as a person would type it from the sheet.
func shareString(ts *testscript.TestScript, file string) string {
	var sb strings.Builder
	for _, l := range strings.Split(ts.ReadFile(file), "\n") {
		if f, ok := numbered(l); ok {
			sb.WriteString(strings.Join(f[1:len(f)-1], ""))
		}
	}
	if sb.Len() == 0 {
		ts.Fatalf("%s has no numbered lines", file)
	}
	return sb.String()
}

// qrtext SHARE OUT [PREFIX]: writes the share string on one line, as
// "zbarimg --raw" prints a QR code, or with PREFIX ("QR-Code:") as plain
// zbarimg does.
func cmdQRText(ts *testscript.TestScript, neg bool, args []string) {
	noNeg(ts, neg, "qrtext")
	if len(args) != 2 && len(args) != 3 {
		ts.Fatalf("usage: qrtext SHARE OUT [PREFIX]")
	}
	prefix := ""
	if len(args) == 3 {
		prefix = args[2]
	}
	writeLike(ts, args[0], args[1], prefix+shareString(ts, args[0])+"\n")
}

// numberedText writes a share string in numbered lines with good checks,
// as share.Share.MarshalText lays them out, under one comment line.
func numberedText(str, comment string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "# %s\n", comment)
	lines := share.Lines(str)
	w := share.NumberWidth(lines)
	for _, l := range lines {
		fmt.Fprintf(&b, "%0*d  %-29s  %s\n", w, l.Number, l.Groups(), l.Check)
	}
	return b.String()
}

func readOneShare(ts *testscript.TestScript, file string) *share.Share {
	shares, _, err := share.Read([]byte(ts.ReadFile(file)))
	ts.Check(err)
	if len(shares) != 1 {
		ts.Fatalf("%s holds %d shares, want 1", file, len(shares))
	}
	return shares[0]
}

// relabel SHARE OUT LABEL: the forger's edit. The label is changed and the
// share written again with good line checks, but the signature is the old
// one: only the signature check can catch it.
func cmdRelabel(ts *testscript.TestScript, neg bool, args []string) {
	noNeg(ts, neg, "relabel")
	if len(args) != 3 {
		ts.Fatalf("usage: relabel SHARE OUT LABEL")
	}
	s := readOneShare(ts, args[0])
	s.Label = args[2]
	text, err := s.MarshalText()
	ts.Check(err)
	writeLike(ts, args[0], args[1], string(text))
}

// reversion SHARE OUT N: the share string with "QRM1" replaced by "QRMN",
// in numbered lines whose checks are good, as a newer quorum might write.
func cmdReversion(ts *testscript.TestScript, neg bool, args []string) {
	noNeg(ts, neg, "reversion")
	if len(args) != 3 || len(args[2]) != 1 {
		ts.Fatalf("usage: reversion SHARE OUT DIGIT")
	}
	str := shareString(ts, args[0])
	str = "QRM" + args[2] + str[len("QRM1"):]
	writeLike(ts, args[0], args[1], numberedText(str, "quorum share, format "+args[2]))
}

// wrongpayload DIR K NAME=KEY...: makes a K-of-n set of the secret
// "correct secret" as split.Split does (padded secret and set seed split
// with Shamir's scheme, each payload sealed to its custodian, each share
// signed by the set key), except that one byte of share 1's payload is
// changed before it is sealed. Every share then has a valid signature and
// opens; only the integrity check can tell that share 1 is wrong. KEY is
// read as by custodians.
func cmdWrongPayload(ts *testscript.TestScript, neg bool, args []string) {
	noNeg(ts, neg, "wrongpayload")
	if len(args) < 4 {
		ts.Fatalf("usage: wrongpayload DIR K NAME=KEY...")
	}
	k, err := strconv.Atoi(args[1])
	ts.Check(err)
	writeForgedSet(ts, args[0], "wrong payload", "correct secret", k, args[2:], func(payloads [][]byte) {
		payloads[0][0] ^= 0x01 // a y-value of share 1; its x stays right
	})
}

// writeForgedSet makes a set outside quorum split, as a forger (or a faulty
// tool) would: the secret split k-of-n, each payload (after tamper, which
// may change them) sealed to the key file of NAME=KEY and signed by the
// set key, written to DIR as split names the files. It returns what a
// caller needs to go on forging: the set key, the shares and the payloads.
func writeForgedSet(ts *testscript.TestScript, dir, label, secret string, k int, custodians []string, tamper func([][]byte)) (ed25519.PrivateKey, []*share.Share, [][]byte) {
	n := len(custodians)
	padded, err := share.Pad([]byte(secret))
	ts.Check(err)
	seed := make([]byte, share.SeedSize)
	rand.Read(seed)
	setKey, err := share.SetKey(padded, seed)
	ts.Check(err)
	payloads, err := sss.Split(share.SplitInput(padded, seed), n, k)
	ts.Check(err)
	if tamper != nil {
		tamper(payloads)
	}
	dir = ts.MkAbs(dir)
	ts.Check(os.MkdirAll(dir, 0o700))
	var shares []*share.Share
	for i, c := range custodians {
		name, key, ok := strings.Cut(c, "=")
		if !ok {
			ts.Fatalf("%q is not NAME=KEY", c)
		}
		r, kind, err := seal.ParseRecipient(recipientOf(ts, key), nil)
		ts.Check(err)
		sealed, err := seal.Seal(payloads[i], r)
		ts.Check(err)
		s := &share.Share{Header: share.Header{
			SetKey: setKey.Public().(ed25519.PublicKey), Index: i + 1, Threshold: k, Shares: n,
			Created: share.Day(time.Now()), Kind: kind, Label: label, Custodian: name,
		}, Sealed: sealed}
		ts.Check(s.Sign(setKey))
		text, err := s.MarshalText()
		ts.Check(err)
		ts.Check(os.WriteFile(filepath.Join(dir, split.FileName(i+1, n, name)), text, 0o600))
		shares = append(shares, s)
	}
	return setKey, shares, payloads
}
