package ceremony

// Retiring a set: recording in the access log that the password it holds
// is dead. The rules are package retire's, the record's form accesslog's,
// and what status makes of it package status's.

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"quorum/accesslog"
	"quorum/manifest"
	"quorum/retire"
	"quorum/share"
)

// RetireOptions are retire's: the set, by its manifest, and the log.
type RetireOptions struct {
	Manifest  string
	Log       string
	Operator  string
	Witnesses []string
	Reason    string
	Run       string // the runbook run this is a step of (--run), as typed; CheckRun reads it
	Tool      string
	// Confirmed skips the typed confirmation (--yes): the person checked
	// the set before the command, where there is no terminal to ask on.
	Confirmed bool
}

// ErrNotThisSet means that what was typed to confirm a retirement is
// neither the set's label nor the start of its fingerprint.
var ErrNotThisSet = errors.New("that is neither the set's label nor the first 4 symbols of its fingerprint")

// Retire records the set of opts.Manifest as retired in opts.Log, and
// returns the record and the log's new head hash. A set the log already
// records as retired is refused, and nothing is written. Unless
// opts.Confirmed, the person confirms the set on the terminal first (see
// confirmRetire); without a terminal that is a [*UsageError].
func Retire(env *Env, opts *RetireOptions) (*accesslog.Record, string, error) {
	if err := CheckPeople(opts.Operator, opts.Witnesses); err != nil {
		return nil, "", err
	}
	if err := CheckWords("reason", opts.Reason); err != nil {
		return nil, "", err
	}
	run, err := CheckRun(opts.Log, opts.Run)
	if err != nil {
		return nil, "", err
	}
	_, m, err := Pin(env, "", opts.Manifest)
	if err != nil {
		return nil, "", err
	}
	data, err := ReadLogFile(opts.Log)
	if err != nil {
		return nil, "", &SourceError{opts.Log, err}
	}
	// A log that does not check is refused by Append below; the records
	// before the break still say whether the set is retired.
	records, _ := accesslog.Read(data)
	r, err := retire.Record(m, records, retire.Options{Time: env.Now(), Operator: opts.Operator,
		Witnesses: opts.Witnesses, Reason: opts.Reason, Tool: opts.Tool})
	if err != nil {
		return nil, "", &SourceError{opts.Log, err}
	}
	if !opts.Confirmed {
		if !env.UI.Available() {
			return nil, "", usagef("retire asks on the terminal which set is retired, and quorum is not on a terminal: check that -m names the set whose sheets are to be destroyed, then give --yes; nothing was written")
		}
		if err := confirmRetire(env.UI, m, share.Fingerprint(r.Set)); err != nil {
			return nil, "", err
		}
	}
	r.Run = run
	head, err := accesslog.Append(opts.Log, r, nil, "")
	if err != nil {
		return nil, "", &SourceError{opts.Log, err}
	}
	return r, head, nil
}

// confirmRetire shows the set about to be retired and asks the person to
// type its label or the first 4 symbols of its fingerprint: a retirement
// cannot be undone and tells the custodians to shred their sheets, and
// "-m old/" and "-m new/" differ by a few letters at 2 a.m. A mismatch is
// asked again, maxTries times in all (ask.go).
func confirmRetire(ui UI, m *manifest.Manifest, fp share.Fingerprint) error {
	if err := ui.Show("Retire set%s, fingerprint %s, %d of %d, made %s?\n"+
		"Every sheet of it is then to be destroyed; this cannot be undone.\n",
		LabelSuffix(m.Label), fp, m.Threshold, m.Shares, m.Created); err != nil {
		return err
	}
	prompt := "Type the first 4 symbols of its fingerprint to retire it: "
	if m.Label != "" {
		prompt = "Type its label, or the first 4 symbols of its fingerprint, to retire it: "
	}
	for try := 1; try <= maxTries; try++ {
		if try > 1 {
			ui.Warn("%v; try %d of %d", ErrNotThisSet, try, maxTries)
		}
		typed, err := ui.Line(prompt)
		if errors.Is(err, io.EOF) {
			return errors.New("the input ended before the set was confirmed; nothing was written")
		}
		if err != nil {
			return err
		}
		typed = strings.TrimSpace(typed)
		symbols, bad := share.TypedSymbols([]byte(typed))
		if (m.Label != "" && typed == m.Label) || (bad < 0 && len(symbols) >= 4 && strings.HasPrefix(string(fp), string(symbols))) {
			return nil
		}
	}
	return &TriesError{What: "the set to retire", Last: ErrNotThisSet}
}

// replaced is the set that split --replaces retires once the new set is
// written: checked before anything is written, so that a set already
// retired, or a log that does not check, stops the split before the
// ceremony.
type replaced struct {
	manifest string
	log      string
	m        *manifest.Manifest
	records  []*accesslog.Record
	run      string // the run split is a step of, checked; "" for none
}

// checkReplaced reads the old set's manifest and the log; nil when split
// was not given --replaces.
func checkReplaced(env *Env, manifestFile, logFile string) (*replaced, error) {
	if manifestFile == "" {
		return nil, nil
	}
	fp, m, err := Pin(env, "", manifestFile)
	if err != nil {
		return nil, err
	}
	data, err := ReadLogFile(logFile)
	if err != nil {
		return nil, &SourceError{logFile, err}
	}
	records, err := accesslog.Read(data)
	if err != nil {
		return nil, &SourceError{logFile, err}
	}
	if err := retire.Check(records, fp); err != nil {
		return nil, &SourceError{logFile, err}
	}
	return &replaced{manifest: manifestFile, log: logFile, m: m, records: records}, nil
}

// record appends the record that retires the old set, replaced by newSet.
// The new set is already written: a failure says so, and how to record
// it by hand.
func (r *replaced) record(env *Env, newSet share.Fingerprint, tool string) error {
	rec, err := retire.Record(r.m, r.records, retire.Options{Time: env.Now(),
		Reason: "replaced by set " + string(newSet) + " for a new password", Tool: tool})
	if err == nil {
		rec.Run = r.run
		_, err = accesslog.Append(r.log, rec, nil, "")
	}
	if err != nil {
		return fmt.Errorf("the new set is written, but the old set was not recorded as retired in %s: %w; record it with 'quorum retire -m %s --log %s'", r.log, err, r.manifest, r.log)
	}
	env.UI.Info("recorded the old set %s%s as retired in record %d of %s: destroy each of its sheets and record it (quorum record --event sheet-destroyed)",
		share.Fingerprint(rec.Set), LabelSuffix(rec.Label), rec.Seq, r.log)
	return nil
}
