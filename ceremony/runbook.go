package ceremony

// quorum runbook: a scenario's written procedure, filled with one
// organization's facts (the set's, from its verified manifest; the kit's,
// from the access log), as a PDF to follow with a pen or as Markdown.

import (
	"quorum/internal/filter"
	"quorum/internal/newfile"
	"quorum/print"
	"quorum/runbook"
)

// RunbookOptions is what quorum runbook is given.
type RunbookOptions struct {
	Scenario string
	Manifest string // the set's manifest; "" leaves its facts to write in
	Log      string // the access log: named in the commands, and the kit's items from it
	Format   string // "pdf" or "text" (Markdown)
	Paper    string // a4 or letter
	Output   string // a new file (0600); "" returns the runbook for standard output (text only)
}

// Runbook fills the scenario's runbook and writes it to opts.Output, or
// returns it when there is no Output. A log that does not read is an
// error: a runbook must not send people to a place the log does not vouch
// for; one that does not exist yet has no kit.
func Runbook(env *Env, opts RunbookOptions) ([]byte, error) {
	s, err := runbook.Lookup(opts.Scenario)
	if err != nil {
		return nil, runbookUsage(err)
	}
	paper, err := print.ParsePaper(opts.Paper)
	if err != nil {
		return nil, usagef("%v", err)
	}
	switch {
	case opts.Format != "pdf" && opts.Format != "text":
		return nil, usagef("--format is pdf or text, not %q", opts.Format)
	case opts.Format == "pdf" && opts.Output == "":
		return nil, usagef("name the PDF with -o FILE, or give --format text for Markdown on standard output")
	}
	if opts.Output != "" {
		if err := newfile.Check(opts.Output); err != nil {
			return nil, err
		}
	}
	_, m, err := Pin(env, "", opts.Manifest)
	if err != nil {
		return nil, err
	}
	facts, err := runbook.FactsFrom(m, opts.Manifest, opts.Log)
	if err != nil {
		return nil, err
	}
	if opts.Log != "" {
		st, err := ReadKit(opts.Log)
		if err != nil {
			return nil, err
		}
		facts.Kit = runbook.KitFrom(st)
	}
	rb := runbook.Fill(s, facts)
	// The facts come from the manifest and from file names: filtered,
	// as the PDF's text is where it is drawn.
	out := []byte(filter.Lines(string(rb.Markdown())))
	if opts.Format == "pdf" {
		if out, err = print.RunbookPDF(rb, print.RunbookOptions{Paper: paper, Date: env.Now()}); err != nil {
			return nil, err
		}
	}
	if opts.Output == "" {
		return out, nil
	}
	if err := newfile.Write(opts.Output, out); err != nil {
		return nil, err
	}
	env.UI.Info("wrote %s: the runbook %s (%s)", opts.Output, s.Name, opts.Format)
	return nil, nil
}
