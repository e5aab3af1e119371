package main

import (
	"github.com/spf13/cobra"

	"quorum/accesslog"
	"quorum/ceremony"
	"quorum/split"
)

type reshareOptions struct {
	IO               *IOStreams
	Identities       []string
	Threshold        int
	Custodians       string
	Label            string
	OutputDir        string
	Log              string
	Set              string
	Manifest         string
	AllowAllRequired bool
	Paper            string
	Shares           []string
	Type             bool
	Now              string // hidden, for tests
}

func newReshareCmd(streams *IOStreams) *cobra.Command {
	opts := &reshareOptions{IO: streams}
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
		Args: sharesArgs(&opts.Type),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Shares = args
			return runReshare(opts)
		},
	}
	f := cmd.Flags()
	f.StringArrayVarP(&opts.Identities, "identity", "i", nil, "an identity `FILE` that opens an old share; repeat for several")
	f.IntVarP(&opts.Threshold, "threshold", "k", 0, "how many shares of the new set rebuild the secret (`K`)")
	f.StringVarP(&opts.Custodians, "custodians", "c", "", "the new custodians `FILE`: NAME RECIPIENT a line")
	f.StringVarP(&opts.Label, "label", "l", "", "a `LABEL` for the new set (default: the old set's)")
	f.StringVarP(&opts.OutputDir, "output", "o", "", "the new or empty `DIR` to write the new set to")
	f.StringVar(&opts.Log, "log", "", "record the reshare in the access `LOG`, signed with the old set key")
	f.StringVar(&opts.Set, "set", "", "refuse old shares not of the set with this `FINGERPRINT`")
	f.StringVarP(&opts.Manifest, "manifest", "m", "", "refuse old shares not of the set of this `MANIFEST`")
	f.BoolVar(&opts.AllowAllRequired, "allow-all-required", false, "allow K = n: every custodian needed, one lost sheet loses the secret")
	f.StringVar(&opts.Paper, "paper", "a4", "the paper size of sheets.pdf: a4 or letter")
	addTypeFlag(f, &opts.Type)
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
	// Everything that can be refused is refused before any custodian
	// opens a share.
	plan, err := planNewSet(streams, opts.Custodians, opts.Threshold, opts.AllowAllRequired, opts.Label, opts.Paper, opts.OutputDir)
	if err != nil {
		return err
	}
	if plan.kit, err = kitOnPaper(opts.Log); err != nil {
		return err
	}
	cs, recipients := plan.custodians, plan.recipients
	if opts.Log != "" {
		if err := checkLog(opts.Log); err != nil {
			return err
		}
	}
	r, err := ceremony.Rebuild(streams.env(), ceremony.Source{Set: opts.Set, Manifest: opts.Manifest, Shares: opts.Shares, Type: opts.Type, Identities: opts.Identities})
	if err != nil {
		return err
	}
	defer r.Wipe()
	old, payloads, secret := r.Set, r.Payloads, r.Secret
	oldKey, err := old.SetKey(payloads)
	if err != nil {
		return err
	}
	defer clear(oldKey)
	streams.infof("the old set was rebuilt in memory from %d shares and passed the integrity check; the secret is not shown", len(old.Inputs))

	if err := askPassphrases(streams, cs, recipients); err != nil {
		return err
	}
	label := opts.Label
	if label == "" {
		label = old.Label
	}
	set, err := split.Split(split.Options{
		Secret: secret, Threshold: opts.Threshold, Label: label,
		Custodians: recipients, AllowAllRequired: opts.AllowAllRequired,
		Created: streams.Now(), Rand: streams.Rand, Tool: toolName(),
	})
	if err != nil {
		return err
	}
	dir, err := writeSet(streams, set, opts.OutputDir, plan)
	if err != nil {
		return err
	}
	streams.infof("new set %d-of-%d, label %s, self-test passed", opts.Threshold, len(cs), quote(label))
	streams.infof("new set fingerprint: %s", set.Fingerprint)
	streams.infof("wrote %d shares, manifest.json and sheets.pdf to %s; every QR code read back", len(cs), dir)

	if opts.Log != "" {
		rec := &accesslog.Record{
			Kind: accesslog.KindReshare, Time: streams.Now(), Set: string(old.Fingerprint), Label: old.Label,
			NewSet: string(set.Fingerprint), Outcome: accesslog.Pass, Tool: toolName(),
		}
		for _, in := range old.Inputs {
			rec.Participants = append(rec.Participants, accesslog.Participant{Index: in.Share.Index, Custodian: in.Share.Custodian})
		}
		head, err := accesslog.Append(opts.Log, rec, oldKey, accesslog.SignerSet)
		if err != nil {
			streams.warnf("the new set is in %s, but the reshare could not be recorded", dir)
			return err
		}
		streams.infof("recorded in %s as record %d (signed with the old set key); log head hash: %s", opts.Log, rec.Seq, head)
	} else {
		streams.warnf("this reshare is not recorded: the access log should name the new set (--log)")
	}
	streams.warnf("the old sheets of set %s still open the same secret: destroy each one and record it (quorum record --event sheet-destroyed)", old.Fingerprint)
	return nil
}
