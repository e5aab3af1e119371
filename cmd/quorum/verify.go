package main

import (
	"crypto/ed25519"
	"errors"
	"fmt"

	"github.com/spf13/cobra"

	"quorum/accesslog"
	"quorum/ceremony"
	"quorum/combine"
	"quorum/drill"
)

type verifyOptions struct {
	IO         *IOStreams
	Identities []string
	Log        string
	Set        string
	Manifest   string
	Shares     []string
	Type       bool
	Now        string // hidden, for tests
}

func newVerifyCmd(streams *IOStreams) *cobra.Command {
	opts := &verifyOptions{IO: streams}
	cmd := &cobra.Command{
		Use:   "verify -i IDENTITY [--log LOG] [--set FINGERPRINT | -m MANIFEST] [--type] SHARE",
		Short: "Check alone that you can still open your own share",
		Long: `Check, alone and on any day, that your key, passphrase or hardware key still
opens your share, that the sheet is intact (line checks, signature), and,
with -m, that what it opens is the share the split sealed for you: its
commitment in the signed manifest. One share reveals nothing of the secret,
so this needs no quorum, and nothing secret is shown.

With --log the check is recorded in the access log, signed with the share
key derived from the opened share: the record shows that someone who could
open that share made it. A check that fails is recorded too, unsigned, and
quorum exits non-zero.`,
		Example: `  quorum verify -m manifest.json -i alice.key --log access.log 1-alice.share
  quorum verify --set "7QX4 M2KD ..." -i ~/.ssh/id_ed25519 scan.png`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) > 1 {
				return usagef("verify checks one share: give one SHARE")
			}
			return sharesArgs(&opts.Type)(cmd, args)
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Shares = args
			return runVerify(opts)
		},
	}
	f := cmd.Flags()
	f.StringArrayVarP(&opts.Identities, "identity", "i", nil, "an identity `FILE` (age, passphrase-protected age, SSH, plugin)")
	f.StringVar(&opts.Log, "log", "", "record the check in the access `LOG`")
	f.StringVar(&opts.Set, "set", "", "refuse a share not of the set with this `FINGERPRINT`")
	f.StringVarP(&opts.Manifest, "manifest", "m", "", "check the share against this `MANIFEST`'s commitment")
	addTypeFlag(f, &opts.Type)
	addNowFlag(cmd, &opts.Now)
	return cmd
}

func runVerify(opts *verifyOptions) error {
	streams, err := withClock(opts.IO, opts.Now)
	if err != nil {
		return err
	}
	if opts.Log != "" {
		if err := checkLog(opts.Log); err != nil {
			return err
		}
	}
	pinned, m, err := pin(streams, opts.Set, opts.Manifest)
	if err != nil {
		return err
	}
	inputs, err := readShares(streams, opts.Shares, opts.Type)
	if err != nil {
		return err
	}
	if len(inputs) != 1 {
		return usagef("verify checks one share, and %d were given", len(inputs))
	}
	if err := ceremony.SetTypo(opts.Set, pinned, inputs); err != nil {
		return err
	}
	in := inputs[0]
	s := in.Share
	ids, err := loadIdentities(streams, opts.Identities)
	if err != nil {
		return err
	}
	key, err := func() (ed25519.PrivateKey, error) {
		if pinned != "" && s.Fingerprint() != pinned {
			return nil, &combine.ShareError{Index: s.Index, Custodian: s.Custodian, Source: in.Source,
				Err: &combine.WrongSetError{Got: s.Fingerprint(), Want: pinned}}
		}
		k, err := drill.Check(in, m, opener(streams, ids))
		return k, err
	}()
	defer clear(key)
	warnSuperseded(streams, opts.Log, s.Fingerprint())
	if err == nil {
		streams.infof("share %d of %d (%s, %s) of set %s%s opens", s.Index, s.Shares, s.Custodian, in.Source, s.Fingerprint(), labelSuffix(s.Label))
		if m != nil {
			streams.infof("it is the share the split sealed for %s: it matches its commitment in the signed manifest", s.Custodian)
		} else {
			streams.warnf("no manifest: the share opens and its signature is valid, but it was not checked against its commitment; pass -m")
			if pinned == "" {
				streams.warnf("the set was not pinned: check that this fingerprint is the one on the signed ceremony record, or pass --set or -m")
			}
		}
	}
	if opts.Log == "" {
		return err
	}
	rec := &accesslog.Record{
		Kind: accesslog.KindVerify, Time: streams.Now(), Set: string(s.Fingerprint()), Label: s.Label,
		Participants: []accesslog.Participant{{Index: s.Index, Custodian: s.Custodian}},
		Outcome:      accesslog.Pass, Tool: toolName(),
	}
	signer := accesslog.ShareSigner(s.Index)
	logKey := key
	if err != nil {
		// A share that did not open gives no key: the record of the
		// failure is unsigned.
		rec.Outcome, signer, logKey = accesslog.Fail, "", nil
		reason := err.Error()
		var se *combine.ShareError
		if errors.As(err, &se) {
			reason = se.Err.Error()
		}
		rec.Failures = []accesslog.Failure{{Index: s.Index, Custodian: s.Custodian, Source: in.Source, Reason: reason}}
	}
	head, lerr := accesslog.Append(opts.Log, rec, logKey, signer)
	if lerr != nil {
		return errors.Join(err, fmt.Errorf("the check was not recorded: %w", lerr))
	}
	streams.infof("recorded in %s as record %d (%s); log head hash: %s", opts.Log, rec.Seq, signedBy(signer), head)
	return err
}
