package ceremony

import (
	"quorum/accesslog"
	"quorum/share"
)

// ReshareOptions are reshare's: the new set, the old set's shares, and the
// log that records the reshare.
type ReshareOptions struct {
	NewSetOptions // Label "" keeps the old set's
	Old           Source
	Log           string // the access log, or "" not to record
	Run           string // the runbook run this is a step of (--run), as typed; CheckRun reads it
}

// Reshared is a reshare done: the new set written, and the old set's
// fingerprint and the log record when it was recorded.
type Reshared struct {
	*NewSet
	Label  string // the new set's
	Old    share.Fingerprint
	Record *accesslog.Record // nil without a log, or when it could not be recorded
	Head   string            // the log's new head hash
}

// Reshare gives the same secret to new custodians: it rebuilds the old set
// in memory from k of its shares, never showing the secret, asks passphrase
// custodians for theirs, splits into a new set, writes it, and records the
// reshare in the log, signed with the old set key. The result is returned
// whenever the new set was written, with an error if recording failed.
func Reshare(env *Env, opts *ReshareOptions) (*Reshared, error) {
	// Everything that can be refused is refused before any custodian
	// opens a share.
	plan, err := planNewSet(env, &opts.NewSetOptions)
	if err != nil {
		return nil, err
	}
	if plan.kit, err = KitOnPaper(opts.Log); err != nil {
		return nil, err
	}
	if opts.Log != "" {
		if err := CheckLog(opts.Log); err != nil {
			return nil, err
		}
	}
	if opts.Run, err = CheckRun(opts.Log, opts.Run); err != nil {
		return nil, err
	}
	r, err := Rebuild(env, opts.Old)
	if err != nil {
		return nil, err
	}
	defer r.Wipe()
	old := r.Set
	oldKey, err := old.SetKey(r.Payloads)
	if err != nil {
		return nil, err
	}
	defer clear(oldKey)
	env.UI.Info("the old set was rebuilt in memory from %d shares and passed the integrity check; the secret is not shown", len(old.Inputs))

	if err := plan.askPassphrases(env); err != nil {
		return nil, err
	}
	label := opts.Label
	if label == "" {
		label = old.Label
	}
	set, err := plan.split(env, r.Secret, label)
	if err != nil {
		return nil, err
	}
	written, err := plan.write(env, set)
	if err != nil {
		return nil, err
	}
	done := &Reshared{NewSet: written, Label: label, Old: old.Fingerprint}
	if opts.Log == "" {
		return done, nil
	}
	rec := &accesslog.Record{
		Kind: accesslog.KindReshare, Time: env.Now(), Set: string(old.Fingerprint), Label: old.Label,
		NewSet: string(set.Fingerprint), Outcome: accesslog.Pass, Run: opts.Run, Tool: opts.Tool,
	}
	for _, in := range old.Inputs {
		rec.Participants = append(rec.Participants, accesslog.Participant{Index: in.Share.Index, Custodian: in.Share.Custodian})
	}
	if done.Head, err = accesslog.Append(opts.Log, rec, oldKey, accesslog.SignerSet); err != nil {
		return done, err
	}
	done.Record = rec
	return done, nil
}
