package main

// quorum retire: record that a set's password is dead. Flags and wording
// only: the ceremony is ceremony.Retire.

import (
	"fmt"

	"github.com/spf13/cobra"

	"quorum/ceremony"
	"quorum/share"
)

type retireOptions struct {
	IO *IOStreams
	ceremony.RetireOptions
	Now string // hidden, for tests: the record's time
}

func newRetireCmd(streams *IOStreams) *cobra.Command {
	opts := &retireOptions{IO: streams}
	opts.Tool = toolName()
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
refused, and nothing is written. Nothing undoes a retirement: quorum shows
the set (label, fingerprint, k of n, the day it was made) and asks you to
type its label or the first 4 symbols of its fingerprint; a mismatch is
asked again, 3 tries. --yes skips the question, for a script or a laptop
without a terminal: check -m first. The record is chained to the log's last
one, but not signed. The log is created (0600) when missing; a log that
does not check is never added to. The new head hash is printed on standard
output.`,
		Example: `  quorum retire -m manifest.json --log access.log --operator dave --witness erin --reason "account deleted"
  quorum retire -m manifest.json --log access.log --reason "account deleted" --yes`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runRetire(opts)
		},
	}
	cmd.Flags().StringVarP(&opts.Manifest, "manifest", "m", "", "the set to retire, by its `MANIFEST`")
	cmd.Flags().StringVar(&opts.Log, "log", "", "append to the access log `LOG` (created 0600 when missing)")
	addPeopleFlags(cmd, &opts.Operator, &opts.Witnesses)
	cmd.Flags().StringVar(&opts.Reason, "reason", "", "why its password is dead, in words (`TEXT`)")
	cmd.Flags().BoolVar(&opts.Confirmed, "yes", false, "do not ask to confirm the set on the terminal: -m is checked already")
	addRunFlag(cmd, &opts.Run)
	addNowFlag(cmd, &opts.Now)
	cmd.MarkFlagRequired("manifest")
	cmd.MarkFlagRequired("log")
	return cmd
}

func runRetire(opts *retireOptions) error {
	streams, err := withClock(opts.IO, opts.Now)
	if err != nil {
		return err
	}
	r, head, err := ceremony.Retire(streams.env(), &opts.RetireOptions)
	if err != nil {
		return err
	}
	streams.infof("recorded set %s%s as retired in record %d of %s: destroy each of its sheets and record it (quorum record --event sheet-destroyed)",
		share.Fingerprint(r.Set), ceremony.LabelSuffix(r.Label), r.Seq, opts.Log)
	fmt.Fprintln(streams.Out, head)
	return nil
}
