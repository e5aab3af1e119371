package ceremony

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"quorum/accesslog"
	"quorum/share"
)

func TestReview(t *testing.T) {
	w := newWrittenSet(t)
	log := filepath.Join(w.dir, "access.log")
	ui := &scriptedUI{t: t}
	rec, head, err := Review(testEnv(ui), ReviewOptions{Manifest: w.manifest, Log: log,
		Access: []string{"mfa=erin,frank", "password=alice,bob"}, By: []string{"olivia"},
		Shares: w.shares[:1], Identities: w.keys[:1], Tool: "quorum test"})
	if err != nil {
		t.Fatalf("Review = %v", err)
	}
	records, err := ReadLog(log)
	if err != nil {
		t.Fatal(err)
	}
	if len(records) != 2 || records[0].Kind != accesslog.KindVerify || records[0].Signer != accesslog.ShareSigner(1) {
		t.Fatalf("log = %d records, first %+v; want alice's signed verify record, then the review", len(records), records[0])
	}
	if rec.Seq != 2 || head != accesslog.Head(records) || rec.Kind != accesslog.KindReview {
		t.Errorf("Review = record %d (%s), head %s; want the review as record 2 and the log's head", rec.Seq, rec.Kind, head)
	}
	if got := strings.Join(rec.Access.MFA, ","); got != "erin,frank" || len(rec.Participants) != 1 {
		t.Errorf("review record: mfa %q, %d confirmed; want erin,frank and alice", got, len(rec.Participants))
	}
	for _, want := range []string{
		"quorum: warning: no one listed with access to the email",
		"quorum: warning: carol holds share 3 but is not among those with access to the password",
		"quorum: bob (share 2) did not confirm at this review",
	} {
		if !strings.Contains(ui.stderr.String(), want) {
			t.Errorf("stderr = %q\nwant it to say %q", ui.stderr.String(), want)
		}
	}
}

// A bad --access, a bad name or a share that does not open is refused,
// and the log is left as it was (here: not created).
func TestReviewRefuses(t *testing.T) {
	w := newWrittenSet(t)
	log := filepath.Join(w.dir, "access.log")
	tests := []struct {
		name    string
		opts    ReviewOptions
		wantErr any
		want    string
	}{
		{"unknown access kind", ReviewOptions{Access: []string{"vault=alice"}},
			new(*UsageError), `--access "vault=alice": give KIND=NAME,NAME… with KIND one of email, password, mfa, phone`},
		{"empty name", ReviewOptions{Access: []string{"mfa=erin,"}},
			new(*UsageError), `--access "mfa=erin,": a name is empty`},
		{"kind twice", ReviewOptions{Access: []string{"mfa=erin", "mfa=frank"}},
			new(*UsageError), "--access mfa is given twice"},
		{"two-line name", ReviewOptions{Access: []string{"mfa=erin"}, By: []string{"olivia\nrecord 9"}},
			new(*UsageError), "--by"},
		{"share of another custodian", ReviewOptions{Access: []string{"mfa=erin"}, Shares: w.shares[:2], Identities: w.keys[:1]},
			new(*share.Error), "share 2 (bob, " + w.shares[1] + "): no identity fits"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.opts.Manifest, tt.opts.Log = w.manifest, log
			_, _, err := Review(testEnv(&scriptedUI{t: t}), tt.opts)
			if err == nil || !errors.As(err, tt.wantErr) || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Review = %v, want a %T saying %q", err, tt.wantErr, tt.want)
			}
			if _, err := os.Stat(log); !errors.Is(err, os.ErrNotExist) {
				t.Errorf("the log was written on a refused review (%v)", err)
			}
		})
	}
}
