package ceremony

// Printing sheets again, the ceremony record, or the recovery kit (quorum
// print): no secret and no key is needed, a sheet holds only the share.

import (
	"quorum/internal/newfile"
	"quorum/print"
	"quorum/share"
)

// PreviewDPI is the resolution of --png previews: a whole page is about
// 830 × 1170 pixels, enough to read every symbol on a screen.
const PreviewDPI = 100

// PrintOptions say what to print and where.
type PrintOptions struct {
	Paper    string   // a4 or letter
	Manifest string   // the set's manifest: recipient fingerprints, and only the shares it lists
	Record   string   // the manifest whose ceremony record is printed first (and serves as Manifest)
	Kit      bool     // the recovery kit instead, alone
	Log      string   // the access log, for the root kit on the record and sheets
	Output   string   // the PDF, 0600, which must not exist
	PNG      string   // a new or empty folder for a PNG preview of each sheet
	Shares   []string // the SHARE arguments
}

// Print writes the sheets of the shares (and the ceremony record) to a
// PDF and previews, or the recovery kit. Every output is checked before
// anything is read, and every QR code is drawn and decoded back before
// anything is written (package print).
func Print(env *Env, opts PrintOptions) error {
	paper, err := print.ParsePaper(opts.Paper)
	if err != nil {
		return usagef("%v", err)
	}
	if opts.Kit {
		return printKit(env, opts, paper)
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
	_, m, err := Pin(env, "", manifestFile)
	if err != nil {
		return err
	}
	inputs, err := ReadShares(env, opts.Shares, false)
	if err != nil {
		return err
	}
	shares := make([]*share.Share, len(inputs))
	for i, in := range inputs {
		shares[i] = in.Share
	}
	kitItems, err := KitOnPaper(opts.Log)
	if err != nil {
		return err
	}
	doc, err := print.New(shares, print.Options{Paper: paper, Manifest: m, Record: opts.Record != "", Kit: kitItems, Date: env.Now()})
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
		env.UI.Info("wrote %s: %s, %s, %s", opts.Output, sheetCount(doc), Count(pages, "page"), paper)
	}
	if opts.PNG != "" {
		var names []string
		files := map[string][]byte{}
		for _, s := range doc.Sheets {
			b, err := doc.PNG(s, PreviewDPI)
			if err != nil {
				return err
			}
			names = append(names, s.Name+".png")
			files[s.Name+".png"] = b
		}
		if err := newfile.WriteDir(opts.PNG, names, files); err != nil {
			return err
		}
		env.UI.Info("wrote %s to %s", Count(len(names), "preview"), opts.PNG)
	}
	return nil
}

// printKit writes the recovery kit. It needs no share, manifest or key:
// the kit is the same for every set printed by this quorum.
func printKit(env *Env, opts PrintOptions, paper print.Paper) error {
	switch {
	case len(opts.Shares) > 0 || opts.Manifest != "" || opts.Record != "" || opts.PNG != "":
		return usagef("--kit prints the recovery kit alone: drop the shares, -m, --record and --png")
	case opts.Output == "":
		return usagef("name the kit's PDF with -o FILE")
	}
	if err := newfile.Check(opts.Output); err != nil {
		return err
	}
	pdf, err := print.KitPDF(print.KitOptions{Paper: paper, Date: env.Now()})
	if err != nil {
		return err
	}
	if err := newfile.Write(opts.Output, pdf); err != nil {
		return err
	}
	env.UI.Info("wrote %s: the recovery kit, %s; recover.py SHA-256 %s", opts.Output, paper, print.KitSHA256())
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
	words := Count(n, "sheet")
	switch {
	case record && n == 0:
		return "the ceremony record"
	case record:
		return "the ceremony record and " + words
	}
	return words
}
