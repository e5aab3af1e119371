package main

import (
	"errors"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"quorum/accesslog"
	"quorum/ceremony"
	"quorum/combine"
	"quorum/drill"
	"quorum/internal/newfile"
	"quorum/print"
)

type drillOptions struct {
	IO         *IOStreams
	Identities []string
	Log        string
	Operator   string
	Witnesses  []string
	Set        string
	Manifest   string
	Report     string
	Paper      string
	Shares     []string
	Type       bool
	Now        string // hidden, for tests
}

func newDrillCmd(streams *IOStreams) *cobra.Command {
	opts := &drillOptions{IO: streams}
	cmd := &cobra.Command{
		Use:   "drill [-i IDENTITY]... --log LOG [--operator NAME] [--witness NAME]... [--set FINGERPRINT | -m MANIFEST] [--report FILE] [--type] SHARE...",
		Short: "Test the recovery, as a fire drill: rebuild the set in memory, never show the secret",
		Long: `Test, at least every quarter, that custodians can still do their part.

Each share is opened on its own and, with -m, checked against its commitment
in the signed manifest; every bad share is named, with why. With k good
shares the set is rebuilt in memory, passes the integrity check, and is
wiped: the secret is never shown, written or piped anywhere.

The drill is recorded in LOG, the access log (created 0600 when missing,
appended to otherwise). A drill passes when the quorum was met and no share
failed; its record is then signed with the set key. When k good shares
rebuilt the set but another share failed, the record is signed too, and
says fail. When the quorum was not met there is no set key: the record is
unsigned. A failed drill exits non-zero.

quorum prints the log's head hash after the record: write it on the drill
report (--report FILE writes one as a PDF, 0600, to print and sign), so
that 'quorum status --head HASH' can later prove the log was not cut short.`,
		Example: `  quorum drill -m manifest.json --log access.log --operator olivia --witness walter \
      -i alice.key -i carol.key -i erin.key --report drill-2026-q1.pdf \
      1-alice.share 3-carol.share 5-erin.share`,
		Args: sharesArgs(&opts.Type),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Shares = args
			return runDrill(opts)
		},
	}
	f := cmd.Flags()
	f.StringArrayVarP(&opts.Identities, "identity", "i", nil, "an identity `FILE` (age, passphrase-protected age, SSH, plugin); repeat for several")
	f.StringVar(&opts.Log, "log", "", "the access `LOG` to record the drill in")
	addPeopleFlags(cmd, &opts.Operator, &opts.Witnesses)
	f.StringVar(&opts.Set, "set", "", "refuse shares not of the set with this `FINGERPRINT`")
	f.StringVarP(&opts.Manifest, "manifest", "m", "", "check shares against this `MANIFEST`'s commitments")
	f.StringVar(&opts.Report, "report", "", "write the drill report PDF to `FILE` (0600, must not exist)")
	f.StringVar(&opts.Paper, "paper", "a4", "the paper size of the report: a4 or letter")
	addTypeFlag(f, &opts.Type)
	addNowFlag(cmd, &opts.Now)
	cmd.MarkFlagRequired("log")
	return cmd
}

// drillFailedError is a drill that did not pass: it was recorded, and
// quorum exits non-zero.
type drillFailedError struct {
	Result *drill.Result
}

func (e *drillFailedError) Error() string {
	r := e.Result
	switch {
	case !r.QuorumMet:
		return fmt.Sprintf("drill failed: the quorum was not met (%v)", r.Problem)
	default:
		return fmt.Sprintf("drill failed: %d of the shares given failed, although the quorum was met", len(r.Failures))
	}
}

func runDrill(opts *drillOptions) error {
	streams, err := withClock(opts.IO, opts.Now)
	if err != nil {
		return err
	}
	paper, err := print.ParsePaper(opts.Paper)
	if err != nil {
		return usagef("%v", err)
	}
	if opts.Report != "" {
		if err := newfile.Check(opts.Report); err != nil {
			return err
		}
	}
	if err := checkLog(opts.Log); err != nil {
		return err
	}
	if err := checkPeople(opts.Operator, opts.Witnesses); err != nil {
		return err
	}
	pinned, m, err := pin(streams, opts.Set, opts.Manifest)
	if err != nil {
		return err
	}
	inputs, unread, err := ceremony.ReadEachShare(streams.env(), opts.Shares, opts.Type)
	if err != nil {
		return err
	}
	if err := ceremony.SetTypo(opts.Set, pinned, inputs); err != nil {
		return err
	}
	ids, err := loadIdentities(streams, opts.Identities)
	if err != nil {
		return err
	}
	if m == nil {
		streams.warnf("no manifest: shares are not checked against their commitments; pass -m to name a wrong share by itself")
	}
	r, key, err := drill.Run(drill.Options{Inputs: inputs, Unread: unread, Pin: pinned, Manifest: m, Open: opener(streams, ids)})
	if err != nil {
		return err
	}
	defer clear(key)
	sayDrill(streams, r)
	warnSuperseded(streams, opts.Log, r.Fingerprint)

	rec := &accesslog.Record{
		Kind: accesslog.KindDrill, Time: streams.Now(), Set: string(r.Fingerprint), Label: r.Label,
		Participants: logParticipants(r), Failures: logFailures(r),
		Operator: opts.Operator, Witnesses: opts.Witnesses, Outcome: accesslog.Fail, Tool: toolName(),
	}
	if r.Passed() {
		rec.Outcome = accesslog.Pass
	}
	if r.Problem != nil {
		rec.Reason = "quorum not met: " + r.Problem.Error()
	}
	signer := ""
	if key != nil {
		signer = accesslog.SignerSet
	}
	head, err := accesslog.Append(opts.Log, rec, key, signer)
	if err != nil {
		return err
	}
	streams.infof("recorded in %s as record %d (%s); log head hash:", opts.Log, rec.Seq, signedBy(signer))
	streams.infof("  %s", head)
	streams.infof("write the head hash on the drill report; 'quorum status --head HASH' checks it later")

	if opts.Report != "" {
		rep := reportOf(r, rec, head, paper)
		if rep.Kit, err = kitOnPaper(opts.Log); err != nil {
			return err
		}
		pdf, err := print.ReportPDF(rep)
		if err != nil {
			return err
		}
		if err := newfile.Write(opts.Report, pdf); err != nil {
			return err
		}
		streams.infof("wrote the drill report to %s (0600): print it; participants and witnesses sign it", opts.Report)
	}
	if !r.Passed() {
		return &drillFailedError{r}
	}
	return nil
}

// sayDrill tells what the drill found, share by share.
func sayDrill(streams *IOStreams, r *drill.Result) {
	pinned := ""
	if r.Pinned {
		pinned = ", pinned"
	}
	streams.infof("drill of set %s%s%s, %d of %d", r.Fingerprint, labelSuffix(r.Label), pinned, r.Threshold, r.Shares)
	for _, p := range r.Good {
		what := "opens"
		if r.Manifest {
			what = "opens and matches its commitment"
		}
		streams.infof("ok: share %d (%s, %s) %s", p.Index, p.Custodian, p.Source, what)
	}
	for _, f := range r.Failures {
		if f.Index == 0 {
			streams.infof("FAILED: %s: %v", f.Source, f.Err)
		} else {
			streams.infof("FAILED: share %d (%s, %s): %s", f.Index, f.Custodian, f.Source, f.Reason())
		}
	}
	switch {
	case r.QuorumMet:
		streams.infof("quorum met: %d good shares rebuilt the set in memory and passed the integrity check; the secret was not shown and is wiped", len(r.Good))
	default:
		streams.infof("quorum NOT met: %v", r.Problem)
	}
	if r.Passed() {
		streams.infof("drill passed")
	} else {
		streams.infof("drill FAILED")
	}
}

func summary(r *drill.Result) string {
	var b strings.Builder
	if r.QuorumMet {
		fmt.Fprintf(&b, "Quorum met: %d good shares (any %d of %d rebuild the set) rebuilt it in memory and passed the integrity check; the secret was not shown.", len(r.Good), r.Threshold, r.Shares)
	} else {
		fmt.Fprintf(&b, "Quorum NOT met: %v.", r.Problem)
	}
	if n := len(r.Failures); n > 0 {
		fmt.Fprintf(&b, " %d share(s) failed: see the table.", n)
	}
	return b.String()
}

func logParticipants(r *drill.Result) []accesslog.Participant {
	var ps []accesslog.Participant
	for _, p := range r.Good {
		ps = append(ps, accesslog.Participant{Index: p.Index, Custodian: p.Custodian})
	}
	return ps
}

func logFailures(r *drill.Result) []accesslog.Failure {
	var fs []accesslog.Failure
	for _, f := range r.Failures {
		fs = append(fs, accesslog.Failure{Index: f.Index, Custodian: f.Custodian, Source: f.Source, Reason: f.Reason()})
	}
	return fs
}

func reportOf(r *drill.Result, rec *accesslog.Record, head string, paper print.Paper) *print.Report {
	rep := &print.Report{
		Fingerprint: r.Fingerprint, Label: r.Label, Threshold: r.Threshold, Shares: r.Shares,
		Time: rec.Time, Passed: r.Passed(), Summary: summary(r),
		Operator: rec.Operator, Witnesses: rec.Witnesses, Head: head, Seq: rec.Seq, Tool: rec.Tool, Paper: paper,
	}
	for _, p := range r.Good {
		rep.Taking = append(rep.Taking, print.ReportShare{Index: p.Index, Custodian: p.Custodian, Source: p.Source, Result: "ok"})
	}
	for _, f := range r.Failures {
		rep.Taking = append(rep.Taking, print.ReportShare{Index: f.Index, Custodian: f.Custodian, Source: f.Source, Result: f.Reason()})
	}
	return rep
}

func signedBy(signer string) string {
	switch signer {
	case "":
		return "unsigned"
	case accesslog.SignerSet:
		return "signed with the set key"
	}
	return "signed with the key of " + signer
}

func isDrillFailed(err error) bool {
	var e *drillFailedError
	return errors.As(err, &e)
}

// drillHints says what to do after a failed drill, which is recorded
// already.
func drillHints(err error) []string {
	var e *drillFailedError
	errors.As(err, &e)
	r := e.Result
	h := []string{"the failed drill is recorded in the log; fix what failed (each share named above) and run the drill again"}
	if !r.QuorumMet {
		var few *combine.TooFewError
		if errors.As(r.Problem, &few) {
			h = append(h, fmt.Sprintf("%d good shares of %d needed: more custodians must bring shares that open", few.Have, few.Need))
		}
		var ie *combine.IntegrityError
		if errors.As(r.Problem, &ie) {
			h = append(h, "every share opened but the set did not rebuild: run the drill with -m manifest.json to name the wrong share")
		}
	}
	return h
}
