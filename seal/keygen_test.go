package seal

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"filippo.io/age"
	"filippo.io/age/armor"
)

func TestNewIdentity(t *testing.T) {
	for _, pq := range []bool{false, true} {
		identity, recipient, err := NewIdentity(pq)
		if err != nil {
			t.Fatalf("NewIdentity(%v): %v", pq, err)
		}
		ids, err := age.ParseIdentities(bytes.NewReader(identity))
		if err != nil {
			t.Fatalf("NewIdentity(%v) identity does not parse: %v", pq, err)
		}
		r, kind, err := ParseRecipient(recipient, nil)
		if err != nil {
			t.Fatalf("NewIdentity(%v) recipient does not parse: %v", pq, err)
		}
		if want := map[bool]string{false: "x25519", true: "post-quantum"}[pq]; kind.String() != want {
			t.Errorf("NewIdentity(%v) kind = %v, want %s", pq, kind, want)
		}
		if _, err := Open(sealTo(t, payload, r), ids...); err != nil {
			t.Errorf("NewIdentity(%v): the identity does not open its recipient's share: %v", pq, err)
		}
	}
}

func TestIdentityFile(t *testing.T) {
	const (
		identity  = "AGE-SECRET-KEY-1QQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQ"
		recipient = "age1qqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqq"
	)
	now := time.Date(2026, 11, 26, 10, 30, 0, 0, time.FixedZone("CET", 3600))
	got := string(IdentityFile([]byte(identity), recipient, now))
	want := "# created: 2026-11-26T10:30:00+01:00\n# public key: " + recipient + "\n" + identity + "\n"
	if got != want {
		t.Errorf("IdentityFile =\n%s\nwant\n%s", got, want)
	}
}

func TestEncryptIdentity(t *testing.T) {
	const pass = "correct horse battery staple"
	id := newX25519(t)
	file := IdentityFile([]byte(id.String()), id.Recipient().String(), time.Now())

	// The real work factor, once: what keygen writes must open with age's
	// own scrypt identity, as stock `age -d` would do it.
	enc, err := EncryptIdentity(file, []byte(pass))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(enc, []byte(armor.Header+"\n")) {
		t.Errorf("EncryptIdentity output starts %q, want the armor header", enc[:min(len(enc), 40)])
	}
	scrypt, err := age.NewScryptIdentity(pass)
	if err != nil {
		t.Fatal(err)
	}
	r, err := age.Decrypt(armor.NewReader(bytes.NewReader(enc)), scrypt)
	if err != nil {
		t.Fatalf("age cannot decrypt EncryptIdentity output: %v", err)
	}
	var plain bytes.Buffer
	if _, err := plain.ReadFrom(r); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(plain.Bytes(), file) {
		t.Errorf("decrypted %q, want %q", plain.Bytes(), file)
	}
	hdr, err := age.ExtractHeader(armor.NewReader(bytes.NewReader(enc)))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(hdr, []byte("\n-> scrypt ")) || !bytes.Contains(hdr, []byte(" 18\n")) {
		t.Errorf("header %q: want one scrypt stanza with work factor 18", hdr)
	}

	if _, err := EncryptIdentity([]byte("not a key\n"), []byte(pass)); err == nil || strings.Contains(err.Error(), "not a key") {
		t.Errorf("EncryptIdentity of a non-identity = %v, want an error that does not quote it", err)
	}
	if _, err := EncryptIdentity(file, nil); err == nil {
		t.Error("EncryptIdentity with an empty passphrase succeeded")
	}
}
