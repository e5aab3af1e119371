package main

// combine --log LOG --reason TEXT: the guidance asks that every access to
// the root password be recorded, with who took part. A combine with --log
// appends a record, signed with the set key, before the secret is revealed;
// if the record cannot be written, the secret is not revealed. The new head
// hash is shown with the secret and, with --report FILE, printed on a
// reveal report to sign, so that cutting the record from the log's end,
// which needs no key, is caught at the next check against the paper. A
// combine without --log still works (the log may be elsewhere, or lost),
// and says that this access is not recorded.
//
// Where the secret goes: standard output only when it is a pipe. A regular
// file there (combine > secret.txt) would get the secret with the umask's
// mode, over whatever the file held: combine refuses, and -o FILE writes it
// 0600 and never over a file.

import (
	"fmt"
	"os"
	"strings"

	"quorum/accesslog"
	"quorum/combine"
	"quorum/internal/newfile"
	"quorum/print"
)

// checkCombine checks combine's flags before anything is read or typed.
func checkCombine(opts *combineOptions) error {
	if opts.Output == "" && stdoutIsFile(opts.IO) {
		return usagef("standard output is a file: the secret would be written there unprotected; write it with -o FILE (0600, never over a file)")
	}
	if opts.Report != "" {
		if opts.Log == "" {
			return usagef("--report goes with --log: the report carries the log's head hash after the reveal")
		}
		if err := newfile.Check(opts.Report); err != nil {
			return err
		}
	}
	if _, err := print.ParsePaper(opts.Paper); err != nil {
		return usagef("%v", err)
	}
	switch {
	case opts.Log == "" && opts.Reason != "":
		return usagef("--reason goes with --log")
	case opts.Log == "" && (opts.Operator != "" || len(opts.Witnesses) > 0):
		return usagef("--operator and --witness go with --log")
	case opts.Log != "" && strings.TrimSpace(opts.Reason) == "":
		return usagef("--log records why the secret is revealed: give --reason TEXT")
	case strings.ContainsAny(opts.Reason, "\n\r"):
		return usagef("--reason takes one line")
	case opts.Log != "":
		if err := checkPeople(opts.Operator, opts.Witnesses); err != nil {
			return err
		}
		return checkLog(opts.Log)
	}
	return nil
}

// stdoutIsFile reports whether standard output is a regular file.
func stdoutIsFile(streams *IOStreams) bool {
	f, ok := streams.Out.(*os.File)
	if !ok {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode().IsRegular()
}

// recordCombine appends the combine record and writes the reveal report,
// or warns that there is none. It returns the new head hash, "" without a
// log.
func recordCombine(opts *combineOptions, set *combine.Set, payloads [][]byte) (string, error) {
	streams, err := withClock(opts.IO, opts.Now)
	if err != nil {
		return "", err
	}
	if opts.Log == "" {
		streams.warnf("this access to the secret is not recorded: pass --log LOG --reason TEXT to record who revealed it and why")
		return "", nil
	}
	warnSuperseded(streams, opts.Log, set.Fingerprint)
	key, err := set.SetKey(payloads)
	if err != nil {
		return "", err
	}
	defer clear(key)
	rec := &accesslog.Record{
		Kind: accesslog.KindCombine, Time: streams.Now(), Set: string(set.Fingerprint), Label: set.Label,
		Reason: opts.Reason, Operator: opts.Operator, Witnesses: opts.Witnesses, Outcome: accesslog.Pass, Tool: toolName(),
	}
	for _, in := range set.Inputs {
		rec.Participants = append(rec.Participants, accesslog.Participant{Index: in.Share.Index, Custodian: in.Share.Custodian})
	}
	head, err := accesslog.Append(opts.Log, rec, key, accesslog.SignerSet)
	if err != nil {
		return "", err
	}
	streams.infof("recorded in %s as record %d (signed with the set key); log head hash:", opts.Log, rec.Seq)
	streams.infof("  %s", head)
	if opts.Report == "" {
		streams.infof("write the head hash on the reveal report, or pass --report FILE to print one; 'quorum status --head HASH' checks it later")
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
	streams.infof("wrote the reveal report to %s (0600): print it; the operator, witnesses and custodians sign it", opts.Report)
	return head, nil
}

func revealReport(set *combine.Set, rec *accesslog.Record, head string, paper print.Paper) *print.Report {
	rep := &print.Report{
		Reveal: true, Reason: rec.Reason,
		Fingerprint: set.Fingerprint, Label: set.Label, Threshold: set.Threshold, Shares: set.Shares,
		Time: rec.Time, Passed: true,
		Summary: fmt.Sprintf("The secret was rebuilt from %d shares (any %d of %d rebuild it), passed the integrity check, and was revealed.",
			len(set.Inputs), set.Threshold, set.Shares),
		Operator: rec.Operator, Witnesses: rec.Witnesses, Head: head, Seq: rec.Seq, Tool: rec.Tool, Paper: paper,
	}
	for _, in := range set.Inputs {
		rep.Taking = append(rep.Taking, print.ReportShare{Index: in.Share.Index, Custodian: in.Share.Custodian, Source: in.Source, Result: "ok"})
	}
	return rep
}
