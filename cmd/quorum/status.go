package main

import (
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"quorum/accesslog"
	"quorum/ceremony"
	"quorum/internal/filter"
	"quorum/kit"
	"quorum/runbook"
	"quorum/share"
	"quorum/status"
)

type statusOptions struct {
	IO        *IOStreams
	Manifests []string
	Log       string
	Head      string
	Every     int
	Kit       kit.Rules // --out-days, --check-every, --review-every
	JSON      bool
	Now       string // hidden, for tests
}

func newStatusCmd(streams *IOStreams) *cobra.Command {
	opts := &statusOptions{IO: streams}
	cmd := &cobra.Command{
		Use:   "status -m MANIFEST... [--log LOG] [--head HASH] [--every DAYS] [--json]",
		Short: "Show whether each set can be rebuilt, what is due, and whether the log checks",
		Long: `Show, for each set: its label, k of n, the margin (how many more custodians
may be absent or lose their sheet, n - k less the sheets recorded lost or
destroyed), the last passing drill and the next one due, and for each
custodian the last day they verified their share.

A drill is due every 90 days (--every) from the split or the last passing
drill signed with the set key; each custodian is due as often, from their
last verify or drill, or from the split. A set superseded by a reshare is
listed with its sheets that are not yet recorded destroyed: they still open
the same secret. A set retired (quorum retire, split --replaces) is listed
with its sheets still to be destroyed, until each is recorded destroyed;
then it is no longer listed.

With --log the access log is checked: its chain, its signatures, and that
every signed record carries the key of its set or share. A hash chain cannot
show that its newest records were cut off: --head HASH, a head printed on a
drill report, must still be in the log.

Record dates are what a laptop's clock said: a record dated after today is
named and not counted, and one dated before the record it follows is named.
Unsigned records (quorum record) may lower a margin, never raise it: a sheet
recorded lost counts again once its custodian verifies it (quorum verify
--log) or it opens in a drill.

The exit status is 0 and the report ends in "clean" only when nothing needs
a person's action. It is 1 when anything is overdue, the log does not check
or a record's date is wrong, a set's margin is zero, a sheet is out of the
safe, a superseded set has sheets not recorded destroyed, which still open
the secret, or a retired set has sheets still to be destroyed: so that
status can gate a checklist.

When the log holds the kit (quorum kit) or an access review (quorum
review), status lists it and exits 1 as well when: an MFA device is kept
in the same place as a sheet of the set, or the phone with the MFA device
or a sheet; an item is out longer than --out-days; the phone's or the MFA
device's check is overdue (--check-every); a battery expires within 90
days; a review is overdue (--review-every: 90 for quarterly, 30 for
monthly) or left out a custodian who still holds a share; the holders of
the MFA device could reach k shares among themselves; an item is lost and
not replaced.

Once the log holds a run of a runbook (quorum runbook start), status lists
each scenario with the day it was last run and last rehearsed, and the runs
still open; it exits 1 as well when a run was left open for more than a day.
A run makes nothing due: the quarterly test's drill counts as any drill does,
and its kit checks and review as theirs do.`,
		Example: `  quorum status -m quorum-7QX4/manifest.json --log access.log
  quorum status -m old/manifest.json -m new/manifest.json --log access.log --head "HA2G PF0B ..."
  quorum status -m manifest.json --log access.log --every 30 --json`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runStatus(opts)
		},
	}
	cmd.Flags().StringArrayVarP(&opts.Manifests, "manifest", "m", nil, "a set's `MANIFEST`; repeat for several sets")
	cmd.Flags().StringVar(&opts.Log, "log", "", "check the access log `LOG` and count its drills, verifies and events")
	cmd.Flags().StringVar(&opts.Head, "head", "", "a head `HASH` printed earlier that the log must still contain")
	cmd.Flags().IntVar(&opts.Every, "every", status.DefaultEvery, "days between drills, and between a custodian's checks")
	addKitRuleFlags(cmd, &opts.Kit)
	cmd.Flags().BoolVar(&opts.JSON, "json", false, "print the report as JSON")
	addNowFlag(cmd, &opts.Now)
	cmd.MarkFlagRequired("manifest")
	return cmd
}

// notCleanError is status's exit: the report says what is wrong.
type notCleanError struct{ problems int }

func (e *notCleanError) Error() string {
	return "status: " + ceremony.Count(e.problems, "problem")
}

func runStatus(opts *statusOptions) error {
	streams := opts.IO
	now, err := clock(streams, opts.Now)
	if err != nil {
		return err
	}
	if opts.Every < 1 {
		return usagef("--every %d: give a number of days, 1 or more", opts.Every)
	}
	if err := opts.Kit.Check(); err != nil {
		return err
	}
	so := status.Options{Now: now, Every: opts.Every, Log: opts.Log != "", Kit: opts.Kit, Scenarios: runbook.Names()}
	if opts.Head != "" && opts.Log == "" {
		return usagef("--head needs --log: the head is looked for in the log")
	}
	if so.Manifests, err = ceremony.ReadManifests(streams.env(), opts.Manifests); err != nil {
		return err
	}
	if opts.Log != "" {
		// The log is read, never created: a missing log is a mistake in
		// the command line, or a log that was removed.
		data, err := os.ReadFile(opts.Log)
		if err != nil {
			return err
		}
		so.Records, so.LogErr = accesslog.Read(data)
	}
	if so.Head, err = ceremony.ParseHead(so.Records, opts.Head); err != nil {
		return err
	}
	rep := status.Compute(so)
	if opts.JSON {
		b, err := json.MarshalIndent(rep, "", "  ")
		if err != nil {
			return err
		}
		fmt.Fprintf(streams.Out, "%s\n", b)
	} else {
		printStatus(streams, rep, opts.Log)
	}
	if !rep.Clean() {
		return &notCleanError{len(rep.Problems)}
	}
	return nil
}

func printStatus(streams *IOStreams, rep *status.Report, logName string) {
	w := streams.Out
	date := func(t time.Time) string { return t.Format(time.DateOnly) }
	ago := func(days int) string {
		switch days {
		case 0:
			return "today"
		case 1:
			return "1 day ago"
		}
		return fmt.Sprintf("%d days ago", days)
	}
	fmt.Fprintf(w, "status on %s, drills every %d days\n", date(rep.Date), rep.Every)
	for _, s := range rep.Sets {
		fp := share.Fingerprint(s.Fingerprint)
		fmt.Fprintln(w)
		if !s.RetiredOn.IsZero() {
			fmt.Fprintf(w, "set %s  %s  RETIRED on %s\n", quote(s.Label), fp, date(s.RetiredOn))
			if !s.Sheets {
				fmt.Fprintf(w, "  its sheets are to be destroyed; give its manifest (-m) to see which\n")
				continue
			}
			fmt.Fprintf(w, "  TO BE DESTROYED: sheets not recorded destroyed: %s\n", filter.Text(status.LiveSheets(s)))
			continue
		}
		if s.SupersededBy != "" {
			fmt.Fprintf(w, "set %s  %s  SUPERSEDED by %s on %s\n", quote(s.Label), fp, share.Fingerprint(s.SupersededBy), date(s.SupersededOn))
			if !s.Manifest {
				fmt.Fprintf(w, "  its sheets open the same secret until destroyed; give its manifest (-m) to see which are live\n")
				continue
			}
			if len(s.Live) == 0 {
				fmt.Fprintf(w, "  every sheet is recorded destroyed\n")
				continue
			}
			fmt.Fprintf(w, "  LIVE: sheets not recorded destroyed, which still open the secret: %s\n", filter.Text(status.LiveSheets(s)))
			continue
		}
		fmt.Fprintf(w, "set %s  %s\n", quote(s.Label), fp)
		margin := fmt.Sprintf("margin %d", s.Margin)
		switch {
		case s.Margin < 0:
			margin += ": CANNOT BE REBUILT"
		case s.Margin == 0:
			margin += ": NONE, the next absent custodian or lost sheet is fatal"
		}
		fmt.Fprintf(w, "  %d of %d, split %s, %s\n", s.Threshold, s.Shares, date(s.Split), margin)
		overdue := ""
		if s.Overdue {
			overdue = "  OVERDUE"
		}
		if s.LastDrill.IsZero() {
			fmt.Fprintf(w, "  last drill: none (split %s), next due %s%s\n", ago(s.DaysSince), date(s.NextDue), overdue)
		} else {
			fmt.Fprintf(w, "  last drill: %s (%s), next due %s%s\n", date(s.LastDrill), ago(s.DaysSince), date(s.NextDue), overdue)
		}
		for _, c := range s.Custodians {
			var notes []string
			if c.LastVerified.IsZero() {
				notes = append(notes, fmt.Sprintf("never verified (split %s), due %s", ago(c.DaysSince), date(c.Due)))
			} else {
				notes = append(notes, fmt.Sprintf("verified %s (%s), due %s", date(c.LastVerified), ago(c.DaysSince), date(c.Due)))
			}
			if c.Overdue {
				notes[0] += "  OVERDUE"
			}
			switch {
			case c.Destroyed:
				notes = append(notes, "sheet DESTROYED")
			case c.Lost && !c.Found.IsZero():
				notes = append(notes, "sheet LOST (recorded back in "+date(c.Found)+", not proven: counts again once verified)")
			case c.Lost:
				notes = append(notes, "sheet LOST")
			case !c.Out.IsZero():
				notes = append(notes, "sheet out since "+date(c.Out))
			}
			fmt.Fprintf(w, "  %3d %-12s %s\n", c.Index, filter.Text(c.Name), strings.Join(notes, "; "))
		}
	}
	if rep.Kit != nil {
		fmt.Fprintln(w)
		printKitStatus(streams, rep.Kit)
	}
	if rep.Runs != nil {
		fmt.Fprintln(w)
		printRuns(streams, rep)
	}
	if rep.Log != nil {
		fmt.Fprintln(w)
		printLogCheck(streams, rep.Log, logName)
	}
	fmt.Fprintln(w)
	if rep.Clean() {
		fmt.Fprintln(w, "clean")
		return
	}
	for _, p := range rep.Problems {
		fmt.Fprintf(w, "! %s\n", filter.Text(p))
	}
}

// printRuns lists each scenario's last run and rehearsal, and the runs
// still open.
func printRuns(streams *IOStreams, rep *status.Report) {
	w := streams.Out
	fmt.Fprintln(w, "runbooks: last run, last rehearsal")
	describe := func(r *status.Run) string {
		if r == nil {
			return "never"
		}
		if r.Outcome == "" {
			return fmt.Sprintf("%s (%s, OPEN)", r.Started.UTC().Format(time.DateOnly), r.ID)
		}
		return fmt.Sprintf("%s (%s, %s)", r.Started.UTC().Format(time.DateOnly), r.ID, r.Outcome)
	}
	for _, s := range rep.Runs {
		fmt.Fprintf(w, "  %-18s run %s; rehearsal %s\n", filter.Text(s.Scenario), describe(s.LastRun), describe(s.LastRehearsal))
	}
	for _, r := range rep.OpenRuns {
		what := "run"
		if r.Rehearsal {
			what = "rehearsal"
		}
		never := ""
		if r.Overdue {
			never = ": NEVER ENDED"
		}
		fmt.Fprintf(w, "  open: %s %s of %s, started %s by %s%s\n", what, r.ID, filter.Text(r.Scenario),
			r.Started.UTC().Format(time.DateTime), filter.Text(r.Operator), never)
	}
}
