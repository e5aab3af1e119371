package main

// Prompts that ask again: a person who mistypes is asked that one prompt
// again, and the rest of the ceremony keeps what was already entered. A
// mismatched confirmation, a passphrase too weak to seal to, a generated
// passphrase copied wrong, a wrong passphrase for a share or a key file
// (opener in shares.go): each gets maxTries tries, then the command ends
// with a triesError before anything is written.

import (
	"bytes"
	"errors"
	"fmt"

	"quorum/internal/harden"
	"quorum/seal"
)

// maxTries is how many times one prompt is asked: enough for slips, few
// enough that a forgotten passphrase ends the command soon.
const maxTries = 3

// triesError means that a prompt was answered maxTries times and no answer
// was taken.
type triesError struct {
	what string // what was asked for: "paula's passphrase"
	last error  // why the last answer was refused
}

func (e *triesError) Error() string {
	return fmt.Sprintf("%s: %d tries, none taken; the last: %v", e.what, maxTries, e.last)
}

func (e *triesError) Unwrap() error { return e.last }

// errMismatch means that a new secret and its confirmation differ.
var errMismatch = errors.New("the two entries differ")

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
func askNewSecret(streams *IOStreams, s newSecret) ([]byte, error) {
	var last error
	for try := 1; try <= maxTries; try++ {
		if try > 1 {
			streams.Term.Show("%v; try %d of %d\n", last, try, maxTries)
		}
		first, err := streams.Term.Secret(s.prompt)
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
		second, err := streams.Term.Secret(s.again)
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
		last = errMismatch
	}
	return nil, &triesError{what: s.what, last: last}
}

// newPassphrase asks for a passphrase to seal to, checked by seal's rule.
func newPassphrase(streams *IOStreams, what, prompt, again string, emptyOK bool) ([]byte, error) {
	return askNewSecret(streams, newSecret{what: what, prompt: prompt, again: again, check: seal.CheckPassphrase, emptyOK: emptyOK})
}

// errNotAsShown means that a generated passphrase typed back from paper
// is not the one shown.
var errNotAsShown = errors.New("what was typed is not the passphrase shown")

// generatedPassphrase makes a passphrase for custodian name, shows it once
// and has them type it back from their paper, in any case and with or
// without the dashes (seal.GeneratedForm): a passphrase copied wrong would
// seal a share nobody can open. Copied wrong, it is shown again, maxTries
// times at most. It is shown before the set is written, since the
// custodian must have it by then; nothing is written before the split
// finishes, so if it does not, the passphrase seals nothing and the paper
// is void (SECURITY.md).
func generatedPassphrase(streams *IOStreams, name string) ([]byte, error) {
	pass := seal.GeneratePassphrase(streams.Rand)
	harden.Lock(pass)
	for try := 1; try <= maxTries; try++ {
		if try > 1 {
			streams.Term.Show("%v; it is shown again, try %d of %d\n", errNotAsShown, try, maxTries)
		}
		err := reveal(streams, revelation{
			what:   name + "'s passphrase",
			before: fmt.Sprintf("\n%s's passphrase, shown once: write it down and keep it apart from the sheet.\nIf this split does not finish, it seals nothing: then destroy the paper.\n\n    ", name),
			secret: pass,
			prompt: "Press Enter when it is written down, to erase it from the screen. ",
			then:   "nothing was written",
		})
		if err != nil {
			clear(pass)
			return nil, err
		}
		typed, err := streams.Term.Secret(fmt.Sprintf("%s, type the passphrase from your paper (any case, dashes optional):", name))
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
	return nil, &triesError{what: name + "'s generated passphrase", last: errNotAsShown}
}
