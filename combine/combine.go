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

// Select checks the shares' signatures, checks that they are all of one
// set (the pinned one when pin is not "", naming the first that is not),
// refuses duplicates and checks that there are at least k. Nothing is
// decrypted.
func Select(inputs []Input, pin share.Fingerprint) (*Set, error) {
	if len(inputs) == 0 {
		return nil, errors.New("no shares given")
	}
	for _, in := range inputs {
		if pin != "" && in.Share.Fingerprint() != pin {
			return nil, shareErr(in, &WrongSetError{Got: in.Share.Fingerprint(), Want: pin})
		}
		if err := in.Share.Verify(); err != nil {
			return nil, shareErr(in, err)
		}
	}
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
	if len(sets) > 1 {
		return nil, &MixedSetsError{Sets: sets}
	}
	first := inputs[0].Share
	set := &Set{
		Fingerprint: first.Fingerprint(), Label: first.Label,
		Threshold: first.Threshold, Shares: first.Shares, Pinned: pin != "",
	}
	byIndex := map[int]Input{}
	for _, in := range inputs {
		s := in.Share
		// Shares of one set are signed by one key, so they agree unless the
		// set key's holder made them disagree; refuse such a set.
		if s.Threshold != first.Threshold || s.Shares != first.Shares || s.Label != first.Label || !s.Created.Equal(first.Created) {
			return nil, shareErr(in, fmt.Errorf("disagrees with %s about the set (k, n, label or date)", inputs[0].Source))
		}
		if prev, ok := byIndex[s.Index]; ok {
			return nil, &DuplicateError{Index: s.Index, Custodian: s.Custodian, First: prev.Source, Second: in.Source}
		}
		byIndex[s.Index] = in
	}
	for _, in := range byIndex {
		set.Inputs = append(set.Inputs, in)
	}
	slices.SortFunc(set.Inputs, func(a, b Input) int { return a.Share.Index - b.Share.Index })
	if len(set.Inputs) < set.Threshold {
		return nil, &TooFewError{Have: len(set.Inputs), Need: set.Threshold, Label: set.Label, Fingerprint: set.Fingerprint}
	}
	return set, nil
}

// Open decrypts every share of the set with open, in index order, and
// returns the payloads. The first failure is returned as a ShareError.
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

func shareErr(in Input, err error) error {
	return &ShareError{Index: in.Share.Index, Custodian: in.Share.Custodian, Source: in.Source, Err: err}
}
