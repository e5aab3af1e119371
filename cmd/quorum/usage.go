package main

// Mistakes in the command line, in quorum's words. cobra and pflag word
// their own errors, in their own style ("required flag(s) "custodians"
// not set", "if any flags in the group [secret-file generate] are set none
// of the others can be"), and some without a type of their own; quorum
// checks what they would check first, or turns their typed errors into its
// own, so that every mistake reads like the rest of quorum's errors, says
// what to do, and exits with code 2 (usageError).

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// Annotations cobra puts on flags; cobra's own checks read them after
// quorum's, and find nothing left to refuse.
const (
	requiredAnnotation          = cobra.BashCompOneRequiredFlag
	requiredTogetherAnnotation  = "cobra_annotation_required_if_others_set"
	oneRequiredAnnotation       = "cobra_annotation_one_required"
	mutuallyExclusiveAnnotation = "cobra_annotation_mutually_exclusive"
)

// seeHelp is the hint of every mistake in the command line of c.
func seeHelp(c *cobra.Command) string {
	if !c.HasParent() {
		return "see 'quorum help' for the commands"
	}
	return fmt.Sprintf("see 'quorum help %s' for its flags and examples", strings.TrimPrefix(c.CommandPath(), "quorum "))
}

// flagName is how a flag is written on the command line: -k, or --label
// for one without a one-letter form.
func flagName(f *pflag.Flag) string {
	if f.Shorthand != "" {
		return "-" + f.Shorthand
	}
	return "--" + f.Name
}

// flagSpelled is a flag with its value as its help names it: "-k K".
func flagSpelled(f *pflag.Flag) string {
	if name, _ := pflag.UnquoteUsage(f); name != "" && f.NoOptDefVal == "" {
		return flagName(f) + " " + name
	}
	return flagName(f)
}

// thresholdHint answers the -n and -t of Vault and ssss, which quorum
// does not have: n comes from the custodians file.
const thresholdHint = "n is the number of custodians in the file; K is -k: quorum split -k K -c FILE"

// flagError words pflag's errors while it parses c's flags.
func flagError(c *cobra.Command, err error) error {
	// quorum splt -k 2: the flags are quorum's own, parsed after the
	// command name was not found; the name is the mistake.
	if !c.HasParent() && len(c.Flags().Args()) > 0 {
		return unknownCommand(c, c.Flags().Args()[0])
	}
	var (
		notExist *pflag.NotExistError
		noValue  *pflag.ValueRequiredError
		invalid  *pflag.InvalidValueError
		syntax   *pflag.InvalidSyntaxError
	)
	switch {
	case errors.As(err, &notExist):
		name := "--" + notExist.GetSpecifiedName()
		if s := notExist.GetSpecifiedShortnames(); s != "" {
			name = "-" + s[:1]
		}
		hint := seeHelp(c)
		if (name == "-n" || name == "-t") && c.Flags().Lookup("threshold") != nil {
			hint = thresholdHint
		}
		return &usageError{err: fmt.Errorf("%s has no flag %s", c.CommandPath(), name), hint: hint}
	case errors.As(err, &noValue):
		return &usageError{err: fmt.Errorf("%s needs a value: %s", flagName(noValue.GetFlag()), flagSpelled(noValue.GetFlag())), hint: seeHelp(c)}
	case errors.As(err, &invalid):
		f := invalid.GetFlag()
		want := map[string]string{"int": "a whole number", "bool": "true or false", "duration": "a duration such as 90m"}[f.Value.Type()]
		if want == "" {
			want = "another value"
		}
		return &usageError{err: fmt.Errorf("%s takes %s, not %q", flagName(f), want, invalid.GetValue()), hint: seeHelp(c)}
	case errors.As(err, &syntax):
		return &usageError{err: fmt.Errorf("%s is not a flag: flags are written -k or --label", syntax.GetSpecifiedFlag()), hint: seeHelp(c)}
	}
	return &usageError{err: err, hint: seeHelp(c)}
}

// checkFlags checks c's required flags and flag groups, as cobra would
// after this, in quorum's words.
func checkFlags(c *cobra.Command) error {
	var missing []string
	groups := map[string][]string{} // annotation → its groups, each flag names separated by spaces
	c.Flags().VisitAll(func(f *pflag.Flag) {
		if slices.Contains(f.Annotations[requiredAnnotation], "true") && !f.Changed {
			missing = append(missing, flagSpelled(f))
		}
		for _, a := range []string{requiredTogetherAnnotation, oneRequiredAnnotation, mutuallyExclusiveAnnotation} {
			for _, g := range f.Annotations[a] {
				if !slices.Contains(groups[a], g) {
					groups[a] = append(groups[a], g)
				}
			}
		}
	})
	if len(missing) > 0 {
		return &usageError{err: fmt.Errorf("%s needs %s", c.CommandPath(), strings.Join(missing, " and ")), hint: seeHelp(c)}
	}
	for _, a := range []string{mutuallyExclusiveAnnotation, requiredTogetherAnnotation, oneRequiredAnnotation} {
		slices.Sort(groups[a])
		for _, g := range groups[a] {
			var set, all []string
			for _, name := range strings.Fields(g) {
				f := c.Flags().Lookup(name)
				if f == nil {
					continue
				}
				all = append(all, flagName(f))
				if f.Changed {
					set = append(set, flagName(f))
				}
			}
			switch {
			case a == mutuallyExclusiveAnnotation && len(set) > 1:
				return &usageError{err: fmt.Errorf("%s do not go together: give one", strings.Join(set, " and ")), hint: seeHelp(c)}
			case a == requiredTogetherAnnotation && len(set) > 0 && len(set) < len(all):
				return &usageError{err: fmt.Errorf("%s go together: give all of them", strings.Join(all, " and ")), hint: seeHelp(c)}
			case a == oneRequiredAnnotation && len(set) == 0:
				return &usageError{err: fmt.Errorf("give one of %s", strings.Join(all, " or ")), hint: seeHelp(c)}
			}
		}
	}
	return nil
}

// unknownCommand is the error for a command quorum does not have, with
// the commands it may have meant.
func unknownCommand(root *cobra.Command, name string) error {
	hint := "see 'quorum help' for the commands"
	if s := root.SuggestionsFor(name); len(s) > 0 {
		hint = fmt.Sprintf("did you mean %s?", strings.Join(s, " or "))
	}
	return &usageError{err: fmt.Errorf("quorum has no command %q", name), hint: hint}
}

// wordArgs wraps the argument check of c and of every command under it:
// cobra.NoArgs says "unknown command" of an argument; quorum says the
// command takes none. quorum's own checks return usage errors, kept.
func wordArgs(c *cobra.Command) {
	for _, sub := range c.Commands() {
		wordArgs(sub)
	}
	check := c.Args
	if check == nil || !c.HasParent() {
		return
	}
	c.Args = func(cmd *cobra.Command, args []string) error {
		err := check(cmd, args)
		var ue *usageError
		if err == nil || errors.As(err, &ue) {
			return err
		}
		if len(args) > 0 && cobra.NoArgs(cmd, args) != nil {
			return &usageError{err: fmt.Errorf("%s takes no arguments, and was given %q", cmd.CommandPath(), args[0]), hint: seeHelp(cmd)}
		}
		return &usageError{err: fmt.Errorf("%s: wrong arguments: %s", cmd.CommandPath(), cmd.UseLine()), hint: seeHelp(cmd)}
	}
}

// oneArg is the argument check of a command that takes one argument,
// what ("SCENARIO"): without it the error is missing, which says where to
// find it; with more, the error names what was given, so that a person
// whose argument is there does not read that it is missing.
func oneArg(what, missing string) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		switch {
		case len(args) == 0:
			return &usageError{err: errors.New(missing), hint: seeHelp(cmd)}
		case len(args) > 1:
			return &usageError{err: fmt.Errorf("%s takes one argument, %s, and was given %d: %q", cmd.CommandPath(), what, len(args), args), hint: seeHelp(cmd)}
		}
		return nil
	}
}

// newHelpCmd is quorum help [COMMAND]: an unknown command is an error,
// where cobra's help prints "Unknown help topic" and succeeds.
func newHelpCmd(root *cobra.Command) *cobra.Command {
	return &cobra.Command{
		Use:   "help [COMMAND]",
		Short: "Show how to use quorum, or one command, with examples",
		RunE: func(c *cobra.Command, args []string) error {
			target, rest, err := root.Find(args)
			if err != nil {
				return err
			}
			if len(rest) > 0 {
				return unknownCommand(root, rest[0])
			}
			return target.Help()
		},
	}
}
