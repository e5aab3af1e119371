package main

import (
	"github.com/spf13/cobra"

	"quorum/ceremony"
)

type drillOptions struct {
	IO *IOStreams
	ceremony.DrillOptions
	Now string // hidden, for tests
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
	addRunFlag(cmd, &opts.Run)
	addNowFlag(cmd, &opts.Now)
	cmd.MarkFlagRequired("log")
	return cmd
}

func runDrill(opts *drillOptions) error {
	streams, err := withClock(opts.IO, opts.Now)
	if err != nil {
		return err
	}
	d := opts.DrillOptions
	d.Tool = toolName()
	_, err = ceremony.Drill(streams.env(), d)
	return err
}
