package combine

import (
	"errors"
	"fmt"
	"slices"

	"quorum/internal/sss"
	"quorum/share"
)

// Input is one share and where it came from.
type Input struct {
	Source string
	Share  *share.Share
}

// Set is the shares of one set, checked and ready to open.
type Set struct {
	Fingerprint share.Fingerprint
	Label       string
	Threshold   int
	Shares      int
	Pinned      bool
	Inputs      []Input // in index order, each index once
}

// Screen sorts shares into those of one set, which it accepts, and the
// others, which it rejects, each with a *share.Error saying why. The set is
// the pinned one when pin is not "", else that of the first share whose
// signature verifies. A share is rejected when it is of another set, its
// signature does not verify, it disagrees with the first accepted share
// about the set (k, n, label or date), or its index was given before (a
// *DuplicateError). The accepted shares are in index order, the rejected
// in the order given. Nothing is decrypted, and too few is not checked:
// combine refuses any rejection ([Select]), a drill reports each and goes
// on with the rest.
func Screen(inputs []Input, pin share.Fingerprint) (accepted []Input, rejected []*share.Error) {
	reject := func(in Input, err error) {
		rejected = append(rejected, shareErr(in, err))
	}
	want := pin
	var first *Input
	seen := map[int]string{}
	for _, in := range inputs {
		s := in.Share
		if pin != "" && s.Fingerprint() != pin {
			reject(in, &WrongSetError{Got: s.Fingerprint(), Want: pin})
			continue
		}
		if err := s.Verify(); err != nil {
			reject(in, err)
			continue
		}
		if want == "" {
			want = s.Fingerprint()
		}
		if s.Fingerprint() != want {
			reject(in, &WrongSetError{Got: s.Fingerprint(), Want: want})
			continue
		}
		if first == nil {
			first = &in
		} else if f := first.Share; s.Threshold != f.Threshold || s.Shares != f.Shares || s.Label != f.Label || !s.Created.Equal(f.Created) {
			reject(in, &disagreeError{first: first.Source})
			continue
		}
		if prev, ok := seen[s.Index]; ok {
			reject(in, &DuplicateError{Index: s.Index, Custodian: s.Custodian, First: prev, Second: in.Source})
			continue
		}
		seen[s.Index] = in.Source
		accepted = append(accepted, in)
	}
	slices.SortStableFunc(accepted, func(a, b Input) int { return a.Share.Index - b.Share.Index })
	return accepted, rejected
}

// Select checks the shares' signatures, checks that they are all of one
// set (the pinned one when pin is not "", naming the first that is not),
// refuses duplicates and checks that there are at least k. Nothing is
// decrypted. It is [Screen] refusing any rejection: first a share that is
// not what it claims (a bad signature, or not of the pinned set), then
// shares of several sets, then a disagreement or a duplicate.
func Select(inputs []Input, pin share.Fingerprint) (*Set, error) {
	if len(inputs) == 0 {
		return nil, errors.New("no shares given")
	}
	accepted, rejected := Screen(inputs, pin)
	var wse *WrongSetError
	var de *DuplicateError
	var dis *disagreeError
	otherSet := func(r *share.Error) bool { return pin == "" && errors.As(r.Err, &wse) }
	for _, r := range rejected {
		if !otherSet(r) && !errors.As(r.Err, &de) && !errors.As(r.Err, &dis) {
			return nil, r
		}
	}
	if slices.ContainsFunc(rejected, otherSet) {
		return nil, mixedSets(inputs)
	}
	if len(rejected) > 0 {
		if errors.As(rejected[0].Err, &de) {
			return nil, de // a slip on the command line, not a share's fault
		}
		return nil, rejected[0]
	}
	first := accepted[0].Share
	set := &Set{
		Fingerprint: first.Fingerprint(), Label: first.Label,
		Threshold: first.Threshold, Shares: first.Shares, Pinned: pin != "",
		Inputs: accepted,
	}
	if len(set.Inputs) < set.Threshold {
		return nil, &TooFewError{Have: len(set.Inputs), Need: set.Threshold, Label: set.Label, Fingerprint: set.Fingerprint}
	}
	return set, nil
}

// mixedSets lists the sets of inputs, each with its shares' sources.
func mixedSets(inputs []Input) *MixedSetsError {
	var sets []SetShares
	for _, in := range inputs {
		fp := in.Share.Fingerprint()
		i := slices.IndexFunc(sets, func(s SetShares) bool { return s.Fingerprint == fp })
		if i < 0 {
			sets = append(sets, SetShares{Fingerprint: fp, Label: in.Share.Label})
			i = len(sets) - 1
		}
		sets[i].Sources = append(sets[i].Sources, in.Source)
	}
	return &MixedSetsError{Sets: sets}
}

// disagreeError means that a share disagrees with the first share of its
// set about the set (k, n, label or date). Shares of one set are signed by
// one key, so they agree unless the set key's holder made them disagree.
type disagreeError struct{ first string }

func (e *disagreeError) Error() string {
	return fmt.Sprintf("disagrees with %s about the set (k, n, label or date)", e.first)
}

// Open decrypts every share of the set with open, in index order, and
// returns the payloads. The first failure is returned as a *share.Error.
// The caller wipes the payloads.
func (s *Set) Open(open func(Input) ([]byte, error)) ([][]byte, error) {
	var payloads [][]byte
	for _, in := range s.Inputs {
		p, err := open(in)
		if err != nil {
			for _, q := range payloads {
				clear(q)
			}
			return nil, shareErr(in, err)
		}
		payloads = append(payloads, p)
	}
	return payloads, nil
}

// Rebuild interpolates the payloads (one per input, in order) and runs the
// integrity check. Only a secret that passes it is returned; the caller
// wipes it.
func (s *Set) Rebuild(payloads [][]byte) ([]byte, error) {
	input, padded, seed, err := s.interpolate(payloads)
	if err != nil {
		return nil, err
	}
	defer clear(input)
	if err := share.CheckSetKey(padded, seed, s.Inputs[0].Share.SetKey); err != nil {
		return nil, s.integrityErr()
	}
	secret, err := share.Unpad(padded)
	if err != nil {
		// The set key matched, so the set itself was made this way: only
		// the set key's holder could have done it.
		return nil, s.integrityErr()
	}
	return slices.Clone(secret), nil
}

// interpolate combines the payloads, for Rebuild and SetKey, and cuts the
// result into the padded secret and the set seed, which point into input;
// neither is checked yet. The caller checks them against the set key and
// wipes input.
func (s *Set) interpolate(payloads [][]byte) (input, padded, seed []byte, err error) {
	if len(payloads) < s.Threshold {
		return nil, nil, nil, &TooFewError{Have: len(payloads), Need: s.Threshold, Label: s.Label, Fingerprint: s.Fingerprint}
	}
	input, err = sss.Combine(payloads)
	if err != nil {
		return nil, nil, nil, s.integrityErr()
	}
	padded, seed, err = share.CutSplitInput(input)
	if err != nil {
		clear(input)
		return nil, nil, nil, s.integrityErr()
	}
	return input, padded, seed, nil
}

func (s *Set) integrityErr() error {
	var sources []string
	for _, in := range s.Inputs {
		sources = append(sources, in.Source)
	}
	return &IntegrityError{Fingerprint: s.Fingerprint, Sources: sources}
}

// Combine selects, opens and rebuilds: the whole of quorum combine.
func Combine(inputs []Input, pin share.Fingerprint, open func(Input) ([]byte, error)) ([]byte, *Set, error) {
	set, err := Select(inputs, pin)
	if err != nil {
		return nil, nil, err
	}
	payloads, err := set.Open(open)
	if err != nil {
		return nil, set, err
	}
	defer func() {
		for _, p := range payloads {
			clear(p)
		}
	}()
	secret, err := set.Rebuild(payloads)
	return secret, set, err
}

func shareErr(in Input, err error) *share.Error {
	return &share.Error{Index: in.Share.Index, Custodian: in.Share.Custodian, Source: in.Source, Err: err}
}
