package main

import (
	"github.com/spf13/cobra"

	"quorum/ceremony"
)

type reshareOptions struct {
	IO *IOStreams
	ceremony.ReshareOptions
	Now string // hidden, for tests
}

func newReshareCmd(streams *IOStreams) *cobra.Command {
	opts := &reshareOptions{IO: streams}
	opts.Tool = toolName()
	cmd := &cobra.Command{
		Use:   "reshare [-i IDENTITY]... -k K -c CUSTODIANS -o DIR [-l LABEL] [--log LOG] [--set FINGERPRINT | -m MANIFEST] [--type] SHARE...",
		Short: "Give the same secret to new custodians: a new set from k shares of the old",
		Long: `When custodians change, make a new set of the same secret for the new
custodians and threshold, from k shares of the old set, without the secret
ever being shown: a new set seed, set key and fingerprint, shares, manifest
and sheets in DIR exactly as split writes them (every k-subset rebuilt and
every QR code read back before anything is written).

The secret stays the same, as the guidance advises for a strong password
that was not exposed; after a compromise, change the password and use
'quorum split --generate' instead.

With --log, the old set's key signs a record naming the new set's
fingerprint. The old sheets still open the same secret until they are
destroyed: record each destruction with 'quorum record --event
sheet-destroyed', and 'quorum status' lists the old set as superseded but
live until every one of its sheets is recorded destroyed. The label stays
the old set's unless -l gives a new one.`,
		Example: `  quorum reshare -m old/manifest.json -i alice.key -i carol.key -i erin.key \
      -k 3 -c custodians-2027.txt -o root-2027 --log access.log \
      old/1-alice.share old/3-carol.share old/5-erin.share`,
		Args: sharesArgs(&opts.Old.Type),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Old.Shares = args
			return runReshare(opts)
		},
	}
	f := cmd.Flags()
	f.StringArrayVarP(&opts.Old.Identities, "identity", "i", nil, "an identity `FILE` that opens an old share; repeat for several")
	f.IntVarP(&opts.Threshold, "threshold", "k", 0, "how many shares of the new set rebuild the secret (`K`)")
	f.StringVarP(&opts.Custodians, "custodians", "c", "", "the new custodians `FILE`: NAME RECIPIENT a line")
	f.StringVarP(&opts.Label, "label", "l", "", "a `LABEL` for the new set (default: the old set's)")
	f.StringVarP(&opts.OutputDir, "output", "o", "", "the new or empty `DIR` to write the new set to")
	f.StringVar(&opts.Log, "log", "", "record the reshare in the access `LOG`, signed with the old set key")
	f.StringVar(&opts.Old.Set, "set", "", "refuse old shares not of the set with this `FINGERPRINT`")
	f.StringVarP(&opts.Old.Manifest, "manifest", "m", "", "refuse old shares not of the set of this `MANIFEST`")
	f.BoolVar(&opts.AllowAllRequired, "allow-all-required", false, "allow K = n: every custodian needed, one lost sheet loses the secret")
	f.StringVar(&opts.Paper, "paper", "a4", "the paper size of sheets.pdf: a4 or letter")
	addTypeFlag(f, &opts.Old.Type)
	addRunFlag(cmd, &opts.Run)
	addNowFlag(cmd, &opts.Now)
	cmd.MarkFlagRequired("threshold")
	cmd.MarkFlagRequired("custodians")
	cmd.MarkFlagRequired("output")
	return cmd
}

func runReshare(opts *reshareOptions) error {
	streams, err := withClock(opts.IO, opts.Now)
	if err != nil {
		return err
	}
	done, err := ceremony.Reshare(streams.env(), &opts.ReshareOptions)
	if done == nil {
		return err
	}
	streams.infof("new set %d-of-%d, label %s, self-test passed", opts.Threshold, len(done.Set.Shares), quote(done.Label))
	streams.infof("new set fingerprint: %s", done.Set.Fingerprint)
	streams.infof("wrote %d shares, manifest.json and sheets.pdf to %s; every QR code read back", len(done.Set.Shares), done.Dir)
	switch {
	case err != nil:
		streams.warnf("the new set is in %s, but the reshare could not be recorded", done.Dir)
		return err
	case done.Record != nil:
		streams.infof("recorded in %s as record %d (signed with the old set key); log head hash: %s", opts.Log, done.Record.Seq, done.Head)
	default:
		streams.warnf("this reshare is not recorded: the access log should name the new set (--log)")
	}
	streams.warnf("the old sheets of set %s still open the same secret: destroy each one and record it (quorum record --event sheet-destroyed)", done.Old)
	return nil
}
