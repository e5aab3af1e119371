package main

// combine --log LOG --reason TEXT: the guidance asks that every access to
// the root password be recorded, with who took part. A combine with --log
// appends a record, signed with the set key, before the secret is revealed;
// if the record cannot be written, the secret is not revealed. A combine
// without --log still works (the log may be elsewhere, or lost), and says
// that this access is not recorded.

import (
	"strings"

	"quorum/accesslog"
	"quorum/combine"
)

func checkCombineLog(opts *combineOptions) error {
	switch {
	case opts.Log == "" && opts.Reason != "":
		return usagef("--reason goes with --log")
	case opts.Log != "" && strings.TrimSpace(opts.Reason) == "":
		return usagef("--log records why the secret is revealed: give --reason TEXT")
	case strings.ContainsAny(opts.Reason, "\n\r"):
		return usagef("--reason takes one line")
	case opts.Log != "":
		return checkLog(opts.Log)
	}
	return nil
}

// recordCombine appends the combine record, or warns that there is none.
func recordCombine(opts *combineOptions, set *combine.Set, payloads [][]byte) error {
	io, err := withClock(opts.IO, opts.Now)
	if err != nil {
		return err
	}
	if opts.Log == "" {
		io.warnf("this access to the secret is not recorded: pass --log LOG --reason TEXT to record who revealed it and why")
		return nil
	}
	key, err := set.SetKey(payloads)
	if err != nil {
		return err
	}
	defer clear(key)
	rec := &accesslog.Record{
		Kind: accesslog.KindCombine, Time: io.Now(), Set: string(set.Fingerprint), Label: set.Label,
		Reason: opts.Reason, Outcome: accesslog.Pass, Tool: toolName(),
	}
	for _, in := range set.Inputs {
		rec.Participants = append(rec.Participants, accesslog.Participant{Index: in.Share.Index, Custodian: in.Share.Custodian})
	}
	head, err := accesslog.Append(opts.Log, rec, key, accesslog.SignerSet)
	if err != nil {
		return err
	}
	io.infof("recorded in %s as record %d (signed with the set key); log head hash: %s", opts.Log, rec.Seq, head)
	return nil
}
