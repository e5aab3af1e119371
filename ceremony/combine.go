package ceremony

// quorum combine: the secret rebuilt from k shares, the access recorded,
// the secret revealed once.
//
// With a log (--log LOG --reason TEXT): the guidance asks that every
// access to the root password be recorded, with who took part. The record,
// signed with the set key, is appended before the secret is revealed; if
// it cannot be written, the secret is not revealed. The new head hash is
// shown with the secret and, with a report file, printed on a reveal
// report to sign, so that cutting the record from the log's end, which
// needs no key, is caught at the next check against the paper. Without a
// log combine still works (the log may be elsewhere, or lost), and says
// that this access is not recorded.

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"quorum/accesslog"
	"quorum/combine"
	"quorum/internal/filter"
	"quorum/internal/newfile"
	"quorum/print"
	"quorum/share"
)

// CombineOptions is what quorum combine is given.
type CombineOptions struct {
	Source
	// Output is a new file (0600) for the secret; "" for none.
	Output string
	// Pipe takes the secret when there is no Output and standard output
	// is a pipe; nil reveals it on the terminal.
	Pipe io.Writer

	Log       string // the access log to record the reveal in; "" for none
	Reason    string // why the secret is revealed, for the log
	Operator  string // who reveals it, for the log
	Witnesses []string
	Run       string // the runbook run this is a step of (--run), as typed; CheckRun reads it
	Report    string // the reveal report PDF to write; "" for none
	Paper     string // the report's paper size: a4 or letter
	Tool      string // the record's tool: "quorum" and its version
}

// ErrUnprintableSecret is a rebuilt secret that the terminal cannot show
// as it is: control, format or invisible characters.
var ErrUnprintableSecret = errors.New("the secret holds control, format or invisible characters, which a terminal would act on or hide: it is not shown")

// check refuses options that do not go together, before anything is read
// or typed.
func (o *CombineOptions) check() error {
	if o.Output != "" {
		if err := newfile.Check(o.Output); err != nil {
			return err
		}
	}
	if o.Report != "" {
		if o.Log == "" {
			return usagef("--report goes with --log: the report carries the log's head hash after the reveal")
		}
		if err := newfile.Check(o.Report); err != nil {
			return err
		}
	}
	if _, err := print.ParsePaper(o.Paper); err != nil {
		return usagef("%v", err)
	}
	var err error
	if o.Run, err = CheckRun(o.Log, o.Run); err != nil {
		return err
	}
	switch {
	case o.Log == "" && o.Reason != "":
		return usagef("--reason goes with --log")
	case o.Log == "" && (o.Operator != "" || len(o.Witnesses) > 0):
		return usagef("--operator and --witness go with --log")
	case o.Log != "" && strings.TrimSpace(o.Reason) == "":
		return usagef("--log records why the secret is revealed: give --reason TEXT")
	case strings.ContainsAny(o.Reason, "\n\r"):
		return usagef("--reason takes one line")
	case o.Log != "":
		if err := CheckPeople(o.Operator, o.Witnesses); err != nil {
			return err
		}
		if err := CheckWords("reason", o.Reason); err != nil {
			return err
		}
		return CheckLog(o.Log)
	}
	return nil
}

// Combine rebuilds the secret from the shares, records the access when
// there is a log, and reveals the secret: to opts.Output, to opts.Pipe, or
// once on the terminal.
func Combine(env *Env, opts CombineOptions) error {
	if err := opts.check(); err != nil {
		return err
	}
	r, err := Rebuild(env, opts.Source)
	if err != nil {
		return err
	}
	defer r.Wipe()
	env.UI.Info("the secret was rebuilt from %d shares and passed the integrity check", len(r.Set.Inputs))
	if opts.Output == "" && opts.Pipe == nil && !filter.Printable(r.Secret) {
		// A terminal would act on an escape sequence rather than show
		// it, and a set that was not pinned may be a forger's; filtered,
		// it would not be the secret. Refused before the access is
		// recorded, since nothing is revealed.
		return ErrUnprintableSecret
	}
	// The access is recorded before the secret is revealed: a reveal
	// that cannot be recorded does not happen.
	head, err := recordCombine(env, opts, r)
	if err != nil {
		return err
	}
	return revealSecret(env, opts, r.Secret, head)
}

// recordCombine appends the combine record and writes the reveal report,
// or warns that there is none. It returns the new head hash, "" without a
// log.
func recordCombine(env *Env, opts CombineOptions, r *Rebuilt) (string, error) {
	if opts.Log == "" {
		env.UI.Warn("this access to the secret is not recorded: pass --log LOG --reason TEXT to record who revealed it and why")
		return "", nil
	}
	set := r.Set
	WarnSuperseded(env, opts.Log, set.Fingerprint)
	key, err := set.SetKey(r.Payloads)
	if err != nil {
		return "", err
	}
	defer clear(key)
	rec := &accesslog.Record{
		Kind: accesslog.KindCombine, Time: env.Now(), Set: string(set.Fingerprint), Label: set.Label,
		Reason: opts.Reason, Operator: opts.Operator, Witnesses: opts.Witnesses, Outcome: accesslog.Pass, Run: opts.Run, Tool: opts.Tool,
	}
	for _, in := range set.Inputs {
		rec.Participants = append(rec.Participants, accesslog.Participant{Index: in.Share.Index, Custodian: in.Share.Custodian})
	}
	head, err := accesslog.Append(opts.Log, rec, key, accesslog.SignerSet)
	if err != nil {
		return "", err
	}
	env.UI.Info("recorded in %s as record %d (signed with the set key); log head hash:", opts.Log, rec.Seq)
	env.UI.Info("  %s", head)
	if opts.Report == "" {
		env.UI.Info("write the head hash on the reveal report, or pass --report FILE to print one; 'quorum status --head HASH' checks it later")
		return head, nil
	}
	paper, _ := print.ParsePaper(opts.Paper)
	pdf, err := print.ReportPDF(revealReport(set, rec, head, paper))
	if err != nil {
		return "", err
	}
	if err := newfile.Write(opts.Report, pdf); err != nil {
		return "", err
	}
	env.UI.Info("wrote the reveal report to %s (0600): print it; the operator, witnesses and custodians sign it", opts.Report)
	return head, nil
}

// revealReport is the reveal report of a combine recorded as rec.
func revealReport(set *combine.Set, rec *accesslog.Record, head string, paper print.Paper) *print.Report {
	rep := &print.Report{
		Reveal: true, Reason: rec.Reason,
		Fingerprint: set.Fingerprint, Label: set.Label, Threshold: set.Threshold, Shares: set.Shares,
		Time: rec.Time, Passed: true,
		Summary: fmt.Sprintf("The secret was rebuilt from %d shares (any %d of %d rebuild it), passed the integrity check, and was revealed.",
			len(set.Inputs), set.Threshold, set.Shares),
		Operator: rec.Operator, Witnesses: rec.Witnesses, Head: head, Seq: rec.Seq, Tool: rec.Tool, Paper: paper, Run: rec.Run, Format: rec.Format(),
	}
	for _, in := range set.Inputs {
		rep.Taking = append(rep.Taking, print.ReportShare{Index: in.Share.Index, Custodian: in.Share.Custodian, Source: in.Source, Result: "ok"})
	}
	return rep
}

// revealSecret sends the secret where the person asked: a new file, a
// pipe, or the terminal once, with head, the log's head hash after the
// reveal's record ("" for none), to write on the reveal report.
func revealSecret(env *Env, opts CombineOptions, secret []byte, head string) error {
	switch {
	case opts.Output != "":
		if err := newfile.Write(opts.Output, secret); err != nil {
			return err
		}
		env.UI.Info("the secret is in %s (0600); delete it when done", opts.Output)
		return nil
	case opts.Pipe != nil:
		_, err := opts.Pipe.Write(secret)
		return err
	}
	after := "\n\n"
	if head != "" {
		after += "Access log head hash after this reveal, for the reveal report:\n    " + share.Fingerprint(head).String() + "\n\n"
	}
	return Reveal(env.UI, Revelation{
		What:   "the secret",
		Before: "\nThe secret, shown once. Make sure no one else can see the screen.\n\n    ",
		Secret: secret,
		After:  after,
		Prompt: "Press Enter to erase it from the screen. ",
	})
}
