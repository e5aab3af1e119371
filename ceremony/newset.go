package ceremony

// What split and reshare share: reading the custodians file, asking
// passphrase custodians for theirs, and writing a new set's directory, so
// that a set made by reshare is written exactly as one made by split.

import (
	"quorum/custodian"
	"quorum/internal/newfile"
	"quorum/print"
	"quorum/seal"
	"quorum/share"
	"quorum/split"
)

// NewSetOptions are what split and reshare ask of a new set.
type NewSetOptions struct {
	Custodians       string // the custodians file: NAME RECIPIENT a line
	Threshold        int    // k
	AllowAllRequired bool   // allow k = n
	Label            string
	Paper            string // of sheets.pdf: "a4" or "letter"
	OutputDir        string // new or empty; "" for quorum-FINGERPRINT
	Tool             string // what wrote the set, for the manifest and records: "quorum 1.4.0"
}

// NewSet is a new set, written: its shares, manifest and sheets are in Dir.
type NewSet struct {
	Set   *split.Set
	Dir   string
	Paper print.Paper
}

// newSetPlan is what split and reshare check before any secret is read or
// any share opened, so that everything that can be refused is refused
// first: the custodians and the threshold, the label, the paper and the
// output folder.
type newSetPlan struct {
	opts       *NewSetOptions
	custodians []custodian.Custodian
	recipients []split.Custodian
	paper      print.Paper
	kit        []print.KitItem // the root kit from the access log, for the record and the sheets
}

// plugins names the age plugin of each custodian sealed to one, by share
// index, for the sheets and the ceremony record.
func (p *newSetPlan) plugins() map[int]string {
	names := map[int]string{}
	for i, c := range p.custodians {
		if c.Kind == share.KindPlugin {
			names[i+1] = seal.PluginName(c.Recipient)
		}
	}
	return names
}

// planNewSet checks a new set's options.
func planNewSet(env *Env, o *NewSetOptions) (*newSetPlan, error) {
	cs, recipients, err := loadCustodians(env, o.Custodians, o.Threshold, o.AllowAllRequired)
	if err != nil {
		return nil, err
	}
	if err := share.ValidateLabel(o.Label); err != nil {
		return nil, usagef("%v", err)
	}
	p, err := print.ParsePaper(o.Paper)
	if err != nil {
		return nil, usagef("%v", err)
	}
	if o.OutputDir != "" {
		if err := newfile.CheckDir(o.OutputDir); err != nil {
			return nil, err
		}
	}
	if o.Threshold == len(cs) {
		env.UI.Warn("%d-of-%d: every custodian is required; one lost sheet or one absence loses the secret", o.Threshold, len(cs))
	}
	return &newSetPlan{opts: o, custodians: cs, recipients: recipients, paper: p}, nil
}

// loadCustodians reads the custodians file and checks the threshold
// policy. Passphrase custodians' recipients are left nil, for
// askPassphrases to fill in once the secret is in.
func loadCustodians(env *Env, file string, k int, allowAllRequired bool) ([]custodian.Custodian, []split.Custodian, error) {
	data, err := ReadInput(env, file)
	if err != nil {
		return nil, nil, err
	}
	cs, err := custodian.Parse(data)
	if err != nil {
		return nil, nil, &SourceError{file, err}
	}
	if err := split.CheckPolicy(k, len(cs), allowAllRequired); err != nil {
		return nil, nil, err
	}
	recipients := make([]split.Custodian, len(cs))
	for i, c := range cs {
		r := split.Custodian{Name: c.Name, Kind: c.Kind, Fingerprint: c.Fingerprint()}
		if c.Kind != share.KindPassphrase {
			r.Recipient, _, err = seal.ParseRecipient(c.Recipient, PluginUI(env))
			if err != nil {
				return nil, nil, &SourceError{file, &custodian.LineError{Line: c.Line, Err: err}}
			}
		}
		recipients[i] = r
	}
	return cs, recipients, nil
}

// askPassphrases asks each passphrase custodian for theirs, or makes one.
// Passphrase custodians type theirs last, once the secret is in, so that a
// mistake in the secret does not make them type twice.
func (p *newSetPlan) askPassphrases(env *Env) error {
	for i, c := range p.custodians {
		if c.Kind != share.KindPassphrase {
			continue
		}
		r, err := custodianPassphrase(env, c.Name, i+1, len(p.custodians))
		if err != nil {
			return err
		}
		p.recipients[i].Recipient = r
	}
	return nil
}

// split splits secret into the new set, self-tested in memory.
func (p *newSetPlan) split(env *Env, secret []byte, label string) (*split.Set, error) {
	return split.Split(split.Options{
		Secret: secret, Threshold: p.opts.Threshold, Label: label,
		Custodians: p.recipients, AllowAllRequired: p.opts.AllowAllRequired,
		Created: env.Now(), Rand: env.Rand, Tool: p.opts.Tool,
	})
}

// setFiles is a new set's directory, made and read back but not yet
// written: its name, and its files in the order they are written.
type setFiles struct {
	dir      string
	names    []string
	contents map[string][]byte
}

// render makes a new set's share files, manifest.json and sheets.pdf (the
// ceremony record first, every QR code read back), for dir, or
// quorum-FINGERPRINT when the options name none; split writes them with
// another file (--generate-output), reshare alone (write).
func (p *newSetPlan) render(env *Env, set *split.Set) (*setFiles, error) {
	dir := p.opts.OutputDir
	if dir == "" {
		dir = "quorum-" + string(set.Fingerprint)
	}
	files := map[string][]byte{}
	names := append([]string(nil), set.Files...)
	for i, s := range set.Shares {
		text, err := s.MarshalText()
		if err != nil {
			return nil, err
		}
		files[set.Files[i]] = text
	}
	m, err := set.Manifest.Marshal()
	if err != nil {
		return nil, err
	}
	files["manifest.json"] = m
	names = append(names, "manifest.json")
	doc, err := print.New(set.Shares, print.Options{
		Paper: p.paper, Manifest: set.Manifest, Record: true, Date: env.Now(),
		Plugins: p.plugins(), Kit: p.kit,
	})
	if err != nil {
		return nil, err
	}
	if files["sheets.pdf"], err = doc.PDF(); err != nil {
		return nil, err
	}
	names = append(names, "sheets.pdf")
	return &setFiles{dir: dir, names: names, contents: files}, nil
}

// write writes a new set's directory, through a staging directory.
func (p *newSetPlan) write(env *Env, set *split.Set) (*NewSet, error) {
	files, err := p.render(env, set)
	if err != nil {
		return nil, err
	}
	if err := newfile.WriteDir(files.dir, files.names, files.contents); err != nil {
		return nil, err
	}
	return &NewSet{Set: set, Dir: files.dir, Paper: p.paper}, nil
}
