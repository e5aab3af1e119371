package main

import (
	"github.com/spf13/cobra"
)

// newCompletionCmd is quorum completion SHELL: the completion script of
// cobra's generators, in place of cobra's own command, whose help speaks
// cobra's words.
func newCompletionCmd(streams *IOStreams, root *cobra.Command) *cobra.Command {
	return &cobra.Command{
		Use:   "completion bash|zsh|fish|powershell",
		Short: "Print the script that completes quorum's commands and flags in a shell",
		Long: `Print a script that makes the shell complete quorum's commands and flags
when Tab is pressed. Load it in the shell's startup file, as the examples
show. The script runs quorum itself to complete; nothing is sent anywhere.`,
		Example: `  source <(quorum completion bash)                  # in ~/.bashrc
  quorum completion zsh > "${fpath[1]}/_quorum"     # then start a new shell
  quorum completion fish > ~/.config/fish/completions/quorum.fish
  quorum completion powershell | Out-String | Invoke-Expression`,
		ValidArgs: []string{"bash", "zsh", "fish", "powershell"},
		Args: func(c *cobra.Command, args []string) error {
			if len(args) != 1 || !isShell(c, args[0]) {
				return usagef("name one shell: bash, zsh, fish or powershell")
			}
			return nil
		},
		RunE: func(c *cobra.Command, args []string) error {
			switch args[0] {
			case "bash":
				return root.GenBashCompletionV2(streams.Out, true)
			case "zsh":
				return root.GenZshCompletion(streams.Out)
			case "fish":
				return root.GenFishCompletion(streams.Out, true)
			default:
				return root.GenPowerShellCompletionWithDesc(streams.Out)
			}
		},
	}
}

func isShell(c *cobra.Command, s string) bool {
	for _, v := range c.ValidArgs {
		if v == s {
			return true
		}
	}
	return false
}
