// Command genrunlog writes accesslog/testdata/run.log: a log of format
// "quorum log v4" as it was released, two runs of runbooks among older
// records, with every member of a run in use and a signed record in a run
// (its signature covers the run's id). Later versions must read it as it
// is (TestOldLogsRead), and FuzzRead is seeded from it, so it is made once
// and never regenerated over: run it only to add a new file.
//
//	go run ./testdata/genrunlog -o testdata/run.log
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
	set := string(share.FingerprintOf(setKey.Public().(ed25519.PublicKey)))
	day := time.Date(2026, 4, 1, 9, 0, 0, 0, time.UTC)
	at := func(m int) time.Time { return day.Add(time.Duration(m) * time.Minute) }
	people := []accesslog.Participant{{Index: 1, Custodian: "alice"}, {Index: 2, Custodian: "bob"}}
	tool := "quorum v1.1.0"
	append := func(r accesslog.Record, key ed25519.PrivateKey, signer string) *accesslog.Record {
		if _, err := accesslog.Append(*out, &r, key, signer); err != nil {
			log.Fatal(err)
		}
		return &r
	}
	append(accesslog.Record{Kind: accesslog.KindKitAdd, Time: at(0), Item: "mfa-1", ItemKind: accesslog.ItemMFA, Place: "safe B",
		Holders: []string{"frank"}, By: []string{"olivia"}, Tool: tool}, nil, "")
	rehearsal := accesslog.RunID(append(accesslog.Record{Kind: accesslog.KindRunStart, Time: at(10), Scenario: "mfa-lost",
		Rehearsal: true, Operator: "dave", Witnesses: []string{"erin"}, Tool: tool}, nil, ""))
	append(accesslog.Record{Kind: accesslog.KindRunEnd, Time: at(70), Run: rehearsal, Outcome: accesslog.RunAborted,
		Lessons: []string{"the phone was not charged"}, Tool: tool}, nil, "")
	run := accesslog.RunID(append(accesslog.Record{Kind: accesslog.KindRunStart, Time: at(100), Scenario: "quarterly-test",
		Operator: "dave", Witnesses: []string{"erin", "walter"}, Tool: tool}, nil, ""))
	append(accesslog.Record{Kind: accesslog.KindSheetOut, Time: at(105), Set: set, Label: "root 2026", By: []string{"alice"},
		Item: "sheet 1 (alice)", Share: 1, Run: run, Tool: tool}, nil, "")
	append(accesslog.Record{Kind: accesslog.KindDrill, Time: at(110), Set: set, Label: "root 2026", Participants: people,
		Operator: "dave", Witnesses: []string{"erin", "walter"}, Outcome: accesslog.Pass, Run: run, Tool: tool}, setKey, accesslog.SignerSet)
	append(accesslog.Record{Kind: accesslog.KindLeftRoom, Time: at(115), By: []string{"bob"}, Item: "his own phone", Run: run, Tool: tool}, nil, "")
	append(accesslog.Record{Kind: accesslog.KindReturned, Time: at(125), By: []string{"bob"}, Item: "nothing", Run: run, Tool: tool}, nil, "")
	append(accesslog.Record{Kind: accesslog.KindKitCheck, Time: at(130), Item: "mfa-1", By: []string{"frank"}, Outcome: accesslog.Pass,
		Run: run, Tool: tool}, nil, "")
	append(accesslog.Record{Kind: accesslog.KindSheetIn, Time: at(140), Set: set, Label: "root 2026", By: []string{"alice"},
		Item: "sheet 1 (alice)", Share: 1, Run: run, Tool: tool}, nil, "")
	append(accesslog.Record{Kind: accesslog.KindRunEnd, Time: at(150), Run: run, Outcome: accesslog.RunDone,
		Lessons: []string{"nothing to change", "ask for the billing team's confirmation in writing — ünïcode"}, Tool: tool}, nil, "")
	append(accesslog.Record{Kind: accesslog.KindNote, Time: at(160), By: []string{"erin"}, Event: "after the run", Tool: tool}, nil, "")
}
