package manifest

import (
	"errors"
	"fmt"
	"time"

	"quorum/share"
)

const (
	// recipientFingerprintBytes is what the 16 symbols of a recipient
	// fingerprint (FORMAT.md §9) hold: 80 bits, no padding.
	recipientFingerprintBytes = 10
	maxTool                   = 128
)

// checkFields checks the form of every member where the manifest is read,
// before the signature: dates parse as dates, kinds are known kinds, keys
// and hashes have their lengths, the tool is printable ASCII, and the
// label and names pass the share header's rules. None of it leaves the
// format line-based text of FORMAT.md §9 ambiguous, so every manifest
// quorum signs passes; a manifest signed by another key (anyone can make
// one) is refused before anything of it reaches a screen. Errors name
// the member, never its content.
func (m *Manifest) checkFields() error {
	if m.Format != Format {
		return fmt.Errorf("manifest: format is not %q: the file is not a manifest of this version", Format)
	}
	pub, err := m.SetKey()
	if err != nil {
		return err
	}
	if m.SetFingerprint != share.FingerprintOf(pub).String() {
		return errors.New("manifest: set_fingerprint is not the fingerprint of set_public_key")
	}
	if err := share.ValidateLabel(m.Label); err != nil {
		return fmt.Errorf("manifest: %w", err)
	}
	if d, err := time.Parse(time.DateOnly, m.Created); err != nil || d.Format(time.DateOnly) != m.Created || d.Year() < 1970 {
		return errors.New("manifest: created is not a date written YYYY-MM-DD")
	}
	for i, c := range m.Custodians {
		if err := c.checkFields(); err != nil {
			return fmt.Errorf("manifest: custodian %d: %w", i+1, err)
		}
	}
	if m.Tool == "" || len(m.Tool) > maxTool {
		return fmt.Errorf("manifest: tool is empty or longer than %d bytes", maxTool)
	}
	for i := 0; i < len(m.Tool); i++ {
		if m.Tool[i] < ' ' || m.Tool[i] > '~' {
			return errors.New("manifest: tool is not printable ASCII")
		}
	}
	return nil
}

func (c *Custodian) checkFields() error {
	if err := share.ValidateCustodian(c.Name); err != nil {
		return err
	}
	kind, err := share.ParseKind(c.RecipientKind)
	if err != nil {
		return errors.New("recipient_kind is not a known kind")
	}
	switch {
	case kind == share.KindPassphrase && c.RecipientFingerprint != "":
		return errors.New("recipient_fingerprint is not empty for a passphrase")
	case c.RecipientFingerprint != "" && !canonical(c.RecipientFingerprint, recipientFingerprintBytes):
		return errors.New("recipient_fingerprint is not a fingerprint of 16 base32 symbols")
	case !canonical(c.ShareHash, 32):
		return errors.New("share_hash is not a SHA-256 hash in base32")
	case !canonical(c.Commitment, 32):
		return errors.New("commitment is not an Ed25519 public key in base32")
	}
	return nil
}

// canonical reports whether s is the base32 of exactly n bytes as
// share.EncodeBinary writes it (upper case, no slips): the form the split
// writes, and the only one, so that a member has one spelling.
func canonical(s string, n int) bool {
	b, err := share.DecodeBinary(s)
	return err == nil && len(b) == n && share.EncodeBinary(b) == s
}
