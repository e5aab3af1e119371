package main

// quorum retire: record that a set's password is dead. Flags and wording
// only: the rules are package retire's, the record's form accesslog's, and
// what status makes of it package status's.

import (
	"fmt"

	"github.com/spf13/cobra"

	"quorum/accesslog"
	"quorum/manifest"
	"quorum/retire"
	"quorum/share"
)

type retireOptions struct {
	IO        *IOStreams
	Manifest  string
	Log       string
	Operator  string
	Witnesses []string
	Reason    string
	Now       string // hidden, for tests: the record's time
}

func newRetireCmd(streams *IOStreams) *cobra.Command {
	opts := &retireOptions{IO: streams}
	cmd := &cobra.Command{
		Use:   "retire -m MANIFEST --log LOG [--operator NAME] [--witness NAME]... [--reason TEXT]",
		Short: "Record that a set's password is dead: every sheet of it is to be destroyed",
		Long: `Record in the access log that the password a set holds is dead (the account
was deleted), so that every sheet of the set is to be destroyed. "quorum
status" then lists the set's sheets as to be destroyed, and exits 1, until
each is recorded destroyed (quorum record --event sheet-destroyed); after
that it no longer lists the set.

A new set for a new password retires the old one itself: quorum split
--replaces OLD_MANIFEST --log LOG.

A set is retired once: a set the log already records as retired is
refused, and nothing is written. The record is chained to the log's last
one, but not signed. The log is created (0600) when missing; a log that
does not check is never added to. The new head hash is printed on standard
output.`,
		Example: `  quorum retire -m manifest.json --log access.log --operator dave --witness erin --reason "account deleted"`,
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runRetire(opts)
		},
	}
	cmd.Flags().StringVarP(&opts.Manifest, "manifest", "m", "", "the set to retire, by its `MANIFEST`")
	cmd.Flags().StringVar(&opts.Log, "log", "", "append to the access log `LOG` (created 0600 when missing)")
	addPeopleFlags(cmd, &opts.Operator, &opts.Witnesses)
	cmd.Flags().StringVar(&opts.Reason, "reason", "", "why its password is dead, in words (`TEXT`)")
	addNowFlag(cmd, &opts.Now)
	cmd.MarkFlagRequired("manifest")
	cmd.MarkFlagRequired("log")
	return cmd
}

func runRetire(opts *retireOptions) error {
	streams := opts.IO
	now, err := clock(streams, opts.Now)
	if err != nil {
		return err
	}
	if err := checkPeople(opts.Operator, opts.Witnesses); err != nil {
		return err
	}
	_, m, err := pin(streams, "", opts.Manifest)
	if err != nil {
		return err
	}
	data, err := readLogFile(opts.Log)
	if err != nil {
		return &sourceError{opts.Log, err}
	}
	// A log that does not check is refused by Append below; the records
	// before the break still say whether the set is retired.
	records, _ := accesslog.Read(data)
	r, err := retire.Record(m, records, retire.Options{Time: now(), Operator: opts.Operator,
		Witnesses: opts.Witnesses, Reason: opts.Reason, Tool: toolName()})
	if err != nil {
		return &sourceError{opts.Log, err}
	}
	head, err := accesslog.Append(opts.Log, r, nil, "")
	if err != nil {
		return &sourceError{opts.Log, err}
	}
	streams.infof("recorded set %s%s as retired in record %d of %s: destroy each of its sheets and record it (quorum record --event sheet-destroyed)",
		share.Fingerprint(r.Set), labelSuffix(r.Label), r.Seq, opts.Log)
	fmt.Fprintln(streams.Out, head)
	return nil
}

// replaced is the set that split --replaces retires once the new set is
// written: checked before anything is written, so that a set already
// retired, or a log that does not check, stops the split before the
// ceremony.
type replaced struct {
	manifest string
	log      string
	m        *manifest.Manifest
	records  []*accesslog.Record
}

// checkReplaced reads the old set's manifest and the log; nil when split
// was not given --replaces.
func checkReplaced(streams *IOStreams, manifestFile, logFile string) (*replaced, error) {
	if manifestFile == "" {
		return nil, nil
	}
	fp, m, err := pin(streams, "", manifestFile)
	if err != nil {
		return nil, err
	}
	data, err := readLogFile(logFile)
	if err != nil {
		return nil, &sourceError{logFile, err}
	}
	records, err := accesslog.Read(data)
	if err != nil {
		return nil, &sourceError{logFile, err}
	}
	if err := retire.Check(records, fp); err != nil {
		return nil, &sourceError{logFile, err}
	}
	return &replaced{manifest: manifestFile, log: logFile, m: m, records: records}, nil
}

// record appends the record that retires the old set, replaced by newSet.
// The new set is already written: a failure says so, and how to record
// it by hand.
func (r *replaced) record(streams *IOStreams, newSet share.Fingerprint) error {
	rec, err := retire.Record(r.m, r.records, retire.Options{Time: streams.Now(),
		Reason: "replaced by set " + string(newSet) + " for a new password", Tool: toolName()})
	if err == nil {
		_, err = accesslog.Append(r.log, rec, nil, "")
	}
	if err != nil {
		return fmt.Errorf("the new set is written, but the old set was not recorded as retired in %s: %w; record it with 'quorum retire -m %s --log %s'", r.log, err, r.manifest, r.log)
	}
	streams.infof("recorded the old set %s%s as retired in record %d of %s: destroy each of its sheets and record it (quorum record --event sheet-destroyed)",
		share.Fingerprint(rec.Set), labelSuffix(rec.Label), rec.Seq, r.log)
	return nil
}
