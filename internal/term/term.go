// Package term talks to the user on the controlling terminal, as age's
// internal/term does: prompts and messages go to /dev/tty (CONIN$ and
// CONOUT$ on Windows), never to standard input or output, so that a secret
// is never read from a pipe by mistake and never lands in a redirected file.
//
// Terminal policy, for every function here:
//   - a prompt is printed with its control characters replaced, since it may
//     carry names read from share files, and it is erased after the answer;
//   - a secret is read without echo and returned as []byte for the caller to
//     wipe;
//   - a secret shown on the terminal ([Reveal]) is erased from the screen
//     and the scrollback on every way out: Enter, the end of input, and the
//     signals below;
//   - the terminal's state is restored on every path, including SIGINT,
//     SIGTERM, SIGHUP and SIGQUIT during a read: then the process ends as
//     the signal would have ended it. This package is the one place outside
//     package main that may end the process, because a terminal left without
//     echo, or a secret left on the screen, is worse than a skipped deferred
//     cleanup.
package term

import (
	"fmt"
	"os"
	"os/signal"
	"strings"
	"sync"
	"syscall"
	"time"

	"golang.org/x/term"

	"quorum/internal/filter"
)

// WithTerminal runs f with the controlling terminal's input and output. It
// fails when there is no controlling terminal; it never falls back to
// standard input, which may be a share or a key piped in.
func WithTerminal(f func(in, out *os.File) error) error {
	in, out, err := openTerminal()
	if err != nil {
		return fmt.Errorf("no terminal to ask on: %w", err)
	}
	defer in.Close()
	if out != in {
		defer out.Close()
	}
	return f(in, out)
}

// ReadSecret prints prompt on the terminal and reads a line without echo.
// The prompt is erased after the answer.
func ReadSecret(prompt string) ([]byte, error) {
	var secret []byte
	err := withInputMode(hideInput, nil, func(in, out *os.File, _ *sync.Mutex) error {
		printPrompt(out, prompt)
		defer clearLine(out)
		var err error
		secret, err = readPassword(int(in.Fd()))
		return err
	})
	return secret, err
}

// withInputMode runs f on the terminal with its input mode changed by set
// (echo off or on), restored afterwards and on the signals of [onSignal],
// which then erase the prompt, or do what interrupted does (nil: erase the
// prompt). The mode is changed while the signal handler is held back: a
// signal then finds the terminal either not yet changed or fully changed,
// never restored first and changed after. f may hold it back too.
func withInputMode(set func(fd int) (restore func(), err error), interrupted func(out *os.File), f func(in, out *os.File, hold *sync.Mutex) error) error {
	if interrupted == nil {
		interrupted = clearLine
	}
	return WithTerminal(func(in, out *os.File) error {
		fd := int(in.Fd())
		state, err := term.GetState(fd)
		if err != nil {
			return err
		}
		hold, stop := onSignal(func() {
			term.Restore(fd, state)
			interrupted(out)
		})
		defer stop()
		hold.Lock()
		restore, err := set(fd)
		hold.Unlock()
		if err != nil {
			return err
		}
		defer restore()
		return f(in, out, hold)
	})
}

// IsTerminal reports whether f is a terminal.
func IsTerminal(f *os.File) bool {
	return term.IsTerminal(int(f.Fd()))
}

// Message prints a line on the terminal, formatted as [fmt.Sprintf] does.
// Control characters other than newlines and tabs are replaced, since a
// message may come from a plugin.
func Message(format string, args ...any) error {
	msg := strings.TrimSuffix(fmt.Sprintf(format, args...), "\n")
	return WithTerminal(func(_, out *os.File) error {
		_, err := fmt.Fprintf(out, "%s\n", sanitizeLines(msg))
		return err
	})
}

// exitSignals are the signals a person or the system sends to end a
// process that can clean up: Ctrl-C (SIGINT), Ctrl-\ (SIGQUIT), kill
// (SIGTERM), and a closed terminal window (SIGHUP).
var exitSignals = []os.Signal{os.Interrupt, syscall.SIGTERM, syscall.SIGHUP, syscall.SIGQUIT}

// NotifyExit relays to c the signals that end a process which cleans up
// first: SIGINT, SIGTERM, SIGHUP and SIGQUIT. A signal the process was
// started to ignore (nohup) stays ignored.
func NotifyExit(c chan<- os.Signal) {
	for _, sig := range exitSignals {
		if !signal.Ignored(sig) {
			signal.Notify(c, sig)
		}
	}
}

// onSignal runs last, and ends the process, if one of exitSignals arrives
// before stop is called: last puts the terminal back (without it, Ctrl-C
// during a passphrase prompt would leave the shell without echo) or erases
// a secret from the screen. The handler takes hold and never gives it back:
// whoever changes the terminal meanwhile holds it, so that the handler
// cannot restore the state in between, or erase the screen before the
// secret is written.
func onSignal(last func()) (hold *sync.Mutex, stop func()) {
	hold = new(sync.Mutex)
	sigs := make(chan os.Signal, 1)
	done := make(chan struct{})
	NotifyExit(sigs)
	go func() {
		select {
		case sig := <-sigs:
			hold.Lock()
			last()
			ExitBySignal(sig)
		case <-done:
		}
	}()
	return hold, func() {
		signal.Stop(sigs)
		close(done)
	}
}

// ExitBySignal ends the process as sig would have: after signal.Reset the Go runtime
// handles sig by default again, which for SIGINT, SIGTERM and SIGHUP means
// dying of it, so the parent shell sees the signal. For SIGQUIT the runtime
// would print every goroutine's stack first, and where a process cannot
// signal itself (Windows) there is no signal to die of: then it exits with
// the shell's code for the signal.
func ExitBySignal(sig os.Signal) {
	signal.Reset(sig)
	if sig == syscall.SIGQUIT {
		os.Exit(128 + int(syscall.SIGQUIT))
	}
	if p, err := os.FindProcess(os.Getpid()); err == nil && p.Signal(sig) == nil {
		time.Sleep(time.Second) // the signal is on its way
	}
	code := 130 // 128 + SIGINT
	if s, ok := sig.(syscall.Signal); ok {
		code = 128 + int(s)
	}
	os.Exit(code)
}

func printPrompt(out *os.File, prompt string) {
	fmt.Fprintf(out, "%s ", sanitize(prompt))
}

// clearLine erases the prompt: a new line always works; the escape codes
// that then move up and erase the line are sent only where the terminal
// understands them. CRLF, not LF, because the terminal may be in raw mode.
func clearLine(out *os.File) {
	const (
		csi = "\033["
		cpl = csi + "F" // cursor to previous line
		el  = csi + "K" // erase in line
	)
	fmt.Fprint(out, "\r\n")
	if enableEscapes(out) == nil {
		fmt.Fprint(out, cpl+el)
	}
}

func sanitize(s string) string { return filter.Text(s) }

// sanitizeLines filters each line of a message on its own, so that text
// from files or plugins cannot move the cursor or rewrite the screen while
// the message keeps its line breaks.
func sanitizeLines(s string) string { return filter.Lines(s) }
