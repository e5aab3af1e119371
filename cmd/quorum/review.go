package main

// quorum review: the periodic review of who has access to the email, the
// password, the MFA device and the phone. Flags only: what a review does
// is ceremony.Review's.

import (
	"fmt"

	"github.com/spf13/cobra"

	"quorum/ceremony"
)

type reviewOptions struct {
	IO *IOStreams
	ceremony.ReviewOptions
	Now string // hidden, for tests
}

func newReviewCmd(streams *IOStreams) *cobra.Command {
	opts := &reviewOptions{IO: streams}
	cmd := &cobra.Command{
		Use:   "review -m MANIFEST --log LOG --access KIND=NAME,NAME… [--by NAME] [-i IDENTITY]... [SHARE]...",
		Short: "Record the periodic review of who has access to the email, password, MFA device and phone",
		Long: `Record the access review the guidance asks for monthly or quarterly: for
each of email, password, mfa and phone, the people who have access
(--access KIND=NAME,NAME…, repeated). The password's are the set's
custodians, from the manifest, unless --access password=… names fewer (a
custodian who left): status then names each custodian left out who still
holds a share, until the set is reshared without them.

Each custodian present confirms that they still hold their sheet and their
key by opening their own share (-i IDENTITY, SHARE, as quorum verify): a
verify record signed with that share's key is written for each, then the
review record naming who confirmed. One share reveals nothing of the
secret; nothing secret is shown. If a share does not open, nothing is
written.

List people by name only: never the phone's number, which the guidance
keeps on the account's contact page and nowhere else.`,
		Example: `  quorum review -m manifest.json --log access.log --access email=alice,bob --access mfa=erin,frank --access phone=frank --by olivia -i alice.key -i bob.key 1-alice.share 2-bob.share
  quorum review -m manifest.json --log access.log --access password=alice,bob,dave --access email=alice,bob --access mfa=erin --access phone=frank`,
		Args: cobra.ArbitraryArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Shares = args
			return runReview(opts)
		},
	}
	f := cmd.Flags()
	f.StringVarP(&opts.Manifest, "manifest", "m", "", "the set's `MANIFEST`: its custodians have access to the password")
	f.StringVar(&opts.Log, "log", "", "the access `LOG` (created 0600 when missing)")
	f.StringArrayVar(&opts.Access, "access", nil, "who has access: `KIND=NAME,NAME…` with KIND email, password, mfa or phone; repeat for each")
	f.StringArrayVar(&opts.By, "by", nil, "who did the review (`NAME`); repeat for several")
	f.StringArrayVar(&opts.Witnesses, "witness", nil, "who saw it (`NAME`); repeat for several")
	f.StringArrayVarP(&opts.Identities, "identity", "i", nil, "a custodian's identity `FILE`, to open their share and confirm")
	addTypeFlag(f, &opts.Type)
	addRunFlag(cmd, &opts.Run)
	addNowFlag(cmd, &opts.Now)
	cmd.MarkFlagRequired("manifest")
	cmd.MarkFlagRequired("log")
	cmd.MarkFlagRequired("access")
	return cmd
}

func runReview(opts *reviewOptions) error {
	streams, err := withClock(opts.IO, opts.Now)
	if err != nil {
		return err
	}
	opts.Tool = toolName()
	_, head, err := ceremony.Review(streams.env(), opts.ReviewOptions)
	if err != nil {
		return err
	}
	fmt.Fprintln(streams.Out, head)
	return nil
}
