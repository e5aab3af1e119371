//go:build !mangen

package main

import "github.com/spf13/cobra"

// buildCommands are the commands only a build tag adds (man.go): none.
func buildCommands(streams *IOStreams) []*cobra.Command { return nil }
