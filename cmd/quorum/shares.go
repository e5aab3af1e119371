package main

// Reading shares, pinning sets and opening shares: shared by every command
// that takes SHARE arguments.

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"filippo.io/age"
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"quorum/ceremony"
	"quorum/combine"
	"quorum/internal/filter"
	"quorum/internal/harden"
	"quorum/manifest"
	"quorum/seal"
	"quorum/share"
)

// readLimited and readInput are ceremony's, for the commands that read
// files of their own (secrets, manifests, logs).
func readLimited(r io.Reader, name string) ([]byte, error) { return ceremony.ReadLimited(r, name) }

func readInput(streams *IOStreams, name string) ([]byte, error) {
	return ceremony.ReadInput(streams.env(), name)
}

// sourceError names the file that the commands still in cmd could not
// read; ceremony.SourceError is the same for what ceremony reads.
type sourceError struct {
	Source string
	Err    error
}

func (e *sourceError) Error() string { return fmt.Sprintf("%s: %v", e.Source, e.Err) }
func (e *sourceError) Unwrap() error { return e.Err }

// addTypeFlag registers --type on a command that takes SHARE arguments:
// every such command reads shares with readShares(streams, args, *p).
func addTypeFlag(fs *pflag.FlagSet, p *bool) {
	fs.BoolVar(p, "type", false, "type a sheet's text on the terminal, line by line, as printed under its QR code; several sheets one after another")
}

// readShares reads every SHARE argument (ceremony.ReadShares).
func readShares(streams *IOStreams, args []string, typed bool) ([]combine.Input, error) {
	return ceremony.ReadShares(streams.env(), args, typed)
}

// sharesArgs is the Args rule of a command that takes SHARE arguments:
// at least one, or none when the shares are typed (--type).
func sharesArgs(typed *bool) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if len(args) == 0 && !*typed {
			return usagef("give at least one SHARE, or --type to type sheets on the terminal")
		}
		return nil
	}
}

// pin returns the pinned fingerprint from --set or -m, and the manifest
// when one was given.
func pin(streams *IOStreams, set, manifestFile string) (share.Fingerprint, *manifest.Manifest, error) {
	switch {
	case set != "" && manifestFile != "":
		return "", nil, usagef("--set and -m both pin the set: give one")
	case set != "":
		fp, err := share.ParseFingerprint(set)
		if err != nil {
			return "", nil, usagef("%v", err)
		}
		return fp, nil, nil
	case manifestFile != "":
		data, err := readInput(streams, manifestFile)
		if err != nil {
			return "", nil, err
		}
		m, err := manifest.Parse(data)
		if err != nil {
			return "", nil, &sourceError{manifestFile, err}
		}
		fp, err := m.Fingerprint()
		return fp, m, err
	}
	return "", nil, nil
}

// rebuilt is a set rebuilt from k shares: the opened payloads and the
// secret, locked against swapping, for the caller to wipe.
type rebuilt struct {
	set      *combine.Set
	payloads [][]byte
	secret   []byte
}

func (r *rebuilt) wipe() {
	for _, p := range r.payloads {
		clear(p)
	}
	clear(r.secret)
}

// rebuildSet does what combine and reshare both begin with: pin the set
// (--set or -m), read the SHARE arguments, check them, open them with the
// -i identities and rebuild the secret, which passed the integrity check.
func rebuildSet(streams *IOStreams, setFP, manifestFile string, args []string, typed bool, identities []string) (*rebuilt, error) {
	pinned, _, err := pin(streams, setFP, manifestFile)
	if err != nil {
		return nil, err
	}
	inputs, err := readShares(streams, args, typed)
	if err != nil {
		return nil, err
	}
	if err := setTypo(setFP, pinned, inputs); err != nil {
		return nil, err
	}
	set, err := combine.Select(inputs, pinned)
	if err != nil {
		return nil, err
	}
	sayPinned(streams, set)
	if manifestFile != "" {
		// Whoever holds the shares' safe may hold a manifest beside them
		// that they made themselves, re-signed under a set key of their
		// own (SECURITY.md): -m proves the set only when the manifest was
		// kept apart from the safe, with the ceremony record.
		streams.warnf("the set is pinned by the manifest alone: that proves it only if the manifest was kept apart from the shares, with the signed ceremony record")
		streams.hintf("compare the fingerprint above with the ceremony record, or pin the set with --set FINGERPRINT from it")
	}
	ids, err := loadIdentities(streams, identities)
	if err != nil {
		return nil, err
	}
	r := &rebuilt{set: set}
	if r.payloads, err = set.Open(opener(streams, ids)); err != nil {
		return nil, err
	}
	for _, p := range r.payloads {
		harden.Lock(p)
	}
	if r.secret, err = set.Rebuild(r.payloads); err != nil {
		r.wipe()
		return nil, err
	}
	harden.Lock(r.secret)
	return r, nil
}

// sayPinned tells which set was used, and warns when it was not pinned:
// a consistent forged set would pass every other check (SECURITY.md).
func sayPinned(streams *IOStreams, set *combine.Set) {
	if set.Pinned {
		streams.infof("set %s%s, pinned", set.Fingerprint, labelSuffix(set.Label))
		return
	}
	streams.infof("set %s%s", set.Fingerprint, labelSuffix(set.Label))
	streams.warnf("the set was not pinned: check that this fingerprint is the one on the signed ceremony record, or pass --set or -m")
}

// loadIdentities reads every -i file.
func loadIdentities(streams *IOStreams, files []string) ([]age.Identity, error) {
	var ids []age.Identity
	for _, name := range files {
		data, err := readInput(streams, name)
		if err != nil {
			return nil, err
		}
		var pub []byte
		if p, err := os.ReadFile(name + ".pub"); err == nil {
			pub = p
		}
		got, err := seal.ParseIdentities(name, data, pub, streams.prompter(), streams.pluginUI())
		clear(data)
		if err != nil {
			return nil, err
		}
		ids = append(ids, got...)
	}
	return ids, nil
}

// opener returns the function that opens one share: with the identities
// given, and for a passphrase share with a passphrase typed by its
// custodian, asked only for that share.
func opener(streams *IOStreams, ids []age.Identity) func(combine.Input) ([]byte, error) {
	return func(in combine.Input) ([]byte, error) {
		s := in.Share
		// A new slice, which a plugin's questions head with the share.
		all := seal.ForShare(ids, fmt.Sprintf("share %d (%s)", s.Index, s.Custodian))
		if s.Kind == share.KindPassphrase {
			all = append(all, seal.PassphraseIdentity(func() ([]byte, error) {
				if !streams.Term.Available() {
					return nil, errors.New("no terminal to type the custodian's passphrase on")
				}
				return streams.Term.Secret(fmt.Sprintf("passphrase for share %d of %d (%s):", s.Index, s.Shares, s.Custodian))
			}))
		}
		payload, err := seal.Open(s.Sealed, all...)
		// A custodian who mistypes a passphrase, the share's or their key
		// file's, types it again, rather than make everyone start over
		// (ask.go): the identities already unlocked stay unlocked.
		var idpe *seal.IdentityPassphraseError
		for try := 2; try <= maxTries && streams.Term.Available(); try++ {
			switch {
			case errors.Is(err, seal.ErrWrongPassphrase):
				streams.Term.Show("wrong passphrase for share %d (%s); try again\n", s.Index, filter.Text(s.Custodian))
			case errors.As(err, &idpe):
				streams.Term.Show("%s; try again\n", filter.Text(idpe.Error()))
			default:
				return payload, err
			}
			payload, err = seal.Open(s.Sealed, all...)
		}
		return payload, err
	}
}

// termPrompter adapts the terminal to seal.Prompter.
type termPrompter struct{ t Terminal }

func (p termPrompter) Secret(prompt string) ([]byte, error) {
	if !p.t.Available() {
		return nil, fmt.Errorf("no terminal to ask %q on", strings.TrimSuffix(prompt, ":"))
	}
	return p.t.Secret(prompt)
}

func (streams *IOStreams) prompter() seal.Prompter { return termPrompter{streams.Term} }

// pluginUI is the one way age plugins (hardware keys) talk to the person,
// for every command: seal's PluginUI, with questions on the terminal and a
// plugin's messages, filtered by seal, on standard error.
func (streams *IOStreams) pluginUI() *seal.PluginUI {
	return seal.NewPluginUI(pluginPerson{streams})
}

// pluginPerson is the person at the terminal, as seal.PluginUI reaches them.
type pluginPerson struct{ streams *IOStreams }

func (p pluginPerson) Secret(prompt string) ([]byte, error) {
	if !p.streams.Term.Available() {
		return nil, errors.New("no terminal to answer on")
	}
	return p.streams.Term.Secret(prompt)
}

func (p pluginPerson) Message(msg string) { p.streams.infof("%s", msg) }

func labelSuffix(label string) string {
	if label == "" {
		return ""
	}
	return " " + quote(label)
}
