package accesslog

// The log file. Append is the only writer: quorum never rewrites the log,
// it only adds a line at its end, with one write on a file opened with
// O_APPEND, and waits until it is on disk. A crash can at worst leave the
// last line cut off, which Read reports and Append refuses to build on.

import (
	"bytes"
	"crypto/ed25519"
	"crypto/sha256"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"quorum/share"
)

// Read parses a whole log and checks, record by record, its form, its
// sequence numbers, its chain (each Prev is the hash of the line before)
// and its signatures (each against the public key the record carries; a
// set-signed record's key must also be the set key of the set it names).
// On the first record that does not check it returns the records before
// it and a [*BrokenError] naming it. An empty log has no records.
//
// Read cannot know whether a share-signed record's key is that share's:
// the manifest's commitment says so, and status checks it. Nor can it see
// that records were cut off the end: compare [Head] with a head printed
// earlier.
func Read(data []byte) ([]*Record, error) {
	var records []*Record
	prev := ZeroHash
	for n := 1; len(data) > 0; n++ {
		line, rest, ok := bytes.Cut(data, []byte("\n"))
		if !ok {
			return records, &BrokenError{Seq: n, Line: n, Reason: "the last line is cut off (no newline at its end): a write did not finish, or the file was cut"}
		}
		data = rest
		r, w, reason := parseLine(line)
		if reason == "" {
			switch {
			case w.Seq != n:
				reason = fmt.Sprintf("sequence number %d where %d belongs: a record was deleted, inserted or moved", w.Seq, n)
			case w.Prev != prev:
				reason = "its prev is not the hash of the record before: that record or this one was changed, or records were deleted, inserted or moved"
			}
		}
		if reason != "" {
			e := &BrokenError{Seq: n, Line: n, Reason: reason}
			if w != nil && slices.Contains(Kinds, w.Kind) {
				e.Kind = w.Kind
			}
			return records, e
		}
		records = append(records, r)
		prev = r.Hash
	}
	return records, nil
}

// IsLog reports whether data begins as an access log does, so that a
// command given a log in place of another file can say what it is.
func IsLog(data []byte) bool {
	return slices.ContainsFunc(Formats, func(f string) bool { return bytes.HasPrefix(data, []byte(`{"format":"`+f+`",`)) })
}

// Line returns the record's line, without its newline: for a record that
// Read returned, the line it was read from, byte for byte.
func (r *Record) Line() ([]byte, error) {
	return marshal(toWire(r))
}

// Head is the hash of the last record, the one a drill report prints and
// "status --head" looks for; "" for an empty log.
func Head(records []*Record) string {
	if len(records) == 0 {
		return ""
	}
	return records[len(records)-1].Hash
}

// Find returns the record whose hash is head, or nil.
func Find(records []*Record, head string) *Record {
	for _, r := range records {
		if r.Hash == head {
			return r
		}
	}
	return nil
}

// hashSymbols is the length of a hash in base32: 256 bits in 52 symbols,
// the last of which holds one bit and four zero bits, so that only 0 and G
// can end a hash.
const hashSymbols = 52

// ParseHash reads a head hash as a person types it from a report: spaces
// and dashes anywhere, any case, Crockford's slips. Its error says what is
// wrong: a symbol that is not base32, the count of symbols, or a last
// symbol that no hash can end with (one typed wrong).
func ParseHash(s string) (string, error) {
	typed := strings.NewReplacer(" ", "", "-", "", "\t", "").Replace(s)
	for i := 0; i < len(typed); i++ {
		if !share.IsSymbol(typed[i]) {
			return "", fmt.Errorf("symbol %d of the log hash, %q, is not a base32 symbol", i+1, typed[i:i+1])
		}
	}
	if len(typed) != hashSymbols {
		return "", fmt.Errorf("the log hash has %d symbols, and a log hash has %d", len(typed), hashSymbols)
	}
	b, err := share.DecodeBinary(typed)
	if err != nil || len(b) != sha256.Size {
		return "", fmt.Errorf("symbol %d of the log hash, %q, cannot end a log hash (only 0 or G can): it was typed or printed wrong", hashSymbols, typed[hashSymbols-1:])
	}
	return share.EncodeBinary(b), nil
}

// NearHash returns the record whose hash typed is one or two symbols away
// from (a typo of it, see [share.Typos]) and the symbols that differ; nil
// when there is none, or when typed is a record's hash exactly.
func NearHash(records []*Record, typed string) (*Record, []int) {
	for _, r := range records {
		if at := share.Typos(typed, r.Hash); at != nil {
			return r, at
		}
	}
	return nil, nil
}

// Append adds r to the log at path, which is created (0600) when missing:
// the one file quorum appends to instead of writing anew. It fills in r's
// Seq, Prev, Signer, PublicKey, Signature and Hash and truncates r.Time to
// the second. With key, r is signed and signer says by what: [SignerSet]
// or [ShareSigner]; without key, signer must be "". The line is written
// with one write and synced to disk. Append refuses to build on a log that
// does not check (a [*BrokenError]), and returns the new head.
//
// Appends take turns: Append holds an exclusive lock on the file (flock,
// on Unix) from reading the log to writing its line, and returns [ErrBusy]
// if another process holds it for more than ten seconds.
func Append(path string, r *Record, key ed25519.PrivateKey, signer string) (head string, err error) {
	if (key == nil) != (signer == "") {
		return "", &InvalidError{Field: "signer", Reason: "a signer needs a key, and a key a signer"}
	}
	_, statErr := os.Stat(path)
	created := errors.Is(statErr, os.ErrNotExist)
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE|os.O_APPEND, 0o600)
	if err != nil {
		return "", err
	}
	defer f.Close()
	if err := lock(f); err != nil {
		return "", err
	}
	data, err := io.ReadAll(f)
	if err != nil {
		return "", err
	}
	records, err := Read(data)
	if err != nil {
		return "", err
	}
	line, err := encode(r, len(records)+1, cmpOr(Head(records), ZeroHash), key, signer)
	if err != nil {
		return "", err
	}
	// The run rule, checked under the lock against the log as it is now:
	// a run ended by another process since the caller looked is refused.
	if err := checkRunAppend(records, r); err != nil {
		return "", err
	}
	if _, err := f.Write(append(line, '\n')); err != nil {
		return "", err
	}
	if err := f.Sync(); err != nil {
		return "", err
	}
	if created {
		syncDir(filepath.Dir(path))
	}
	return r.Hash, f.Close()
}

func cmpOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// syncDir makes a new file's name durable. Some systems cannot open a
// directory for it; the file's own data is synced either way.
func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
	}
}

// encode fills in r's chain and signature fields and returns its line.
func encode(r *Record, seq int, prev string, key ed25519.PrivateKey, signer string) ([]byte, error) {
	if r.Time.IsZero() {
		return nil, &InvalidError{Field: "time", Reason: "missing"}
	}
	r.Time = r.Time.UTC().Truncate(time.Second)
	r.Seq, r.Prev, r.Signer = seq, prev, signer
	r.PublicKey, r.Signature = nil, nil
	if key != nil {
		r.PublicKey = key.Public().(ed25519.PublicKey)
	}
	w := toWire(r)
	// The signer is checked below, before there is a signature.
	unsigned := *w
	unsigned.Signer, unsigned.Key = "", ""
	if field, reason := check(&unsigned); field != "" {
		return nil, &InvalidError{Field: field, Reason: reason}
	}
	if signer == SignerSet && (r.Set == "" || string(share.FingerprintOf(r.PublicKey)) != r.Set) {
		return nil, &InvalidError{Field: "signer", Reason: "the key is not the set key of the record's set"}
	}
	if _, ok := ShareOf(signer); signer != "" && signer != SignerSet && !ok {
		return nil, &InvalidError{Field: "signer", Reason: fmt.Sprintf("%q is not %q or \"share N\"", signer, SignerSet)}
	}
	body, err := marshal(w)
	if err != nil {
		return nil, err
	}
	line := body
	if key != nil {
		r.Signature = ed25519.Sign(key, signedText(body))
		w.Sig = share.EncodeBinary(r.Signature)
		if line, err = marshal(w); err != nil {
			return nil, err
		}
	}
	// What Read will make of the line is what Append promises: check it
	// before it is written.
	back, _, reason := parseLine(line)
	if reason != "" {
		return nil, &InvalidError{Field: "record", Reason: reason}
	}
	r.Hash = back.Hash
	return line, nil
}
