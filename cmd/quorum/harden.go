package main

// Process policy, for every command: before anything is read, core dumps
// are turned off, the process is made undumpable, and its memory is locked
// against swapping where the OS allows (internal/harden). When memory
// cannot be locked and a swap device may hold it, a command that handles
// secrets says so once on stderr, with what to do. publicCommands lists
// the commands that handle none; any other command, new ones included,
// warns.

import (
	"quorum/internal/harden"
)

// publicCommands read and write only public data: shares as sealed,
// manifests, sheets. demo's secret is an example.
var publicCommands = map[string]bool{
	"quorum": true, "help": true, "version": true, "inspect": true, "print": true, "demo": true,
}

func hardenProcess(streams *IOStreams, args []string) {
	warnUnlocked(streams, args, harden.Process())
}

// warnUnlocked gives r's warning, if any, when the command args name
// handles secrets.
func warnUnlocked(streams *IOStreams, args []string, r harden.Report) {
	warning, hint := r.Warning()
	if warning == "" {
		return
	}
	cmd, _, err := newRootCmd(streams).Find(args)
	if err != nil || publicCommands[cmd.Name()] {
		return
	}
	streams.warnf("%s", warning)
	streams.hintf("%s", hint)
}
