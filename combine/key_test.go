package combine_test

import (
	"errors"
	"testing"

	"quorum/combine"
	"quorum/share"
)

// TestSetKey: every 2-subset of a 2-of-3 set gives back the set key the
// set was made with; a wrong payload and too few shares give none.
func TestSetKey(t *testing.T) {
	ids := newIDs(t, 3)
	s := makeSet(t, []byte("set key canary"), 2, "key", ids, nil)
	for _, idx := range [][]int{{0, 1}, {0, 2}, {1, 2}, {0, 1, 2}} {
		set, err := combine.Select(s.inputs(idx...), "")
		if err != nil {
			t.Fatal(err)
		}
		payloads, err := set.Open(openOwn(ids))
		if err != nil {
			t.Fatal(err)
		}
		key, err := set.SetKey(payloads)
		if err != nil {
			t.Fatalf("%v: %v", idx, err)
		}
		if !key.Equal(s.key) {
			t.Errorf("%v: got another set key", idx)
		}
	}

	bad := makeSet(t, []byte("set key canary"), 2, "key", ids, func(i int, p []byte) []byte {
		if i == 0 {
			p[0] ^= 1
		}
		return p
	})
	set, err := combine.Select(bad.inputs(0, 1), "")
	if err != nil {
		t.Fatal(err)
	}
	payloads, err := set.Open(openOwn(ids))
	if err != nil {
		t.Fatal(err)
	}
	key, err := set.SetKey(payloads)
	var ie *combine.IntegrityError
	if !errors.As(err, &ie) || key != nil || !errors.Is(err, share.ErrIntegrity) {
		t.Errorf("wrong payload: got key %v, err %v; want an IntegrityError", key != nil, err)
	}
	var few *combine.TooFewError
	if _, err := set.SetKey(payloads[:1]); !errors.As(err, &few) {
		t.Errorf("one payload: got %v, want TooFewError", err)
	}
}
