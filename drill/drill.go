package drill

import (
	"crypto/ed25519"
	"errors"
	"fmt"
	"slices"

	"quorum/combine"
	"quorum/manifest"
	"quorum/share"
)

// Participant is a share that opened and, with a manifest, matched its
// commitment: its custodian did their part.
type Participant struct {
	Index     int
	Custodian string
	Source    string
}

// Failure is a share that did not pass, and why. Index is 0 and Custodian
// "" when the share could not even be read.
type Failure struct {
	Index     int
	Custodian string
	Source    string
	Err       error
}

// Reason is the failure's error without the share's name, for the
// record and the report.
func (f Failure) Reason() string {
	var se *share.Error
	if errors.As(f.Err, &se) {
		return se.Err.Error()
	}
	return f.Err.Error()
}

// Result is what a drill found. Nothing in it is secret.
type Result struct {
	Fingerprint share.Fingerprint
	Label       string
	Threshold   int
	Shares      int
	Pinned      bool // the set was pinned by --set or a manifest
	Manifest    bool // the shares were checked against the manifest's commitments
	Good        []Participant
	Failures    []Failure
	// QuorumMet is true when k good shares rebuilt the set and it passed
	// the integrity check.
	QuorumMet bool
	// Problem says why the quorum was not met: a *combine.TooFewError,
	// a *combine.IntegrityError, a *combine.MixedSetsError; nil when met.
	Problem error
}

// Options is what a drill is run on.
type Options struct {
	Inputs []combine.Input
	// Unread are shares that could not be read at all (a damaged file):
	// they are reported as failures with the others.
	Unread []Failure
	// Pin is the set fingerprint from --set or the manifest, "" for none.
	Pin share.Fingerprint
	// Manifest, verified by manifest.Parse, gives the commitments; nil
	// means they cannot be checked.
	Manifest *manifest.Manifest
	// Open opens one share's sealed payload; the drill wipes what it
	// returns.
	Open func(combine.Input) ([]byte, error)
}

// Run runs the drill. It returns the set key when the quorum was met, nil
// otherwise; the caller signs the drill's record with it and wipes it.
// An error means the drill could not be run at all (no shares, a
// manifest of another set).
func Run(opts Options) (*Result, ed25519.PrivateKey, error) {
	if len(opts.Inputs) == 0 && len(opts.Unread) == 0 {
		return nil, nil, errors.New("no shares given")
	}
	var setPub ed25519.PublicKey
	if opts.Manifest != nil {
		fp, err := opts.Manifest.Fingerprint()
		if err != nil {
			return nil, nil, err
		}
		if opts.Pin != "" && opts.Pin != fp {
			return nil, nil, fmt.Errorf("the manifest is of set %s, not of the pinned set %s", fp, opts.Pin)
		}
		opts.Pin = fp
		if setPub, err = opts.Manifest.SetKey(); err != nil {
			return nil, nil, err
		}
	}
	r := &Result{Pinned: opts.Pin != "", Manifest: opts.Manifest != nil, Failures: slices.Clone(opts.Unread)}
	fail := func(in combine.Input, err error) {
		r.Failures = append(r.Failures, Failure{
			Index: in.Share.Index, Custodian: in.Share.Custodian, Source: in.Source,
			Err: &share.Error{Index: in.Share.Index, Custodian: in.Share.Custodian, Source: in.Source, Err: err},
		})
	}

	// The set: the pinned one, else that of the first share whose
	// signature verifies. Shares of any other set fail by name.
	candidates, rejected := combine.Screen(opts.Inputs, opts.Pin)
	for _, se := range rejected {
		r.Failures = append(r.Failures, Failure{Index: se.Index, Custodian: se.Custodian, Source: se.Source, Err: se})
	}
	r.Fingerprint = opts.Pin
	switch {
	case len(candidates) > 0:
		first := candidates[0].Share
		r.Fingerprint = first.Fingerprint()
		r.Label, r.Threshold, r.Shares = first.Label, first.Threshold, first.Shares
	case opts.Manifest != nil:
		r.Label, r.Threshold, r.Shares = opts.Manifest.Label, opts.Manifest.Threshold, opts.Manifest.Shares
	}

	// Each share opened and checked on its own, so that one custodian's
	// forgotten passphrase does not hide another's damaged share.
	var good []combine.Input
	var payloads [][]byte
	defer func() {
		for _, p := range payloads {
			clear(p)
		}
	}()
	for _, in := range candidates {
		payload, key, err := check(in, opts.Manifest, setPub, opts.Open)
		if err != nil {
			fail(in, err)
			continue
		}
		clear(key)
		payloads = append(payloads, payload)
		good = append(good, in)
		r.Good = append(r.Good, Participant{Index: in.Share.Index, Custodian: in.Share.Custodian, Source: in.Source})
	}
	slices.SortFunc(r.Good, func(a, b Participant) int { return a.Index - b.Index })
	slices.SortStableFunc(r.Failures, func(a, b Failure) int { return a.Index - b.Index })

	if len(good) < r.Threshold || len(good) == 0 {
		r.Problem = &combine.TooFewError{Have: len(good), Need: r.Threshold, Label: r.Label, Fingerprint: r.Fingerprint}
		return r, nil, nil
	}
	set := &combine.Set{
		Fingerprint: r.Fingerprint, Label: r.Label, Threshold: r.Threshold, Shares: r.Shares,
		Pinned: r.Pinned, Inputs: good,
	}
	key, err := set.SetKey(payloads)
	if err != nil {
		r.Problem = err
		return r, nil, nil
	}
	r.QuorumMet = true
	return r, key, nil
}

// Passed reports whether the drill passed: the quorum was met and no share
// failed. A drill in which k custodians succeeded but another's share
// failed did not pass: that custodian could not do their part.
func (r *Result) Passed() bool { return r.QuorumMet && len(r.Failures) == 0 }
