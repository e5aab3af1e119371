package main

import (
	"fmt"

	"github.com/spf13/cobra"

	"quorum/accesslog"
	"quorum/ceremony"
	"quorum/runbook"
)

type runStartOptions struct {
	IO    *IOStreams
	Log   string
	Start runbook.Start
	Now   string // hidden, for tests
}

func newRunbookStartCmd(streams *IOStreams) *cobra.Command {
	opts := &runStartOptions{IO: streams}
	cmd := &cobra.Command{
		Use:   "start SCENARIO --log LOG --operator NAME --witness NAME... [--rehearsal]",
		Short: "Open a run of a runbook in the access log, and print its id",
		Long: `Open a run of the runbook SCENARIO in the access log: a run-start record
names the scenario, the operator and the witnesses. The run's id, printed on
standard output, is the first 8 symbols of that record's hash: write it on
the runbook and give it as --run ID to every quorum command of the run, so
that the log shows which records the run made. --rehearsal marks a tabletop
rehearsal: status shows when each scenario was last run and last rehearsed.

End the run with 'quorum runbook end ID'. A run left open past a day is a
problem for 'quorum status'.`,
		Example: `  quorum runbook start password-change --log access.log --operator dave --witness erin
  quorum runbook start mfa-lost --log access.log --operator dave --witness erin --rehearsal`,
		Args: oneArg("SCENARIO", "name the scenario of the run: quorum runbook start SCENARIO (quorum runbook list names them)"),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Start.Scenario = args[0]
			return runRunbookStart(opts)
		},
	}
	f := cmd.Flags()
	f.StringVar(&opts.Log, "log", "", "append to the access `LOG` (created 0600 when missing)")
	f.StringVar(&opts.Start.Operator, "operator", "", "who runs the laptop and reads the steps (`NAME`)")
	f.StringArrayVar(&opts.Start.Witnesses, "witness", nil, "who watches every step (`NAME`); repeat for several")
	f.BoolVar(&opts.Start.Rehearsal, "rehearsal", false, "a tabletop rehearsal, not a run for real")
	addNowFlag(cmd, &opts.Now)
	cmd.MarkFlagRequired("log")
	cmd.MarkFlagRequired("operator")
	cmd.MarkFlagRequired("witness")
	return cmd
}

func runRunbookStart(opts *runStartOptions) error {
	streams, err := withClock(opts.IO, opts.Now)
	if err != nil {
		return err
	}
	r, err := ceremony.StartRun(streams.env(), opts.Log, opts.Start, toolName())
	if err != nil {
		return err
	}
	fmt.Fprintln(streams.Out, accesslog.RunID(r))
	return nil
}

type runEndOptions struct {
	IO      *IOStreams
	Log     string
	Run     string
	Outcome string
	Lessons []string
	Now     string // hidden, for tests
}

func newRunbookEndCmd(streams *IOStreams) *cobra.Command {
	opts := &runEndOptions{IO: streams}
	cmd := &cobra.Command{
		Use:   "end RUN --log LOG --outcome done|aborted --lesson TEXT...",
		Short: "Close a run of a runbook with its outcome and lessons",
		Long: `Close the run RUN (the id 'quorum runbook start' printed) with its outcome,
done or aborted, and what went wrong and what to improve (--lesson, one or
more: the runbook's last box; "nothing to change" is a lesson too). Nothing
more can be recorded in the run afterwards. A run that this log did not
start, or that has ended, is refused, and nothing is written.`,
		Example: `  quorum runbook end 7QX4M2KD --log access.log --outcome done --lesson "the phone's battery was flat: charge it the day before"`,
		Args:    oneArg("RUN", "name the run to end: quorum runbook end RUN (the id 'quorum runbook start' printed)"),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Run = args[0]
			return runRunbookEnd(opts)
		},
	}
	f := cmd.Flags()
	f.StringVar(&opts.Log, "log", "", "the access `LOG` the run was started in")
	f.StringVar(&opts.Outcome, "outcome", "", "how the run ended: `done|aborted`")
	f.StringArrayVar(&opts.Lessons, "lesson", nil, "what went wrong and what to improve (`TEXT`); repeat for several")
	addNowFlag(cmd, &opts.Now)
	cmd.MarkFlagRequired("log")
	cmd.MarkFlagRequired("outcome")
	return cmd
}

func runRunbookEnd(opts *runEndOptions) error {
	streams, err := withClock(opts.IO, opts.Now)
	if err != nil {
		return err
	}
	r, err := ceremony.EndRun(streams.env(), opts.Log, opts.Run, opts.Outcome, opts.Lessons, toolName())
	if err != nil {
		return err
	}
	fmt.Fprintln(streams.Out, r.Hash)
	return nil
}
