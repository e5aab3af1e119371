package main

import (
	"fmt"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"quorum/accesslog"
	"quorum/ceremony"
	"quorum/manifest"
)

type recordOptions struct {
	IO       *IOStreams
	Log      string
	Event    string
	By       []string
	Item     string
	Share    int
	Set      string
	Manifest string
	Run      string
	Now      string // hidden, for tests: the record's time
}

func newRecordCmd(streams *IOStreams) *cobra.Command {
	opts := &recordOptions{IO: streams}
	cmd := &cobra.Command{
		Use:   "record --log LOG --event KIND[: TEXT] [--by NAME]... [--item TEXT] [--share N] [--set FP | -m MANIFEST]",
		Short: "Add a custody event to the access log",
		Long: `Add a custody event that no cryptography sees to the access log: a sheet
taken out of or put back into the safe, a sheet lost or destroyed, someone
leaving or coming back into the room during a ceremony, anything else.

--event starts with one of these kinds, optionally followed by a colon and
words:

  sheet-out         a sheet taken out of the safe
  sheet-in          put back (or a lost sheet found)
  sheet-lost        a sheet, or its share file, is lost
  sheet-destroyed   a sheet and every copy of its share destroyed
  left-room         someone left the room (--by), and --item what they took out
  returned          someone came back (--by), and --item what they brought in
  note: TEXT        anything else

A kind mistyped is refused (quorum says which kind it looks like), never
recorded as a note that status would not count. The sheet events need
--share N and the set (--set or -m), so that status can count the sheet:
"quorum status" then lowers the margin for lost and destroyed sheets, and
lists a superseded set's sheets until each is recorded destroyed. An
unsigned record never raises a margin: a lost sheet recorded back in counts
again once its custodian runs 'quorum verify --log', or it opens in a drill.

The exceptions table of a runbook maps to left-room and returned, one record
for each person who left or came back, with the time of the record: the
guidance asks for the time, who left and what was taken out, who returned and
what was brought back. --run RUN records the event as a step of a runbook's
run (quorum runbook start).

The record is chained to the log's last one, but not signed: it says what the
person at the keyboard typed, on the day the laptop's clock says. The log is
created (0600) when missing; a log that does not check is never added to.
The new head hash is printed on standard output.`,
		Example: `  quorum record --log access.log -m manifest.json --event sheet-out --share 3 --by carol --by dave
  quorum record --log access.log -m manifest.json --event "sheet-destroyed: shredded" --share 1 --by alice
  quorum record --log access.log --event left-room --by bob --item "his own phone" --run 7QX4M2KD
  quorum record --log access.log --event returned --by bob --item "nothing" --run 7QX4M2KD
  quorum record --log access.log --event "note: MFA device moved to safe B" --by erin`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runRecord(opts)
		},
	}
	cmd.Flags().StringVar(&opts.Log, "log", "", "append to the access log `LOG` (created 0600 when missing)")
	cmd.Flags().StringVar(&opts.Event, "event", "", "what happened: `KIND[: TEXT]`, or \"note: TEXT\"")
	cmd.Flags().StringArrayVar(&opts.By, "by", nil, "who did it or took part (`NAME`); repeat for several")
	cmd.Flags().StringVar(&opts.Item, "item", "", "what it is about, in words (`TEXT`)")
	cmd.Flags().IntVar(&opts.Share, "share", 0, "the share `N` whose sheet it is about")
	cmd.Flags().StringVar(&opts.Set, "set", "", "the set it is about, by `FINGERPRINT`")
	cmd.Flags().StringVarP(&opts.Manifest, "manifest", "m", "", "the set it is about, by its `MANIFEST`")
	addRunFlag(cmd, &opts.Run)
	addNowFlag(cmd, &opts.Now)
	cmd.MarkFlagRequired("log")
	cmd.MarkFlagRequired("event")
	return cmd
}

// parseEvent splits --event into a kind of accesslog.EventKinds and
// words: "KIND" or "KIND: TEXT"; anything else is "note: TEXT". A kind
// mistyped is refused, never kept as a note: status would not count the
// sheet it was about.
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

func runRecord(opts *recordOptions) error {
	streams := opts.IO
	now, err := clock(streams, opts.Now)
	if err != nil {
		return err
	}
	kind, text, err := parseEvent(opts.Event)
	if err != nil {
		return err
	}
	if (kind == accesslog.KindLeftRoom || kind == accesslog.KindReturned) && len(opts.By) == 0 {
		return usagef("%s needs --by NAME: who left or came back, as the exceptions table of the runbook asks", kind)
	}
	run, err := ceremony.CheckRun(opts.Log, opts.Run)
	if err != nil {
		return err
	}
	fp, m, err := pin(streams, opts.Set, opts.Manifest)
	if err != nil {
		return err
	}
	if opts.Set != "" {
		// A log that does not check is refused by Append below; the
		// records before the break still name the log's sets.
		data, err := readLogFile(opts.Log)
		if err != nil {
			return err
		}
		records, _ := accesslog.Read(data)
		if err := logSetTypo(records, opts.Set, fp); err != nil {
			return err
		}
	}
	r := &accesslog.Record{Kind: kind, Time: now(), Set: string(fp), By: opts.By, Item: opts.Item,
		Share: opts.Share, Event: text, Run: run, Tool: toolName()}
	if err := checkShareFlag(kind, r, opts.Share, m); err != nil {
		return err
	}
	head, err := accesslog.Append(opts.Log, r, nil, "")
	if err != nil {
		return &sourceError{opts.Log, err}
	}
	streams.infof("recorded %s as record %d of %s", describe(r), r.Seq, opts.Log)
	fmt.Fprintln(streams.Out, head)
	return nil
}

// checkShareFlag checks --share against the kind and the set, and names
// the custodian from the manifest.
func checkShareFlag(kind string, r *accesslog.Record, n int, m *manifest.Manifest) error {
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
		return usagef("--share %d: set %s has shares 1…%d", n, quote(m.Label), m.Shares)
	}
	r.Label = m.Label
	for _, c := range m.Custodians {
		if n > 0 && c.Index == n && r.Item == "" {
			r.Item = fmt.Sprintf("sheet %d (%s)", n, c.Name)
		}
	}
	return nil
}

// describe names a record for a person: its kind and what it is about.
func describe(r *accesslog.Record) string {
	switch {
	case r.Item != "":
		return fmt.Sprintf("%s, %s", r.Kind, r.Item)
	case r.Share > 0:
		return fmt.Sprintf("%s, sheet %d", r.Kind, r.Share)
	}
	return r.Kind
}
