// Command genlogs writes accesslog/testdata/kinds.log: one record of each
// kind that quorum writes, signed as quorum signs it, with every member in
// use. It is a log of format "quorum log v1" as it was released: later
// versions must read it as it is (TestOldLogsRead), so it is made once and
// never regenerated over: run it only to add a new file.
//
//	go run ./testdata/genlogs -o testdata/kinds.log
package main

import (
	"bytes"
	"crypto/ed25519"
	"flag"
	"log"
	"os"
	"time"

	"quorum/accesslog"
	"quorum/share"
)

func main() {
	out := flag.String("o", "", "the log to write; it must not exist")
	flag.Parse()
	if _, err := os.Stat(*out); err == nil || *out == "" {
		log.Fatalf("give -o with a file that does not exist (released logs are never rewritten)")
	}
	setKey := ed25519.NewKeyFromSeed(bytes.Repeat([]byte{1}, 32))
	share2 := ed25519.NewKeyFromSeed(bytes.Repeat([]byte{2}, 32))
	newKey := ed25519.NewKeyFromSeed(bytes.Repeat([]byte{3}, 32))
	set := string(share.FingerprintOf(setKey.Public().(ed25519.PublicKey)))
	newSet := string(share.FingerprintOf(newKey.Public().(ed25519.PublicKey)))
	day := time.Date(2026, 1, 5, 9, 30, 0, 0, time.UTC)
	at := func(d int) time.Time { return day.AddDate(0, 0, d) }
	people := []accesslog.Participant{{Index: 1, Custodian: "alice"}, {Index: 2, Custodian: "bob"}, {Index: 3, Custodian: "carol"}}
	tool := "quorum v1.0.0"
	for _, r := range []struct {
		rec    accesslog.Record
		key    ed25519.PrivateKey
		signer string
	}{
		{accesslog.Record{Kind: accesslog.KindSplit, Time: at(0), Set: set, Label: "root 2026", Participants: people,
			Operator: "dave", Witnesses: []string{"erin"}, Tool: tool}, setKey, accesslog.SignerSet},
		{accesslog.Record{Kind: accesslog.KindVerify, Time: at(10), Set: set, Label: "root 2026",
			Participants: people[1:2], Outcome: accesslog.Pass, Tool: tool}, share2, accesslog.ShareSigner(2)},
		{accesslog.Record{Kind: accesslog.KindVerify, Time: at(11), Set: set, Label: "root 2026", Participants: people[2:3],
			Outcome: accesslog.Fail, Failures: []accesslog.Failure{{Index: 3, Custodian: "carol", Source: "3-carol.share",
				Reason: "the passphrase does not open the share"}}, Tool: tool}, nil, ""},
		{accesslog.Record{Kind: accesslog.KindSheetOut, Time: at(20), Set: set, Label: "root 2026", By: []string{"carol", "dave"},
			Item: "sheet 3 (carol)", Share: 3, Event: "for the drill", Tool: tool}, nil, ""},
		{accesslog.Record{Kind: accesslog.KindLeftRoom, Time: at(21), By: []string{"bob"}, Item: "drill 2026-01-26", Tool: tool}, nil, ""},
		{accesslog.Record{Kind: accesslog.KindReturned, Time: at(21).Add(time.Hour), By: []string{"bob"}, Item: "drill 2026-01-26", Tool: tool}, nil, ""},
		{accesslog.Record{Kind: accesslog.KindDrill, Time: at(21).Add(2 * time.Hour), Set: set, Label: "root 2026", Participants: people[:2],
			Operator: "olivia", Witnesses: []string{"walter"}, Outcome: accesslog.Fail,
			Failures: []accesslog.Failure{{Index: 0, Source: "scan.jpg", Reason: "no QR code found"}}, Tool: tool}, setKey, accesslog.SignerSet},
		{accesslog.Record{Kind: accesslog.KindSheetIn, Time: at(22), Set: set, Label: "root 2026", By: []string{"carol"},
			Item: "sheet 3 (carol)", Share: 3, Tool: tool}, nil, ""},
		{accesslog.Record{Kind: accesslog.KindSheetLost, Time: at(30), Set: set, Label: "root 2026", By: []string{"bob"},
			Item: "sheet 2 (bob)", Share: 2, Event: "not in the safe", Tool: tool}, nil, ""},
		{accesslog.Record{Kind: accesslog.KindCombine, Time: at(40), Set: set, Label: "root 2026", Participants: people[:2],
			Operator: "olivia", Witnesses: []string{"walter"}, Reason: "quarterly root sign-in <test> & check",
			Outcome: accesslog.Pass, Tool: tool}, setKey, accesslog.SignerSet},
		{accesslog.Record{Kind: accesslog.KindReshare, Time: at(50), Set: set, Label: "root 2026", Participants: people[:2],
			Outcome: accesslog.Pass, NewSet: newSet, Tool: tool}, setKey, accesslog.SignerSet},
		{accesslog.Record{Kind: accesslog.KindSheetDestroyed, Time: at(51), Set: set, Label: "root 2026", By: []string{"alice", "olivia"},
			Item: "sheet 1 (alice)", Share: 1, Event: "shredded", Tool: tool}, nil, ""},
		{accesslog.Record{Kind: accesslog.KindNote, Time: at(52), By: []string{"erin"}, Event: "MFA device moved to safe B — ünïcode", Tool: tool}, nil, ""},
	} {
		if _, err := accesslog.Append(*out, &r.rec, r.key, r.signer); err != nil {
			log.Fatal(err)
		}
	}
}
