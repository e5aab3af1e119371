package main

import (
	"fmt"
	"time"

	"quorum/ceremony"
	"quorum/internal/filter"
	"quorum/status"
)

// printLogCheck says what was checked of the access log (status, log).
func printLogCheck(streams *IOStreams, l *status.Log, logName string) {
	w := streams.Out
	switch {
	case l.Broken != nil:
		fmt.Fprintf(w, "log %s: BROKEN at record %d; the %s before it check\n", filter.Text(logName), l.Broken.Seq, ceremony.Count(l.Records, "record"))
	default:
		fmt.Fprintf(w, "log %s: %s, chain and signatures check (%d signed)\n", filter.Text(logName), ceremony.Count(l.Records, "record"), l.Signed)
	}
	if l.Head != "" {
		fmt.Fprintf(w, "  head %s\n", l.Head)
		fmt.Fprintf(w, "  newest record %s (laptop clock, UTC)\n", l.Newest.UTC().Format(time.DateTime))
	}
	if l.Wanted != "" && l.Found > 0 {
		fmt.Fprintf(w, "  head %s is record %d of %d\n", l.Wanted, l.Found, l.Records)
	}
	if l.Unchecked > 0 {
		fmt.Fprintf(w, "  %s signed with share keys of sets without a manifest here not counted\n", ceremony.Count(l.Unchecked, "record"))
	}
	for _, n := range l.Notes {
		fmt.Fprintf(w, "  note: %s\n", filter.Text(n))
	}
}
