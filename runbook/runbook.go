package runbook

import (
	"fmt"
	"strings"

	"quorum/internal/filter"
	"quorum/kit"
	"quorum/manifest"
)

// Scenario is one written procedure, with placeholders in braces ({log},
// {manifest}, {k} …) where an organization's facts go; [Fill] replaces
// them.
type Scenario struct {
	// Name is what the command line calls it: "password-change".
	Name string
	// Title says what it is for, as the guidance names it.
	Title string
	// Guidance is the line of the guidance that asks for it, and why.
	Guidance string
	Roles    []Role
	// Bring is what must be at hand before the first step.
	Bring []string
	Steps []Step
}

// Role is one person's part in a run.
type Role struct {
	Role string // "Operator"
	Who  string // the names, when the facts say who; else blank, to write in
	Duty string
}

// Step is one numbered step. On paper it has a box to tick, a time and
// initials; Write lists the values to write down as they are used, as the
// guidance asks ("the values used").
type Step struct {
	Title string
	Do    string
	// Command is the quorum command of the step, exactly as typed; empty
	// where quorum takes no part.
	Command string
	// Console is what to check in the cloud console at this step.
	Console string
	Write   []string
}

// Facts are one organization's facts, put into a scenario's text. Every
// member is optional: what is missing stays a placeholder in capitals
// (MANIFEST, LOG) or a blank to write in.
type Facts struct {
	Label       string
	Fingerprint string // grouped as the ceremony record prints it
	Threshold   int
	Shares      int
	Custodians  []string // in index order
	Manifest    string   // the manifest's file name, for commands
	Log         string   // the access log's file name, for commands
	Kit         []KitItem
}

// KitItem is one item of the root kit (the MFA device, the phone, the
// email address, a safe key, a set's sheets) and where it is kept, as
// [KitFrom] takes it from the access log.
type KitItem struct {
	ID    string
	Kind  string // mfa-device, phone, email, safe-key, sheet, other
	Place string
}

// FactsFrom returns the facts of the set of m, which manifest.Parse has
// verified, with the files named as the command line named them.
func FactsFrom(m *manifest.Manifest, manifestFile, logFile string) (Facts, error) {
	f := Facts{Manifest: manifestFile, Log: logFile}
	if m == nil {
		return f, nil
	}
	// The fingerprint computed from the signed set key, not the
	// manifest's set_fingerprint member, which the signature does not
	// cover.
	fp, err := m.Fingerprint()
	if err != nil {
		return Facts{}, err
	}
	f.Label = m.Label
	f.Fingerprint = fp.String()
	f.Threshold, f.Shares = m.Threshold, m.Shares
	for _, c := range m.Custodians {
		f.Custodians = append(f.Custodians, c.Name)
	}
	return f, nil
}

// KitFrom returns the kit's items in use, neither lost nor retired, with
// their places, as the access log's kit records leave them (kit.Replay).
func KitFrom(st *kit.State) []KitItem {
	var items []KitItem
	for _, it := range st.Items {
		if it.Active() {
			items = append(items, KitItem{ID: it.ID, Kind: it.Kind, Place: it.Place})
		}
	}
	return items
}

// Runbook is a scenario filled with an organization's facts, ready to be
// written out. Nothing in it is a placeholder in braces any more.
type Runbook struct {
	Scenario
	// Facts are the facts shown at the top, as label and value.
	Facts []Fact
	// Kit lists the kit's items and places; empty when none is known.
	Kit []KitItem
	// Exceptions are the columns of the exceptions table, and
	// ExceptionCommands how to record a row in the access log.
	Exceptions        []string
	ExceptionRows     int
	ExceptionCommands []string
	// Lessons is the heading of the box for what went wrong and what to
	// improve, and LessonsNote what to do with it.
	Lessons, LessonsNote string
}

// Fact is one labelled fact at the top of a runbook.
type Fact struct {
	Label, Value string
}

// UnknownError means that no scenario has the name asked for.
type UnknownError struct {
	Name  string
	Known []string
}

func (e *UnknownError) Error() string {
	return fmt.Sprintf("no runbook is called %q: choose one of %s", e.Name, strings.Join(e.Known, ", "))
}

// Names returns the scenarios' names, in the order of [Scenarios].
func Names() []string {
	var names []string
	for _, s := range Scenarios() {
		names = append(names, s.Name)
	}
	return names
}

// Lookup returns the scenario called name, or an [*UnknownError].
func Lookup(name string) (Scenario, error) {
	for _, s := range Scenarios() {
		if s.Name == name {
			return s, nil
		}
	}
	return Scenario{}, &UnknownError{Name: name, Known: Names()}
}

// Fill puts f into s. Every fact passes filter.Text here, the one door
// through which facts enter a runbook: they came from a manifest, a log or
// the command line, and a forged name must not repaint the terminal or
// the page it is shown on.
func Fill(s Scenario, f Facts) *Runbook {
	f = f.filtered()
	r := strings.NewReplacer(placeholders(s.Name, f, nil)...)
	// A command is copied into a shell: its facts are quoted there, so
	// that "set 2026/manifest.json" stays one argument.
	rc := strings.NewReplacer(placeholders(s.Name, f, ShellQuote)...)
	rb := &Runbook{Scenario: Scenario{Name: s.Name, Title: r.Replace(s.Title), Guidance: r.Replace(s.Guidance)}}
	for _, role := range s.Roles {
		role.Duty = r.Replace(role.Duty)
		if role.Role == "Custodians" && len(f.Custodians) > 0 {
			role.Who = fmt.Sprintf("any %d of: %s", f.Threshold, strings.Join(f.Custodians, ", "))
		}
		rb.Roles = append(rb.Roles, role)
	}
	for _, b := range s.Bring {
		rb.Bring = append(rb.Bring, r.Replace(b))
	}
	for _, st := range s.Steps {
		st.Title, st.Do, st.Command, st.Console = r.Replace(st.Title), r.Replace(st.Do), rc.Replace(st.Command), r.Replace(st.Console)
		var write []string
		for _, w := range st.Write {
			write = append(write, r.Replace(w))
		}
		st.Write = write
		rb.Steps = append(rb.Steps, st)
	}
	rb.Facts = facts(f)
	rb.Kit = append(rb.Kit, f.Kit...)
	rb.Exceptions = []string{"Time", "Who left", "What was taken out", "Who returned", "What was brought back"}
	rb.ExceptionRows = 6
	rb.ExceptionCommands = []string{
		rc.Replace(`quorum record --log {log} --event left-room --by NAME --item "WHAT WAS TAKEN OUT" --run RUN`),
		rc.Replace(`quorum record --log {log} --event returned --by NAME --item "WHAT WAS BROUGHT BACK" --run RUN`),
	}
	rb.Lessons = "What went wrong, what to improve"
	rb.LessonsNote = r.Replace("Every step done wrongly or with an unexpected result, and how to change this runbook so that it goes right next time. " +
		"Give the main lesson to 'quorum runbook end RUN --log {log} --outcome done|aborted --lesson TEXT' and " +
		"change the published runbook before the next run.")
	return rb
}

// facts returns the facts shown at the top of a runbook.
func facts(f Facts) []Fact {
	var out []Fact
	add := func(label, value, missing string) {
		if value == "" {
			value = missing
		}
		out = append(out, Fact{label, value})
	}
	add("Set", f.Label, "(the label on the ceremony record)")
	add("Set fingerprint", f.Fingerprint, "(on the ceremony record: every check is pinned to it)")
	kofn := ""
	if f.Threshold > 0 {
		kofn = fmt.Sprintf("any %d of %d shares rebuild the secret", f.Threshold, f.Shares)
	}
	add("Threshold", kofn, "(k of n, on the ceremony record)")
	var cs []string
	for i, c := range f.Custodians {
		cs = append(cs, fmt.Sprintf("%d %s", i+1, c))
	}
	add("Custodians", strings.Join(cs, ", "), "(on the ceremony record)")
	add("Manifest", f.Manifest, "MANIFEST: the set's manifest.json")
	add("Access log", f.Log, "LOG: the access log")
	return out
}

// placeholders returns the replacer's pairs: each placeholder and what
// stands in its place, the fact when it is known, else a word in
// capitals that the reader replaces. quote, when not nil, is applied to
// the facts a command takes as arguments: paths and the kit's IDs.
func placeholders(scenario string, f Facts, quote func(string) string) []string {
	if quote == nil {
		quote = func(s string) string { return s }
	}
	or := func(v, missing string) string {
		if v == "" {
			return missing
		}
		return quote(v)
	}
	k, n := "k", "n"
	if f.Threshold > 0 {
		k, n = fmt.Sprint(f.Threshold), fmt.Sprint(f.Shares)
	}
	set := "the set"
	if f.Label != "" {
		set = fmt.Sprintf("the set “%s”", f.Label)
	}
	fp := or(f.Fingerprint, "on the ceremony record")
	pairs := []string{
		"{scenario}", scenario,
		"{manifest}", or(f.Manifest, "MANIFEST"),
		"{log}", or(f.Log, "LOG"),
		"{k}", k,
		"{n}", n,
		"{set}", set,
		"{fingerprint}", fp,
	}
	// The kit's items, by kind: the first of each names it in the text,
	// with its place; the kit work fills them from the log.
	for _, kind := range []struct{ kind, key, words, id string }{
		{"mfa-device", "mfa", "the MFA device", "MFA-ID"},
		{"phone", "phone", "the dedicated phone and SIM", "PHONE-ID"},
		{"email", "email", "the group email address", "EMAIL-ID"},
	} {
		words, id := kind.words, kind.id
		for _, it := range f.Kit {
			if it.Kind == kind.kind {
				words, id = fmt.Sprintf("%s %s (kept in %s)", kind.words, it.ID, it.Place), quote(it.ID)
				break
			}
		}
		pairs = append(pairs, "{"+kind.key+"}", words, "{"+kind.key+"-id}", id)
	}
	return pairs
}

// ShellQuote writes s as one word of a POSIX shell: as it is when every
// character is one no shell reads specially, else in single quotes, where
// nothing is special but a single quote, which ends the quoting, is
// written escaped (\') and starts it again. Plain paths stay unquoted, so
// that a printed command reads as the person would type it. It is the one
// quoting of a value in a command quorum prints: the runbooks', and the
// hints that name a command to run next.
func ShellQuote(s string) string {
	if s != "" && strings.Trim(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_@%+=:,./-") == "" {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

// filtered returns f with every string passed through filter.Text.
func (f Facts) filtered() Facts {
	g := f
	g.Label, g.Fingerprint, g.Manifest, g.Log = filter.Text(f.Label), filter.Text(f.Fingerprint), filter.Text(f.Manifest), filter.Text(f.Log)
	g.Custodians = nil
	for _, c := range f.Custodians {
		g.Custodians = append(g.Custodians, filter.Text(c))
	}
	g.Kit = nil
	for _, it := range f.Kit {
		g.Kit = append(g.Kit, KitItem{ID: filter.Text(it.ID), Kind: filter.Text(it.Kind), Place: filter.Text(it.Place)})
	}
	return g
}
