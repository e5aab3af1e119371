package main

// quorum review: the periodic review of who has access to the email, the
// password, the MFA device and the phone. Flags and wording only: the
// record's form is accesslog's, what status makes of it package kit's, and
// each confirmation is a verify record signed as verify signs it.

import (
	"crypto/ed25519"
	"fmt"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"quorum/accesslog"
	"quorum/combine"
	"quorum/drill"
)

type reviewOptions struct {
	IO         *IOStreams
	Manifest   string
	Log        string
	Access     []string
	By         []string
	Witness    []string
	Identities []string
	Shares     []string
	Type       bool
	Now        string // hidden, for tests
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
	f.StringArrayVar(&opts.Witness, "witness", nil, "who saw it (`NAME`); repeat for several")
	f.StringArrayVarP(&opts.Identities, "identity", "i", nil, "a custodian's identity `FILE`, to open their share and confirm")
	addTypeFlag(f, &opts.Type)
	addNowFlag(cmd, &opts.Now)
	cmd.MarkFlagRequired("manifest")
	cmd.MarkFlagRequired("log")
	cmd.MarkFlagRequired("access")
	return cmd
}

// parseAccess reads the --access flags into a review's lists.
func parseAccess(flags []string) (*accesslog.Access, error) {
	a := &accesslog.Access{}
	seen := map[string]bool{}
	for _, f := range flags {
		kind, list, ok := strings.Cut(f, "=")
		kind = strings.TrimSpace(kind)
		if !ok || !slices.Contains(accesslog.AccessKinds, kind) {
			return nil, usagef("--access %q: give KIND=NAME,NAME… with KIND one of %s", f, strings.Join(accesslog.AccessKinds, ", "))
		}
		if seen[kind] {
			return nil, usagef("--access %s is given twice: list everyone in one --access %s=NAME,NAME…", kind, kind)
		}
		seen[kind] = true
		var names []string
		for n := range strings.SplitSeq(list, ",") {
			n = strings.TrimSpace(n)
			if n == "" {
				return nil, usagef("--access %q: a name is empty; list names separated by commas", f)
			}
			if err := accesslog.CheckName(n); err != nil {
				return nil, usagef("--access %s: %q: %v", kind, n, err)
			}
			names = append(names, n)
		}
		a.Set(kind, names)
	}
	return a, nil
}

func runReview(opts *reviewOptions) error {
	streams, err := withClock(opts.IO, opts.Now)
	if err != nil {
		return err
	}
	access, err := parseAccess(opts.Access)
	if err != nil {
		return err
	}
	for _, f := range []struct {
		flag  string
		names []string
	}{{"--by", opts.By}, {"--witness", opts.Witness}} {
		for _, n := range f.names {
			if err := accesslog.CheckName(n); err != nil || strings.TrimSpace(n) == "" {
				return usagef("%s %q: give a person's name", f.flag, n)
			}
		}
	}
	if err := checkLog(opts.Log); err != nil {
		return err
	}
	fp, m, err := pin(streams, "", opts.Manifest)
	if err != nil {
		return err
	}
	if access.Password == nil {
		for _, c := range m.Custodians {
			access.Password = append(access.Password, c.Name)
		}
	}
	var inputs []combine.Input
	if len(opts.Shares) > 0 || opts.Type {
		if inputs, err = readShares(streams, opts.Shares, opts.Type); err != nil {
			return err
		}
	}
	ids, err := loadIdentities(streams, opts.Identities)
	if err != nil {
		return err
	}
	// Every share is opened before anything is written: a review is
	// recorded whole, or not at all.
	var keys []ed25519.PrivateKey
	defer func() {
		for _, k := range keys {
			clear(k)
		}
	}()
	var confirmed []accesslog.Participant
	for _, in := range inputs {
		s := in.Share
		if s.Fingerprint() != fp {
			return &combine.ShareError{Index: s.Index, Custodian: s.Custodian, Source: in.Source,
				Err: &combine.WrongSetError{Got: s.Fingerprint(), Want: fp}}
		}
		k, err := drill.Check(in, m, opener(streams, ids))
		if err != nil {
			return err
		}
		keys = append(keys, k)
		confirmed = append(confirmed, accesslog.Participant{Index: s.Index, Custodian: s.Custodian})
		streams.infof("share %d (%s, %s) opens: %s confirms sheet and key", s.Index, s.Custodian, in.Source, s.Custodian)
	}
	for i, p := range confirmed {
		rec := &accesslog.Record{Kind: accesslog.KindVerify, Time: streams.Now(), Set: string(fp), Label: m.Label,
			Participants: []accesslog.Participant{p}, Event: "confirmed at the access review",
			Outcome: accesslog.Pass, Tool: toolName()}
		if _, err := accesslog.Append(opts.Log, rec, keys[i], accesslog.ShareSigner(p.Index)); err != nil {
			return &sourceError{opts.Log, err}
		}
	}
	rec := &accesslog.Record{Kind: accesslog.KindReview, Time: streams.Now(), Set: string(fp), Label: m.Label,
		Participants: confirmed, By: opts.By, Witnesses: opts.Witness, Access: access, Tool: toolName()}
	head, err := accesslog.Append(opts.Log, rec, nil, "")
	if err != nil {
		return &sourceError{opts.Log, err}
	}
	for _, k := range accesslog.AccessKinds {
		names := access.Names(k)
		if len(names) == 0 {
			streams.warnf("no one listed with access to the %s (--access %s=NAME,…)", k, k)
			continue
		}
		streams.infof("access to the %s: %s", k, strings.Join(names, ", "))
	}
	for _, c := range m.Custodians {
		switch {
		case !slices.Contains(access.Password, c.Name):
			streams.warnf("%s holds share %d but is not among those with access to the password: reshare the set without them (quorum reshare)", c.Name, c.Index)
		case !slices.ContainsFunc(confirmed, func(p accesslog.Participant) bool { return p.Index == c.Index }):
			streams.infof("%s (share %d) did not confirm at this review", c.Name, c.Index)
		}
	}
	streams.infof("recorded the review as record %d of %s (%d confirmed with their share keys)", rec.Seq, opts.Log, len(confirmed))
	fmt.Fprintln(streams.Out, head)
	return nil
}
