package main

import (
	"fmt"

	"github.com/spf13/cobra"

	"quorum/ceremony"
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

func runRecord(opts *recordOptions) error {
	streams, err := withClock(opts.IO, opts.Now)
	if err != nil {
		return err
	}
	r, head, err := ceremony.Record(streams.env(), ceremony.RecordOptions{Log: opts.Log, Event: opts.Event, By: opts.By,
		Item: opts.Item, Share: opts.Share, Set: opts.Set, Manifest: opts.Manifest, Run: opts.Run, Tool: toolName()})
	if err != nil {
		return err
	}
	what := r.Kind
	switch {
	case r.Item != "":
		what += ", " + r.Item
	case r.Share > 0:
		what += fmt.Sprintf(", sheet %d", r.Share)
	}
	streams.infof("recorded %s as record %d of %s", what, r.Seq, opts.Log)
	fmt.Fprintln(streams.Out, head)
	return nil
}
