package main

import (
	"cmp"
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"quorum/accesslog"
	"quorum/ceremony"
	"quorum/internal/filter"
	"quorum/share"
	"quorum/status"
)

type logOptions struct {
	IO        *IOStreams
	Log       string
	Manifests []string
	Head      string
	JSON      bool
	Now       string // test builds only: the clock for dates after today
}

func newLogCmd(streams *IOStreams) *cobra.Command {
	opts := &logOptions{IO: streams}
	cmd := &cobra.Command{
		Use:   "log LOG [-m MANIFEST]... [--head HASH] [--json]",
		Short: "Show the access log as a table, and check it as status does",
		Long: `Show the access log, one record a line: its number, date and time (the
laptop's clock, UTC), kind, set, who signed it, the outcome, and what it
says (who took part, which sheet, why).

The log is checked as status checks it: its chain, its signatures, with -m
that each share-signed record carries its share's key (the manifest's
commitment), and that no record is dated after today or before the record
it follows. A hash chain cannot show that its newest records were cut off:
--head HASH, a head printed on a drill or reveal report, must still be in
the log. The exit status is 1 when the log does not check.`,
		Example: `  quorum log access.log
  quorum log access.log -m manifest.json --head "HA2G PF0B ..."
  quorum log access.log --json`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) != 1 {
				return usagef("give one access LOG")
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Log = args[0]
			return runLog(opts)
		},
	}
	cmd.Flags().StringArrayVarP(&opts.Manifests, "manifest", "m", nil, "a set's `MANIFEST`, to check share-signed records; repeat for several sets")
	cmd.Flags().StringVar(&opts.Head, "head", "", "a head `HASH` printed earlier that the log must still contain")
	cmd.Flags().BoolVar(&opts.JSON, "json", false, "print the records and the check as JSON")
	addNowFlag(cmd, &opts.Now)
	return cmd
}

// logBrokenError is log's exit when the log does not check: the output
// says why.
type logBrokenError struct{ problems int }

func (e *logBrokenError) Error() string {
	return fmt.Sprintf("the access log does not check: %s", ceremony.Count(e.problems, "problem"))
}

func runLog(opts *logOptions) error {
	streams := opts.IO
	now, err := clock(streams, opts.Now)
	if err != nil {
		return err
	}
	data, err := os.ReadFile(opts.Log)
	if err != nil {
		return err
	}
	so := status.Options{Now: now, Log: true}
	so.Records, so.LogErr = accesslog.Read(data)
	if so.Head, err = ceremony.ParseHead(so.Records, opts.Head); err != nil {
		return err
	}
	if so.Manifests, err = ceremony.ReadManifests(streams.env(), opts.Manifests); err != nil {
		return err
	}
	l := status.Compute(so).Log
	if opts.JSON {
		if err := printLogJSON(streams, so.Records, l); err != nil {
			return err
		}
	} else {
		printLogTable(streams, so.Records)
		fmt.Fprintln(streams.Out)
		printLogCheck(streams, l, opts.Log)
		if len(l.Problems) == 0 {
			fmt.Fprintln(streams.Out, "\nchecks")
		}
		for _, p := range l.Problems {
			fmt.Fprintf(streams.Out, "! %s\n", filter.Text(p))
		}
	}
	if len(l.Problems) > 0 {
		return &logBrokenError{len(l.Problems)}
	}
	return nil
}

// printLogTable prints one record a line. Every text from the log passes
// the filter: the log is a file anyone who can write it may have forged.
func printLogTable(streams *IOStreams, records []*accesslog.Record) {
	w := streams.Out
	fmt.Fprintf(w, "%4s  %-19s  %-15s  %-14s  %-9s  %-7s  %s\n", "#", "time (UTC)", "kind", "set", "signed", "outcome", "what")
	for _, r := range records {
		set := "-"
		if r.Set != "" {
			set = share.Fingerprint(r.Set).String()[:14]
		}
		signer := r.Signer
		if signer == "" {
			signer = "unsigned"
		}
		fmt.Fprintf(w, "%4d  %-19s  %-15s  %-14s  %-9s  %-7s  %s\n", r.Seq, r.Time.UTC().Format(time.DateTime),
			r.Kind, set, signer, cmp.Or(r.Outcome, "-"), filter.Text(what(r)))
	}
}

// what says in words what a record is about.
func what(r *accesslog.Record) string {
	var parts []string
	switch {
	case r.Kind == accesslog.KindRunStart && r.Rehearsal:
		parts = append(parts, fmt.Sprintf("run %s: %s, a rehearsal", accesslog.RunID(r), r.Scenario))
	case r.Kind == accesslog.KindRunStart:
		parts = append(parts, fmt.Sprintf("run %s: %s", accesslog.RunID(r), r.Scenario))
	case r.Run != "":
		parts = append(parts, "run "+r.Run)
	}
	if r.Label != "" {
		parts = append(parts, quote(r.Label))
	}
	if r.ItemKind != "" {
		parts = append(parts, r.ItemKind)
	}
	switch {
	case r.Kind == accesslog.KindLeftRoom && r.Item != "":
		parts = append(parts, "took out "+r.Item)
	case r.Kind == accesslog.KindReturned && r.Item != "":
		parts = append(parts, "brought back "+r.Item)
	case r.Item != "":
		parts = append(parts, r.Item)
	case r.Share > 0:
		parts = append(parts, fmt.Sprintf("sheet %d", r.Share))
	}
	if len(r.Participants) > 0 {
		var ps []string
		for _, p := range r.Participants {
			ps = append(ps, fmt.Sprintf("%d %s", p.Index, p.Custodian))
		}
		parts = append(parts, "shares "+strings.Join(ps, ", "))
	}
	for _, f := range r.Failures {
		parts = append(parts, fmt.Sprintf("FAILED %d %s (%s): %s", f.Index, f.Custodian, f.Source, f.Reason))
	}
	if r.NewSet != "" {
		parts = append(parts, "new set "+share.Fingerprint(r.NewSet).String())
	}
	if r.Place != "" {
		parts = append(parts, "at "+r.Place)
	}
	if len(r.Holders) > 0 {
		parts = append(parts, "holders "+strings.Join(r.Holders, ", "))
	}
	if r.Expires != "" {
		parts = append(parts, "expires "+r.Expires)
	}
	if r.Access != nil {
		parts = append(parts, "access reviewed")
	}
	if len(r.By) > 0 {
		parts = append(parts, "by "+strings.Join(r.By, ", "))
	}
	if r.Operator != "" {
		parts = append(parts, "operator "+r.Operator)
	}
	if len(r.Witnesses) > 0 {
		parts = append(parts, "witnesses "+strings.Join(r.Witnesses, ", "))
	}
	for _, s := range []string{r.Event, r.Reason} {
		if s != "" {
			parts = append(parts, s)
		}
	}
	for _, l := range r.Lessons {
		parts = append(parts, "lesson: "+l)
	}
	return strings.Join(parts, "; ")
}

// logRecordJSON is one record in log --json: its hash and its line.
type logRecordJSON struct {
	Hash   string          `json:"hash"`
	Record json.RawMessage `json:"record"`
}

func printLogJSON(streams *IOStreams, records []*accesslog.Record, l *status.Log) error {
	out := struct {
		Records []logRecordJSON `json:"records"`
		Check   *status.Log     `json:"check"`
	}{Records: []logRecordJSON{}, Check: l}
	for _, r := range records {
		line, err := r.Line()
		if err != nil {
			return err
		}
		out.Records = append(out.Records, logRecordJSON{Hash: r.Hash, Record: line})
	}
	b, err := json.MarshalIndent(out, "", "  ")
	if err != nil {
		return err
	}
	fmt.Fprintf(streams.Out, "%s\n", b)
	return nil
}
