package accesslog

// One record, one line: the wire form of the package doc, and the checks
// that a line holds one record in that form. Append and Read share them, so
// that what one writes the other accepts.

import (
	"bytes"
	"crypto/ed25519"
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"quorum/internal/filter"
	"quorum/internal/jsonerr"
	"quorum/share"
)

// Formats are the formats this quorum reads, oldest first: each adds kinds
// or members to the one before, and a record says the newest whose kinds or
// members it uses (formatOf), so that it has one spelling and an older
// quorum refuses it by its first member.
var Formats = []string{Format, FormatKit, FormatRetire, FormatRun}

const (
	// Format is the first member of a record that uses nothing added
	// since the first format.
	Format = "quorum log v1"
	// signedPrefix separates a log signature from every other signature
	// the same keys make ("quorum share v1\n", "quorum manifest v1\n").
	signedPrefix = "quorum log record v1\n"
	// timeLayout is RFC 3339 in UTC, to the second: one spelling a time.
	timeLayout = "2006-01-02T15:04:05Z"
	// maxLine bounds one record, so that a damaged file cannot make Read
	// hold a huge line; a drill of 255 failed shares fits easily.
	maxLine   = 1 << 20
	sigMember = `,"sig":"`
)

// ZeroHash is the Prev of the first record.
var ZeroHash = share.EncodeBinary(make([]byte, sha256.Size))

// wire is a record as a line holds it. The order of the fields is the
// order of the members; encoding/json keeps it.
type wire struct {
	Format       string        `json:"format"`
	Seq          int           `json:"seq"`
	Prev         string        `json:"prev"`
	Kind         string        `json:"kind"`
	Time         string        `json:"time"`
	Set          string        `json:"set,omitempty"`
	Label        string        `json:"label,omitempty"`
	Participants []Participant `json:"participants,omitempty"`
	Operator     string        `json:"operator,omitempty"`
	Witnesses    []string      `json:"witnesses,omitempty"`
	By           []string      `json:"by,omitempty"`
	Item         string        `json:"item,omitempty"`
	Share        int           `json:"share,omitempty"`
	Event        string        `json:"event,omitempty"`
	Reason       string        `json:"reason,omitempty"`
	Outcome      string        `json:"outcome,omitempty"`
	Failures     []Failure     `json:"failures,omitempty"`
	NewSet       string        `json:"new_set,omitempty"`
	ItemKind     string        `json:"item_kind,omitempty"`
	Place        string        `json:"place,omitempty"`
	Holders      []string      `json:"holders,omitempty"`
	Expires      string        `json:"expires,omitempty"`
	Access       *Access       `json:"access,omitempty"`
	Scenario     string        `json:"scenario,omitempty"`
	Rehearsal    bool          `json:"rehearsal,omitempty"`
	Run          string        `json:"run,omitempty"`
	Lessons      []string      `json:"lessons,omitempty"`
	Tool         string        `json:"tool,omitempty"`
	Signer       string        `json:"signer,omitempty"`
	Key          string        `json:"key,omitempty"`
	Sig          string        `json:"sig,omitempty"`
}

func toWire(r *Record) *wire {
	w := &wire{
		Format: Format, Seq: r.Seq, Prev: r.Prev, Kind: r.Kind, Time: r.Time.UTC().Format(timeLayout),
		Set: r.Set, Label: r.Label, Participants: r.Participants, Operator: r.Operator,
		Witnesses: r.Witnesses, By: r.By, Item: r.Item, Share: r.Share, Event: r.Event, Reason: r.Reason,
		Outcome: r.Outcome, Failures: r.Failures, NewSet: r.NewSet, Tool: r.Tool, Signer: r.Signer,
		ItemKind: r.ItemKind, Place: r.Place, Holders: r.Holders, Expires: r.Expires, Access: r.Access,
		Scenario: r.Scenario, Rehearsal: r.Rehearsal, Run: r.Run, Lessons: r.Lessons,
	}
	w.Format = formatOf(w)
	if r.PublicKey != nil {
		w.Key = share.EncodeBinary(r.PublicKey)
	}
	if r.Signature != nil {
		w.Sig = share.EncodeBinary(r.Signature)
	}
	return w
}

// marshal writes w as one line without its newline.
func marshal(w *wire) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	if err := enc.Encode(w); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(b.Bytes(), []byte("\n")), nil
}

// hashLine is a record's hash: SHA-256 of its line, without the newline.
func hashLine(line []byte) string {
	h := sha256.Sum256(line)
	return share.EncodeBinary(h[:])
}

// signedText is what a signature covers: the prefix and the line without
// its "sig" member.
func signedText(line []byte) []byte {
	if i := bytes.LastIndex(line, []byte(sigMember)); i >= 0 {
		line = append(line[:i:i], '}')
	}
	return append([]byte(signedPrefix), line...)
}

// ShareSigner is the Signer of a record signed with the key of share n.
func ShareSigner(n int) string { return "share " + strconv.Itoa(n) }

// ShareOf returns n for a Signer "share n", and false for any other.
func ShareOf(signer string) (int, bool) {
	s, ok := strings.CutPrefix(signer, "share ")
	if !ok {
		return 0, false
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 1 || n > 255 || strconv.Itoa(n) != s {
		return 0, false
	}
	return n, true
}

// check returns the first field of w that the format forbids, and why:
// every field is validated here, where a line is parsed (and before one is
// written), so that what status and log print was checked once. It does
// not compare Seq and Prev with the chain, nor verify the signature.
func check(w *wire) (field, reason string) {
	if !slices.Contains(Formats, w.Format) {
		return "format", fmt.Sprintf("is not one this quorum reads (%s)", strings.Join(Formats, ", "))
	}
	if w.Seq < 1 {
		return "seq", fmt.Sprintf("%d is not a record's place (1, 2, …)", w.Seq)
	}
	if !isHash(w.Prev) {
		return "prev", "is not a hash (52 base32 symbols, as EncodeBinary writes 32 bytes)"
	}
	if !slices.Contains(Kinds, w.Kind) {
		return "kind", fmt.Sprintf("is not a kind of %s: a newer quorum, which would change the format line, or a forged record", Format)
	}
	if field, reason := checkKit(w); field != "" {
		return field, reason
	}
	if field, reason := checkRun(w); field != "" {
		return field, reason
	}
	if _, err := time.Parse(timeLayout, w.Time); err != nil {
		return "time", "is not a UTC time like 2026-01-05T09:30:00Z"
	}
	for _, f := range []struct{ name, v string }{{"set", w.Set}, {"new_set", w.NewSet}} {
		if f.v == "" {
			continue
		}
		if fp, err := share.ParseFingerprint(f.v); err != nil || string(fp) != f.v {
			return f.name, "is not a set fingerprint as FingerprintOf writes it"
		}
	}
	if w.Share < 0 || w.Share > 255 {
		return "share", fmt.Sprintf("index %d is outside 1…255", w.Share)
	}
	if field, reason := checkOutcome(w); field != "" {
		return field, reason
	}
	if w.Label != "" {
		if err := share.ValidateLabel(w.Label); err != nil {
			return "label", err.Error()
		}
	}
	for i := 0; i < len(w.Tool); i++ {
		if w.Tool[i] < ' ' || w.Tool[i] > '~' {
			return "tool", "holds what is not printable ASCII"
		}
	}
	// Names of people: shown beside each other in status, log and the
	// reports, so they are held to the label's rule (one line, nothing
	// invisible or reordering, one script a word). Custodians are those
	// of a share, held to its rule.
	names := append(append([]string{w.Operator}, w.Witnesses...), w.By...)
	for _, n := range append(names, kitNames(w)...) {
		if reason := nameReason(n); reason != "" {
			return "name", reason
		}
	}
	for _, p := range w.Participants {
		if p.Index < 1 || p.Index > 255 {
			return "participants", fmt.Sprintf("index %d is outside 1…255", p.Index)
		}
		if err := share.ValidateCustodian(p.Custodian); err != nil {
			return "participants", err.Error()
		}
	}
	texts := []struct{ name, v string }{{"item", w.Item}, {"event", w.Event}, {"reason", w.Reason}, {"place", w.Place}}
	for _, f := range w.Failures {
		if f.Index < 0 || f.Index > 255 {
			return "failures", fmt.Sprintf("index %d is outside 0…255", f.Index)
		}
		if f.Custodian != "" {
			if err := share.ValidateCustodian(f.Custodian); err != nil {
				return "failures", err.Error()
			}
		}
		texts = append(texts, struct{ name, v string }{"failures", f.Source}, struct{ name, v string }{"failures", f.Reason})
	}
	// Free text, typed or quorum's own words: one line, valid UTF-8.
	// status and log pass it through internal/filter when they print it.
	for _, t := range texts {
		if reason := badText(t.v); reason != "" {
			return t.name, reason
		}
	}
	for _, f := range []struct{ name, v string }{{"key", w.Key}, {"sig", w.Sig}} {
		if f.v == "" {
			continue
		}
		if b, err := share.DecodeBinary(f.v); err != nil || share.EncodeBinary(b) != f.v ||
			f.name == "key" && len(b) != ed25519.PublicKeySize || f.name == "sig" && len(b) != ed25519.SignatureSize {
			return f.name, "is not an Ed25519 " + map[string]string{"key": "public key (52 base32 symbols)", "sig": "signature (103 base32 symbols)"}[f.name]
		}
	}
	switch _, isShare := ShareOf(w.Signer); {
	case w.Signer == "":
		if w.Key != "" || w.Sig != "" {
			return "signer", "a key or signature without a signer"
		}
	case w.Signer == SignerSet && w.Set == "":
		return "signer", "signed with a set key, but names no set"
	case w.Signer != SignerSet && !isShare:
		return "signer", fmt.Sprintf("%q is not %q or \"share N\"", w.Signer, SignerSet)
	case w.Key == "" || w.Sig == "":
		return "signer", "signed by " + w.Signer + ", but the key or signature is missing"
	}
	return "", ""
}

// nameReason says why n cannot be a person's name in the log, or "".
func nameReason(n string) string {
	if filter.Text(n) != n {
		return "name holds a control, format or invisible character"
	}
	if err := share.ValidateLabel(n); err != nil {
		return strings.Replace(err.Error(), "label", "name", 1)
	}
	return ""
}

// MaxText is the most characters one field of free text may hold (an
// item, an event's words, a reason, a place, a lesson): a few sentences,
// which is what a runbook's box or a line of status holds. A longer one is
// a paste gone wrong or a log made to flood a terminal.
const MaxText = 500

// badText refuses what would make a line ambiguous or a terminal lie:
// invalid UTF-8 (which encoding/json would silently replace), control
// characters, and more than [MaxText] characters. It is the one rule of
// free text in the log, at parse and (through [CheckText]) at the command
// line. The reason never quotes the text: it came from a file.
func badText(s string) string {
	if !utf8.ValidString(s) {
		return "is not valid UTF-8"
	}
	for _, c := range s {
		if unicode.IsControl(c) {
			return "holds a control character: one line of text"
		}
	}
	if n := utf8.RuneCountInString(s); n > MaxText {
		return fmt.Sprintf("is %d characters long, and free text in the log holds at most %d", n, MaxText)
	}
	return ""
}

// Fit makes text that quorum writes into a record itself (a share's source,
// which is a file name the person chose, or why the share failed) pass
// [badText]: invalid UTF-8 and control characters become U+FFFD and a
// longer text is cut to [MaxText] characters, its last one "…". A drill's
// record must be written whatever a file was called: the failure it holds
// is the point of the drill.
func Fit(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	s = strings.Map(func(c rune) rune {
		if unicode.IsControl(c) {
			return '\uFFFD'
		}
		return c
	}, s)
	if utf8.RuneCountInString(s) > MaxText {
		s = string([]rune(s)[:MaxText-1]) + "…"
	}
	return s
}

// isHash reports whether s is a hash as [EncodeBinary] writes 32 bytes.
func isHash(s string) bool {
	b, err := share.DecodeBinary(s)
	return err == nil && len(b) == sha256.Size && share.EncodeBinary(b) == s
}

// parseLine reads one line (without its newline) into a record and
// checks that it is in canonical form and that its signature, if any,
// verifies under the key it carries. Seq and Prev are the caller's.
func parseLine(line []byte) (*Record, *wire, string) {
	if len(line) > maxLine {
		return nil, nil, fmt.Sprintf("the line is longer than %d bytes", maxLine)
	}
	var w wire
	dec := json.NewDecoder(bytes.NewReader(line))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&w); err != nil {
		return nil, nil, "not a record: " + jsonerr.Describe(err) // never the decoder's message, which quotes the file
	}
	if dec.More() {
		return nil, &w, "data after the record"
	}
	if field, reason := check(&w); field != "" {
		return nil, &w, field + ": " + reason
	}
	// One spelling a record: what was read must be what quorum writes,
	// byte for byte, so that the hash and signature name one record.
	again, err := marshal(&w)
	if err != nil || !bytes.Equal(again, line) {
		return nil, &w, "not in the canonical form quorum writes (members, order or spelling changed)"
	}
	t, _ := time.Parse(timeLayout, w.Time)
	r := &Record{
		Kind: w.Kind, Time: t, Set: w.Set, Label: w.Label, Participants: w.Participants,
		Operator: w.Operator, Witnesses: w.Witnesses, By: w.By, Item: w.Item, Share: w.Share, Event: w.Event,
		Reason: w.Reason, Outcome: w.Outcome, Failures: w.Failures, NewSet: w.NewSet, Tool: w.Tool,
		Seq: w.Seq, Prev: w.Prev, Signer: w.Signer, Hash: hashLine(line),
		ItemKind: w.ItemKind, Place: w.Place, Holders: w.Holders, Expires: w.Expires, Access: w.Access,
		Scenario: w.Scenario, Rehearsal: w.Rehearsal, Run: w.Run, Lessons: w.Lessons,
	}
	if w.Signer == "" {
		return r, &w, ""
	}
	// check has validated both.
	key, _ := share.DecodeBinary(w.Key)
	sig, _ := share.DecodeBinary(w.Sig)
	r.PublicKey, r.Signature = key, sig
	if w.Signer == SignerSet && string(share.FingerprintOf(key)) != w.Set {
		// A set-signed record must carry the key of the set it names:
		// anyone can sign with a key of their own.
		return nil, &w, "signed with a key that is not the set key of set " + share.Fingerprint(w.Set).String()
	}
	if !ed25519.Verify(key, signedText(line), sig) {
		return nil, &w, "the signature does not verify: the record was changed after it was signed"
	}
	return r, &w, ""
}
