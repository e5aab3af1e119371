package main

import (
	"github.com/spf13/cobra"

	"quorum/ceremony"
)

type verifyOptions struct {
	IO *IOStreams
	ceremony.VerifyOptions
	Now string // hidden, for tests
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
	addRunFlag(cmd, &opts.Run)
	addNowFlag(cmd, &opts.Now)
	return cmd
}

func runVerify(opts *verifyOptions) error {
	streams, err := withClock(opts.IO, opts.Now)
	if err != nil {
		return err
	}
	v := opts.VerifyOptions
	v.Tool = toolName()
	return ceremony.Verify(streams.env(), v)
}
