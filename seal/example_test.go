package seal_test

import (
	"bytes"
	"errors"
	"fmt"

	"filippo.io/age"

	"quorum/seal"
)

func Example() {
	alice, _ := age.GenerateX25519Identity()
	r, kind, err := seal.ParseRecipient(alice.Recipient().String(), nil)
	if err != nil {
		panic(err)
	}
	sealed, err := seal.Seal([]byte("a payload"), r)
	if err != nil {
		panic(err)
	}

	payload, err := seal.Open(sealed, alice)
	fmt.Printf("%s %q %v\n", kind, payload, err)

	bob, _ := age.GenerateX25519Identity()
	_, err = seal.Open(sealed, bob)
	fmt.Println(errors.Is(err, seal.ErrNoIdentity), err)
	// Output:
	// x25519 "a payload" <nil>
	// true no identity fits: the share is sealed to an age key (age1…)
}

func ExampleGeneratePassphrase() {
	// A fixed reader, for the example; use crypto/rand.Reader.
	rand := bytes.NewReader([]byte("quorum example!"))
	pass := seal.GeneratePassphrase(rand)
	fmt.Printf("%s %v\n", pass, seal.CheckPassphrase(pass))
	// Output:
	// E5TP-YWKN-DMG6-AY31-DNR6-RS91 <nil>
}

func ExampleCheckPassphrase() {
	fmt.Println(seal.CheckPassphrase([]byte("tablet orbit fancy wisdom lunar piano")))
	fmt.Println(seal.CheckPassphrase([]byte("passwordpassword")))
	// Output:
	// <nil>
	// passphrase too weak: it is a common password repeated (about 2^6 guesses, fewer than 2^64); whoever holds the sealed file can guess offline, so use six or more uncommon words, or a generated passphrase
}
