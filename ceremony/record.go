package ceremony

// A custody event in the access log (quorum record): a sheet taken out,
// put back, lost or destroyed, someone leaving or coming back into the
// room, a note. No cryptography sees it: the record says what the person
// at the keyboard typed, and is checked only for what the log and status
// need of it.

import (
	"fmt"
	"slices"
	"strings"

	"quorum/accesslog"
	"quorum/manifest"
)

// RecordOptions is one custody event, as "quorum record" takes it.
type RecordOptions struct {
	Log   string
	Event string // "KIND" or "KIND: TEXT", a kind of accesslog.EventKinds
	By    []string
	Item  string
	Share int
	// The set it is about: a typed fingerprint (Set) or a manifest
	// (Manifest), as Pin takes them; neither for an event about no set.
	Set, Manifest string
	Run           string // the run it is a step of, as typed (CheckRun), or ""
	Tool          string
}

// Record appends the custody event to the log and returns its record,
// numbered, and the log's new head. Every mistake of the command line is
// found before anything is written: a kind mistyped is refused (and the
// kind it looks like named), never kept as a note that status would not
// count; a sheet event names its share and set; an exception (left-room,
// returned) names who; a --set one or two symbols from a set the log
// names is a typo.
func Record(env *Env, opts RecordOptions) (*accesslog.Record, string, error) {
	kind, text, err := parseEvent(opts.Event)
	if err != nil {
		return nil, "", err
	}
	if (kind == accesslog.KindLeftRoom || kind == accesslog.KindReturned) && len(opts.By) == 0 {
		return nil, "", usagef("%s needs --by NAME: who left or came back, as the exceptions table of the runbook asks", kind)
	}
	for _, f := range []struct{ flag, text string }{{"item", opts.Item}, {"event", text}} {
		if err := CheckWords(f.flag, f.text); err != nil {
			return nil, "", err
		}
	}
	for _, b := range opts.By {
		if err := CheckWords("by", b); err != nil {
			return nil, "", err
		}
	}
	run, err := CheckRun(opts.Log, opts.Run)
	if err != nil {
		return nil, "", err
	}
	fp, m, err := Pin(env, opts.Set, opts.Manifest)
	if err != nil {
		return nil, "", err
	}
	if opts.Set != "" {
		// A log that does not check is refused by Append below; the
		// records before the break still name the log's sets.
		data, err := ReadLogFile(opts.Log)
		if err != nil {
			return nil, "", err
		}
		records, _ := accesslog.Read(data)
		if err := logSetTypo(records, opts.Set, fp); err != nil {
			return nil, "", err
		}
	}
	r := &accesslog.Record{Kind: kind, Time: env.Now(), Set: string(fp), By: opts.By, Item: opts.Item,
		Share: opts.Share, Event: text, Run: run, Tool: opts.Tool}
	if err := checkShare(kind, r, opts.Share, m); err != nil {
		return nil, "", err
	}
	head, err := accesslog.Append(opts.Log, r, nil, "")
	if err != nil {
		return nil, "", &SourceError{opts.Log, err}
	}
	return r, head, nil
}

// parseEvent splits --event into a kind of accesslog.EventKinds and
// words: "KIND" or "KIND: TEXT"; anything else is "note: TEXT".
func parseEvent(s string) (kind, text string, err error) {
	k, rest, _ := strings.Cut(s, ":")
	k, text = strings.TrimSpace(k), strings.TrimSpace(rest)
	if slices.Contains(accesslog.EventKinds, k) {
		if k == accesslog.KindNote && text == "" {
			return "", "", usagef("--event note: say what happened after the colon")
		}
		return k, text, nil
	}
	if strings.TrimSpace(s) == "" {
		return "", "", usagef("--event is empty: say what happened")
	}
	if near := nearestKind(k); near != "" {
		return "", "", usagef("--event %q: %q is not a kind; did you mean %s?", s, k, near)
	}
	return "", "", usagef("--event %q does not start with a kind (%s); for anything else write \"note: TEXT\"",
		s, strings.Join(accesslog.EventKinds, ", "))
}

// nearestKind is the event kind that k was probably meant to be: the same
// with other case, spaces or underscores, or at most two letters off.
func nearestKind(k string) string {
	k = strings.ToLower(strings.NewReplacer("_", "-", " ", "-").Replace(k))
	best, bestD := "", 3
	for _, kind := range accesslog.EventKinds {
		if d := editDistance(k, kind); d < bestD {
			best, bestD = kind, d
		}
	}
	return best
}

// editDistance is the Levenshtein distance: letters inserted, deleted or
// changed.
func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur := make([]int, len(b)+1)
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev = cur
	}
	return prev[len(b)]
}

// checkShare checks --share against the kind and the set, and names the
// custodian from the manifest.
func checkShare(kind string, r *accesslog.Record, n int, m *manifest.Manifest) error {
	sheet := strings.HasPrefix(kind, "sheet-")
	switch {
	case n < 0 || n > 255:
		return usagef("--share %d is not a share index (1…255)", n)
	case sheet && (kind == accesslog.KindSheetLost || kind == accesslog.KindSheetDestroyed) && n == 0:
		return usagef("%s needs --share N, so that status can count the sheet", kind)
	case sheet && n == 0 && r.Item == "":
		return usagef("%s needs --share N (a share's sheet) or --item TEXT (anything else)", kind)
	case n > 0 && r.Set == "":
		return usagef("--share %d of which set? give --set FINGERPRINT or -m MANIFEST", n)
	case m == nil:
		return nil
	case n > m.Shares:
		return usagef("--share %d: set%s has shares 1…%d", n, LabelSuffix(m.Label), m.Shares)
	}
	r.Label = m.Label
	for _, c := range m.Custodians {
		if n > 0 && c.Index == n && r.Item == "" {
			r.Item = fmt.Sprintf("sheet %d (%s)", n, c.Name)
		}
	}
	return nil
}
