package main

import "github.com/spf13/cobra"

// addPeopleFlags adds --operator and --witness, who was there, which the
// commands that write to the access log record (ceremony.CheckPeople).
func addPeopleFlags(cmd *cobra.Command, operator *string, witnesses *[]string) {
	cmd.Flags().StringVar(operator, "operator", "", "the `NAME` of who runs the ceremony, for the log")
	cmd.Flags().StringArrayVar(witnesses, "witness", nil, "the `NAME` of a witness, for the log; repeat for several")
}
