package ceremony

// quorum drill: a fire drill of the recovery. Each share is opened on its
// own and, with a manifest, checked against its commitment; with k good
// shares the set is rebuilt in memory and wiped, never shown. Every drill
// is recorded in the access log, passed or failed, and a failed drill is an
// error after its record.

import (
	"fmt"
	"strings"

	"quorum/accesslog"
	"quorum/drill"
	"quorum/internal/newfile"
	"quorum/print"
)

// DrillOptions is what quorum drill is given.
type DrillOptions struct {
	Source
	Log       string // the access log to record the drill in
	Operator  string // who runs the drill, for the log
	Witnesses []string
	Run       string // the runbook run this is a step of (--run), as typed; CheckRun reads it
	Report    string // the drill report PDF to write; "" for none
	Paper     string // the report's paper size: a4 or letter
	Tool      string // the record's tool: "quorum" and its version
}

// DrillFailedError is a drill that did not pass: it was recorded, and
// quorum exits non-zero.
type DrillFailedError struct {
	Result *drill.Result
}

func (e *DrillFailedError) Error() string {
	r := e.Result
	switch {
	case !r.QuorumMet:
		return fmt.Sprintf("drill failed: the quorum was not met (%v)", r.Problem)
	default:
		return fmt.Sprintf("drill failed: %d of the shares given failed, although the quorum was met", len(r.Failures))
	}
}

// Drill runs the drill, says what it found share by share, records it in
// opts.Log and writes the report. It returns what the drill found; a drill
// that did not pass returns a [*DrillFailedError] too, once recorded.
func Drill(env *Env, opts DrillOptions) (*drill.Result, error) {
	paper, err := print.ParsePaper(opts.Paper)
	if err != nil {
		return nil, usagef("%v", err)
	}
	if opts.Report != "" {
		if err := newfile.Check(opts.Report); err != nil {
			return nil, err
		}
	}
	if err := CheckLog(opts.Log); err != nil {
		return nil, err
	}
	if opts.Run, err = CheckRun(opts.Log, opts.Run); err != nil {
		return nil, err
	}
	if err := CheckPeople(opts.Operator, opts.Witnesses); err != nil {
		return nil, err
	}
	pinned, m, err := Pin(env, opts.Set, opts.Manifest)
	if err != nil {
		return nil, err
	}
	inputs, unread, err := ReadEachShare(env, opts.Shares, opts.Type)
	if err != nil {
		return nil, err
	}
	if err := SetTypo(opts.Set, pinned, inputs); err != nil {
		return nil, err
	}
	ids, err := LoadIdentities(env, opts.Identities)
	if err != nil {
		return nil, err
	}
	if m == nil {
		env.UI.Warn("no manifest: shares are not checked against their commitments; pass -m to name a wrong share by itself")
	}
	r, key, err := drill.Run(drill.Options{Inputs: inputs, Unread: unread, Pin: pinned, Manifest: m, Open: Opener(env, ids)})
	if err != nil {
		return nil, err
	}
	defer clear(key)
	sayDrill(env.UI, r)
	WarnSuperseded(env, opts.Log, r.Fingerprint)

	rec := &accesslog.Record{
		Kind: accesslog.KindDrill, Time: env.Now(), Set: string(r.Fingerprint), Label: r.Label,
		Participants: logParticipants(r), Failures: logFailures(r),
		Operator: opts.Operator, Witnesses: opts.Witnesses, Outcome: accesslog.Fail, Run: opts.Run, Tool: opts.Tool,
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
		return nil, err
	}
	env.UI.Info("recorded in %s as record %d (%s); log head hash:", opts.Log, rec.Seq, signedBy(signer))
	env.UI.Info("  %s", head)
	env.UI.Info("write the head hash on the drill report; 'quorum status --head HASH' checks it later")

	if opts.Report != "" {
		rep := drillReport(r, rec, head, paper)
		if rep.Kit, err = KitOnPaper(opts.Log); err != nil {
			return nil, err
		}
		pdf, err := print.ReportPDF(rep)
		if err != nil {
			return nil, err
		}
		if err := newfile.Write(opts.Report, pdf); err != nil {
			return nil, err
		}
		env.UI.Info("wrote the drill report to %s (0600): print it; participants and witnesses sign it", opts.Report)
	}
	if !r.Passed() {
		return r, &DrillFailedError{r}
	}
	return r, nil
}

// sayDrill tells what the drill found, share by share.
func sayDrill(ui UI, r *drill.Result) {
	pinned := ""
	if r.Pinned {
		pinned = ", pinned"
	}
	ui.Info("drill of set %s%s%s, %d of %d", r.Fingerprint, LabelSuffix(r.Label), pinned, r.Threshold, r.Shares)
	for _, p := range r.Good {
		what := "opens"
		if r.Manifest {
			what = "opens and matches its commitment"
		}
		ui.Info("ok: share %d (%s, %s) %s", p.Index, p.Custodian, p.Source, what)
	}
	for _, f := range r.Failures {
		if f.Index == 0 {
			ui.Info("FAILED: %s: %v", f.Source, f.Err)
		} else {
			ui.Info("FAILED: share %d (%s, %s): %s", f.Index, f.Custodian, f.Source, f.Reason())
		}
	}
	switch {
	case r.QuorumMet:
		ui.Info("quorum met: %d good shares rebuilt the set in memory and passed the integrity check; the secret was not shown and is wiped", len(r.Good))
	default:
		ui.Info("quorum NOT met: %v", r.Problem)
	}
	if r.Passed() {
		ui.Info("drill passed")
	} else {
		ui.Info("drill FAILED")
	}
}

// drillSummary is the drill report's sentence on what the drill found.
func drillSummary(r *drill.Result) string {
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
		fs = append(fs, accesslog.Failure{Index: f.Index, Custodian: f.Custodian, Source: accesslog.Fit(f.Source), Reason: accesslog.Fit(f.Reason())})
	}
	return fs
}

// drillReport is the drill report of a drill recorded as rec.
func drillReport(r *drill.Result, rec *accesslog.Record, head string, paper print.Paper) *print.Report {
	rep := &print.Report{
		Fingerprint: r.Fingerprint, Label: r.Label, Threshold: r.Threshold, Shares: r.Shares,
		Time: rec.Time, Passed: r.Passed(), Summary: drillSummary(r),
		Operator: rec.Operator, Witnesses: rec.Witnesses, Head: head, Seq: rec.Seq, Tool: rec.Tool, Paper: paper, Run: rec.Run, Format: rec.Format(),
	}
	for _, p := range r.Good {
		rep.Taking = append(rep.Taking, print.ReportShare{Index: p.Index, Custodian: p.Custodian, Source: p.Source, Result: "ok"})
	}
	for _, f := range r.Failures {
		rep.Taking = append(rep.Taking, print.ReportShare{Index: f.Index, Custodian: f.Custodian, Source: f.Source, Result: f.Reason()})
	}
	return rep
}
