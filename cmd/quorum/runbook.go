package main

import (
	"fmt"

	"github.com/spf13/cobra"

	"quorum/ceremony"
	"quorum/runbook"
)

type runbookOptions struct {
	IO *IOStreams
	ceremony.RunbookOptions
}

func newRunbookCmd(streams *IOStreams) *cobra.Command {
	opts := &runbookOptions{IO: streams}
	cmd := &cobra.Command{
		Use:   "runbook SCENARIO [-m MANIFEST] [--log LOG] [--format pdf|text] [-o FILE]",
		Short: "Print the written procedure for a root scenario, to follow with a pen",
		Long: `Print the procedure for one scenario of the root user as a checklist to
follow at a table: roles (operator, witness, custodians), numbered steps each
with a box, a time and initials, the quorum command of each step, what to
check in the cloud console, lines for the values used, a table for the
exceptions (who left the room and what was taken out; who returned and what
was brought back) and a box for what went wrong and what to improve.
'quorum runbook list' names the scenarios: the ten the guidance asks to be
documented, its quarterly test, and quorum's own.

With -m, the runbook names the set (label, fingerprint, k of n, custodians)
from its verified manifest, and its commands name the manifest. --log names
the access log in the commands, and the kit's items and places from its kit
records (quorum kit add). Without them, the commands say MANIFEST, LOG and
MFA-ID, and the facts are left to write in.

The PDF goes to FILE (-o, 0600, never over an existing file). --format text
writes the same runbook as Markdown, for the team's own documentation, to
standard output or to FILE. No runbook holds the account's phone number: it
is documented on the account's contact page and nowhere else.

A run of a runbook is recorded as it goes: 'quorum runbook start' opens it
in the access log and prints its id, each quorum command of the run takes
--run ID, and 'quorum runbook end' closes it with its outcome and lessons.`,
		Example: `  quorum runbook list
  quorum runbook quarterly-test -m manifest.json --log access.log -o quarterly.pdf
  quorum runbook mfa-lost --format text > mfa-lost.md
  quorum runbook start mfa-lost --log access.log --operator dave --witness erin`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) != 1 {
				return usagef("name one scenario: quorum runbook SCENARIO (quorum runbook list names them)")
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Scenario = args[0]
			return runRunbook(opts)
		},
	}
	f := cmd.Flags()
	f.StringVarP(&opts.Manifest, "manifest", "m", "", "fill in the set's facts from its `MANIFEST`")
	f.StringVar(&opts.Log, "log", "", "name the access `LOG` in the runbook's commands, and the kit's items from it")
	f.StringVar(&opts.Format, "format", "pdf", "pdf, or text for Markdown")
	f.StringVar(&opts.Paper, "paper", "a4", "the paper size of the PDF: a4 or letter")
	f.StringVarP(&opts.Output, "output", "o", "", "write the runbook to `FILE` (0600, must not exist)")
	cmd.AddCommand(newRunbookListCmd(streams), newRunbookStartCmd(streams), newRunbookEndCmd(streams))
	return cmd
}

func newRunbookListCmd(streams *IOStreams) *cobra.Command {
	return &cobra.Command{
		Use:   "list",
		Short: "List the scenarios that have a runbook",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			for _, s := range runbook.Scenarios() {
				fmt.Fprintf(streams.Out, "%-18s %s\n", s.Name, s.Title)
			}
			return nil
		},
	}
}

func runRunbook(opts *runbookOptions) error {
	out, err := ceremony.Runbook(opts.IO.env(), opts.RunbookOptions)
	if err != nil || out == nil {
		return err
	}
	_, err = opts.IO.Out.Write(out)
	return err
}
