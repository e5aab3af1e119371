package ceremony

// The periodic review of who has access to the email, the password, the
// MFA device and the phone (quorum review): the record's form is
// accesslog's, what status makes of it package kit's, and each
// confirmation is a verify record signed as verify signs it.

import (
	"crypto/ed25519"
	"slices"
	"strings"

	"quorum/accesslog"
	"quorum/combine"
	"quorum/drill"
	"quorum/share"
)

// ReviewOptions is one access review, recorded in the access log at Log.
type ReviewOptions struct {
	Manifest string   // the set's manifest: its custodians have access to the password
	Log      string   // the access log, created when missing
	Access   []string // who has access, as --access gives it: KIND=NAME,NAME…
	By       []string // who did the review
	// Witnesses saw it.
	Witnesses []string
	// Shares, Type and Identities are the custodians present, who each
	// confirm by opening their own share.
	Shares     []string
	Type       bool
	Identities []string
	Run        string // the runbook run this is a step of (--run), as typed; CheckRun reads it
	Tool       string // the records' tool: "quorum" and its version
}

// parseAccess reads --access flags (KIND=NAME,NAME…, one per kind of
// [accesslog.AccessKinds]) into a review's lists.
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
			if err := CheckWords("access", n); err != nil {
				return nil, err
			}
			names = append(names, n)
		}
		a.Set(kind, names)
	}
	return a, nil
}

// Review records an access review: a verify record for each custodian
// who confirmed by opening their share, signed with that share's key,
// then the review record naming them. The password's access is the set's
// custodians unless opts.Access names it. Every share is opened before
// anything is written: a review is recorded whole, or not at all. It
// returns the review record, numbered, and the log's new head.
func Review(env *Env, opts ReviewOptions) (*accesslog.Record, string, error) {
	access, err := parseAccess(opts.Access)
	if err != nil {
		return nil, "", err
	}
	for _, f := range []struct {
		flag  string
		names []string
	}{{"--by", opts.By}, {"--witness", opts.Witnesses}} {
		for _, n := range f.names {
			if err := accesslog.CheckName(n); err != nil || strings.TrimSpace(n) == "" {
				return nil, "", usagef("%s %q: give a person's name", f.flag, n)
			}
			if err := CheckWords(strings.TrimPrefix(f.flag, "--"), n); err != nil {
				return nil, "", err
			}
		}
	}
	if err := CheckLog(opts.Log); err != nil {
		return nil, "", err
	}
	run, err := CheckRun(opts.Log, opts.Run)
	if err != nil {
		return nil, "", err
	}
	fp, m, err := Pin(env, "", opts.Manifest)
	if err != nil {
		return nil, "", err
	}
	if access.Password == nil {
		for _, c := range m.Custodians {
			access.Password = append(access.Password, c.Name)
		}
	}
	var inputs []combine.Input
	if len(opts.Shares) > 0 || opts.Type {
		if inputs, err = ReadShares(env, opts.Shares, opts.Type); err != nil {
			return nil, "", err
		}
	}
	ids, err := LoadIdentities(env, opts.Identities)
	if err != nil {
		return nil, "", err
	}
	var keys []ed25519.PrivateKey
	defer func() {
		for _, k := range keys {
			clear(k)
		}
	}()
	open := Opener(env, ids)
	var confirmed []accesslog.Participant
	for _, in := range inputs {
		s := in.Share
		if s.Fingerprint() != fp {
			return nil, "", &share.Error{Index: s.Index, Custodian: s.Custodian, Source: in.Source,
				Err: &combine.WrongSetError{Got: s.Fingerprint(), Want: fp}}
		}
		k, err := drill.Check(in, m, open)
		if err != nil {
			return nil, "", err
		}
		keys = append(keys, k)
		confirmed = append(confirmed, accesslog.Participant{Index: s.Index, Custodian: s.Custodian})
		env.UI.Info("share %d (%s, %s) opens: %s confirms sheet and key", s.Index, s.Custodian, in.Source, s.Custodian)
	}
	for i, p := range confirmed {
		rec := &accesslog.Record{Kind: accesslog.KindVerify, Time: env.Now(), Set: string(fp), Label: m.Label,
			Participants: []accesslog.Participant{p}, Event: "confirmed at the access review",
			Outcome: accesslog.Pass, Run: run, Tool: opts.Tool}
		if _, err := accesslog.Append(opts.Log, rec, keys[i], accesslog.ShareSigner(p.Index)); err != nil {
			return nil, "", &SourceError{opts.Log, err}
		}
	}
	rec := &accesslog.Record{Kind: accesslog.KindReview, Time: env.Now(), Set: string(fp), Label: m.Label,
		Participants: confirmed, By: opts.By, Witnesses: opts.Witnesses, Access: access, Run: run, Tool: opts.Tool}
	head, err := accesslog.Append(opts.Log, rec, nil, "")
	if err != nil {
		return nil, "", &SourceError{opts.Log, err}
	}
	for _, k := range accesslog.AccessKinds {
		names := access.Names(k)
		if len(names) == 0 {
			env.UI.Warn("no one listed with access to the %s (--access %s=NAME,…)", k, k)
			continue
		}
		env.UI.Info("access to the %s: %s", k, strings.Join(names, ", "))
	}
	for _, c := range m.Custodians {
		switch {
		case !slices.Contains(access.Password, c.Name):
			env.UI.Warn("%s holds share %d but is not among those with access to the password: reshare the set without them (quorum reshare)", c.Name, c.Index)
		case !slices.ContainsFunc(confirmed, func(p accesslog.Participant) bool { return p.Index == c.Index }):
			env.UI.Info("%s (share %d) did not confirm at this review", c.Name, c.Index)
		}
	}
	env.UI.Info("recorded the review as record %d of %s (%d confirmed with their share keys)", rec.Seq, opts.Log, len(confirmed))
	return rec, head, nil
}
