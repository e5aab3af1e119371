package seal

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"filippo.io/age"
	"filippo.io/age/plugin"
)

// maxPluginTries is how often a plugin that fails after asking a secret (a
// wrong PIN, most likely) is run again: as often as a wrong passphrase is
// asked again.
const maxPluginTries = 3

// PluginFailure says how a plugin failed, for [PluginError].
type PluginFailure int

const (
	// PluginFailed: the plugin reported an error, which Err holds.
	PluginFailed PluginFailure = iota
	// PluginMissing: the program age-plugin-NAME is not on PATH.
	PluginMissing
	// PluginStopped: the plugin ended in the middle of the protocol,
	// without an answer (it crashed, or the token was pulled out).
	PluginStopped
	// PluginRefused: the person answered no to the plugin's confirmation.
	PluginRefused
	// PluginUnanswered: the plugin asked something that could not be put
	// to the person (no terminal) or that was not answered.
	PluginUnanswered
)

// PluginError means that an age plugin did not seal or open a share. It
// names the plugin, whose program is age-plugin-NAME; the caller names the
// share and its custodian. Question and the text of Err come from the
// plugin: Error filters them.
type PluginError struct {
	Plugin   string
	Failure  PluginFailure
	Question string // the confirmation refused, or the question unanswered
	Err      error  // what went wrong, as age's plugin client says it
}

func (e *PluginError) Error() string {
	name := pluginText(e.Plugin)
	switch e.Failure {
	case PluginMissing:
		return fmt.Sprintf("age-plugin-%s is not installed: it is not on PATH", name)
	case PluginStopped:
		return fmt.Sprintf("age-plugin-%s stopped before it answered", name)
	case PluginRefused:
		return fmt.Sprintf("refused: the %s plugin asked %q and the answer was no", name, pluginText(e.Question))
	case PluginUnanswered:
		return fmt.Sprintf("the %s plugin asked %q, which was not answered: %v", name, pluginText(e.Question), e.Err)
	}
	return fmt.Sprintf("the %s plugin failed: %s", name, pluginText(e.message()))
}

// message is Err without age's "NAME plugin: " in front.
func (e *PluginError) message() string {
	return strings.TrimPrefix(e.Err.Error(), e.Plugin+" plugin: ")
}

func (e *PluginError) Unwrap() error { return e.Err }

// PluginName returns the name of the plugin a recipient (age1name1…)
// names, or "" if it names none.
func PluginName(recipient string) string {
	name, _, err := plugin.ParseRecipient(recipient)
	if err != nil {
		return ""
	}
	return name
}

// failure turns the end of a plugin run into a *PluginError, or nil if the
// run opened the share, or was not for this share (age.ErrIncorrectIdentity).
// A "no" is a refusal whatever the plugin then did: the person decides.
func (run *pluginRun) failure(name string, err error) *PluginError {
	var notFound *plugin.NotFoundError
	switch {
	case run.refused != "":
		return &PluginError{Plugin: name, Failure: PluginRefused, Question: run.refused, Err: err}
	case err == nil, errors.Is(err, age.ErrIncorrectIdentity):
		return nil
	case errors.As(err, &notFound):
		return &PluginError{Plugin: name, Failure: PluginMissing, Err: err}
	case run.unanswered != "":
		return &PluginError{Plugin: name, Failure: PluginUnanswered, Question: run.unanswered, Err: run.why}
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		return &PluginError{Plugin: name, Failure: PluginStopped, Err: err}
	}
	return &PluginError{Plugin: name, Failure: PluginFailed, Err: err}
}

// pluginRecipient seals through a plugin, with a fresh run of the UI for
// each seal.
type pluginRecipient struct {
	recipient, name string
	ui              *PluginUI
}

func newPluginRecipient(s string, ui *PluginUI) (*pluginRecipient, error) {
	r, err := plugin.NewRecipient(s, nil)
	if err != nil {
		return nil, err
	}
	return &pluginRecipient{recipient: s, name: r.Name(), ui: ui}, nil
}

func (r *pluginRecipient) Wrap(fileKey []byte) ([]*age.Stanza, error) {
	stanzas, _, err := r.WrapWithLabels(fileKey)
	return stanzas, err
}

// WrapWithLabels passes on the labels of age.RecipientWithLabels, which
// the plugin protocol carries.
func (r *pluginRecipient) WrapWithLabels(fileKey []byte) ([]*age.Stanza, []string, error) {
	var run pluginRun
	pr, err := plugin.NewRecipient(r.recipient, r.ui.client(&run))
	if err != nil {
		return nil, nil, err
	}
	stanzas, labels, err := pr.WrapWithLabels(fileKey)
	if perr := run.failure(r.name, err); perr != nil {
		return nil, nil, perr
	}
	return stanzas, labels, err
}

func (r *pluginRecipient) String() string { return r.recipient }

// pluginIdentity opens through a plugin, with a fresh run of the UI each
// time, and runs the plugin again after a wrong PIN.
type pluginIdentity struct {
	// key is the AGE-PLUGIN-… line: age's API takes it as a string,
	// which cannot be wiped. For a hardware key it names the key on the
	// token rather than holding it.
	key  string
	name string
	ui   *PluginUI
}

func newPluginIdentity(s string, ui *PluginUI) (*pluginIdentity, error) {
	id, err := plugin.NewIdentity(s, nil)
	if err != nil {
		return nil, err
	}
	return &pluginIdentity{key: s, name: id.Name(), ui: ui}, nil
}

func (i *pluginIdentity) Unwrap(stanzas []*age.Stanza) ([]byte, error) {
	for try := 1; ; try++ {
		var run pluginRun
		id, err := plugin.NewIdentity(i.key, i.ui.client(&run))
		if err != nil {
			return nil, err
		}
		fileKey, err := id.Unwrap(stanzas)
		perr := run.failure(i.name, err)
		if perr == nil {
			return fileKey, err
		}
		clear(fileKey)
		if perr.Failure != PluginFailed || !run.askedSecret || try == maxPluginTries {
			return nil, perr
		}
		i.ui.say(fmt.Sprintf("%s plugin: %s; try again", pluginText(i.name), pluginText(perr.message())))
	}
}

// Format keeps the identity out of any %v.
func (i *pluginIdentity) Format(f fmt.State, _ rune) {
	fmt.Fprintf(f, "age plugin identity (%s)", i.name)
}
