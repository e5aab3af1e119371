package main

import (
	"github.com/spf13/cobra"

	"quorum/ceremony"
)

type printOptions struct {
	IO *IOStreams
	ceremony.PrintOptions
}

func newPrintCmd(streams *IOStreams) *cobra.Command {
	opts := &printOptions{IO: streams}
	cmd := &cobra.Command{
		Use:   "print [-m MANIFEST | --record MANIFEST | --kit] [--paper a4|letter] [-o FILE] [--png DIR] [SHARE...]",
		Short: "Print the sheets of shares again, or the ceremony record",
		Long: `Print custodian sheets again from share files, to replace a lost or damaged
sheet: the same pages quorum split wrote to sheets.pdf, one per share (a
second page when the share text does not fit on one). No secret and no key
is needed: a sheet holds only the share.

A SHARE is a share file, or any file holding a share's text as a QR reader
returned it. Every share's signature must verify.

With -m, each sheet also shows its custodian's recipient fingerprint, and
every share must be the one the manifest lists for its index. --record
MANIFEST prints the ceremony record of the set first (alone, without SHARE
arguments); it serves as -m for the sheets too.

--kit prints the recovery kit for the binder instead: the format's
essentials and docs/recover.py, the script that rebuilds a secret with stock
age and Python when quorum is gone, as numbered lines with a check each, so
that it can be typed back and each line known right (FORMAT.md §12). The
SHA-256 it shows for the script is the one on the ceremony record.

The PDF goes to FILE (-o); --png DIR also writes a PNG preview of each sheet,
drawn by quorum itself, into the new or empty DIR. Files are 0600 and never
overwrite. Before anything is written, every QR code is drawn as it is
printed and decoded back; a code that does not give back its share exactly
is an error.`,
		Example: `  quorum print -m manifest.json -o bob-again.pdf 2-bob.share
  quorum print --record manifest.json -o record.pdf
  quorum print --paper letter --png preview -o sheets.pdf *.share
  quorum print --kit -o kit.pdf`,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Shares = args
			return runPrint(opts)
		},
	}
	f := cmd.Flags()
	f.StringVarP(&opts.Manifest, "manifest", "m", "", "the set's `MANIFEST`: show recipient fingerprints, refuse other shares")
	f.StringVar(&opts.Record, "record", "", "print the ceremony record of `MANIFEST` first")
	f.BoolVar(&opts.Kit, "kit", false, "print the recovery kit: the format's essentials and recover.py, line by line")
	f.StringVar(&opts.Log, "log", "", "the access `LOG` whose root kit the ceremony record lists, and whose MFA device's place each sheet names")
	f.StringVar(&opts.Paper, "paper", "a4", "the paper size: a4 or letter")
	f.StringVarP(&opts.Output, "output", "o", "", "write the PDF to `FILE` (0600, must not exist)")
	f.StringVar(&opts.PNG, "png", "", "write a PNG preview of each sheet into the new or empty `DIR`")
	return cmd
}

func runPrint(opts *printOptions) error {
	return ceremony.Print(opts.IO.env(), opts.PrintOptions)
}
