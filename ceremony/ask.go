package ceremony

// Prompts that ask again: a person who mistypes is asked that one prompt
// again, and the rest of the ceremony keeps what was already entered. A
// mismatched confirmation, a passphrase too weak to seal to, a generated
// passphrase copied wrong, a wrong passphrase for a share or a key file:
// each gets maxTries tries, then the ceremony ends with a [*TriesError]
// before anything is written.

import (
	"bytes"
	"errors"
	"fmt"

	"filippo.io/age"

	"quorum/internal/harden"
	"quorum/seal"
)

// maxTries is how many times one prompt is asked: enough for slips, few
// enough that a forgotten passphrase ends the command soon, and that a
// stranger cannot guess at the laptop.
const maxTries = 3

// TriesError means that a prompt was answered maxTries times and no answer
// was taken; nothing was written.
type TriesError struct {
	What string // what was asked for: "paula's passphrase"
	Last error  // why the last answer was refused
}

func (e *TriesError) Error() string {
	return fmt.Sprintf("%s: %d tries, none taken; the last: %v", e.What, maxTries, e.Last)
}

func (e *TriesError) Unwrap() error { return e.Last }

// ErrMismatch means that a new secret and its confirmation differ.
var ErrMismatch = errors.New("the two entries differ")

// ErrNotAsShown means that a generated passphrase typed back from paper
// is not the one shown.
var ErrNotAsShown = errors.New("what was typed is not the passphrase shown")

// newSecret is a new secret, typed twice without echo.
type newSecret struct {
	what          string             // what it is, for the error
	prompt, again string             // the two prompts
	check         func([]byte) error // the rule it must meet, or nil; asked before the confirmation
	emptyOK       bool               // an empty first entry is returned at once ("empty for a generated one")
}

// askNewSecret asks for s until the two entries agree and s.check takes
// them, at most maxTries times; before each new try it says why the last
// was refused. The caller wipes what it returns.
func askNewSecret(ui UI, s newSecret) ([]byte, error) {
	var last error
	for try := 1; try <= maxTries; try++ {
		if try > 1 {
			ui.Show("%v; try %d of %d\n", last, try, maxTries)
		}
		first, err := ui.Secret(s.prompt)
		if err != nil {
			return nil, err
		}
		if len(first) == 0 && s.emptyOK {
			return first, nil
		}
		if s.check != nil {
			if last = s.check(first); last != nil {
				clear(first)
				continue
			}
		}
		second, err := ui.Secret(s.again)
		same := err == nil && bytes.Equal(first, second)
		clear(second)
		if err != nil {
			clear(first)
			return nil, err
		}
		if same {
			return first, nil
		}
		clear(first)
		last = ErrMismatch
	}
	return nil, &TriesError{What: s.what, Last: last}
}

// newPassphrase asks for a passphrase to seal to, checked by seal's rule.
func newPassphrase(ui UI, what, prompt, again string, emptyOK bool) ([]byte, error) {
	return askNewSecret(ui, newSecret{what: what, prompt: prompt, again: again, check: seal.CheckPassphrase, emptyOK: emptyOK})
}

// custodianPassphrase asks a passphrase custodian for theirs, or makes one.
func custodianPassphrase(env *Env, name string, index, n int) (age.Recipient, error) {
	if !env.UI.Available() {
		return nil, fmt.Errorf("custodian %s seals with a passphrase, and there is no terminal to type it on", name)
	}
	pass, err := newPassphrase(env.UI, name+"'s passphrase",
		fmt.Sprintf("%s, type a passphrase for share %d of %d (at least 16 characters; empty for a generated one):", name, index, n),
		fmt.Sprintf("%s, the same passphrase again:", name), true)
	if err == nil && len(pass) == 0 {
		pass, err = generatedPassphrase(env, name)
	}
	if err != nil {
		return nil, err
	}
	r, err := seal.PassphraseRecipient(pass)
	clear(pass)
	return r, err
}

// generatedPassphrase makes a passphrase for custodian name, shows it once
// and has them type it back from their paper, in any case and with or
// without the dashes (seal.GeneratedForm): a passphrase copied wrong would
// seal a share nobody can open. Copied wrong, it is shown again, maxTries
// times at most. It is shown before the set is written, since the
// custodian must have it by then; nothing is written before the split
// finishes, so if it does not, the passphrase seals nothing and the paper
// is void (SECURITY.md).
func generatedPassphrase(env *Env, name string) ([]byte, error) {
	pass := seal.GeneratePassphrase(env.Rand)
	harden.Lock(pass)
	for try := 1; try <= maxTries; try++ {
		if try > 1 {
			env.UI.Show("%v; it is shown again, try %d of %d\n", ErrNotAsShown, try, maxTries)
		}
		err := Reveal(env.UI, Revelation{
			What:   name + "'s passphrase",
			Before: fmt.Sprintf("\n%s's passphrase, shown once: write it down and keep it apart from the sheet.\nIf this split does not finish, it seals nothing: then destroy the paper.\n\n    ", name),
			Secret: pass,
			Prompt: "Press Enter when it is written down, to erase it from the screen. ",
			Then:   "nothing was written",
		})
		if err != nil {
			clear(pass)
			return nil, err
		}
		typed, err := env.UI.Secret(fmt.Sprintf("%s, type the passphrase from your paper (any case, dashes optional):", name))
		if err != nil {
			clear(pass)
			return nil, err
		}
		g, ok := seal.GeneratedForm(typed)
		same := ok && bytes.Equal(g, pass)
		clear(typed)
		clear(g)
		if same {
			return pass, nil
		}
	}
	clear(pass)
	return nil, &TriesError{What: name + "'s generated passphrase", Last: ErrNotAsShown}
}
