//go:build mangen

package main

// With the build tag mangen, and only then, quorum has a hidden command
// that writes its man pages from the cobra tree with cobra's doc package:
// scripts/man builds it so. Release binaries are built without the tag,
// so that cobra/doc and what it imports (go-md2man, blackfriday, a YAML
// library) are not in them.

import (
	"errors"
	"os"

	"github.com/spf13/cobra"
	"github.com/spf13/cobra/doc"

	"quorum/internal/newfile"
)

// buildCommands are the commands only a build tag adds.
func buildCommands(streams *IOStreams) []*cobra.Command {
	return []*cobra.Command{{
		Use:    "man DIR",
		Short:  "Write the man pages of quorum and its commands into DIR, which must not exist",
		Hidden: true,
		Args:   cobra.ExactArgs(1),
		RunE: func(c *cobra.Command, args []string) error {
			if _, err := os.Lstat(args[0]); err == nil {
				return &newfile.ExistsError{args[0]}
			} else if !errors.Is(err, os.ErrNotExist) {
				return err
			}
			if err := os.Mkdir(args[0], 0o755); err != nil {
				return err
			}
			root := c.Root()
			root.DisableAutoGenTag = true
			// The date is SOURCE_DATE_EPOCH's, which scripts/man sets to the
			// commit's, so that the pages are the same bytes in every build.
			return doc.GenManTree(root, &doc.GenManHeader{
				Title: "QUORUM", Section: "1", Source: "quorum " + version(), Manual: "quorum manual",
			}, args[0])
		},
	}}
}
