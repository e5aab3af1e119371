package seal

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"quorum/internal/testplugin"
	"quorum/share"
)

// person answers questions from a list, in turn, and notes every prompt and
// message; with no answers left it says there is no terminal.
type person struct {
	answers  []string
	prompts  []string
	messages []string
}

func (p *person) Secret(prompt string) ([]byte, error) {
	p.prompts = append(p.prompts, prompt)
	if len(p.answers) == 0 {
		return nil, errors.New("no terminal to ask on")
	}
	a := p.answers[0]
	p.answers = p.answers[1:]
	return []byte(a), nil
}

func (p *person) Message(msg string) { p.messages = append(p.messages, msg) }

// TestPluginToken seals to age-plugin-token, a test plugin that asks a PIN,
// shows "touch your key" and asks to confirm, as a hardware key does, and
// opens the share through it as each kind of custodian at the laptop would
// answer.
func TestPluginToken(t *testing.T) {
	dir := testplugin.Build(t)
	t.Setenv("PATH", dir)
	tok := testplugin.Generate(t, dir, testplugin.Name, "2468")

	r, kind, err := ParseRecipient(tok.Recipient, NewPluginUI(&person{}))
	if err != nil || kind != share.KindPlugin {
		t.Fatalf("ParseRecipient(%q) = %v, %v", tok.Recipient, kind, err)
	}
	if got := PluginName(tok.Recipient); got != "token" {
		t.Errorf("PluginName = %q, want \"token\"", got)
	}
	sealed := sealTo(t, []byte("payload"), r)

	const (
		pinPrompt     = "token plugin: enter the PIN of your token key:"
		confirmPrompt = `token plugin: use the key in slot 1? (type 1 for "yes" or 2 for "no", then Enter)`
	)
	tests := []struct {
		name         string
		answers      []string
		wantErr      PluginFailure // -1: opens
		wantPrompts  []string
		wantMessages []string
	}{
		{
			name:         "PIN and yes",
			answers:      []string{"2468", "1"},
			wantErr:      -1,
			wantPrompts:  []string{pinPrompt, confirmPrompt},
			wantMessages: []string{"token plugin: touch your key", `token plugin: you answered "yes"`},
		},
		{
			name:        "wrong PIN, then the right one",
			answers:     []string{"1111", "2468", "yes"},
			wantErr:     -1,
			wantPrompts: []string{pinPrompt, pinPrompt, confirmPrompt},
			wantMessages: []string{"token plugin: wrong PIN; try again", "token plugin: touch your key",
				`token plugin: you answered "yes"`},
		},
		{
			name:         "three wrong PINs",
			answers:      []string{"1", "2", "3"},
			wantErr:      PluginFailed,
			wantPrompts:  []string{pinPrompt, pinPrompt, pinPrompt},
			wantMessages: []string{"token plugin: wrong PIN; try again", "token plugin: wrong PIN; try again"},
		},
		{
			name:         "no",
			answers:      []string{"2468", "2"},
			wantErr:      PluginRefused,
			wantPrompts:  []string{pinPrompt, confirmPrompt},
			wantMessages: []string{"token plugin: touch your key", `token plugin: you answered "no"`},
		},
		{
			name:         "neither choice",
			answers:      []string{"2468", "maybe", "3", "y"},
			wantErr:      PluginUnanswered,
			wantPrompts:  []string{pinPrompt, confirmPrompt, confirmPrompt, confirmPrompt},
			wantMessages: []string{"token plugin: touch your key", "token plugin: type 1 or 2", "token plugin: type 1 or 2", "token plugin: type 1 or 2"},
		},
		{
			name:         "PIN, then no terminal for the confirmation",
			answers:      []string{"2468"},
			wantErr:      PluginUnanswered,
			wantPrompts:  []string{pinPrompt, confirmPrompt},
			wantMessages: []string{"token plugin: touch your key"},
		},
		{
			name:        "no terminal",
			wantErr:     PluginUnanswered,
			wantPrompts: []string{pinPrompt},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := &person{answers: tt.answers}
			ids, err := ParseIdentities("erin.key", []byte(tok.Identity), nil, nil, NewPluginUI(p))
			if err != nil {
				t.Fatal(err)
			}
			payload, err := Open(sealed, ids...)
			var pe *PluginError
			switch {
			case tt.wantErr < 0 && err != nil:
				t.Fatalf("Open: %v", err)
			case tt.wantErr < 0 && string(payload) != "payload":
				t.Fatalf("Open = %q, want \"payload\"", payload)
			case tt.wantErr >= 0 && !errors.As(err, &pe):
				t.Fatalf("Open = %q, %v; want a *PluginError", payload, err)
			case tt.wantErr >= 0 && pe.Failure != tt.wantErr:
				t.Fatalf("Open: %v (failure %d), want failure %d", err, pe.Failure, tt.wantErr)
			}
			if got, want := strings.Join(p.prompts, "\n"), strings.Join(tt.wantPrompts, "\n"); got != want {
				t.Errorf("prompts:\n%s\nwant:\n%s", got, want)
			}
			if got, want := strings.Join(p.messages, "\n"), strings.Join(tt.wantMessages, "\n"); got != want {
				t.Errorf("messages:\n%s\nwant:\n%s", got, want)
			}
			if err != nil && strings.Contains(err.Error(), "2468") {
				t.Errorf("the error quotes the PIN: %v", err)
			}
		})
	}
}

// TestPluginErrors checks what each failure says: the program to install,
// a plugin that stopped, a refusal naming the question.
func TestPluginErrors(t *testing.T) {
	dir := testplugin.Build(t)
	tok := testplugin.Generate(t, dir, testplugin.Name, "")
	t.Setenv("PATH", dir)
	r, _, err := ParseRecipient(tok.Recipient, nil)
	if err != nil {
		t.Fatal(err)
	}
	sealed := sealTo(t, []byte("payload"), r)
	open := func(p *person) error {
		ids, err := ParseIdentities("erin.key", []byte(tok.Key), nil, nil, NewPluginUI(p))
		if err != nil {
			t.Fatal(err)
		}
		_, err = Open(sealed, ids...)
		return err
	}

	t.Run("stopped", func(t *testing.T) {
		t.Setenv("AGE_PLUGIN_TOKEN_EXIT", "after-pin")
		p := &person{answers: []string{testplugin.PIN}}
		err := open(p)
		var pe *PluginError
		if !errors.As(err, &pe) || pe.Failure != PluginStopped {
			t.Fatalf("Open: %v, want PluginStopped", err)
		}
		if want := "age-plugin-token stopped before it answered"; err.Error() != want {
			t.Errorf("error %q, want %q", err, want)
		}
		if len(p.prompts) != 1 {
			t.Errorf("a plugin that stopped was run again: prompts %q", p.prompts)
		}
	})
	t.Run("refused", func(t *testing.T) {
		err := open(&person{answers: []string{testplugin.PIN, "no"}})
		if want := `refused: the token plugin asked "use the key in slot 1?" and the answer was no`; err == nil || err.Error() != want {
			t.Errorf("error %v, want %q", err, want)
		}
	})
	t.Run("missing", func(t *testing.T) {
		t.Setenv("PATH", t.TempDir())
		err := open(&person{})
		var pe *PluginError
		if !errors.As(err, &pe) || pe.Failure != PluginMissing {
			t.Fatalf("Open: %v, want PluginMissing", err)
		}
		if want := "age-plugin-token is not installed: it is not on PATH"; err.Error() != want {
			t.Errorf("error %q, want %q", err, want)
		}
		if _, err := Seal([]byte("payload"), r); !errors.As(err, &pe) || pe.Failure != PluginMissing {
			t.Errorf("Seal: %v, want PluginMissing", err)
		}
	})
}

// TestPluginText checks that a plugin's text cannot paint the screen.
func TestPluginText(t *testing.T) {
	tests := []struct{ in, want string }{
		{"touch your key", "touch your key"},
		{"\x1b[1A\x1b[2Kgenuine", `\x1b[1A\x1b[2Kgenuine`},
		{"abc\u202Edef", `abc\u202edef`},
		{"line\u2028two\nthree", `line\u2028two\x0athree`},
		{"\xff", `\xff`},
		{strings.Repeat("a", maxPluginText+5), strings.Repeat("a", maxPluginText) + "…"},
	}
	for _, tt := range tests {
		if got := pluginText(tt.in); got != tt.want {
			t.Errorf("pluginText(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	// The messages of a plugin go through it.
	p := &person{}
	ui := NewPluginUI(p).client(&pluginRun{})
	ui.DisplayMessage("token", "\x1b]0;title\x07hi")
	if want := []string{`token plugin: \x1b]0;title\x07hi`}; fmt.Sprint(p.messages) != fmt.Sprint(want) {
		t.Errorf("messages %q, want %q", p.messages, want)
	}
}

// TestForShare checks that a plugin's questions and messages are headed
// with the share they are for, and that the identities given are left as
// they were.
func TestForShare(t *testing.T) {
	dir := testplugin.Build(t)
	t.Setenv("PATH", dir)
	tok := testplugin.Generate(t, dir, testplugin.Name, "")
	r, _, err := ParseRecipient(tok.Recipient, nil)
	if err != nil {
		t.Fatal(err)
	}
	sealed := sealTo(t, []byte("payload"), r)
	p := &person{answers: []string{testplugin.PIN, "1"}}
	ids, err := ParseIdentities("erin.key", []byte(tok.Key), nil, nil, NewPluginUI(p))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Open(sealed, ForShare(ids, "share 3 (erin\x1b[2J)")...); err != nil {
		t.Fatal(err)
	}
	want := `share 3 (erin\x1b[2J): token plugin: enter the PIN of your token key:`
	if len(p.prompts) == 0 || p.prompts[0] != want {
		t.Errorf("prompts %q, want the first %q", p.prompts, want)
	}
	if want := `share 3 (erin\x1b[2J): token plugin: touch your key`; len(p.messages) == 0 || p.messages[0] != want {
		t.Errorf("messages %q, want the first %q", p.messages, want)
	}
	if ids[0].(*pluginIdentity).ui.share != "" {
		t.Error("ForShare changed the identity it was given")
	}
}
