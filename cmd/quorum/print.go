package main

import (
	"github.com/spf13/cobra"

	"quorum/internal/newfile"
	"quorum/print"
	"quorum/share"
)

// previewDPI is the resolution of --png previews: a whole page is about
// 830 × 1170 pixels, enough to read every symbol on a screen.
const previewDPI = 100

type printOptions struct {
	IO       *IOStreams
	Manifest string
	Record   string
	Kit      bool
	Log      string // the access log, for the root kit on the record and sheets
	Paper    string
	Output   string
	PNG      string
	Shares   []string
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
	streams := opts.IO
	paper, err := print.ParsePaper(opts.Paper)
	if err != nil {
		return usagef("%v", err)
	}
	if opts.Kit {
		return runPrintKit(opts, paper)
	}
	switch {
	case opts.Output == "" && opts.PNG == "":
		return usagef("name the PDF with -o FILE, or a folder for previews with --png DIR")
	case opts.Record != "" && opts.Manifest != "":
		return usagef("--record MANIFEST already gives the manifest: drop -m")
	case len(opts.Shares) == 0 && opts.Record == "":
		return usagef("give the share files to print, or --record MANIFEST")
	}
	if opts.Output != "" {
		if err := newfile.Check(opts.Output); err != nil {
			return err
		}
	}
	if opts.PNG != "" {
		if err := newfile.CheckDir(opts.PNG); err != nil {
			return err
		}
	}
	manifestFile := opts.Manifest
	if opts.Record != "" {
		manifestFile = opts.Record
	}
	_, m, err := pin(streams, "", manifestFile)
	if err != nil {
		return err
	}
	inputs, err := readShares(streams, opts.Shares, false)
	if err != nil {
		return err
	}
	shares := make([]*share.Share, len(inputs))
	for i, in := range inputs {
		shares[i] = in.Share
	}
	kitItems, err := kitOnPaper(opts.Log)
	if err != nil {
		return err
	}
	doc, err := print.New(shares, print.Options{Paper: paper, Manifest: m, Record: opts.Record != "", Kit: kitItems, Date: streams.Now()})
	if err != nil {
		return err
	}
	pages := 0
	for _, s := range doc.Sheets {
		pages += s.Pages()
	}
	if opts.Output != "" {
		pdf, err := doc.PDF()
		if err != nil {
			return err
		}
		if err := newfile.Write(opts.Output, pdf); err != nil {
			return err
		}
		streams.infof("wrote %s: %s, %s, %s", opts.Output, sheetCount(doc), count(pages, "page"), paper)
	}
	if opts.PNG != "" {
		var names []string
		files := map[string][]byte{}
		for _, s := range doc.Sheets {
			b, err := doc.PNG(s, previewDPI)
			if err != nil {
				return err
			}
			names = append(names, s.Name+".png")
			files[s.Name+".png"] = b
		}
		if err := newfile.WriteDir(opts.PNG, names, files); err != nil {
			return err
		}
		streams.infof("wrote %s to %s", count(len(names), "preview"), opts.PNG)
	}
	return nil
}

// runPrintKit writes the recovery kit. It needs no share, manifest or key:
// the kit is the same for every set printed by this quorum.
func runPrintKit(opts *printOptions, paper print.Paper) error {
	switch {
	case len(opts.Shares) > 0 || opts.Manifest != "" || opts.Record != "" || opts.PNG != "":
		return usagef("--kit prints the recovery kit alone: drop the shares, -m, --record and --png")
	case opts.Output == "":
		return usagef("name the kit's PDF with -o FILE")
	}
	if err := newfile.Check(opts.Output); err != nil {
		return err
	}
	pdf, err := print.KitPDF(print.KitOptions{Paper: paper, Date: opts.IO.Now()})
	if err != nil {
		return err
	}
	if err := newfile.Write(opts.Output, pdf); err != nil {
		return err
	}
	opts.IO.infof("wrote %s: the recovery kit, %s; recover.py SHA-256 %s", opts.Output, paper, print.KitSHA256())
	return nil
}

// sheetCount says what a document holds, in words.
func sheetCount(doc *print.Document) string {
	n := 0
	record := false
	for _, s := range doc.Sheets {
		if s.Index == 0 {
			record = true
		} else {
			n++
		}
	}
	words := count(n, "sheet")
	switch {
	case record && n == 0:
		return "the ceremony record"
	case record:
		return "the ceremony record and " + words
	}
	return words
}
