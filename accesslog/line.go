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
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"quorum/share"
)

const (
	// Format is the value of every record's first member.
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
	}
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

var kindPattern = regexp.MustCompile(`^[a-z][a-z-]{0,31}$`)

// check returns the first field of w that the format forbids, and why.
// It does not look at Seq, Prev or the signature.
func check(w *wire) (field, reason string) {
	if w.Format != Format {
		return "format", fmt.Sprintf("%q, and this quorum reads %q", w.Format, Format)
	}
	if !kindPattern.MatchString(w.Kind) {
		return "kind", fmt.Sprintf("%q is not a kind (lower-case letters and dashes)", w.Kind)
	}
	if _, err := time.Parse(timeLayout, w.Time); err != nil {
		return "time", fmt.Sprintf("%q is not a UTC time like 2026-01-05T09:30:00Z", w.Time)
	}
	for _, f := range []struct{ name, v string }{{"set", w.Set}, {"new_set", w.NewSet}} {
		if f.v == "" {
			continue
		}
		if fp, err := share.ParseFingerprint(f.v); err != nil || string(fp) != f.v {
			return f.name, fmt.Sprintf("%q is not a set fingerprint as FingerprintOf writes it", f.v)
		}
	}
	if w.Share < 0 || w.Share > 255 {
		return "share", fmt.Sprintf("index %d is outside 1…255", w.Share)
	}
	switch w.Outcome {
	case "", Pass, Fail:
	default:
		return "outcome", fmt.Sprintf("%q is not %q, %q or empty", w.Outcome, Pass, Fail)
	}
	texts := []string{w.Label, w.Operator, w.Item, w.Event, w.Reason, w.Tool}
	texts = append(texts, w.Witnesses...)
	texts = append(texts, w.By...)
	for _, p := range w.Participants {
		if p.Index < 1 || p.Index > 255 {
			return "participants", fmt.Sprintf("index %d is outside 1…255", p.Index)
		}
		texts = append(texts, p.Custodian)
	}
	for _, f := range w.Failures {
		if f.Index < 0 || f.Index > 255 {
			return "failures", fmt.Sprintf("index %d is outside 0…255", f.Index)
		}
		texts = append(texts, f.Custodian, f.Source, f.Reason)
	}
	for _, t := range texts {
		if reason := badText(t); reason != "" {
			return "text", reason
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

// badText refuses what would make a line ambiguous or a terminal lie:
// invalid UTF-8 (which encoding/json would silently replace) and control
// characters (which status would print).
func badText(s string) string {
	if !utf8.ValidString(s) {
		return fmt.Sprintf("%q is not valid UTF-8", s)
	}
	for _, c := range s {
		if unicode.IsControl(c) {
			return fmt.Sprintf("%q holds a control character", s)
		}
	}
	return ""
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
		return nil, nil, fmt.Sprintf("not a record: %v", err)
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
	}
	if w.Signer == "" {
		return r, &w, ""
	}
	key, err := share.DecodeBinary(w.Key)
	if err != nil || len(key) != ed25519.PublicKeySize {
		return nil, &w, "key is not an Ed25519 public key"
	}
	sig, err := share.DecodeBinary(w.Sig)
	if err != nil || len(sig) != ed25519.SignatureSize {
		return nil, &w, "sig is not an Ed25519 signature"
	}
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
