package seal_test

import (
	"bytes"
	"testing"

	"filippo.io/age"

	"quorum/seal"
)

// BenchmarkSeal and BenchmarkOpen are one custodian's share of a split and
// of a combine: a payload of a 64-byte secret (64-byte padded secret,
// 32-byte set seed, x-coordinate: FORMAT.md §5) sealed to and opened with
// an X25519 and a post-quantum hybrid key. A split seals n times, a
// combine opens k times; bench/RESULTS.md has the numbers.
func BenchmarkSeal(b *testing.B) {
	payload := bytes.Repeat([]byte{0x5a}, 64+32+1)
	for _, k := range benchKeys(b) {
		b.Run(k.name, func(b *testing.B) {
			for b.Loop() {
				if _, err := seal.Seal(payload, k.r); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkOpen(b *testing.B) {
	payload := bytes.Repeat([]byte{0x5a}, 64+32+1)
	for _, k := range benchKeys(b) {
		sealed, err := seal.Seal(payload, k.r)
		if err != nil {
			b.Fatal(err)
		}
		b.Run(k.name, func(b *testing.B) {
			for b.Loop() {
				got, err := seal.Open(sealed, k.id)
				if err != nil || !bytes.Equal(got, payload) {
					b.Fatalf("Open: %v", err)
				}
			}
		})
	}
}

type benchKey struct {
	name string
	id   age.Identity
	r    age.Recipient
}

func benchKeys(b *testing.B) []benchKey {
	x, err := age.GenerateX25519Identity()
	if err != nil {
		b.Fatal(err)
	}
	pq, err := age.GenerateHybridIdentity()
	if err != nil {
		b.Fatal(err)
	}
	return []benchKey{{"x25519", x, x.Recipient()}, {"mlkem768x25519", pq, pq.Recipient()}}
}
