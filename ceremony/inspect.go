package ceremony

// What a file is, and its public facts (quorum inspect): a share, a
// manifest, or a custodian's key file; each share and manifest checked
// against the pinned set, each key's recipient named as the sheet names it.

import (
	"bytes"
	"errors"
	"os"

	"quorum/accesslog"
	"quorum/combine"
	"quorum/custodian"
	"quorum/manifest"
	"quorum/seal"
	"quorum/share"
)

// InspectOptions are the files to inspect and the set to check them
// against.
type InspectOptions struct {
	Set      string   // the pinned set's fingerprint (--set)
	Manifest string   // the pinned set's manifest.json (-m)
	Args     []string // shares, scans, manifests and key files, in any order
	Type     bool     // sheets typed on the terminal too (--type)
}

// Inspected is what inspect reports of one share or manifest. Its text
// (label, custodian, problem, source) comes from the files: the caller
// filters it before a terminal.
type Inspected struct {
	Source        string `json:"source"`
	Type          string `json:"type"` // "share" or "manifest"
	Fingerprint   string `json:"set_fingerprint"`
	Label         string `json:"label"`
	Threshold     int    `json:"threshold"`
	Shares        int    `json:"shares"`
	Index         int    `json:"index,omitempty"`
	Custodian     string `json:"custodian,omitempty"`
	RecipientKind string `json:"recipient_kind,omitempty"`
	Created       string `json:"created"`
	Signature     string `json:"signature"` // "valid" or "invalid"
	Pinned        string `json:"pinned"`    // "match", "other set" or "not pinned"
	ShareHash     string `json:"share_hash,omitempty"`
	Problem       string `json:"problem,omitempty"`
}

// InspectedKey is what inspect reports of one identity in a key file.
type InspectedKey struct {
	Source               string `json:"source"`
	Type                 string `json:"type"` // "key"
	RecipientKind        string `json:"recipient_kind"`
	Recipient            string `json:"recipient"`
	RecipientFingerprint string `json:"recipient_fingerprint"`
	OpenSSHFingerprint   string `json:"openssh_fingerprint,omitempty"`
}

// Inspection is what inspect found: the keys, then the manifests and
// shares.
type Inspection struct {
	Keys  []InspectedKey
	Files []Inspected
}

// Failed is how many shares and manifests have a problem.
func (in *Inspection) Failed() int {
	bad := 0
	for _, r := range in.Files {
		if r.Problem != "" {
			bad++
		}
	}
	return bad
}

// Inspect tells what each argument is and reports its facts. An access
// log is refused, with where it belongs; a share or manifest that fails a
// check is reported with its problem, not returned as an error.
func Inspect(env *Env, opts InspectOptions) (*Inspection, error) {
	pinned, m, err := Pin(env, opts.Set, opts.Manifest)
	if err != nil {
		return nil, err
	}
	res := &Inspection{}
	var shareArgs []string
	for _, a := range opts.Args {
		data, err := os.ReadFile(a)
		if err == nil && accesslog.IsLog(data) {
			return nil, usagef("%s is an access log, not a share or manifest: show and check it with 'quorum log %s'", a, a)
		}
		if err == nil && seal.IsIdentityFile(data) {
			clear(data)
			k, err := inspectKey(env, a)
			if err != nil {
				return nil, err
			}
			res.Keys = append(res.Keys, k...)
			continue
		}
		if err == nil && bytes.HasPrefix(bytes.TrimSpace(data), []byte("{")) {
			res.Files = append(res.Files, inspectManifest(a, data, pinned))
			continue
		}
		shareArgs = append(shareArgs, a)
	}
	if len(shareArgs) > 0 || opts.Type {
		inputs, err := ReadShares(env, shareArgs, opts.Type)
		if err != nil {
			return nil, err
		}
		if err := SetTypo(opts.Set, pinned, inputs); err != nil {
			return nil, err
		}
		for _, in := range inputs {
			res.Files = append(res.Files, inspectShare(in, pinned, m))
		}
	}
	return res, nil
}

func pinState(fp, pinned share.Fingerprint) string {
	switch {
	case pinned == "":
		return "not pinned"
	case fp == pinned:
		return "match"
	}
	return "other set"
}

// inspectShare reports a share's facts, checked: its signature, the
// pinned set, and with m that it is the share m lists for its index.
func inspectShare(in combine.Input, pinned share.Fingerprint, m *manifest.Manifest) Inspected {
	s := in.Share
	r := Inspected{
		Source: in.Source, Type: "share", Fingerprint: s.Fingerprint().String(), Label: s.Label,
		Threshold: s.Threshold, Shares: s.Shares, Index: s.Index, Custodian: s.Custodian,
		RecipientKind: s.Kind.String(), Created: s.Created.Format("2006-01-02"),
		Signature: "valid", Pinned: pinState(s.Fingerprint(), pinned),
	}
	if h, err := s.Hash(); err == nil {
		r.ShareHash = share.EncodeBinary(h[:])
	}
	if err := s.Verify(); err != nil {
		r.Signature = "invalid"
		r.Problem = "signature is invalid: the share was altered or forged"
	}
	if r.Pinned == "other set" && r.Problem == "" {
		r.Problem = "not of the pinned set"
	}
	// With the manifest, the share must be the one it lists: manifest's
	// rule, in its words.
	if m != nil && r.Problem == "" && r.Pinned == "match" {
		if _, err := m.Entry(s); err != nil {
			r.Problem = err.Error()
		}
	}
	return r
}

// inspectManifest reports a manifest's facts: whether its signature
// verifies, and whether it is of the pinned set.
func inspectManifest(name string, data []byte, pinned share.Fingerprint) Inspected {
	r := Inspected{Source: name, Type: "manifest", Signature: "valid"}
	m, err := manifest.Parse(data)
	var ise *manifest.InvalidSignatureError
	switch {
	case errors.As(err, &ise):
		r.Signature = "invalid"
		r.Fingerprint = ise.Fingerprint.String()
		r.Problem = err.Error()
		return r
	case err != nil:
		r.Signature = "invalid"
		r.Problem = err.Error()
		return r
	}
	fp, _ := m.Fingerprint()
	r.Fingerprint, r.Label, r.Threshold, r.Shares, r.Created = fp.String(), m.Label, m.Threshold, m.Shares, m.Created
	r.Pinned = pinState(fp, pinned)
	if r.Pinned == "other set" {
		r.Problem = "not of the pinned set"
	}
	return r
}

// InspectKey reads a key file as -i does, and reports each identity's
// recipient and recipient fingerprint, computed as split computes them
// for the manifest (custodian.Custodian.Fingerprint).
func inspectKey(env *Env, file string) ([]InspectedKey, error) {
	ids, err := LoadIdentities(env, []string{file})
	if err != nil {
		return nil, err
	}
	var keys []InspectedKey
	for _, id := range ids {
		rs, err := seal.Recipients(id)
		if err != nil {
			return nil, &SourceError{file, err}
		}
		for _, r := range rs {
			_, kind, err := seal.CanonicalRecipient(r)
			if err != nil {
				return nil, &SourceError{file, err}
			}
			c := custodian.Custodian{Recipient: r, Kind: kind}
			keys = append(keys, InspectedKey{
				Source: file, Type: "key", RecipientKind: kind.String(), Recipient: r,
				RecipientFingerprint: c.Fingerprint(), OpenSSHFingerprint: seal.SSHFingerprint(r),
			})
		}
	}
	return keys, nil
}

// InspectAge returns the one share whose sealed payload inspect --age
// writes, checked against the pinned set: one share is always too few to
// rebuild, and that is fine here.
func InspectAge(env *Env, opts InspectOptions) (*share.Share, error) {
	switch n := len(opts.Args); {
	case opts.Type && n > 0:
		return nil, usagef("--age with --type takes the one typed sheet and no SHARE")
	case !opts.Type && n != 1:
		return nil, usagef("--age takes exactly one SHARE")
	}
	inputs, err := ReadShares(env, opts.Args, opts.Type)
	if err != nil {
		return nil, err
	}
	switch {
	case len(inputs) == 0:
		return nil, usagef("no share was read; --age takes one")
	case len(inputs) > 1:
		return nil, usagef("%s holds %d shares; --age takes one", inputs[0].Source, len(inputs))
	}
	pinned, _, err := Pin(env, opts.Set, opts.Manifest)
	if err != nil {
		return nil, err
	}
	if _, err := combine.Select(inputs[:1], pinned); err != nil {
		var tfe *combine.TooFewError
		if !errors.As(err, &tfe) {
			return nil, err
		}
	}
	return inputs[0].Share, nil
}
