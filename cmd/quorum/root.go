package main

import (
	"errors"
	"fmt"
	"runtime/debug"

	"github.com/spf13/cobra"

	"quorum/ceremony"
	"quorum/internal/newfile"
	"quorum/internal/term"
	"quorum/kit"
)

// run runs quorum with args and returns the exit code. It is main without
// the os.Exit, so that tests and the demo can run the real CLI.
func run(args []string, streams *IOStreams) int {
	root := newRootCmd(streams)
	root.SetArgs(args)
	err := root.Execute()
	if err == nil {
		return 0
	}
	// A signal held while files were written ends the process now, as it
	// would have without the hold (internal/newfile).
	var ie *newfile.InterruptedError
	if errors.As(err, &ie) {
		term.ExitBySignal(ie.Signal)
	}
	printError(streams, err)
	if isUsage(err) {
		return 2
	}
	return 1
}

// isUsage reports whether err is a mistake in the command line: ours, a
// ceremony's refusal of an option, or a kit flag's.
func isUsage(err error) bool {
	var (
		ue  *usageError
		cue *ceremony.UsageError
		kfe *kit.FieldError
		kie *kit.IDError
	)
	return errors.As(err, &ue) || errors.As(err, &cue) || errors.As(err, &kfe) || errors.As(err, &kie)
}

// usageError is a mistake in the command line itself, with a hint when
// there is more to say than its error (usage.go).
type usageError struct {
	err  error
	hint string
}

func (e *usageError) Error() string { return e.err.Error() }
func (e *usageError) Unwrap() error { return e.err }

func usagef(format string, args ...any) error {
	return &usageError{err: fmt.Errorf(format, args...)}
}

func newRootCmd(streams *IOStreams) *cobra.Command {
	root := &cobra.Command{
		Use:   "quorum",
		Short: "Split a root password among custodians; rebuild it only when k of them meet",
		Long: `quorum protects the one password nobody may hold alone. It splits the secret
into k-of-n shares, seals each share with age to one custodian, and writes one
share file per custodian and a manifest. Getting the secret back needs k
custodians, each opening their own share.

quorum is offline: it has no network code.`,
		Example: `  quorum demo
  quorum keygen -o alice.key
  quorum split -k 3 -c custodians.txt -l "root 2026"
  quorum combine -m manifest.json -i alice.key -i bob.key 1-alice.share 2-bob.share 4-dave.share`,
		SilenceErrors: true,
		SilenceUsage:  true,
		Version:       version(),
	}
	root.SetIn(streams.In)
	root.SetOut(streams.Out)
	root.SetErr(streams.Err)
	root.SetFlagErrorFunc(flagError)
	// quorum's own completion command replaces cobra's, in its words.
	root.CompletionOptions.DisableDefaultCmd = true
	// cobra checks required and exclusive flags after this hook, with
	// errors of no type of their own: checked here first, they are usage
	// errors (exit code 2) like every other mistake in the command line.
	root.PersistentPreRunE = func(c *cobra.Command, args []string) error {
		return checkFlags(c)
	}
	// Runnable, so that cobra hands an unknown command to quorum to word
	// instead of its own "unknown command … Did you mean this?".
	root.Args = cobra.ArbitraryArgs
	root.RunE = func(c *cobra.Command, args []string) error {
		if len(args) > 0 {
			return unknownCommand(root, args[0])
		}
		return c.Help()
	}
	root.SetHelpCommand(newHelpCmd(root))
	root.SuggestionsMinimumDistance = 2
	root.AddCommand(
		newKeygenCmd(streams),
		newSplitCmd(streams),
		newCombineCmd(streams),
		newInspectCmd(streams),
		newPrintCmd(streams),
		newVerifyCmd(streams),
		newDrillCmd(streams),
		newReshareCmd(streams),
		newRecordCmd(streams),
		newRetireCmd(streams),
		newKitCmd(streams),
		newReviewCmd(streams),
		newStatusCmd(streams),
		newLogCmd(streams),
		newRunbookCmd(streams),
		newDemoCmd(streams),
		newVersionCmd(streams),
		newCompletionCmd(streams, root),
	)
	root.AddCommand(buildCommands(streams)...)
	wordArgs(root)
	return root
}

// stampedVersion is set only by the linker, never at run time:
// scripts/build-all passes -ldflags "-X main.stampedVersion=…" with the
// release tag, or the commit for a build between tags (scripts/version),
// since a build from a checkout has no module version to read.
var stampedVersion string

// version is the version scripts/build-all stamped, else the module
// version when built as a tagged module (go install quorum@v1.2.0), else
// "devel".
func version() string {
	if stampedVersion != "" {
		return stampedVersion
	}
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		return bi.Main.Version
	}
	return "devel"
}

func toolName() string { return "quorum " + version() }

func newVersionCmd(streams *IOStreams) *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print the version of quorum, of Go and of every module built in",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			bi, ok := debug.ReadBuildInfo()
			fmt.Fprintf(streams.Out, "quorum %s\n", version())
			if !ok {
				return nil
			}
			fmt.Fprintf(streams.Out, "go %s\n", bi.GoVersion)
			for _, d := range bi.Deps {
				if d.Replace != nil {
					d = d.Replace
				}
				fmt.Fprintf(streams.Out, "%s %s %s\n", d.Path, d.Version, d.Sum)
			}
			return nil
		},
	}
}
