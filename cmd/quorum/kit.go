package main

// quorum kit: the rest of the root kit (the MFA device, the phone, the
// group email address, the keys of the safes, where the sheets are) in the
// access log. Flags, help and hints only: recording an event is
// ceremony.Kit's, what an event may do to an item package kit's, the
// record's form package accesslog's.

import (
	"encoding/json"
	"errors"
	"fmt"

	"github.com/spf13/cobra"

	"quorum/accesslog"
	"quorum/ceremony"
	"quorum/kit"
)

type kitOptions struct {
	IO *IOStreams
	ceremony.KitOptions
	Now string // hidden, for tests
}

const phoneWarning = `Never write the phone's number: not in an ID, a place or a reason, and not on
any paper. The guidance keeps it on the account's contact page and nowhere
else; quorum refuses text that looks like one.`

func newKitCmd(streams *IOStreams) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "kit",
		Short: "Record where the MFA device, the phone, the email and the sheets are, and every access",
		Long: `Besides the password's shares, the root user rests on an MFA device, the
account's contact phone (a dedicated handset and SIM kept in a safe), the
group email address, and the places where each is kept. quorum kit registers
each as an item in the access log and records every time it is taken out,
put back, moved, checked, replaced, lost or retired, chained with the
shares' events. quorum status then says when the MFA device or the phone is
kept with the sheets, when an item is out too long, when a check, a battery
or a review is due, and when the people who hold the MFA device could reach
k shares among themselves.

` + phoneWarning,
		Example: `  quorum kit add mfa-1 --kind mfa-device --place "safe B" --holder erin --holder frank --battery-expires 2029-06-30 --log access.log
  quorum kit add sheets --kind sheet -m manifest.json --share all --place "safe A" --log access.log
  quorum kit out mfa-1 --by erin --witness frank --reason "drill" --log access.log
  quorum kit check phone --by frank --result ok --log access.log
  quorum kit list --log access.log`,
		Args: cobra.NoArgs,
	}
	events := []struct{ kind, use, short string }{
		{accesslog.KindKitOut, "out", "Record that an item was taken out of its place"},
		{accesslog.KindKitIn, "in", "Record that an item was put back (--place: where, if not where it was)"},
		{accesslog.KindKitMove, "move", "Record that an item was moved to another place (--place)"},
		{accesslog.KindKitCheck, "check", "Record a test of an item: --result ok or failed"},
		{accesslog.KindKitReplace, "replace", "Record that an item was replaced by a new one"},
		{accesslog.KindKitLost, "lost", "Record that an item is lost"},
		{accesslog.KindKitRetire, "retire", "Record that an item is no longer in use"},
	}
	cmd.AddCommand(newKitAddCmd(streams))
	for _, e := range events {
		cmd.AddCommand(newKitEventCmd(streams, e.kind, e.use, e.short))
	}
	cmd.AddCommand(newKitListCmd(streams))
	return cmd
}

func newKitAddCmd(streams *IOStreams) *cobra.Command {
	opts := &kitOptions{IO: streams}
	opts.Event.Kind = accesslog.KindKitAdd
	cmd := &cobra.Command{
		Use:   "add ID --kind KIND --place PLACE --log LOG [--holder NAME]... [--battery-expires DATE] [-m MANIFEST --share N|all]",
		Short: "Register an item of the kit in the access log",
		Long: `Register an item under ID (letters, digits, '.', '_', '-': "mfa-1") with its
kind, where it is kept, and who may take it out (--holder, repeated).

Kinds:
  mfa-device   the root user's MFA device, by its serial in ID or --reason;
               --battery-expires DATE for a battery-based one
  phone        the account's contact phone: the handset and its SIM
  email        the group address, and who receives its mail (--holder)
  safe-key     the key or code of a safe
  sheet        where a set's sheets are kept: -m MANIFEST --share N or all
  other        anything else

` + phoneWarning,
		Example: `  quorum kit add mfa-1 --kind mfa-device --place "safe B" --holder erin --battery-expires 2029-06-30 --log access.log
  quorum kit add phone --kind phone --place "safe C" --holder frank --log access.log
  quorum kit add sheets --kind sheet -m manifest.json --share all --place "safe A" --log access.log`,
		Args: kitIDArg,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Event.ID = args[0]
			return runKit(opts)
		},
	}
	f := cmd.Flags()
	f.StringVar(&opts.Event.ItemKind, "kind", "", "what the item is: `KIND` (mfa-device, phone, email, safe-key, sheet, other)")
	f.StringVar(&opts.Event.Place, "place", "", "where it is kept (`PLACE`, in words; never the phone's number)")
	f.StringArrayVar(&opts.Event.Holders, "holder", nil, "who may take it out (`NAME`); repeat for several")
	f.StringVar(&opts.Event.Expires, "battery-expires", "", "a battery-based MFA device: when its battery expires (`DATE`, YYYY-MM-DD)")
	f.StringVarP(&opts.Manifest, "manifest", "m", "", "a sheet item: its set's `MANIFEST`")
	f.StringVar(&opts.Event.Share, "share", "", "a sheet item: which sheet (`N`), or all")
	addKitCommonFlags(cmd, opts)
	cmd.MarkFlagRequired("kind")
	return cmd
}

func newKitEventCmd(streams *IOStreams, kind, use, short string) *cobra.Command {
	opts := &kitOptions{IO: streams}
	opts.Event.Kind = kind
	cmd := &cobra.Command{
		Use:   use + " ID --by NAME [--witness NAME] [--reason TEXT] [--place PLACE] --log LOG",
		Short: short,
		Long: short + `, chained to the access log's last record and not
signed: it says what the person at the keyboard typed, on the day the
laptop's clock says. An unknown item, an event on a retired item, or one
that does not fit (out twice, in when it is in) is refused, and the log is
left as it was.

` + phoneWarning,
		Args: kitIDArg,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Event.ID = args[0]
			return runKit(opts)
		},
	}
	f := cmd.Flags()
	switch kind {
	case accesslog.KindKitMove, accesslog.KindKitIn, accesslog.KindKitReplace:
		f.StringVar(&opts.Event.Place, "place", "", "its new place (`PLACE`, in words)")
	}
	switch kind {
	case accesslog.KindKitCheck:
		f.StringVar(&opts.Event.Result, "result", "", "how the test went: `ok` or failed")
		cmd.MarkFlagRequired("result")
	case accesslog.KindKitReplace:
		f.StringVar(&opts.Event.Expires, "battery-expires", "", "the new device's battery expiry (`DATE`, YYYY-MM-DD)")
		f.StringArrayVar(&opts.Event.Holders, "holder", nil, "who may take the new one out (`NAME`), if others")
	case accesslog.KindKitMove:
		cmd.MarkFlagRequired("place")
	}
	addKitCommonFlags(cmd, opts)
	cmd.MarkFlagRequired("by")
	return cmd
}

func addKitCommonFlags(cmd *cobra.Command, opts *kitOptions) {
	f := cmd.Flags()
	f.StringVar(&opts.Log, "log", "", "the access `LOG` (created 0600 when missing)")
	f.StringArrayVar(&opts.Event.By, "by", nil, "who did it (`NAME`); repeat for several")
	f.StringArrayVar(&opts.Event.Witnesses, "witness", nil, "who saw it (`NAME`); repeat for several")
	f.StringVar(&opts.Event.Reason, "reason", "", "why, in words (`TEXT`)")
	addRunFlag(cmd, &opts.Run)
	addNowFlag(cmd, &opts.Now)
	cmd.MarkFlagRequired("log")
}

func kitIDArg(cmd *cobra.Command, args []string) error {
	if len(args) != 1 {
		return usagef("quorum kit %s takes one ID, the item's (\"mfa-1\"), and %d were given", cmd.Name(), len(args))
	}
	if err := kit.CheckID(args[0]); err != nil {
		return &usageError{err: err}
	}
	return nil
}

func runKit(opts *kitOptions) error {
	streams, err := withClock(opts.IO, opts.Now)
	if err != nil {
		return err
	}
	opts.Tool = toolName()
	_, head, err := ceremony.Kit(streams.env(), opts.KitOptions)
	if err != nil {
		return kitError(opts, err)
	}
	fmt.Fprintln(streams.Out, head)
	return nil
}

// kitError words package kit's refusals for the command line: each leaves
// the log as it was.
func kitError(opts *kitOptions, err error) error {
	var (
		fe *kit.FieldError
		ue *kit.UnknownItemError
		de *kit.DuplicateError
		se *kit.StateError
	)
	switch {
	case errors.As(err, &fe):
		return &usageError{err: err, hint: "nothing was recorded; " + opts.Log + " is as it was"}
	case errors.As(err, &ue):
		return &usageError{err: err, hint: fmt.Sprintf("'quorum kit list --log %s' lists the kit; 'quorum kit add' registers an item", opts.Log)}
	case errors.As(err, &de):
		return &usageError{err: err, hint: "an ID names one item for the whole log; a new device under the old ID is 'quorum kit replace'"}
	case errors.As(err, &se):
		return &usageError{err: err, hint: fmt.Sprintf("'quorum kit list --log %s' shows where each item is", opts.Log)}
	}
	return err
}

type kitListOptions struct {
	IO   *IOStreams
	Log  string
	JSON bool
	Now  string
}

func newKitListCmd(streams *IOStreams) *cobra.Command {
	opts := &kitListOptions{IO: streams}
	cmd := &cobra.Command{
		Use:   "list --log LOG [--json]",
		Short: "List the kit: each item's place, holders, in or out, last check, next due",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runKitList(opts)
		},
	}
	cmd.Flags().StringVar(&opts.Log, "log", "", "the access `LOG`")
	cmd.Flags().BoolVar(&opts.JSON, "json", false, "print the items as JSON")
	addNowFlag(cmd, &opts.Now)
	cmd.MarkFlagRequired("log")
	return cmd
}

func runKitList(opts *kitListOptions) error {
	streams, err := withClock(opts.IO, opts.Now)
	if err != nil {
		return err
	}
	rep, err := ceremony.KitList(streams.env(), opts.Log)
	if err != nil {
		return err
	}
	if opts.JSON {
		b, err := json.MarshalIndent(rep.Items, "", "  ")
		if err != nil {
			return err
		}
		fmt.Fprintf(streams.Out, "%s\n", b)
		return nil
	}
	if len(rep.Items) == 0 {
		fmt.Fprintf(streams.Out, "no kit in %s: register items with 'quorum kit add'\n", opts.Log)
		return nil
	}
	printKit(streams, rep.Items)
	return nil
}
