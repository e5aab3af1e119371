package seal

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"slices"

	"filippo.io/age"
)

// MaxPayloadSize is the largest payload [Seal] seals and [Open] returns.
// Payloads are at most a few KiB (FORMAT.md §5); the limit keeps a hostile
// file from making Open hold more.
const MaxPayloadSize = 64 << 10

// Seal encrypts payload to r and returns the binary (not armored) age file.
func Seal(payload []byte, r age.Recipient) ([]byte, error) {
	if len(payload) > MaxPayloadSize {
		return nil, fmt.Errorf("payload of %d bytes is larger than %d", len(payload), MaxPayloadSize)
	}
	var buf bytes.Buffer
	w, err := age.Encrypt(&buf, r)
	var pe *PluginError
	if errors.As(err, &pe) {
		// age's "failed to wrap key for recipient #0" adds nothing.
		err = pe
	}
	if err != nil {
		return nil, fmt.Errorf("sealing: %w", err)
	}
	if _, err := w.Write(payload); err != nil {
		return nil, fmt.Errorf("sealing: %w", err)
	}
	if err := w.Close(); err != nil {
		return nil, fmt.Errorf("sealing: %w", err)
	}
	return buf.Bytes(), nil
}

// Open decrypts a sealed payload with the first of ids that fits. Errors
// are [ErrNoIdentity] (wrapping [*age.NoIdentityMatchError]) if none does,
// [ErrWrongPassphrase] if the payload is sealed to a passphrase and the
// passphrase identity given did not open it, [*IdentityPassphraseError] for
// an encrypted identity file's wrong passphrase, [ErrDamaged] if an
// identity opened the header but the rest fails authentication,
// [*PluginError] if a plugin did not open it; anything else (a malformed
// age header) is wrapped.
func Open(sealed []byte, ids ...age.Identity) ([]byte, error) {
	if len(ids) == 0 {
		return nil, &noIdentityError{}
	}
	var t tracker
	r, err := age.Decrypt(bytes.NewReader(sealed), t.wrap(ids)...)
	if err != nil {
		return nil, t.openError(err, ids)
	}
	payload, err := readPlaintext(r, min(len(sealed), MaxPayloadSize+1))
	if errors.Is(err, errTooLarge) {
		return nil, fmt.Errorf("sealed payload is larger than %d bytes", MaxPayloadSize)
	}
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrDamaged, err)
	}
	return payload, nil
}

var errTooLarge = errors.New("too large")

// readPlaintext reads r to its end into a buffer of size capacity, which it
// never grows, so that no stray copy of the plaintext is left to wipe; a
// plaintext is shorter than its age file, which gives the capacity. It
// returns errTooLarge if r holds capacity bytes or more.
func readPlaintext(r io.Reader, capacity int) ([]byte, error) {
	buf := make([]byte, capacity)
	n := 0
	for {
		if n == len(buf) {
			clear(buf)
			return nil, errTooLarge
		}
		m, err := r.Read(buf[n:])
		n += m
		// Only io.EOF is the end: age's reader reports a truncated file
		// as io.ErrUnexpectedEOF, which is damage.
		if err == io.EOF {
			return buf[:n], nil
		}
		if err != nil {
			clear(buf)
			return nil, err
		}
	}
}

// tracker watches the identities age.Decrypt calls, so that Open can tell
// what went wrong without matching age's error strings: a failure after an
// identity produced the file key is damage (the header MAC or the payload),
// a failure before any identity was asked is a malformed header.
type tracker struct {
	asked, opened bool
}

type trackedIdentity struct {
	age.Identity
	t *tracker
}

func (i trackedIdentity) Unwrap(stanzas []*age.Stanza) ([]byte, error) {
	i.t.asked = true
	key, err := i.Identity.Unwrap(stanzas)
	if err == nil {
		i.t.opened = true
	}
	return key, err
}

// wrap returns ids wrapped for tracking, in the order age.Decrypt would try
// them: native keys first, then the rest, which may prompt. Decrypt sees
// only wrappers, so its own sort is a no-op.
func (t *tracker) wrap(ids []age.Identity) []age.Identity {
	native := func(id age.Identity) int {
		switch id.(type) {
		case *age.X25519Identity, *age.HybridIdentity, *age.ScryptIdentity:
			return 0
		}
		return 1
	}
	ids = slices.Clone(ids)
	slices.SortStableFunc(ids, func(a, b age.Identity) int { return native(a) - native(b) })
	wrapped := make([]age.Identity, len(ids))
	for i, id := range ids {
		wrapped[i] = trackedIdentity{id, t}
	}
	return wrapped
}

func (t *tracker) openError(err error, ids []age.Identity) error {
	var noMatch *age.NoIdentityMatchError
	var idPass *IdentityPassphraseError
	var pe *PluginError
	switch {
	case errors.Is(err, ErrWrongPassphrase):
		return err
	case errors.As(err, &idPass):
		return idPass
	case errors.As(err, &pe):
		return pe
	case errors.As(err, &noMatch):
		// A plain age.ScryptIdentity says "incorrect identity" for a wrong
		// passphrase; with a passphrase share, that is what it means.
		if slices.Contains(noMatch.StanzaTypes, "scrypt") && slices.ContainsFunc(ids, isScrypt) {
			return ErrWrongPassphrase
		}
		return &noIdentityError{age: noMatch}
	case t.opened:
		return fmt.Errorf("%w: %v", ErrDamaged, err)
	case !t.asked:
		return fmt.Errorf("sealed payload is not a valid age file: %w", err)
	}
	return fmt.Errorf("opening sealed payload: %w", err)
}

func isScrypt(id age.Identity) bool {
	switch id.(type) {
	case *age.ScryptIdentity, *passphraseIdentity:
		return true
	}
	return false
}
