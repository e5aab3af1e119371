package testtool

import (
	"crypto/rsa"
	"encoding/base64"
	"testing"

	"golang.org/x/crypto/ssh"
)

// ReencodeRSA writes an SSH RSA public key (an authorized_keys line) again,
// with zerosE and zerosN extra zero bytes in front of its exponent and
// modulus, and comment after it: the same key, in a wire encoding that RFC
// 4251 forbids (an mpint has no needless leading zero) and x/crypto/ssh
// accepts. It is how the security review made one key pass as two
// custodians.
func ReencodeRSA(t testing.TB, authorizedKey string, zerosE, zerosN int, comment string) string {
	t.Helper()
	pub, _, _, _, err := ssh.ParseAuthorizedKey([]byte(authorizedKey))
	if err != nil {
		t.Fatal(err)
	}
	k := pub.(ssh.CryptoPublicKey).CryptoPublicKey().(*rsa.PublicKey)
	mpint := func(b []byte, zeros int) []byte {
		if b[0]&0x80 != 0 {
			zeros++ // the one leading zero that keeps it positive
		}
		return append(make([]byte, zeros), b...)
	}
	e := []byte{byte(k.E >> 24), byte(k.E >> 16), byte(k.E >> 8), byte(k.E)}
	for e[0] == 0 {
		e = e[1:]
	}
	wire := ssh.Marshal(struct {
		Type string
		E, N []byte
	}{ssh.KeyAlgoRSA, mpint(e, zerosE), mpint(k.N.Bytes(), zerosN)})
	return ssh.KeyAlgoRSA + " " + base64.StdEncoding.EncodeToString(wire) + " " + comment
}
