package seal

import (
	"errors"
	"fmt"
	"strings"

	"filippo.io/age/plugin"
)

// Prompter asks the user for a secret on the terminal, without echo. The
// caller of Secret wipes the bytes it returns. cmd implements it with
// internal/term; tests with fixed answers.
type Prompter interface {
	Secret(prompt string) ([]byte, error)
}

// PluginUI returns a [plugin.ClientUI] through which age plugins talk to the
// user: questions go to p, messages to message. Either may be nil: then a
// plugin's question fails (the plugin is told, and gives up) and its
// messages are dropped.
func PluginUI(p Prompter, message func(msg string)) *plugin.ClientUI {
	say := func(string) {}
	if message != nil {
		say = message
	}
	ask := func(prompt string) ([]byte, error) {
		if p == nil {
			return nil, errors.New("no terminal to ask on")
		}
		return p.Secret(prompt)
	}
	return &plugin.ClientUI{
		DisplayMessage: func(name, msg string) error {
			say(fmt.Sprintf("%s plugin: %s", name, msg))
			return nil
		},
		// A Prompter reads without echo, so a public value is typed blind
		// too: one small interface is worth that.
		RequestValue: func(name, prompt string, _ bool) (string, error) {
			v, err := ask(fmt.Sprintf("%s plugin: %s", name, prompt))
			defer clear(v)
			if err != nil {
				return "", err
			}
			// The plugin protocol takes a string, which we cannot wipe.
			return string(v), nil
		},
		Confirm: func(name, prompt, yes, no string) (bool, error) {
			if no == "" {
				v, err := ask(fmt.Sprintf("%s plugin: %s (press enter for %q)", name, prompt, yes))
				clear(v)
				return err == nil, err
			}
			for range 3 {
				v, err := ask(fmt.Sprintf("%s plugin: %s (type 1 for %q or 2 for %q)", name, prompt, yes, no))
				if err != nil {
					return false, err
				}
				choice := strings.TrimSpace(string(v))
				clear(v)
				switch choice {
				case "1":
					return true, nil
				case "2":
					return false, nil
				}
			}
			return false, errors.New("no choice made")
		},
		WaitTimer: func(name string) {
			say(fmt.Sprintf("waiting on %s plugin...", name))
		},
	}
}

// uiOrSilent returns ui, or a UI that cannot talk to the user if ui is nil,
// since age's plugin client calls through the pointer.
func uiOrSilent(ui *plugin.ClientUI) *plugin.ClientUI {
	if ui == nil {
		return PluginUI(nil, nil)
	}
	return ui
}
