// Package forge makes, for tests only, what an attacker can make: a
// manifest whose fields say what the attacker likes, validly signed by a
// set key of the attacker's own. Anyone can make such a key, so a valid
// signature proves nothing about a manifest's fields; the tests use this
// package to show that readers refuse the fields themselves.
//
// The manifest is built from FORMAT.md §9 alone, not with the manifest
// package, whose checks would refuse to sign it.
package forge

import (
	"bytes"
	"crypto/ed25519"
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"quorum/share"
)

// manifest mirrors manifest.json member for member (FORMAT.md §9).
type manifest struct {
	Format         string      `json:"format"`
	SetFingerprint string      `json:"set_fingerprint"`
	SetPublicKey   string      `json:"set_public_key"`
	Label          string      `json:"label"`
	Created        string      `json:"created"`
	Threshold      int         `json:"threshold"`
	Shares         int         `json:"shares"`
	Custodians     []custodian `json:"custodians"`
	Tool           string      `json:"tool"`
	Signature      string      `json:"signature"`
}

type custodian struct {
	Index                int    `json:"index"`
	Name                 string `json:"name"`
	RecipientKind        string `json:"recipient_kind"`
	RecipientFingerprint string `json:"recipient_fingerprint"`
	ShareFile            string `json:"share_file"`
	ShareHash            string `json:"share_hash"`
	Commitment           string `json:"commitment"`
}

// Key returns the attacker's set key, made from seed.
func Key(seed string) ed25519.PrivateKey {
	s := sha256.Sum256([]byte("quorum forged set key " + seed))
	return ed25519.NewKeyFromSeed(s[:])
}

// Manifest reads manifest.json, applies the edits and signs the result
// with key, as FORMAT.md §9 says a manifest is signed. An edit is
// "MEMBER=VALUE" with MEMBER label, created or tool, or "name N=VALUE"
// for custodian N (1-based); VALUE may be a Go string literal ("…" with
// \x1b and \u202e escapes) for what a command line cannot hold.
func Manifest(data []byte, key ed25519.PrivateKey, edits ...string) ([]byte, error) {
	var m manifest
	if err := json.Unmarshal(data, &m); err != nil {
		return nil, err
	}
	for _, e := range edits {
		member, value, ok := strings.Cut(e, "=")
		if !ok {
			return nil, fmt.Errorf("edit %q is not MEMBER=VALUE", e)
		}
		if v, err := strconv.Unquote(value); err == nil {
			value = v
		}
		switch {
		case member == "label":
			m.Label = value
		case member == "created":
			m.Created = value
		case member == "tool":
			m.Tool = value
		case strings.HasPrefix(member, "name "):
			n, err := strconv.Atoi(strings.TrimPrefix(member, "name "))
			if err != nil || n < 1 || n > len(m.Custodians) {
				return nil, fmt.Errorf("edit %q: no such custodian", e)
			}
			c := &m.Custodians[n-1]
			// share_file follows the name, as the split writes it, so
			// that only the name is wrong.
			if index, _, ok := strings.Cut(c.ShareFile, "-"); ok {
				c.ShareFile = index + "-" + value + ".share"
			}
			c.Name = value
		default:
			return nil, fmt.Errorf("edit %q: unknown member", e)
		}
	}
	pub := key.Public().(ed25519.PublicKey)
	m.SetPublicKey = share.EncodeBinary(pub)
	m.SetFingerprint = share.FingerprintOf(pub).String()
	var text bytes.Buffer
	fmt.Fprintf(&text, "quorum manifest v1\nset %s\nlabel %s\ncreated %s\nthreshold %d\nshares %d\n",
		m.SetPublicKey, m.Label, m.Created, m.Threshold, m.Shares)
	for _, c := range m.Custodians {
		rfp := c.RecipientFingerprint
		if rfp == "" {
			rfp = "-"
		}
		fmt.Fprintf(&text, "custodian %d %s %s %s %s %s\n", c.Index, c.Name, c.RecipientKind, rfp, c.ShareHash, c.Commitment)
	}
	fmt.Fprintf(&text, "tool %s\n", m.Tool)
	m.Signature = share.EncodeBinary(ed25519.Sign(key, text.Bytes()))
	out, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return nil, err
	}
	return append(out, '\n'), nil
}
