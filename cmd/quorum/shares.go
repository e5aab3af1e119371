package main

// What every command that takes SHARE arguments shares on the command
// line: --type, the Args rule, and the calls into ceremony's intake and
// rebuilding for the commands that still read in cmd.

import (
	"fmt"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"quorum/ceremony"
	"quorum/manifest"
	"quorum/share"
)

// readInput is ceremony's, for the commands that read files of their own
// (manifests, logs).
func readInput(streams *IOStreams, name string) ([]byte, error) {
	return ceremony.ReadInput(streams.env(), name)
}

// sourceError names the file that the commands still in cmd could not
// read; ceremony.SourceError is the same for what ceremony reads.
type sourceError struct {
	Source string
	Err    error
}

func (e *sourceError) Error() string { return fmt.Sprintf("%s: %v", e.Source, e.Err) }
func (e *sourceError) Unwrap() error { return e.Err }

// addTypeFlag registers --type on a command that takes SHARE arguments.
func addTypeFlag(fs *pflag.FlagSet, p *bool) {
	fs.BoolVar(p, "type", false, "type a sheet's text on the terminal, line by line, as printed under its QR code; several sheets one after another")
}

// sharesArgs is the Args rule of a command that takes SHARE arguments:
// at least one, or none when the shares are typed (--type).
func sharesArgs(typed *bool) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if len(args) == 0 && !*typed {
			return usagef("give at least one SHARE, or --type to type sheets on the terminal")
		}
		return nil
	}
}

// pin is ceremony's, on the terminal.
func pin(streams *IOStreams, set, manifestFile string) (share.Fingerprint, *manifest.Manifest, error) {
	return ceremony.Pin(streams.env(), set, manifestFile)
}

func labelSuffix(label string) string {
	if label == "" {
		return ""
	}
	return " " + quote(label)
}
