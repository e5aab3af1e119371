package seal

import (
	"errors"
	"fmt"
	"io"
	"unicode/utf8"

	"filippo.io/age"

	"quorum/internal/random"
	"quorum/internal/strength"
)

// scryptLogN is the scrypt work factor of passphrase shares and encrypted
// identity files: 2^18, as `age -p` writes, about a second and 256 MiB per
// try. Stock age opens up to 2^22, but that needs 4 GiB and a quarter of a
// minute per try, which the laptop at a recovery may not have; the strength
// must come from the passphrase itself ([CheckPassphrase]).
const scryptLogN = 18

const minPassphraseLength = 16

// PassphraseRecipient returns the age scrypt recipient for pass. Callers
// check pass with [CheckPassphrase] first; an empty one is an error.
func PassphraseRecipient(pass []byte) (age.Recipient, error) {
	return passphraseRecipient(pass, scryptLogN)
}

// passphraseRecipient takes the work factor so that tests can run fast;
// everything else seals with scryptLogN.
func passphraseRecipient(pass []byte, logN int) (age.Recipient, error) {
	// age takes the passphrase as a string and keeps its own []byte copy;
	// the string is garbage as soon as this call returns, but cannot be
	// wiped.
	r, err := age.NewScryptRecipient(string(pass))
	if err != nil {
		return nil, err
	}
	r.SetWorkFactor(logN)
	return r, nil
}

// minPassphraseBits is the guessing work a typed passphrase must cost, as
// log2 of the guesses: 2^64 tries of scrypt at 2^18 is out of reach of
// anyone who holds a sealed share for decades (SECURITY.md has the sums).
const minPassphraseBits = 64

// maxPassphraseLength bounds the strength estimate's work, which grows
// with the cube of the length; no typed passphrase is longer.
const maxPassphraseLength = 256

// CheckPassphrase returns a [*WeakPassphraseError] if pass is too weak to
// seal a share or an identity to: whoever holds the sealed file can guess
// offline. It must be 16 to 256 characters long and cost at least 2^64
// guesses to an attacker who tries common passwords, words and names (in
// any case, reversed, with l33t substitutions), keyboard walks, runs,
// years and repeats first. The reason says which of those it found, never
// the passphrase.
func CheckPassphrase(pass []byte) error {
	n := utf8.RuneCount(pass)
	switch {
	case n < minPassphraseLength:
		return &WeakPassphraseError{Reason: fmt.Sprintf("it has %d characters, fewer than %d", n, minPassphraseLength)}
	case n > maxPassphraseLength:
		return &WeakPassphraseError{Reason: fmt.Sprintf("it has %d characters, more than %d", n, maxPassphraseLength)}
	}
	bits, weakness := strength.Estimate(pass)
	if bits >= minPassphraseBits {
		return nil
	}
	if weakness == "" {
		return &WeakPassphraseError{Reason: fmt.Sprintf("its %d characters give about 2^%d guesses, fewer than 2^%d", n, int(bits), minPassphraseBits)}
	}
	return &WeakPassphraseError{Reason: fmt.Sprintf("it is %s (about 2^%d guesses, fewer than 2^%d)", weakness, int(bits), minPassphraseBits)}
}

// passphraseAlphabet is Crockford's base32, the alphabet of the sheet
// (FORMAT.md §1): no I, L, O or U to misread when typing it back.
const passphraseAlphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"

// GeneratePassphrase returns a passphrase of 24 random symbols of Crockford's
// base32 in groups of four, such as "7QX4-M2KD-9P1Z-…" (120 bits). rand is
// crypto/rand.Reader but in tests; it panics if rand fails, which
// crypto/rand.Reader never does.
func GeneratePassphrase(rand io.Reader) []byte {
	symbols, err := random.Symbols(rand, passphraseAlphabet, generatedSymbols)
	if err != nil {
		panic("seal: " + err.Error())
	}
	defer clear(symbols)
	return random.Grouped(symbols)
}

// PassphraseIdentity returns an identity that opens a payload sealed to a
// passphrase. Only when it meets one, it calls prompt, so a custodian is
// asked "passphrase for share 2 of 5 (alice)" for a passphrase share only,
// and scrypt never runs for other shares. It wipes what prompt returns. A
// generated passphrase opens its share however the custodian types it
// ([GeneratedForm]). A wrong passphrase stops [Open] with
// [ErrWrongPassphrase].
func PassphraseIdentity(prompt func() ([]byte, error)) age.Identity {
	return &passphraseIdentity{prompt: prompt}
}

type passphraseIdentity struct {
	prompt func() ([]byte, error)
}

func (i *passphraseIdentity) Unwrap(stanzas []*age.Stanza) ([]byte, error) {
	for _, s := range stanzas {
		if s.Type == "scrypt" && len(stanzas) != 1 {
			// age's rule: a passphrase file has no other recipient, or
			// those could make a file the passphrase seems to vouch for.
			return nil, errors.New("an scrypt recipient must be the only one")
		}
	}
	if len(stanzas) != 1 || stanzas[0].Type != "scrypt" {
		return nil, fmt.Errorf("%w: not sealed to a passphrase", age.ErrIncorrectIdentity)
	}
	pass, err := i.prompt()
	defer clear(pass)
	if err != nil {
		return nil, fmt.Errorf("reading passphrase: %w", err)
	}
	if len(pass) == 0 {
		// No share is sealed to an empty passphrase: age refuses one.
		return nil, ErrWrongPassphrase
	}
	candidates := passphraseCandidates(pass)
	defer func() {
		for _, c := range candidates[:len(candidates)-1] {
			clear(c) // the generated form; the last is pass itself
		}
	}()
	for _, c := range candidates {
		// As in passphraseRecipient, age wants a string for a moment.
		id, err := age.NewScryptIdentity(string(c))
		if err != nil {
			return nil, err
		}
		key, err := id.Unwrap(stanzas)
		if !errors.Is(err, age.ErrIncorrectIdentity) {
			return key, err
		}
	}
	// Not ErrIncorrectIdentity, which would let Decrypt try the next
	// identity and then report "no identity fits": with a passphrase share,
	// the passphrase is what was wrong.
	return nil, ErrWrongPassphrase
}
