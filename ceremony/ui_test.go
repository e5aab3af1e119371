package ceremony

import (
	"bytes"
	"crypto/rand"
	"fmt"
	"io"
	"strings"
	"testing"
	"time"
)

// scriptedUI answers prompts from a script and keeps every line shown, so
// that a ceremony's behaviour is tested without a terminal or the binary.
type scriptedUI struct {
	t       *testing.T
	secrets []string // answers to Secret, in order
	lines   []string // answers to Line, in order
	noTerm  bool

	prompts  []string
	shown    bytes.Buffer // what Show and Reveal put on the terminal
	stderr   bytes.Buffer // Info, Warn and Hint lines
	revealed [][]byte
}

func (u *scriptedUI) Available() bool { return !u.noTerm }

func (u *scriptedUI) Secret(prompt string) ([]byte, error) {
	u.prompts = append(u.prompts, prompt)
	if len(u.secrets) == 0 {
		return nil, ErrNoAnswer
	}
	s := u.secrets[0]
	u.secrets = u.secrets[1:]
	return []byte(s), nil
}

func (u *scriptedUI) Line(prompt string) (string, error) {
	u.prompts = append(u.prompts, prompt)
	if len(u.lines) == 0 {
		return "", io.EOF
	}
	s := u.lines[0]
	u.lines = u.lines[1:]
	return s, nil
}

func (u *scriptedUI) Show(format string, args ...any) error {
	fmt.Fprintf(&u.shown, format, args...)
	return nil
}

func (u *scriptedUI) Reveal(before string, secret []byte, after, prompt, interrupted string) error {
	u.shown.WriteString(before + "[secret]" + after + prompt)
	u.revealed = append(u.revealed, bytes.Clone(secret))
	return nil
}

func (u *scriptedUI) Info(format string, args ...any) {
	fmt.Fprintf(&u.stderr, "quorum: "+format+"\n", args...)
}

func (u *scriptedUI) Warn(format string, args ...any) {
	fmt.Fprintf(&u.stderr, "quorum: warning: "+format+"\n", args...)
}

func (u *scriptedUI) Hint(format string, args ...any) {
	fmt.Fprintf(&u.stderr, "quorum: hint: "+format+"\n", args...)
}

// testEnv is an Env with ui, no stdin, a fixed clock and real randomness.
func testEnv(ui *scriptedUI) *Env {
	return &Env{
		UI:    ui,
		Stdin: strings.NewReader(""),
		Now:   func() time.Time { return time.Date(2026, 12, 4, 10, 0, 0, 0, time.UTC) },
		Rand:  rand.Reader,
	}
}

func TestScriptedUIRunsOutOfAnswers(t *testing.T) {
	ui := &scriptedUI{t: t, secrets: []string{"one"}}
	env := testEnv(ui)
	if b, err := env.UI.Secret("first: "); err != nil || string(b) != "one" {
		t.Fatalf("Secret = %q, %v; want the scripted answer", b, err)
	}
	if _, err := env.UI.Secret("second: "); err != ErrNoAnswer {
		t.Fatalf("Secret past the script = %v, want ErrNoAnswer", err)
	}
}
