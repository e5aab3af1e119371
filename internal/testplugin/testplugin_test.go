package testplugin

import (
	"bytes"
	"errors"
	"io"
	"strings"
	"testing"

	"filippo.io/age"
	"filippo.io/age/plugin"
)

// TestToken seals to a token and opens through it with age's own plugin
// client: the PIN is asked, the message shown, the confirmation asked, in
// that order; a wrong PIN and a "no" fail.
func TestToken(t *testing.T) {
	dir := Build(t)
	t.Setenv("PATH", dir)
	tok := Generate(t, dir, Name, "2468")

	r, err := plugin.NewRecipient(tok.Recipient, &plugin.ClientUI{})
	if err != nil {
		t.Fatal(err)
	}
	var sealed bytes.Buffer
	w, err := age.Encrypt(&sealed, r)
	if err != nil {
		t.Fatal(err)
	}
	io.WriteString(w, "payload")
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}

	tests := []struct {
		name, pin string
		yes       bool
		wantErr   string
	}{
		{"right PIN, yes", "2468", true, ""},
		{"wrong PIN", "1357", true, "wrong PIN"},
		{"declined", "2468", false, "declined"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var events []string
			ui := &plugin.ClientUI{
				RequestValue: func(name, prompt string, secret bool) (string, error) {
					events = append(events, "value:"+prompt)
					return tt.pin, nil
				},
				DisplayMessage: func(name, msg string) error {
					events = append(events, "message:"+msg)
					return nil
				},
				Confirm: func(name, prompt, yes, no string) (bool, error) {
					events = append(events, "confirm:"+prompt)
					return tt.yes, nil
				},
			}
			id, err := plugin.NewIdentity(tok.Key, ui)
			if err != nil {
				t.Fatal(err)
			}
			rd, err := age.Decrypt(bytes.NewReader(sealed.Bytes()), id)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("Decrypt: %v, want an error with %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatalf("Decrypt: %v", err)
			}
			got, _ := io.ReadAll(rd)
			if string(got) != "payload" {
				t.Errorf("got %q, want \"payload\"", got)
			}
			want := "value:enter the PIN of your token key:|message:touch your key|confirm:use the key in slot 1?"
			if strings.Join(events, "|") != want {
				t.Errorf("events %q, want %q", strings.Join(events, "|"), want)
			}
		})
	}

	// An X25519 share is not the token's: it is not asked for a PIN.
	x, _ := age.GenerateX25519Identity()
	var other bytes.Buffer
	w, _ = age.Encrypt(&other, x.Recipient())
	w.Close()
	id, _ := plugin.NewIdentity(tok.Key, &plugin.ClientUI{})
	if _, err := age.Decrypt(bytes.NewReader(other.Bytes()), id); !errors.As(err, new(*age.NoIdentityMatchError)) {
		t.Errorf("Decrypt of another key's file: %v, want a NoIdentityMatchError", err)
	}
}
