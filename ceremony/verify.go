package ceremony

// quorum verify: a custodian checks alone that their share still opens,
// that the sheet is intact and, with the manifest, that it is the share
// the split sealed for them. One share reveals nothing of the secret, so
// this needs no quorum, and nothing secret is shown. With a log the check
// is recorded, signed with the share key when the share opened.

import (
	"crypto/ed25519"
	"errors"
	"fmt"

	"quorum/accesslog"
	"quorum/combine"
	"quorum/drill"
	"quorum/share"
)

// VerifyOptions is what quorum verify is given: one share in Source.
type VerifyOptions struct {
	Source
	Log  string // the access log to record the check in; "" for none
	Run  string // the runbook run this is a step of (--run), as typed; CheckRun reads it
	Tool string // the record's tool: "quorum" and its version
}

// Verify checks the one share of opts, says what it found, and records
// the check when there is a log. A check that fails is an error, after
// its record.
func Verify(env *Env, opts VerifyOptions) error {
	if opts.Log != "" {
		if err := CheckLog(opts.Log); err != nil {
			return err
		}
	}
	var err error
	if opts.Run, err = CheckRun(opts.Log, opts.Run); err != nil {
		return err
	}
	pinned, m, err := Pin(env, opts.Set, opts.Manifest)
	if err != nil {
		return err
	}
	inputs, err := ReadShares(env, opts.Shares, opts.Type)
	if err != nil {
		return err
	}
	if len(inputs) != 1 {
		return usagef("verify checks one share, and %d were given", len(inputs))
	}
	if err := SetTypo(opts.Set, pinned, inputs); err != nil {
		return err
	}
	in := inputs[0]
	s := in.Share
	ids, err := LoadIdentities(env, opts.Identities)
	if err != nil {
		return err
	}
	key, err := func() (ed25519.PrivateKey, error) {
		if pinned != "" && s.Fingerprint() != pinned {
			return nil, &share.Error{Index: s.Index, Custodian: s.Custodian, Source: in.Source,
				Err: &combine.WrongSetError{Got: s.Fingerprint(), Want: pinned}}
		}
		return drill.Check(in, m, Opener(env, ids))
	}()
	defer clear(key)
	WarnSuperseded(env, opts.Log, s.Fingerprint())
	if err == nil {
		env.UI.Info("share %d of %d (%s, %s) of set %s%s opens", s.Index, s.Shares, s.Custodian, in.Source, s.Fingerprint(), LabelSuffix(s.Label))
		if m != nil {
			env.UI.Info("it is the share the split sealed for %s: it matches its commitment in the signed manifest", s.Custodian)
		} else {
			env.UI.Warn("no manifest: the share opens and its signature is valid, but it was not checked against its commitment; pass -m")
			if pinned == "" {
				env.UI.Warn("%s", notPinned)
			}
		}
	}
	if opts.Log == "" {
		return err
	}
	rec := &accesslog.Record{
		Kind: accesslog.KindVerify, Time: env.Now(), Set: string(s.Fingerprint()), Label: s.Label,
		Participants: []accesslog.Participant{{Index: s.Index, Custodian: s.Custodian}},
		Outcome:      accesslog.Pass, Run: opts.Run, Tool: opts.Tool,
	}
	signer := accesslog.ShareSigner(s.Index)
	logKey := key
	if err != nil {
		// A share that did not open gives no key: the record of the
		// failure is unsigned.
		rec.Outcome, signer, logKey = accesslog.Fail, "", nil
		reason := err.Error()
		var se *share.Error
		if errors.As(err, &se) {
			reason = se.Err.Error()
		}
		rec.Failures = []accesslog.Failure{{Index: s.Index, Custodian: s.Custodian, Source: accesslog.Fit(in.Source), Reason: accesslog.Fit(reason)}}
	}
	head, lerr := accesslog.Append(opts.Log, rec, logKey, signer)
	if lerr != nil {
		return errors.Join(err, fmt.Errorf("the check was not recorded: %w", lerr))
	}
	env.UI.Info("recorded in %s as record %d (%s); log head hash: %s", opts.Log, rec.Seq, signedBy(signer), head)
	return err
}
