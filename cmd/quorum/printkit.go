package main

// The kit as quorum kit list and quorum status print it, and status's
// flags for the kit's intervals.

import (
	"fmt"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"quorum/internal/filter"
	"quorum/kit"
)

// printKit lists the items (kit list, status). Their words came from the
// log: they pass the one filter.
func printKit(streams *IOStreams, items []*kit.ItemStatus) {
	for _, it := range items {
		fmt.Fprintf(streams.Out, "  %-12s %-10s %-14s %s\n", filter.Text(it.ID), it.Kind, filter.Text(it.Place), filter.Text(strings.Join(it.Notes(), "; ")))
	}
}

// addKitRuleFlags adds the kit's intervals to status.
func addKitRuleFlags(cmd *cobra.Command, r *kit.Rules) {
	f := cmd.Flags()
	f.IntVar(&r.OutDays, "out-days", kit.DefaultOutDays, "days an item of the kit may be out of its place")
	f.IntVar(&r.CheckEvery, "check-every", kit.DefaultCheckEvery, "days between checks of the phone and the MFA device")
	f.IntVar(&r.ReviewEvery, "review-every", kit.DefaultReviewEvery, "days between access reviews (30 for monthly)")
}

// printKitStatus is status's part for the kit: the items, and the review.
func printKitStatus(streams *IOStreams, rep *kit.Report) {
	w := streams.Out
	fmt.Fprintln(w, "kit")
	printKit(streams, rep.Items)
	switch {
	case rep.LastReview.IsZero():
		fmt.Fprintf(w, "  access review: none yet, due %s", rep.ReviewDue.Format(time.DateOnly))
	default:
		fmt.Fprintf(w, "  access review: last %s by %s, next due %s", rep.LastReview.Format(time.DateOnly),
			filter.Text(strings.Join(rep.ReviewBy, ", ")), rep.ReviewDue.Format(time.DateOnly))
	}
	if rep.ReviewOverdue {
		fmt.Fprint(w, "  OVERDUE")
	}
	fmt.Fprintln(w)
}
