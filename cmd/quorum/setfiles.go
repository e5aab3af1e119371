package main

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

// newSetPlan is what split and reshare check before any secret is read or
// any share opened, so that everything that can be refused is refused
// first: the custodians and the threshold, the label, the paper and the
// output folder.
type newSetPlan struct {
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

// planNewSet checks a new set's options; outputDir "" is not checked.
func planNewSet(streams *IOStreams, custodiansFile string, k int, allowAllRequired bool, label, paper, outputDir string) (*newSetPlan, error) {
	cs, recipients, err := loadCustodians(streams, custodiansFile, k, allowAllRequired)
	if err != nil {
		return nil, err
	}
	if err := share.ValidateLabel(label); err != nil {
		return nil, usagef("%v", err)
	}
	p, err := print.ParsePaper(paper)
	if err != nil {
		return nil, usagef("%v", err)
	}
	if outputDir != "" {
		if err := newfile.CheckDir(outputDir); err != nil {
			return nil, err
		}
	}
	if k == len(cs) {
		streams.warnf("%d-of-%d: every custodian is required; one lost sheet or one absence loses the secret", k, len(cs))
	}
	return &newSetPlan{custodians: cs, recipients: recipients, paper: p}, nil
}

// loadCustodians reads the custodians file and checks the threshold
// policy. Passphrase custodians' recipients are left nil, for
// askPassphrases to fill in once the secret is in.
func loadCustodians(streams *IOStreams, file string, k int, allowAllRequired bool) ([]custodian.Custodian, []split.Custodian, error) {
	data, err := readInput(streams, file)
	if err != nil {
		return nil, nil, err
	}
	cs, err := custodian.Parse(data)
	if err != nil {
		return nil, nil, &sourceError{file, err}
	}
	if err := split.CheckPolicy(k, len(cs), allowAllRequired); err != nil {
		return nil, nil, err
	}
	recipients := make([]split.Custodian, len(cs))
	for i, c := range cs {
		r := split.Custodian{Name: c.Name, Kind: c.Kind, Fingerprint: c.Fingerprint()}
		if c.Kind != share.KindPassphrase {
			r.Recipient, _, err = seal.ParseRecipient(c.Recipient, streams.pluginUI())
			if err != nil {
				return nil, nil, &sourceError{file, &custodian.LineError{Line: c.Line, Err: err}}
			}
		}
		recipients[i] = r
	}
	return cs, recipients, nil
}

// askPassphrases asks each passphrase custodian for theirs, or makes one.
func askPassphrases(streams *IOStreams, cs []custodian.Custodian, recipients []split.Custodian) error {
	for i, c := range cs {
		if c.Kind != share.KindPassphrase {
			continue
		}
		r, err := custodianPassphrase(streams, c.Name, i+1, len(cs))
		if err != nil {
			return err
		}
		recipients[i].Recipient = r
	}
	return nil
}

// writeSet writes a new set's share files, manifest.json and sheets.pdf
// (the ceremony record first, every QR code read back) into dir, or
// quorum-FINGERPRINT when dir is "", through a staging directory, and
// returns the directory's name.
func writeSet(streams *IOStreams, set *split.Set, dir string, plan *newSetPlan) (string, error) {
	files, err := renderSet(streams, set, dir, plan)
	if err != nil {
		return "", err
	}
	if err := newfile.WriteDir(files.dir, files.names, files.contents); err != nil {
		return "", err
	}
	return files.dir, nil
}

// setFiles is a new set's directory, made and read back but not yet
// written: its name, and its files in the order they are written.
type setFiles struct {
	dir      string
	names    []string
	contents map[string][]byte
}

// renderSet makes what writeSet writes, so that split can write it
// together with another file (--generate-output).
func renderSet(streams *IOStreams, set *split.Set, dir string, plan *newSetPlan) (*setFiles, error) {
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
		Paper: plan.paper, Manifest: set.Manifest, Record: true, Date: streams.Now(),
		Plugins: plan.plugins(), Kit: plan.kit,
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
