package ceremony

// Rebuilding a set, as combine and reshare begin, and the parts that drill,
// verify and review share: pinning the set (--set or -m), loading the -i
// identities, and opening a share with them or with its custodian's
// passphrase, asked again after a slip.

import (
	"errors"
	"fmt"
	"os"
	"strings"

	"filippo.io/age"

	"quorum/combine"
	"quorum/internal/harden"
	"quorum/manifest"
	"quorum/seal"
	"quorum/share"
)

// Source is where a ceremony's shares come from, and what opens them: the
// flags every command that takes SHARE arguments shares.
type Source struct {
	Set        string   // the pinned set's fingerprint (--set), from the ceremony record
	Manifest   string   // the pinned set's manifest.json (-m)
	Shares     []string // the SHARE arguments: files, scans, "-" for standard input
	Type       bool     // sheets typed on the terminal too (--type)
	Identities []string // the -i identity files
}

// Pin returns the fingerprint pinned by set (--set) or manifestFile (-m),
// and the manifest when one was given; "" and nil when neither was.
func Pin(env *Env, set, manifestFile string) (share.Fingerprint, *manifest.Manifest, error) {
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
		data, err := ReadInput(env, manifestFile)
		if err != nil {
			return "", nil, err
		}
		m, err := manifest.Parse(data)
		if err != nil {
			return "", nil, &SourceError{manifestFile, err}
		}
		fp, err := m.Fingerprint()
		return fp, m, err
	}
	return "", nil, nil
}

// Rebuilt is a set rebuilt from k shares: the opened payloads and the
// secret, locked against swapping, for the caller to [Rebuilt.Wipe].
type Rebuilt struct {
	Set      *combine.Set
	Payloads [][]byte
	Secret   []byte
}

// Wipe clears the payloads and the secret.
func (r *Rebuilt) Wipe() {
	for _, p := range r.Payloads {
		clear(p)
	}
	clear(r.Secret)
}

// String keeps the secret out of any log line or error that prints r.
func (r *Rebuilt) String() string { return "[redacted]" }

// Rebuild does what combine and reshare both begin with: pin the set,
// read the SHARE arguments, check them, open them with the identities and
// rebuild the secret, which passed the integrity check.
func Rebuild(env *Env, src Source) (*Rebuilt, error) {
	pinned, _, err := Pin(env, src.Set, src.Manifest)
	if err != nil {
		return nil, err
	}
	inputs, err := ReadShares(env, src.Shares, src.Type)
	if err != nil {
		return nil, err
	}
	if err := SetTypo(src.Set, pinned, inputs); err != nil {
		return nil, err
	}
	set, err := combine.Select(inputs, pinned)
	if err != nil {
		return nil, err
	}
	sayPinned(env.UI, set)
	if src.Manifest != "" {
		// Whoever holds the shares' safe may hold a manifest beside them
		// that they made themselves, re-signed under a set key of their
		// own (SECURITY.md): -m proves the set only when the manifest was
		// kept apart from the safe, with the ceremony record.
		env.UI.Warn("the set is pinned by the manifest alone: that proves it only if the manifest was kept apart from the shares, with the signed ceremony record")
		env.UI.Hint("compare the fingerprint above with the ceremony record, or pin the set with --set FINGERPRINT from it")
	}
	ids, err := LoadIdentities(env, src.Identities)
	if err != nil {
		return nil, err
	}
	r := &Rebuilt{Set: set}
	if r.Payloads, err = set.Open(Opener(env, ids)); err != nil {
		return nil, err
	}
	for _, p := range r.Payloads {
		harden.Lock(p)
	}
	if r.Secret, err = set.Rebuild(r.Payloads); err != nil {
		r.Wipe()
		return nil, err
	}
	harden.Lock(r.Secret)
	return r, nil
}

// sayPinned tells which set was used, and warns when it was not pinned:
// a consistent forged set would pass every other check (SECURITY.md).
func sayPinned(ui UI, set *combine.Set) {
	if set.Pinned {
		ui.Info("set %s%s, pinned", set.Fingerprint, LabelSuffix(set.Label))
		return
	}
	ui.Info("set %s%s", set.Fingerprint, LabelSuffix(set.Label))
	ui.Warn("%s", notPinned)
}

// notPinned is the warning of every ceremony on a set nobody pinned.
const notPinned = "the set was not pinned: check that this fingerprint is the one on the signed ceremony record, or pass --set or -m"

// LabelSuffix is a set's label as a line names it, after its fingerprint.
// The UI filters the whole line.
func LabelSuffix(label string) string {
	if label == "" {
		return ""
	}
	return ` "` + label + `"`
}

// LoadIdentities reads every -i file: age, passphrase-protected age (its
// passphrase asked on the UI), SSH (with NAME.pub beside it), plugin.
func LoadIdentities(env *Env, files []string) ([]age.Identity, error) {
	var ids []age.Identity
	for _, name := range files {
		data, err := ReadInput(env, name)
		if err != nil {
			return nil, err
		}
		var pub []byte
		if p, err := os.ReadFile(name + ".pub"); err == nil {
			pub = p
		}
		got, err := seal.ParseIdentities(name, data, pub, prompter{env.UI}, PluginUI(env))
		clear(data)
		if err != nil {
			return nil, err
		}
		ids = append(ids, got...)
	}
	return ids, nil
}

// Opener returns the function that opens one share: with the identities
// given, and for a passphrase share with a passphrase typed by its
// custodian, asked only for that share.
func Opener(env *Env, ids []age.Identity) func(combine.Input) ([]byte, error) {
	ui := env.UI
	return func(in combine.Input) ([]byte, error) {
		s := in.Share
		// A new slice, which a plugin's questions head with the share.
		all := seal.ForShare(ids, fmt.Sprintf("share %d (%s)", s.Index, s.Custodian))
		if s.Kind == share.KindPassphrase {
			all = append(all, seal.PassphraseIdentity(func() ([]byte, error) {
				if !ui.Available() {
					return nil, errors.New("no terminal to type the custodian's passphrase on")
				}
				return ui.Secret(fmt.Sprintf("passphrase for share %d of %d (%s):", s.Index, s.Shares, s.Custodian))
			}))
		}
		payload, err := seal.Open(s.Sealed, all...)
		// A custodian who mistypes a passphrase, the share's or their key
		// file's, types it again, rather than make everyone start over:
		// the identities already unlocked stay unlocked.
		var idpe *seal.IdentityPassphraseError
		for try := 2; try <= maxTries && ui.Available(); try++ {
			switch {
			case errors.Is(err, seal.ErrWrongPassphrase):
				ui.Show("wrong passphrase for share %d (%s); try again\n", s.Index, s.Custodian)
			case errors.As(err, &idpe):
				ui.Show("%s; try again\n", idpe.Error())
			default:
				return payload, err
			}
			payload, err = seal.Open(s.Sealed, all...)
		}
		return payload, err
	}
}

// prompter is the UI as seal asks an identity file's passphrase.
type prompter struct{ ui UI }

func (p prompter) Secret(prompt string) ([]byte, error) {
	if !p.ui.Available() {
		return nil, fmt.Errorf("no terminal to ask %q on", strings.TrimSuffix(prompt, ":"))
	}
	return p.ui.Secret(prompt)
}

// PluginUI is the one way age plugins (hardware keys) talk to the person,
// for every command that seals or opens: seal's PluginUI, with questions
// asked on env.UI and a plugin's messages, filtered by seal, as Info lines.
func PluginUI(env *Env) *seal.PluginUI {
	return seal.NewPluginUI(pluginPerson{env.UI})
}

// pluginPerson is the person at the UI, as seal.PluginUI reaches them.
type pluginPerson struct{ ui UI }

func (p pluginPerson) Secret(prompt string) ([]byte, error) {
	if !p.ui.Available() {
		return nil, errors.New("no terminal to answer on")
	}
	return p.ui.Secret(prompt)
}

func (p pluginPerson) Message(msg string) { p.ui.Info("%s", msg) }
