package ceremony

// Reading the access log, for every command that takes --log: the file,
// its records checked, the root kit they record, and what the log says of
// the set in use.

import (
	"errors"
	"io/fs"
	"os"
	"strings"
	"time"

	"quorum/accesslog"
	"quorum/kit"
	"quorum/print"
	"quorum/share"
)

// ReadLogFile reads the access log; a log that does not exist yet is
// empty, and Append creates it.
func ReadLogFile(path string) ([]byte, error) {
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	return data, err
}

// ReadLog reads and checks the access log at path: no records when it
// does not exist yet, an error naming the file when it does not check.
func ReadLog(path string) ([]*accesslog.Record, error) {
	data, err := ReadLogFile(path)
	if err != nil || data == nil {
		return nil, err
	}
	records, err := accesslog.Read(data)
	if err != nil {
		return nil, &SourceError{path, err}
	}
	return records, nil
}

// CheckLog fails early, before anyone types a passphrase, when the access
// log does not check: Append would refuse to build on it at the end.
func CheckLog(path string) error {
	_, err := ReadLog(path)
	return err
}

// ReadKit is the root kit as the access log at path records it: empty when
// the log does not exist yet. The log's kit records were each checked by
// kit.Apply before they were appended, so one that does not apply now
// (which only an edited log holds) is passed over here and named by
// status, which reports the log's problems.
func ReadKit(path string) (*kit.State, error) {
	records, err := ReadLog(path)
	if err != nil {
		return nil, err
	}
	st, _ := kit.Replay(records)
	return st, nil
}

// KitOnPaper is the root kit in the access log at path as paper shows it
// (the drill report, the ceremony record, the sheets): every item not
// retired, with its place and last check. No log, no kit.
func KitOnPaper(path string) ([]print.KitItem, error) {
	if path == "" {
		return nil, nil
	}
	st, err := ReadKit(path)
	if err != nil {
		return nil, err
	}
	var items []print.KitItem
	for _, it := range st.Items {
		if !it.Retired.IsZero() {
			continue
		}
		place := it.Place
		if !it.Lost.IsZero() {
			place = "LOST since " + it.Lost.Format(time.DateOnly)
		}
		result := map[string]string{accesslog.Pass: "ok", accesslog.Fail: "FAILED"}[it.LastResult]
		items = append(items, print.KitItem{ID: it.ID, Kind: it.Kind, Place: place, LastCheck: it.LastCheck, Result: result})
	}
	return items, nil
}

// CheckPeople refuses an operator or witness name that is not one line,
// or that holds a phone number (CheckWords).
func CheckPeople(operator string, witnesses []string) error {
	for _, s := range append([]string{operator}, witnesses...) {
		if strings.ContainsAny(s, "\n\r") {
			return usagef("--operator and --witness take a name on one line")
		}
	}
	if err := CheckWords("operator", operator); err != nil {
		return err
	}
	for _, w := range witnesses {
		if err := CheckWords("witness", w); err != nil {
			return err
		}
	}
	return nil
}

// WarnSuperseded warns when the access log at path records set fp as
// superseded by a reshare: its sheets still open the same secret, but the
// custodians who should hold it are the new set's, and a departed
// custodian's sheet may be among these. A log that cannot be read says
// nothing here; the command that appends to it reports it.
func WarnSuperseded(env *Env, path string, fp share.Fingerprint) {
	if path == "" {
		return
	}
	data, err := ReadLogFile(path)
	if err != nil {
		return
	}
	records, _ := accesslog.Read(data)
	r := accesslog.SupersededBy(records, string(fp))
	if r == nil {
		return
	}
	env.UI.Warn("%s records set %s%s as superseded by set %s on %s (record %d): use the new set's shares, and record each old sheet destroyed",
		path, fp, LabelSuffix(r.Label), share.Fingerprint(r.NewSet), r.Time.UTC().Format(time.DateOnly), r.Seq)
}
