package main

// What the commands that write to the access log share: who was there
// (--operator, --witness, recorded by drill and combine), and the warning
// that the log records the set in use as superseded.

import (
	"strings"
	"time"

	"github.com/spf13/cobra"

	"quorum/accesslog"
	"quorum/share"
)

// addPeopleFlags adds --operator and --witness.
func addPeopleFlags(cmd *cobra.Command, operator *string, witnesses *[]string) {
	cmd.Flags().StringVar(operator, "operator", "", "the `NAME` of who runs the ceremony, for the log")
	cmd.Flags().StringArrayVar(witnesses, "witness", nil, "the `NAME` of a witness, for the log; repeat for several")
}

// checkPeople refuses a name that is not one line.
func checkPeople(operator string, witnesses []string) error {
	for _, s := range append([]string{operator}, witnesses...) {
		if strings.ContainsAny(s, "\n\r") {
			return usagef("--operator and --witness take a name on one line")
		}
	}
	return nil
}

// warnSuperseded warns when the access log at path records set fp as
// superseded by a reshare: its sheets still open the same secret, but the
// custodians who should hold it are the new set's, and a departed
// custodian's sheet may be among these. A log that cannot be read says
// nothing here; the command that appends to it reports it.
func warnSuperseded(streams *IOStreams, path string, fp share.Fingerprint) {
	if path == "" {
		return
	}
	data, err := readLogFile(path)
	if err != nil {
		return
	}
	records, _ := accesslog.Read(data)
	r := accesslog.SupersededBy(records, string(fp))
	if r == nil {
		return
	}
	streams.warnf("%s records set %s%s as superseded by set %s on %s (record %d): use the new set's shares, and record each old sheet destroyed",
		path, fp, labelSuffix(r.Label), share.Fingerprint(r.NewSet), r.Time.UTC().Format(time.DateOnly), r.Seq)
}
