package drill_test

import (
	"bytes"
	"crypto/ed25519"
	"errors"
	"fmt"
	"testing"
	"time"

	"filippo.io/age"

	"quorum/combine"
	"quorum/drill"
	"quorum/seal"
	"quorum/share"
	"quorum/split"
)

// fixture is a real 3-of-5 set made by split, and its custodians' keys.
type fixture struct {
	set *split.Set
	ids []*age.X25519Identity
}

func newFixture(t *testing.T, secret string) *fixture {
	t.Helper()
	f := &fixture{}
	var cs []split.Custodian
	for i := range 5 {
		id, err := age.GenerateX25519Identity()
		if err != nil {
			t.Fatal(err)
		}
		f.ids = append(f.ids, id)
		cs = append(cs, split.Custodian{Name: fmt.Sprintf("c%d", i+1), Kind: share.KindX25519, Recipient: id.Recipient()})
	}
	set, err := split.Split(split.Options{
		Secret: []byte(secret), Threshold: 3, Label: "drill test", Custodians: cs,
		Created: time.Date(2026, 1, 5, 0, 0, 0, 0, time.UTC), Tool: "test",
	})
	if err != nil {
		t.Fatal(err)
	}
	f.set = set
	return f
}

func (f *fixture) inputs(idx ...int) []combine.Input {
	var in []combine.Input
	for _, i := range idx {
		in = append(in, combine.Input{Source: f.set.Files[i-1], Share: f.set.Shares[i-1]})
	}
	return in
}

// open opens a share with its own custodian's key only.
func (f *fixture) open(in combine.Input) ([]byte, error) {
	return seal.Open(in.Share.Sealed, f.ids[in.Share.Index-1])
}

// forged is share i with one sealed byte changed and signed again with
// key: what only someone who held the set key could make.
func forged(t *testing.T, s *share.Share, key ed25519.PrivateKey, other *age.X25519Identity) *share.Share {
	t.Helper()
	c := *s
	payload := bytes.Repeat([]byte{7}, 100)
	sealed, err := seal.Seal(payload, other.Recipient())
	if err != nil {
		t.Fatal(err)
	}
	c.Sealed = sealed
	if key != nil {
		if err := c.Sign(key); err != nil {
			t.Fatal(err)
		}
	}
	return &c
}

func indexes(ps []drill.Participant) []int {
	var out []int
	for _, p := range ps {
		out = append(out, p.Index)
	}
	return out
}

func failed(fs []drill.Failure) string {
	var b bytes.Buffer
	for _, f := range fs {
		fmt.Fprintf(&b, "%d:%s;", f.Index, f.Reason())
	}
	return b.String()
}

func TestRun(t *testing.T) {
	f := newFixture(t, "DRILL-CANARY-secret")
	other := newFixture(t, "DRILL-CANARY-other")
	m := f.set.Manifest
	pin := f.set.Fingerprint

	// A share with the right set key's signature but another payload: the
	// test holds the set key by rebuilding it, as a forger who once held
	// k shares would.
	set, err := combine.Select(f.inputs(1, 2, 3), "")
	if err != nil {
		t.Fatal(err)
	}
	payloads, err := set.Open(f.open)
	if err != nil {
		t.Fatal(err)
	}
	key, err := set.SetKey(payloads)
	if err != nil {
		t.Fatal(err)
	}
	signedForgery := combine.Input{Source: "forged.share", Share: forged(t, f.set.Shares[3], key, f.ids[3])}
	unsigned := *f.set.Shares[4]
	unsigned.Label = "changed"
	badSig := combine.Input{Source: "relabelled.share", Share: &unsigned}

	tests := []struct {
		name      string
		inputs    []combine.Input
		manifest  bool
		wantGood  []int
		wantFail  string
		wantMet   bool
		wantClass any
	}{
		{"all five", f.inputs(1, 2, 3, 4, 5), true, []int{1, 2, 3, 4, 5}, "", true, nil},
		{"one missing", f.inputs(1, 2, 4, 5), true, []int{1, 2, 4, 5}, "", true, nil},
		{"exactly k, no manifest", f.inputs(5, 3, 1), false, []int{1, 3, 5}, "", true, nil},
		{"bad signature named", append(f.inputs(1, 2, 3), badSig), true, []int{1, 2, 3},
			"5:signature is invalid;", true, nil},
		{"signed forgery named by the manifest", append(f.inputs(1, 2, 3), signedForgery), true, []int{1, 2, 3},
			"4:the manifest lists another share for this index;", true, nil},
		{"too few after a failure", append(f.inputs(1, 2), badSig), true, []int{1, 2},
			"5:signature is invalid;", false, &combine.TooFewError{}},
		{"share of another set", append(f.inputs(1, 2, 3), combine.Input{Source: "other.share", Share: other.set.Shares[0]}), true,
			[]int{1, 2, 3}, "1:share is of set " + other.set.Fingerprint.String() + ", not of the pinned set " + pin.String() + ";", true, nil},
		{"signed forgery without a manifest fails the set", append(f.inputs(1, 2), signedForgery), false, []int{1, 2, 4},
			"", false, &combine.IntegrityError{}},
		{"duplicate", f.inputs(1, 1, 2, 3), true, []int{1, 2, 3}, "1:duplicate share: share 1 (c1) is given twice (1-c1.share and 1-c1.share);", true, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			opts := drill.Options{Inputs: tc.inputs, Open: f.open}
			if tc.manifest {
				opts.Manifest = m
			}
			r, key, err := drill.Run(opts)
			if err != nil {
				t.Fatal(err)
			}
			if got := fmt.Sprint(indexes(r.Good)); got != fmt.Sprint(tc.wantGood) {
				t.Errorf("good: got %s, want %v", got, tc.wantGood)
			}
			if got := failed(r.Failures); got != tc.wantFail {
				t.Errorf("failures: got %q, want %q", got, tc.wantFail)
			}
			if r.QuorumMet != tc.wantMet || (key != nil) != tc.wantMet {
				t.Errorf("quorum met: got %v (key %v), want %v; problem %v", r.QuorumMet, key != nil, tc.wantMet, r.Problem)
			}
			if key != nil && !key.Public().(ed25519.PublicKey).Equal(f.set.Shares[0].SetKey) {
				t.Error("the set key returned is not the set's")
			}
			if r.Passed() != (tc.wantMet && tc.wantFail == "") {
				t.Errorf("Passed: got %v", r.Passed())
			}
			switch tc.wantClass.(type) {
			case *combine.TooFewError:
				var e *combine.TooFewError
				if !errors.As(r.Problem, &e) {
					t.Errorf("problem: got %v, want too few", r.Problem)
				}
			case *combine.IntegrityError:
				var e *combine.IntegrityError
				if !errors.As(r.Problem, &e) {
					t.Errorf("problem: got %v, want integrity", r.Problem)
				}
			}
			if r.Fingerprint != pin || r.Threshold != 3 || r.Shares != 5 || r.Label != "drill test" {
				t.Errorf("set facts: got %s %d-of-%d %q", r.Fingerprint, r.Threshold, r.Shares, r.Label)
			}
		})
	}
}

func TestRunUnread(t *testing.T) {
	f := newFixture(t, "DRILL-CANARY-unread")
	r, _, err := drill.Run(drill.Options{
		Inputs:   f.inputs(1, 2, 3),
		Unread:   []drill.Failure{{Source: "torn.share", Err: &share.LineError{Line: 7, Reason: "checksum mismatch"}}},
		Manifest: f.set.Manifest, Open: f.open,
	})
	if err != nil {
		t.Fatal(err)
	}
	if !r.QuorumMet || r.Passed() || len(r.Failures) != 1 || r.Failures[0].Source != "torn.share" {
		t.Errorf("got met %v passed %v failures %q", r.QuorumMet, r.Passed(), failed(r.Failures))
	}
	if _, _, err := drill.Run(drill.Options{Open: f.open}); err == nil {
		t.Error("no shares: no error")
	}
}

func TestCheck(t *testing.T) {
	f := newFixture(t, "DRILL-CANARY-check")
	in := f.inputs(2)[0]
	key, err := drill.Check(in, f.set.Manifest, f.open)
	if err != nil {
		t.Fatal(err)
	}
	want := f.set.Manifest.Custodians[1].Commitment
	if got := share.EncodeBinary(key.Public().(ed25519.PublicKey)); got != want {
		t.Errorf("share key: got %s, want the commitment %s", got, want)
	}
	// Without a manifest the share key is the same: it is derived from
	// the payload and the set key the share carries.
	key2, err := drill.Check(in, nil, f.open)
	if err != nil || !key2.Equal(key) {
		t.Errorf("without a manifest: err %v, same key %v", err, key2.Equal(key))
	}
	// Another custodian's key does not open it, and the error names it.
	_, err = drill.Check(in, f.set.Manifest, func(in combine.Input) ([]byte, error) { return seal.Open(in.Share.Sealed, f.ids[0]) })
	var se *share.Error
	if !errors.As(err, &se) || se.Index != 2 || !errors.Is(err, seal.ErrNoIdentity) {
		t.Errorf("wrong key: got %v", err)
	}
	other := newFixture(t, "DRILL-CANARY-other")
	var wse *combine.WrongSetError
	if _, err := drill.Check(other.inputs(2)[0], f.set.Manifest, other.open); !errors.As(err, &wse) {
		t.Errorf("other set: got %v", err)
	}
}
