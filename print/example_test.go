package print_test

import (
	"fmt"
	"log"
	"time"

	"filippo.io/age"

	"quorum/print"
	"quorum/share"
	"quorum/split"
)

// ExampleNew prints the sheets of a 2-of-3 set: the ceremony record, then
// one sheet per custodian, each on one page.
func ExampleNew() {
	var custodians []split.Custodian
	for _, name := range []string{"alice", "bob", "carol"} {
		id, err := age.GenerateX25519Identity()
		if err != nil {
			log.Fatal(err)
		}
		custodians = append(custodians, split.Custodian{Name: name, Kind: share.KindX25519, Recipient: id.Recipient()})
	}
	set, err := split.Split(split.Options{
		Secret: []byte("Example-Root-Password"), Threshold: 2, Label: "root 2026",
		Custodians: custodians, Created: time.Date(2026, 11, 26, 0, 0, 0, 0, time.UTC), Tool: "quorum example",
	})
	if err != nil {
		log.Fatal(err)
	}
	doc, err := print.New(set.Shares, print.Options{Paper: print.A4, Manifest: set.Manifest, Record: true})
	if err != nil {
		log.Fatal(err) // a *print.ReadBackError if a code did not read back
	}
	for _, s := range doc.Sheets {
		fmt.Printf("%s: %d page\n", s.Name, s.Pages())
	}
	pdf, err := doc.PDF()
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("%s\n", pdf[:8])
	// Output:
	// record: 1 page
	// 1-alice: 1 page
	// 2-bob: 1 page
	// 3-carol: 1 page
	// %PDF-1.3
}
