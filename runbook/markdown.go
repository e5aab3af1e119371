package runbook

import (
	"fmt"
	"strings"
)

// blank is a line to write on by hand.
const blank = "________________"

// Markdown returns the runbook as Markdown (CommonMark with GitHub's task
// lists and tables), for a team's own documentation: the same text as the
// printed checklist, with blanks to fill in.
func (r *Runbook) Markdown() []byte {
	var b strings.Builder
	p := func(format string, args ...any) { fmt.Fprintf(&b, format, args...) }
	p("# Runbook: %s\n\n", r.Title)
	p("Scenario `%s`. %s\n\n", r.Name, r.Guidance)

	p("## The set\n\n")
	for _, f := range r.Facts {
		p("- **%s:** %s\n", f.Label, mdEscape(f.Value))
	}
	if len(r.Kit) > 0 {
		p("- **Kit:**\n")
		for _, it := range r.Kit {
			p("  - %s (%s): %s\n", mdEscape(it.ID), mdEscape(it.Kind), mdEscape(it.Place))
		}
	}
	p("\n## Roles\n\n| Role | Name | Duty |\n|---|---|---|\n")
	for _, role := range r.Roles {
		who := blank
		if role.Who != "" {
			who = mdEscape(role.Who)
		}
		p("| %s | %s | %s |\n", role.Role, who, mdEscape(role.Duty))
	}
	p("\n## Before the first step\n\n")
	for _, s := range r.Bring {
		p("- [ ] %s\n", mdEscape(s))
	}
	p("\n## Steps\n\nTick each step's box when it is done, and write the time and the initials of the operator and the witness.\n")
	for i, s := range r.Steps {
		p("\n### %d. %s\n\n", i+1, s.Title)
		p("- [ ] Done. Time: %s Initials: %s\n\n", blank, blank)
		p("%s\n", mdEscape(s.Do))
		if s.Command != "" {
			p("\n```\n%s\n```\n", s.Command)
		}
		if s.Console != "" {
			p("\n*In the console:* %s\n", mdEscape(s.Console))
		}
		if len(s.Write) > 0 {
			p("\n")
			for _, w := range s.Write {
				p("- %s: %s\n", w, blank)
			}
		}
	}
	p("\n## Exceptions\n\nAnything unforeseen, with its time: who left the room and what was taken out; who returned and what was brought back. Record each in the log as well:\n\n```\n%s\n```\n\n",
		strings.Join(r.ExceptionCommands, "\n"))
	p("| %s |\n|%s\n", strings.Join(r.Exceptions, " | "), strings.Repeat("---|", len(r.Exceptions)))
	for range r.ExceptionRows {
		p("|%s\n", strings.Repeat("   |", len(r.Exceptions)))
	}
	p("\n## %s\n\n%s\n\n", r.Lessons, r.LessonsNote)
	for range 4 {
		p("> %s%s%s\n>\n", blank, blank, blank)
	}
	p("\n## Signatures\n\n")
	for _, who := range []string{"Operator", "Witness"} {
		p("- %s: name %s signature %s date %s\n", who, blank, blank, blank)
	}
	return []byte(b.String())
}

// mdEscape keeps a fact from a file from being read as Markdown: a
// custodian named "*bob*" or "<b>" appears as typed, not as markup, and a
// "|" does not split a table's cell.
func mdEscape(s string) string {
	var b strings.Builder
	for _, r := range s {
		if strings.ContainsRune("\\`*_{}[]<>#|!~", r) {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}
