// Command age-plugin-token is an age plugin for the tests: it behaves as a
// hardware token would, through filippo.io/age/plugin, the package real
// plugins (age-plugin-yubikey, age-plugin-fido2-hmac …) are written with.
// It is built by the tests (quorum/internal/testplugin), never shipped.
//
// Its recipient (age1NAME1…) holds an X25519 recipient and its identity
// (AGE-PLUGIN-NAME-1…) an X25519 identity and a PIN: the "token". Wrapping
// needs no token, as with a real one. Unwrapping a stanza of its own type
// asks the PIN (a secret value), shows "touch your key", then asks to
// confirm, and fails with "wrong PIN" or "declined" as a token would.
// NAME is what follows "age-plugin-" in the name it is run as, so one
// binary installed under two names is two plugins.
//
//	age-plugin-token --generate [-pin PIN] [-o FILE]
//
// writes an identity file, with its recipient on a "# public key:" line as
// age-keygen writes it.
//
// For the tests of a plugin that dies mid-protocol, the environment
// variable AGE_PLUGIN_TOKEN_EXIT=after-pin makes it exit (status 3) as soon
// as the PIN has been typed, without answering.
package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"filippo.io/age"
	"filippo.io/age/plugin"
)

// defaultPIN is the PIN of a token made without -pin.
const defaultPIN = "123456"

func main() {
	name := strings.TrimSuffix(strings.TrimPrefix(filepath.Base(os.Args[0]), "age-plugin-"), ".exe")
	generate := flag.Bool("generate", false, "write a new identity and print its recipient")
	pin := flag.String("pin", defaultPIN, "the new token's PIN, with -generate")
	out := flag.String("o", "", "write the identity to this file (0600), with -generate")
	p, err := plugin.New(name)
	if err != nil {
		fmt.Fprintf(os.Stderr, "age-plugin-%s: %v\n", name, err)
		os.Exit(1)
	}
	p.RegisterFlags(nil)
	flag.Parse()
	if *generate {
		if err := generateToken(name, *pin, *out); err != nil {
			fmt.Fprintf(os.Stderr, "age-plugin-%s: %v\n", name, err)
			os.Exit(1)
		}
		return
	}
	p.HandleRecipient(func(data []byte) (age.Recipient, error) {
		r, err := age.ParseX25519Recipient(string(data))
		if err != nil {
			return nil, errors.New("malformed recipient")
		}
		return &recipient{stanzaType: name, x: r}, nil
	})
	p.HandleIdentity(func(data []byte) (age.Identity, error) {
		pin, key, ok := bytes.Cut(data, []byte{0})
		if !ok {
			return nil, errors.New("malformed identity")
		}
		x, err := age.ParseX25519Identity(string(key))
		if err != nil {
			return nil, errors.New("malformed identity")
		}
		return &identity{stanzaType: name, pin: string(pin), x: x, p: p}, nil
	})
	os.Exit(p.Main())
}

// generateToken writes a new identity with its recipient.
func generateToken(name, pin, out string) error {
	if pin == "" || strings.ContainsRune(pin, 0) {
		return errors.New("-pin must be a non-empty PIN")
	}
	x, err := age.GenerateX25519Identity()
	if err != nil {
		return err
	}
	// The identity holds the key, unlike a real token's, which only
	// points at it: enough for a test, where the key is worth nothing.
	id := plugin.EncodeIdentity(name, []byte(pin+"\x00"+x.String()))
	r := plugin.EncodeRecipient(name, []byte(x.Recipient().String()))
	text := fmt.Sprintf("# a test token of age-plugin-%s, PIN %s\n# public key: %s\n%s\n", name, pin, r, id)
	if out == "" {
		_, err := os.Stdout.WriteString(text)
		return err
	}
	f, err := os.OpenFile(out, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return err
	}
	if _, err := f.WriteString(text); err != nil {
		f.Close()
		return err
	}
	fmt.Fprintf(os.Stderr, "Public key: %s\n", r)
	return f.Close()
}

// recipient wraps a file key to the token's X25519 key, under a stanza of
// the plugin's own type, as a token's plugin does.
type recipient struct {
	stanzaType string
	x          *age.X25519Recipient
}

func (r *recipient) Wrap(fileKey []byte) ([]*age.Stanza, error) {
	stanzas, err := r.x.Wrap(fileKey)
	if err != nil {
		return nil, err
	}
	for _, s := range stanzas {
		s.Type = r.stanzaType
	}
	return stanzas, nil
}

// identity unwraps its own stanzas after the PIN, a touch and a yes.
type identity struct {
	stanzaType string
	pin        string
	x          *age.X25519Identity
	p          *plugin.Plugin
}

func (i *identity) Unwrap(stanzas []*age.Stanza) ([]byte, error) {
	var mine []*age.Stanza
	for _, s := range stanzas {
		if s.Type == i.stanzaType {
			c := *s
			c.Type = "X25519"
			mine = append(mine, &c)
		}
	}
	if len(mine) == 0 {
		return nil, age.ErrIncorrectIdentity
	}
	pin, err := i.p.RequestValue("enter the PIN of your "+i.stanzaType+" key:", true)
	if err != nil {
		return nil, fmt.Errorf("no PIN: %v", err)
	}
	if os.Getenv("AGE_PLUGIN_TOKEN_EXIT") == "after-pin" {
		os.Exit(3)
	}
	if pin != i.pin {
		return nil, errors.New("wrong PIN")
	}
	if err := i.p.DisplayMessage("touch your key"); err != nil {
		return nil, err
	}
	yes, err := i.p.Confirm("use the key in slot 1?", "yes", "no")
	if err != nil {
		return nil, fmt.Errorf("no confirmation: %v", err)
	}
	if !yes {
		return nil, errors.New("declined")
	}
	return i.x.Unwrap(mine)
}
