package main

// --run RUN, on every command a runbook's steps run (record, kit, combine,
// drill, verify, reshare, review, split, retire): the record the command
// appends carries the id of the run it is a step of. The rule that the id
// names a run this log started and has not ended is accesslog's (Runs,
// OpenRun); ceremony.CheckRun applies it before anything is asked or
// written. Here: the flag, and the hints for the errors of the rule.

import (
	"errors"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"quorum/accesslog"
)

// addRunFlag registers --run on cmd.
func addRunFlag(cmd *cobra.Command, p *string) {
	cmd.Flags().StringVar(p, "run", "", "record this as a step of the run `RUN` (the id 'quorum runbook start' printed)")
}

func isRunError(err error) bool {
	var ue *accesslog.UnknownRunError
	var ee *accesslog.RunEndedError
	return errors.As(err, &ue) || errors.As(err, &ee)
}

// runHints says what to do about a run id the log refuses.
func runHints(err error) []string {
	var ue *accesslog.UnknownRunError
	var ee *accesslog.RunEndedError
	switch {
	case errors.As(err, &ue) && len(ue.Near) > 0:
		return []string{fmt.Sprintf("nothing was written; did you mean run %s? compare the id with the one written on the runbook", strings.Join(ue.Near, " or run "))}
	case errors.As(err, &ue):
		return []string{"nothing was written; check the id against the runbook ('quorum runbook start' printed it) and that --log names the log the run was started in ('quorum status --log LOG' lists its runs)"}
	case errors.As(err, &ee):
		return []string{fmt.Sprintf("nothing was written; to go on, open a new run: quorum runbook start %s --log LOG --operator NAME --witness NAME", ee.Run.Start.Scenario)}
	}
	return nil
}
