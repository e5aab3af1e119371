package main

// What every command that takes SHARE arguments shares on the command
// line: --type and the Args rule; reading the shares is ceremony's
// (intake.go).

import (
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

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
