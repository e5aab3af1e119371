package seal

// How an age plugin (a hardware key) talks to the person at the laptop:
// the one plugin UI of quorum, for every command that seals or opens.
//   - A plugin's text (its messages, prompts, choices and errors) is
//     outside text: it goes through pluginText, and so internal/filter,
//     before it reaches anyone.
//   - A secret value (a PIN) is read hidden, and wiped once handed on.
//   - A confirmation is put to the person, never answered for them; with
//     nobody to ask, the question fails and the share is not opened.
//   - What the person was asked and answered is noted for the run, so that
//     a "no" is reported as refused and a plugin that fails after asking
//     a secret (a wrong PIN) is run again, as a wrong passphrase is asked
//     again (plugin.go).

import (
	"errors"
	"fmt"
	"strings"

	"filippo.io/age"
	"filippo.io/age/plugin"

	"quorum/internal/filter"
)

// Prompter asks the user for a secret on the terminal, without echo. The
// caller of Secret wipes the bytes it returns. cmd implements it with
// internal/term; tests with fixed answers.
type Prompter interface {
	Secret(prompt string) ([]byte, error)
}

// Person is the person an age plugin talks to through a [PluginUI]: a
// [Prompter] for the questions, typed hidden, and Message for what the
// plugin shows. Message may be called from another goroutine (a plugin
// that waits for a touch). cmd implements it with the terminal.
type Person interface {
	Prompter
	Message(msg string)
}

// PluginUI is how age plugins talk to the person while they seal or open a
// share. [ParseRecipient] and [ParseIdentities] take it; nil means nobody
// is there: a plugin's question then fails, and its messages are dropped.
type PluginUI struct {
	person Person
	share  string // "share 3 (erin)", before every prompt and message; "" for none
}

// NewPluginUI returns the plugin UI that puts every question to p and shows
// every message through it.
func NewPluginUI(p Person) *PluginUI {
	return &PluginUI{person: p}
}

// maxChoiceTries is how often a confirmation is asked when the answer is
// neither choice, before it counts as not answered.
const maxChoiceTries = 3

// errNobody is the failure of a question when there is no one to ask.
var errNobody = errors.New("no terminal to ask on")

// pluginRun notes what one run of a plugin asked the person, and how it
// went, for [pluginRun.failure].
type pluginRun struct {
	askedSecret bool   // a secret value (a PIN) was asked and given
	refused     string // the confirmation the person answered no to
	unanswered  string // the question that could not be put, or answered
	why         error  // why not
}

// ForShare returns ids with the questions and messages of every plugin
// identity among them headed by share (say "share 3 (erin)"): with several
// custodians' tokens at the laptop, each must know whose PIN is asked.
func ForShare(ids []age.Identity, share string) []age.Identity {
	out := make([]age.Identity, len(ids))
	for i, id := range ids {
		if p, ok := id.(*pluginIdentity); ok && p.ui != nil {
			c := *p
			c.ui = &PluginUI{person: p.ui.person, share: pluginText(share)}
			id = &c
		}
		out[i] = id
	}
	return out
}

// headed puts the share, if one is set, before s.
func (u *PluginUI) headed(s string) string {
	if u.share == "" {
		return s
	}
	return u.share + ": " + s
}

// say shows msg to the person, if anyone is there. msg is filtered
// already.
func (u *PluginUI) say(msg string) {
	if u != nil && u.person != nil {
		u.person.Message(u.headed(msg))
	}
}

// ask puts a question to the person, hidden, noting in run when it could
// not be put or answered.
func (u *PluginUI) ask(run *pluginRun, question, prompt string) ([]byte, error) {
	if u == nil || u.person == nil {
		run.unanswered, run.why = question, errNobody
		return nil, errNobody
	}
	v, err := u.person.Secret(u.headed(prompt))
	if err != nil {
		clear(v)
		run.unanswered, run.why = question, err
		return nil, err
	}
	return v, nil
}

// client returns age's callbacks for one run of a plugin, noting in run
// what happened.
func (u *PluginUI) client(run *pluginRun) *plugin.ClientUI {
	return &plugin.ClientUI{
		DisplayMessage: func(name, msg string) error {
			u.say(fmt.Sprintf("%s plugin: %s", pluginText(name), pluginText(msg)))
			return nil
		},
		// A Prompter reads without echo, so a public value is typed blind
		// too: one small interface is worth that.
		RequestValue: func(name, prompt string, secret bool) (string, error) {
			q := pluginText(prompt)
			v, err := u.ask(run, q, fmt.Sprintf("%s plugin: %s", pluginText(name), q))
			defer clear(v)
			if err != nil {
				return "", err
			}
			run.askedSecret = run.askedSecret || secret
			// age's plugin client takes the value as a string, which
			// cannot be wiped; our copy is.
			return string(v), nil
		},
		Confirm: func(name, prompt, yes, no string) (bool, error) {
			return u.confirm(run, pluginText(name), pluginText(prompt), pluginText(yes), pluginText(no))
		},
		WaitTimer: func(name string) {
			u.say(fmt.Sprintf("waiting on the %s plugin: does the hardware key want a touch?", pluginText(name)))
		},
	}
}

// confirm puts a plugin's question to the person, who types 1 or the yes
// choice, 2 or the no choice (hidden, as every question here is, so the
// answer is then shown). A question with only a yes choice is
// acknowledged with Enter.
func (u *PluginUI) confirm(run *pluginRun, name, prompt, yes, no string) (bool, error) {
	if no == "" {
		v, err := u.ask(run, prompt, fmt.Sprintf("%s plugin: %s (press Enter for %q)", name, prompt, yes))
		clear(v)
		return err == nil, err
	}
	for range maxChoiceTries {
		v, err := u.ask(run, prompt, fmt.Sprintf("%s plugin: %s (type 1 for %q or 2 for %q, then Enter)", name, prompt, yes, no))
		if err != nil {
			return false, err
		}
		choice := strings.TrimSpace(string(v))
		clear(v)
		switch {
		case choice == "1" || strings.EqualFold(choice, yes):
			u.say(fmt.Sprintf("%s plugin: you answered %q", name, yes))
			return true, nil
		case choice == "2" || strings.EqualFold(choice, no):
			u.say(fmt.Sprintf("%s plugin: you answered %q", name, no))
			run.refused = prompt
			return false, nil
		}
		u.say(fmt.Sprintf("%s plugin: type 1 or 2", name))
	}
	run.unanswered, run.why = prompt, errors.New("neither choice was typed")
	return false, run.why
}

// maxPluginText bounds what a plugin may show in one message or prompt:
// a plugin's text is a line, not a screenful.
const maxPluginText = 300

// pluginText makes text that came from a plugin safe to show, with the
// project's one filter for outside text (no control, format or bidi
// characters, which could move the cursor, hide text or reorder it), cut
// to one line of bounded length.
func pluginText(s string) string {
	if r := []rune(s); len(r) > maxPluginText {
		s = string(r[:maxPluginText]) + "…"
	}
	return filter.Text(s)
}
