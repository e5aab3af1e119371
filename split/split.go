package split

import (
	"crypto/ed25519"
	"crypto/rand"
	"crypto/sha256"
	"errors"
	"fmt"
	"io"
	"time"

	"filippo.io/age"

	"quorum/internal/sss"
	"quorum/manifest"
	"quorum/seal"
	"quorum/share"
)

// Custodian is one share's holder, with the recipient it is sealed to.
type Custodian struct {
	Name      string
	Kind      share.Kind
	Recipient age.Recipient
	// Fingerprint is the recipient fingerprint of the manifest, "" for a
	// passphrase custodian.
	Fingerprint string
}

// Options describes a split.
type Options struct {
	Secret     []byte
	Threshold  int
	Label      string
	Custodians []Custodian // in index order
	// AllowAllRequired permits k = n, where losing one share loses the
	// secret.
	AllowAllRequired bool
	Created          time.Time // only the UTC day is kept
	// Rand is the source of the set seed and of the self-test sample;
	// nil means crypto/rand. Vault's shamir draws its own randomness.
	Rand io.Reader
	Tool string // "quorum v…", written in the manifest
}

// Set is the result of a split.
type Set struct {
	Shares      []*share.Share // in index order
	Files       []string       // share file names, in index order
	Manifest    *manifest.Manifest
	Fingerprint share.Fingerprint
}

// PolicyError means that k and n break the threshold policy.
type PolicyError struct {
	Threshold, Shares int
	Reason            string
	// allRequired is set only when k = n is the one thing wrong, so that
	// the hint to pass --allow-all-required is never given in vain.
	allRequired bool
}

func (e *PolicyError) Error() string {
	return fmt.Sprintf("%d-of-%d: %s", e.Threshold, e.Shares, e.Reason)
}

// ErrAllRequired is the reason of a PolicyError for k = n.
var ErrAllRequired = errors.New("every custodian would be required")

func (e *PolicyError) Unwrap() error {
	if e.allRequired {
		return ErrAllRequired
	}
	return nil
}

// CheckPolicy checks k and n against the threshold policy.
func CheckPolicy(k, n int, allowAllRequired bool) error {
	switch {
	case n > 255:
		return &PolicyError{Threshold: k, Shares: n, Reason: "at most 255 shares"}
	case n < 2:
		return &PolicyError{Threshold: k, Shares: n, Reason: "a set needs at least 2 custodians"}
	case k < 2:
		return &PolicyError{Threshold: k, Shares: n, Reason: "the threshold must be at least 2, so that no one person alone can rebuild the secret"}
	case k > n:
		return &PolicyError{Threshold: k, Shares: n, Reason: "the threshold is larger than the number of custodians"}
	case k == n && !allowAllRequired:
		return &PolicyError{Threshold: k, Shares: n, Reason: "every custodian would be required, so one absence or one lost sheet loses the secret", allRequired: true}
	}
	return nil
}

// FileName returns the share file name of FORMAT.md §9: the index
// zero-padded to the width of n, the custodian name, ".share".
func FileName(index, n int, name string) string {
	return manifest.ShareFile(index, n, name)
}

// Split makes a set. The secret is not kept: the caller wipes it.
func Split(opts Options) (*Set, error) {
	n, k := len(opts.Custodians), opts.Threshold
	if err := CheckPolicy(k, n, opts.AllowAllRequired); err != nil {
		return nil, err
	}
	if err := share.ValidateLabel(opts.Label); err != nil {
		return nil, err
	}
	names := make([]string, len(opts.Custodians))
	for i, c := range opts.Custodians {
		if err := share.ValidateCustodian(c.Name); err != nil {
			return nil, err
		}
		names[i] = c.Name
	}
	if err := share.CheckNames(names); err != nil {
		return nil, err
	}
	rnd := opts.Rand
	if rnd == nil {
		rnd = rand.Reader
	}
	padded, err := share.Pad(opts.Secret)
	if err != nil {
		return nil, err
	}
	defer clear(padded)
	seed := make([]byte, share.SeedSize)
	defer clear(seed)
	if _, err := io.ReadFull(rnd, seed); err != nil {
		return nil, fmt.Errorf("reading randomness: %v", err)
	}
	setKey, err := share.SetKey(padded, seed)
	if err != nil {
		return nil, err
	}
	defer clear(setKey)
	setPub := setKey.Public().(ed25519.PublicKey)

	input := share.SplitInput(padded, seed)
	defer clear(input)
	payloads, err := sss.Split(input, n, k)
	if err != nil {
		return nil, err
	}
	defer func() {
		for _, p := range payloads {
			clear(p)
		}
	}()
	if err := selfTest(payloads, k, opts.Secret, setPub, rnd); err != nil {
		return nil, err
	}

	set := &Set{Fingerprint: share.FingerprintOf(setPub)}
	m := &manifest.Manifest{
		Label:     opts.Label,
		Created:   share.Day(opts.Created).Format(time.DateOnly),
		Threshold: k,
		Shares:    n,
		Tool:      opts.Tool,
	}
	for i, c := range opts.Custodians {
		s, err := seal1(payloads[i], c, share.Header{
			SetKey: setPub, Index: i + 1, Threshold: k, Shares: n,
			Created: share.Day(opts.Created), Kind: c.Kind, Label: opts.Label, Custodian: c.Name,
		}, setKey)
		if err != nil {
			return nil, fmt.Errorf("share %d (%s): %w", i+1, c.Name, err)
		}
		shareKey, err := share.ShareKey(payloads[i], setPub)
		if err != nil {
			return nil, err
		}
		commitment := shareKey.Public().(ed25519.PublicKey)
		clear(shareKey)
		str, err := s.Marshal()
		if err != nil {
			return nil, err
		}
		hash := sha256.Sum256([]byte(str))
		file := FileName(i+1, n, c.Name)
		set.Shares = append(set.Shares, s)
		set.Files = append(set.Files, file)
		m.Custodians = append(m.Custodians, manifest.Custodian{
			Index: i + 1, Name: c.Name, RecipientKind: c.Kind.String(),
			RecipientFingerprint: c.Fingerprint, ShareFile: file,
			ShareHash: share.EncodeBinary(hash[:]), Commitment: share.EncodeBinary(commitment),
		})
	}
	if err := m.Sign(setKey); err != nil {
		return nil, err
	}
	set.Manifest = m
	return set, nil
}

// seal1 seals one payload and signs the share, then reads the share back
// from its text as a custodian's sheet would give it, so that a share that
// would not parse or verify is never handed out.
func seal1(payload []byte, c Custodian, h share.Header, setKey ed25519.PrivateKey) (*share.Share, error) {
	sealed, err := seal.Seal(payload, c.Recipient)
	if err != nil {
		return nil, err
	}
	s := &share.Share{Header: h, Sealed: sealed}
	if err := s.Sign(setKey); err != nil {
		return nil, err
	}
	text, err := s.MarshalText()
	if err != nil {
		return nil, err
	}
	back, _, err := share.Read(text)
	if err != nil || len(back) != 1 {
		return nil, fmt.Errorf("share does not read back from its text: %v", err)
	}
	if err := back[0].Verify(); err != nil {
		return nil, fmt.Errorf("share does not verify after reading back: %v", err)
	}
	return s, nil
}
