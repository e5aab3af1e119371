package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"

	"github.com/spf13/cobra"

	"quorum/accesslog"
	"quorum/ceremony"
	"quorum/combine"
	"quorum/custodian"
	"quorum/internal/filter"
	"quorum/manifest"
	"quorum/seal"
	"quorum/share"
)

type inspectOptions struct {
	IO       *IOStreams
	JSON     bool
	Age      bool
	Set      string
	Manifest string
	Args     []string
	Type     bool
}

func newInspectCmd(streams *IOStreams) *cobra.Command {
	opts := &inspectOptions{IO: streams}
	cmd := &cobra.Command{
		Use:   "inspect [--json] [--set FINGERPRINT | -m MANIFEST] [--type] SHARE|MANIFEST|KEYFILE...",
		Short: "Show the public facts of shares and manifests, and check their signatures",
		Long: `Show what anyone can read from a share or a manifest without a key: set
fingerprint, label, k of n, index, custodian, recipient kind, date, and
whether the signature is valid. The exit code is non-zero when a signature
is invalid or a share is not of the pinned set.

With --age, write the share's sealed payload to standard output as an age
file, byte for byte in age's own format, so that stock age opens it:
step one of recovery without quorum (FORMAT.md §12). The age file is sealed
and may be copied; what age -d opens it to is a piece of the secret, kept in
a pipe, never in a file.

A SHARE may be a scan of sheets (PNG, JPEG, scanned PDF), and --type asks
for sheets typed on the terminal, as combine does.

A KEYFILE is what -i takes: an age identity file (post-quantum too), one
protected with a passphrase (asked for on the terminal), or an SSH private
key. inspect shows the recipient it opens shares for and the recipient
fingerprint exactly as the sheet and the ceremony record print it, so that
a custodian can check from their own key that the sheet is theirs; for an
SSH key also OpenSSH's SHA256: fingerprint, as ssh-keygen -l shows it.`,
		Example: `  quorum inspect 2-bob.share
  quorum inspect -m manifest.json *.share
  quorum inspect alice.key
  quorum inspect --age 2-bob.share > 2-bob.age`,
		Args: sharesArgs(&opts.Type),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Args = args
			return runInspect(opts)
		},
	}
	cmd.Flags().BoolVar(&opts.JSON, "json", false, "print JSON")
	cmd.Flags().BoolVar(&opts.Age, "age", false, "write the share's age file to standard output")
	cmd.Flags().StringVar(&opts.Set, "set", "", "check that shares are of the set with this `FINGERPRINT`")
	cmd.Flags().StringVarP(&opts.Manifest, "manifest", "m", "", "check that shares are of the set of this `MANIFEST`")
	addTypeFlag(cmd.Flags(), &opts.Type)
	return cmd
}

// inspected is what inspect reports of one share or manifest.
type inspected struct {
	Source        string `json:"source"`
	Type          string `json:"type"` // "share" or "manifest"
	Fingerprint   string `json:"set_fingerprint"`
	Label         string `json:"label"`
	Threshold     int    `json:"threshold"`
	Shares        int    `json:"shares"`
	Index         int    `json:"index,omitempty"`
	Custodian     string `json:"custodian,omitempty"`
	RecipientKind string `json:"recipient_kind,omitempty"`
	Created       string `json:"created"`
	Signature     string `json:"signature"` // "valid" or "invalid"
	Pinned        string `json:"pinned"`    // "match", "other set" or "not pinned"
	ShareHash     string `json:"share_hash,omitempty"`
	Problem       string `json:"problem,omitempty"`
}

func runInspect(opts *inspectOptions) error {
	streams := opts.IO
	if opts.Age {
		return inspectAge(opts)
	}
	pinned, m, err := pin(streams, opts.Set, opts.Manifest)
	if err != nil {
		return err
	}
	var results []inspected
	var keys []inspectedKey
	var shareArgs []string
	for _, a := range opts.Args {
		data, err := os.ReadFile(a)
		if err == nil && accesslog.IsLog(data) {
			return usagef("%s is an access log, not a share or manifest: show and check it with 'quorum log %s'", a, a)
		}
		if err == nil && seal.IsIdentityFile(data) {
			clear(data)
			k, err := inspectKey(streams, a)
			if err != nil {
				return err
			}
			keys = append(keys, k...)
			continue
		}
		if err == nil && bytes.HasPrefix(bytes.TrimSpace(data), []byte("{")) {
			results = append(results, inspectManifest(a, data, pinned))
			continue
		}
		shareArgs = append(shareArgs, a)
	}
	if len(shareArgs) > 0 || opts.Type {
		inputs, err := readShares(streams, shareArgs, opts.Type)
		if err != nil {
			return err
		}
		if err := ceremony.SetTypo(opts.Set, pinned, inputs); err != nil {
			return err
		}
		for _, in := range inputs {
			results = append(results, inspectShare(in, pinned, m))
		}
	}
	for i := range results {
		results[i].filter()
	}
	if opts.JSON {
		all := make([]any, 0, len(keys)+len(results))
		for _, k := range keys {
			all = append(all, k)
		}
		for _, r := range results {
			all = append(all, r)
		}
		b, err := json.MarshalIndent(all, "", "  ")
		if err != nil {
			return err
		}
		fmt.Fprintf(streams.Out, "%s\n", b)
	} else {
		for i, k := range keys {
			if i > 0 {
				fmt.Fprintln(streams.Out)
			}
			printKey(streams, k)
		}
		for i, r := range results {
			if i > 0 || len(keys) > 0 {
				fmt.Fprintln(streams.Out)
			}
			printInspected(streams, r)
		}
	}
	bad := 0
	for _, r := range results {
		if r.Problem != "" {
			bad++
		}
	}
	if bad > 0 {
		return fmt.Errorf("%d of %d failed inspection", bad, len(results))
	}
	return nil
}

// filter passes every text member through filter.Text, for the terminal
// and for JSON alike: the label, the custodian and the problem come from
// the files, the source is a file name.
func (r *inspected) filter() {
	for _, s := range []*string{&r.Source, &r.Label, &r.Custodian, &r.Created, &r.Problem} {
		*s = filter.Text(*s)
	}
}

func pinState(fp, pinned share.Fingerprint) string {
	switch {
	case pinned == "":
		return "not pinned"
	case fp == pinned:
		return "match"
	}
	return "other set"
}

func inspectShare(in combine.Input, pinned share.Fingerprint, m *manifest.Manifest) inspected {
	s := in.Share
	r := inspected{
		Source: in.Source, Type: "share", Fingerprint: s.Fingerprint().String(), Label: s.Label,
		Threshold: s.Threshold, Shares: s.Shares, Index: s.Index, Custodian: s.Custodian,
		RecipientKind: s.Kind.String(), Created: s.Created.Format("2006-01-02"),
		Signature: "valid", Pinned: pinState(s.Fingerprint(), pinned),
	}
	if h, err := s.Hash(); err == nil {
		r.ShareHash = share.EncodeBinary(h[:])
	}
	if err := s.Verify(); err != nil {
		r.Signature = "invalid"
		r.Problem = "signature is invalid: the share was altered or forged"
	}
	if r.Pinned == "other set" && r.Problem == "" {
		r.Problem = "not of the pinned set"
	}
	// With the manifest, the share must be the one it lists.
	if m != nil && r.Problem == "" && r.Pinned == "match" {
		if _, err := m.Entry(s); err != nil {
			r.Problem = "not the share the manifest lists for this index"
		}
	}
	return r
}

func inspectManifest(name string, data []byte, pinned share.Fingerprint) inspected {
	r := inspected{Source: name, Type: "manifest", Signature: "valid"}
	m, err := manifest.Parse(data)
	var ise *manifest.InvalidSignatureError
	switch {
	case errors.As(err, &ise):
		r.Signature = "invalid"
		r.Fingerprint = ise.Fingerprint.String()
		r.Problem = err.Error()
		return r
	case err != nil:
		r.Signature = "invalid"
		r.Problem = err.Error()
		return r
	}
	fp, _ := m.Fingerprint()
	r.Fingerprint, r.Label, r.Threshold, r.Shares, r.Created = fp.String(), m.Label, m.Threshold, m.Shares, m.Created
	r.Pinned = pinState(fp, pinned)
	if r.Pinned == "other set" {
		r.Problem = "not of the pinned set"
	}
	return r
}

func printInspected(streams *IOStreams, r inspected) {
	w := streams.Out
	switch {
	case r.Type == "manifest" && r.Threshold == 0:
		fmt.Fprintf(w, "%s: manifest that does not verify\n", r.Source)
	case r.Type == "manifest":
		fmt.Fprintf(w, "%s: manifest of a %d-of-%d set\n", r.Source, r.Threshold, r.Shares)
	default:
		fmt.Fprintf(w, "%s: share %d of %d (any %d rebuild the secret)\n", r.Source, r.Index, r.Shares, r.Threshold)
	}
	row := func(k, v string) {
		if v != "" {
			fmt.Fprintf(w, "  %-14s %s\n", k, v)
		}
	}
	row("set", r.Fingerprint)
	if r.Type == "share" || r.Threshold != 0 { // a manifest that does not verify says nothing
		row("label", quote(r.Label))
	}
	row("custodian", r.Custodian)
	row("recipient kind", r.RecipientKind)
	row("created", r.Created)
	row("signature", r.Signature)
	row("pinned", r.Pinned)
	row("problem", r.Problem)
}

func inspectAge(opts *inspectOptions) error {
	switch n := len(opts.Args); {
	case opts.Type && n > 0:
		return usagef("--age with --type takes the one typed sheet and no SHARE")
	case !opts.Type && n != 1:
		return usagef("--age takes exactly one SHARE")
	}
	if opts.JSON {
		return usagef("--age and --json do not go together")
	}
	inputs, err := readShares(opts.IO, opts.Args, opts.Type)
	if err != nil {
		return err
	}
	if len(inputs) != 1 {
		return usagef("%s holds %d shares; --age takes one", inputs[0].Source, len(inputs))
	}
	pinned, _, err := pin(opts.IO, opts.Set, opts.Manifest)
	if err != nil {
		return err
	}
	if _, err := combine.Select(inputs[:1], pinned); err != nil {
		var tfe *combine.TooFewError
		if !errors.As(err, &tfe) { // one share is always too few: fine here
			return err
		}
	}
	if opts.IO.OutIsTerminal {
		return usagef("--age writes binary data; redirect standard output to a file or to age")
	}
	_, err = opts.IO.Out.Write(inputs[0].Share.Sealed)
	return err
}

// inspectedKey is what inspect reports of one identity in a key file.
type inspectedKey struct {
	Source               string `json:"source"`
	Type                 string `json:"type"` // "key"
	RecipientKind        string `json:"recipient_kind"`
	Recipient            string `json:"recipient"`
	RecipientFingerprint string `json:"recipient_fingerprint"`
	OpenSSHFingerprint   string `json:"openssh_fingerprint,omitempty"`
}

// inspectKey reads a key file as -i does, and reports each identity's
// recipient and recipient fingerprint, computed as split computes them
// for the manifest (custodian.Custodian.Fingerprint).
func inspectKey(streams *IOStreams, file string) ([]inspectedKey, error) {
	ids, err := loadIdentities(streams, []string{file})
	if err != nil {
		return nil, err
	}
	var keys []inspectedKey
	for _, id := range ids {
		rs, err := seal.Recipients(id)
		if err != nil {
			return nil, &sourceError{file, err}
		}
		for _, r := range rs {
			_, kind, err := seal.CanonicalRecipient(r)
			if err != nil {
				return nil, &sourceError{file, err}
			}
			c := custodian.Custodian{Recipient: r, Kind: kind}
			keys = append(keys, inspectedKey{
				Source: file, Type: "key", RecipientKind: kind.String(), Recipient: r,
				RecipientFingerprint: c.Fingerprint(), OpenSSHFingerprint: seal.SSHFingerprint(r),
			})
		}
	}
	return keys, nil
}

func printKey(streams *IOStreams, k inspectedKey) {
	w := streams.Out
	fmt.Fprintf(w, "%s: key of a custodian (%s)\n", filter.Text(k.Source), k.RecipientKind)
	fmt.Fprintf(w, "  %-14s %s\n", "recipient", k.Recipient)
	// As the sheet prints it: "fingerprint 7QX4 M2KD …".
	fmt.Fprintf(w, "  %-14s %s\n", "fingerprint", group4(k.RecipientFingerprint))
	if k.OpenSSHFingerprint != "" {
		fmt.Fprintf(w, "  %-14s %s\n", "OpenSSH", k.OpenSSHFingerprint)
	}
}
