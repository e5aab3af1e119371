package ceremony

// The root kit in the access log (quorum kit): an event recorded when it
// fits the item as the log leaves it, and the kit listed.

import (
	"quorum/accesslog"
	"quorum/kit"
)

// KitOptions is one event of the kit to record in the access log at Log.
type KitOptions struct {
	Log   string
	Event kit.Event // its Manifest read from the file Manifest names
	// Manifest is a sheet item's set: its manifest file.
	Manifest string
	Run      string // the runbook run this is a step of (--run), as typed; CheckRun reads it
	Tool     string // the record's tool: "quorum" and its version
}

// Kit records one event of the kit: its words are checked
// ([kit.Event.Record]), then the log's kit is replayed and the event
// applied to it ([kit.State.Apply]), and only then is the record appended.
// A refusal leaves the log as it was. It returns the record, numbered, and
// the log's new head.
func Kit(env *Env, opts KitOptions) (*accesslog.Record, string, error) {
	e := opts.Event
	run, err := CheckRun(opts.Log, opts.Run)
	if err != nil {
		return nil, "", err
	}
	if opts.Manifest != "" {
		if _, e.Manifest, err = Pin(env, "", opts.Manifest); err != nil {
			return nil, "", err
		}
	}
	r, err := e.Record(env.Now())
	if err != nil {
		return nil, "", err
	}
	r.Tool, r.Run = opts.Tool, run
	st, err := ReadKit(opts.Log)
	if err != nil {
		return nil, "", err
	}
	if err := st.Apply(r); err != nil {
		return nil, "", err
	}
	head, err := accesslog.Append(opts.Log, r, nil, "")
	if err != nil {
		return nil, "", &SourceError{opts.Log, err}
	}
	env.UI.Info("recorded %s %s as record %d of %s", r.Kind, r.Item, r.Seq, opts.Log)
	return r, head, nil
}

// KitList is the kit in the access log at log on the day of env.Now: each
// item's place, holders, in or out, last check and next due.
func KitList(env *Env, log string) (*kit.Report, error) {
	st, err := ReadKit(log)
	if err != nil {
		return nil, err
	}
	return kit.Compute(st, nil, env.Now(), kit.Rules{}), nil
}
