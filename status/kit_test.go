package status_test

import (
	"strings"
	"testing"

	"quorum/accesslog"
	"quorum/status"
)

// TestKit: the kit's problems (package kit's rules) make the report
// unclean, for the sets given; a superseded set's sheets are not held to
// them; a kit record dated after today is not counted.
func TestKit(t *testing.T) {
	s := newSet(t, 1, "root 2026", "2026-01-05")
	l := newLog(t)
	l.drill(s, "2026-01-05", accesslog.Pass, 1, 2, 3, 4, 5)
	l.add(accesslog.Record{Kind: accesslog.KindKitAdd, Time: date("2026-01-05"), Item: "sheets", ItemKind: accesslog.ItemSheet, Set: s.fp, Place: "safe A"}, nil, "")
	l.add(accesslog.Record{Kind: accesslog.KindKitAdd, Time: date("2026-01-05"), Item: "mfa-1", ItemKind: accesslog.ItemMFA, Place: "safe B", Holders: []string{"alice", "erin"}}, nil, "")
	l.add(accesslog.Record{Kind: accesslog.KindKitCheck, Time: date("2026-01-05"), Item: "mfa-1", Outcome: accesslog.Pass}, nil, "")
	if rep := status.Compute(l.opts("2026-02-01", s)); !rep.Clean() || rep.Kit == nil || len(rep.Kit.Items) != 2 {
		t.Fatalf("a kit kept apart is not clean, or not reported:\n%s", problems(rep))
	}
	l.add(accesslog.Record{Kind: accesslog.KindKitMove, Time: date("2026-02-02"), Item: "mfa-1", Place: "safe A"}, nil, "")
	if rep := status.Compute(l.opts("2026-02-01", s)); strings.Contains(problems(rep), "kit:") {
		t.Errorf("a move dated tomorrow counts:\n%s", problems(rep))
	}
	rep := status.Compute(l.opts("2026-02-02", s))
	if !strings.Contains(problems(rep), "kit: mfa-device mfa-1 is in safe A with sheets") {
		t.Errorf("the MFA device with the sheets is not named:\n%s", problems(rep))
	}
	o := l.opts("2026-02-02", s)
	o.Kit.ReviewEvery = 20
	if rep := status.Compute(o); !strings.Contains(problems(rep), "access review OVERDUE since 2026-01-25") {
		t.Errorf("--review-every 20 is not applied:\n%s", problems(rep))
	}
}

// TestNoKit: a log without the kit reports none, and asks for no review.
func TestNoKit(t *testing.T) {
	s := newSet(t, 1, "root 2026", "2026-01-05")
	l := newLog(t)
	l.drill(s, "2026-01-05", accesslog.Pass, 1, 2, 3, 4, 5)
	if rep := status.Compute(l.opts("2026-02-01", s)); rep.Kit != nil {
		t.Errorf("a log without the kit reports %+v", rep.Kit)
	}
}
