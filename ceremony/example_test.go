package ceremony_test

import (
	"bytes"
	"crypto/rand"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"filippo.io/age"

	"quorum/ceremony"
	"quorum/share"
	"quorum/split"
)

// nobody is a UI with no terminal, which drops what it is told: a
// ceremony that needs no answer runs on it.
type nobody struct{}

func (nobody) Available() bool                                     { return false }
func (nobody) Secret(string) ([]byte, error)                       { return nil, ceremony.ErrNoAnswer }
func (nobody) Line(string) (string, error)                         { return "", io.EOF }
func (nobody) Show(string, ...any) error                           { return nil }
func (nobody) Reveal(string, []byte, string, string, string) error { return nil }
func (nobody) Info(string, ...any)                                 {}
func (nobody) Warn(string, ...any)                                 {}
func (nobody) Hint(string, ...any)                                 {}

// ExampleCombine splits a secret among three custodians, any two of whom
// rebuild it, and rebuilds it from the share files of alice and carol,
// each opened with their own age key.
func ExampleCombine() {
	dir, err := os.MkdirTemp("", "quorum-example")
	if err != nil {
		panic(err)
	}
	defer os.RemoveAll(dir)

	var custodians []split.Custodian
	keys := map[string]string{}
	for _, name := range []string{"alice", "bob", "carol"} {
		id, err := age.GenerateX25519Identity()
		if err != nil {
			panic(err)
		}
		custodians = append(custodians, split.Custodian{Name: name, Kind: share.KindX25519, Recipient: id.Recipient()})
		keys[name] = filepath.Join(dir, name+".key")
		if err := os.WriteFile(keys[name], []byte(id.String()+"\n"), 0o600); err != nil {
			panic(err)
		}
	}
	set, err := split.Split(split.Options{Secret: []byte("Example-Root-Password"), Threshold: 2, Label: "root 2026",
		Custodians: custodians, Created: time.Now(), Tool: "example"})
	if err != nil {
		panic(err)
	}
	var files []string
	for i, s := range set.Shares {
		text, err := s.MarshalText()
		if err != nil {
			panic(err)
		}
		files = append(files, filepath.Join(dir, set.Files[i]))
		if err := os.WriteFile(files[i], text, 0o600); err != nil {
			panic(err)
		}
	}

	env := &ceremony.Env{UI: nobody{}, Stdin: strings.NewReader(""), Now: time.Now, Rand: rand.Reader}
	var secret bytes.Buffer
	err = ceremony.Combine(env, ceremony.CombineOptions{
		Source: ceremony.Source{
			Set:        string(set.Fingerprint),
			Shares:     []string{files[0], files[2]},
			Identities: []string{keys["alice"], keys["carol"]},
		},
		Pipe:  &secret, // as standard output is when it is a pipe
		Paper: "a4",
	})
	fmt.Println(secret.String(), err)
	// Output: Example-Root-Password <nil>
}
