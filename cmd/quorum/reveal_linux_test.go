package main

// The terminal promises of a ceremony, through a pseudo-terminal, as the
// operator sees them: a generated password is shown only once every prompt
// is answered and the set is written; a secret shown on the terminal is
// erased from the screen and the scrollback on every way out; a mistyped
// prompt is asked again and the rest of the ceremony goes on.

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"quorum/internal/testtool"
	"quorum/seal"
)

// generatedPassword matches a password of split --generate on the terminal.
var generatedPassword = regexp.MustCompile(`\n    ([A-HJ-NP-Za-km-z2-9]{4}(?:-[A-HJ-NP-Za-km-z2-9]{4}){5})\r\n`)

// passphraseSet makes alice's and bob's unprotected keys and a custodians
// file with them and paula, who seals to a passphrase, in dir.
func passphraseSet(t *testing.T, bin, dir string, env []string) {
	t.Helper()
	var custodians strings.Builder
	for _, name := range []string{"alice", "bob"} {
		runQuorum(t, bin, dir, env, nil, "keygen", "--no-passphrase", "-o", name+".key")
		custodians.WriteString(name + " " + publicKey(t, filepath.Join(dir, name+".key")) + "\n")
	}
	custodians.WriteString("paula passphrase\n")
	if err := os.WriteFile(filepath.Join(dir, "custodians.txt"), []byte(custodians.String()), 0o600); err != nil {
		t.Fatal(err)
	}
}

// exitedWith checks that err is an exit with code.
func exitedWith(t *testing.T, err error, code int) {
	t.Helper()
	var ee *exec.ExitError
	if !errors.As(err, &ee) || ee.ExitCode() != code {
		t.Fatalf("quorum ended with %v, want exit code %d", err, code)
	}
}

// TestGeneratedPasswordShownLast: split --generate shows the password only
// after paula's passphrase is taken (asked again after a mismatch) and the
// set is on disk, and says where the set is. When her passphrase fails
// three times, the password is never shown and nothing is written.
func TestGeneratedPasswordShownLast(t *testing.T) {
	bin := buildQuorum(t)
	dir := t.TempDir()
	env := isolatedEnv(dir)
	passphraseSet(t, bin, dir, env)
	before := listDir(t, dir)
	const pass = "violet tunnel marmalade ozone"

	t.Run("prompt fails", func(t *testing.T) {
		p := startTTY(t, bin, ttyOptions{dir: dir, env: env},
			"split", "-k", "2", "-c", "custodians.txt", "--generate", "-o", "failed")
		for range 3 {
			p.answer("paula, type a passphrase for share 3 of 3", pass)
			p.answer("paula, the same passphrase again:", pass+"!")
		}
		exitedWith(t, p.wait(), 1)
		if strings.Contains(p.seen.String(), "generated password") || generatedPassword.MatchString(p.seen.String()) {
			t.Errorf("the password was shown though the split failed: %q", p.seen.String())
		}
		if !strings.Contains(p.stderr.String(), "paula's passphrase: 3 tries, none taken") {
			t.Errorf("stderr %q does not say that paula's passphrase failed", p.stderr.String())
		}
		if after := listDir(t, dir); !slices.Equal(after, before) {
			t.Errorf("the folder held %q before, %q after", before, after)
		}
	})

	t.Run("shown last", func(t *testing.T) {
		p := startTTY(t, bin, ttyOptions{dir: dir, env: env},
			"split", "-k", "2", "-c", "custodians.txt", "--generate", "-o", "set")
		p.answer("paula, type a passphrase for share 3 of 3", pass)
		p.answer("paula, the same passphrase again:", "violet tunnel marmelade ozone")
		p.expect("the two entries differ; try 2 of 3")
		p.answer("paula, type a passphrase for share 3 of 3", pass)
		p.answer("paula, the same passphrase again:", pass)
		asked := p.seen.Len()
		p.expect("Press Enter when it is set, to erase it from the screen. ")
		if generatedPassword.Match(p.seen.Bytes()[:asked]) {
			t.Fatalf("the password was shown before paula's passphrase was taken: %q", p.seen.Bytes()[:asked])
		}
		shown := p.seen.String()[asked:]
		for _, f := range []string{"set/1-alice.share", "set/2-bob.share", "set/3-paula.share", "set/manifest.json", "set/sheets.pdf"} {
			if _, err := os.Stat(filepath.Join(dir, f)); err != nil {
				t.Errorf("the password is shown, but %s is not written: %v", f, err)
			}
		}
		if !strings.Contains(shown, "The set is written to set (set fingerprint ") {
			t.Errorf("the message does not say where the set is: %q", shown)
		}
		m := generatedPassword.FindStringSubmatch(shown)
		if m == nil {
			t.Fatalf("no password on the terminal: %q", shown)
		}
		p.typ("\n")
		p.mustSucceed()
		got := runQuorum(t, bin, dir, env, nil, "combine", "-i", "alice.key", "-i", "bob.key", "set/1-alice.share", "set/2-bob.share")
		if string(got) != m[1] {
			t.Errorf("the set holds %q, the terminal showed %q", got, m[1])
		}
	})
}

// A way out of a revealed secret: keys typed, or a signal sent.
type wayOut struct {
	name string
	key  string         // typed, or ""
	sig  syscall.Signal // sent if key is ""
}

var (
	enter      = wayOut{name: "Enter", key: "\n"}
	endOfInput = wayOut{name: "end of input", key: "\x04"}
	waysOut    = []wayOut{
		enter, endOfInput,
		{name: "Ctrl-C", key: "\x03"},
		{name: `Ctrl-\`, key: "\x1c"},
		{name: "SIGTERM", sig: syscall.SIGTERM},
		{name: "SIGHUP", sig: syscall.SIGHUP},
	}
)

// leave takes w out of the reveal p is at.
func (w wayOut) leave(p *ttyProc) {
	if w.key != "" {
		p.typ(w.key)
	} else {
		p.cmd.Process.Signal(w.sig)
	}
}

// checkErased checks that after shown bytes of the terminal the screen and
// scrollback were erased and the secret not shown again, and that quorum
// ended as w should: 0 after Enter; 1 and a line on stderr at the end of
// input; by the signal, or 131 for SIGQUIT, with a line on the terminal.
func checkErased(t *testing.T, p *ttyProc, w wayOut, err error, shown int, secret, gone string) {
	t.Helper()
	after := p.seen.String()[shown:]
	i := strings.Index(after, clearScreen)
	if i < 0 {
		t.Fatalf("after %s the terminal got %q, want the screen and scrollback erased (%q)", w.name, after, clearScreen)
	}
	if strings.Contains(after[i:], secret) {
		t.Errorf("the secret is shown again after the erasing: %q", after[i:])
	}
	if strings.Contains(p.stderr.String(), secret) {
		t.Errorf("the secret reached stderr: %q", p.stderr.String())
	}
	if !p.echoOn() {
		t.Error("the terminal was left without echo")
	}
	var ee *exec.ExitError
	switch {
	case w == enter:
		if err != nil {
			t.Errorf("quorum ended with %v after Enter (stderr %q)", err, p.stderr.String())
		}
		return
	case w == endOfInput:
		exitedWith(t, err, 1)
		if want := "quorum: error: end of input: " + gone + "\n"; !strings.HasSuffix(p.stderr.String(), want) {
			t.Errorf("stderr %q, want it to end with %q", p.stderr.String(), want)
		}
		return
	case !errors.As(err, &ee):
		t.Fatalf("quorum ended with %v after %s", err, w.name)
	case w.key == "\x1c":
		exitedWith(t, err, 131)
	default:
		sig := w.sig
		if w.key == "\x03" {
			sig = syscall.SIGINT
		}
		diedBy(t, err, sig)
	}
	if got, want := strings.TrimRight(after[i+len(clearScreen):], "\r\n"), "quorum: interrupted: "+gone; got != want {
		t.Errorf("after the erasing the terminal shows %q, want the one line %q", got, want)
	}
}

// TestCombineRevealEveryWayOut: the secret combine shows is erased from
// the screen and the scrollback whichever way the person leaves.
func TestCombineRevealEveryWayOut(t *testing.T) {
	bin := buildQuorum(t)
	dir := t.TempDir()
	env := isolatedEnv(dir)
	const secret = "Reveal-Canary-3Wm7-pT2x"
	newSet(t, bin, dir, env, secret)
	for _, w := range waysOut {
		t.Run(w.name, func(t *testing.T) {
			p := startTTY(t, bin, ttyOptions{dir: dir, env: env, stdoutTTY: true},
				"combine", "-i", "alice.key", "-i", "bob.key", "set/1-alice.share", "set/2-bob.share")
			p.expect("Press Enter to erase it from the screen. ")
			if !strings.Contains(p.seen.String(), "    "+secret+"\r\n") {
				t.Fatalf("the terminal does not show the secret: %q", p.seen.String())
			}
			shown := p.seen.Len()
			w.leave(p)
			checkErased(t, p, w, p.wait(), shown, secret, "the secret was erased from the screen")
		})
	}
}

// TestGeneratedPasswordEveryWayOut: split --generate's password likewise;
// the set, written before it was shown, stays.
func TestGeneratedPasswordEveryWayOut(t *testing.T) {
	bin := buildQuorum(t)
	dir := t.TempDir()
	env := isolatedEnv(dir)
	newSetKeys(t, bin, dir, env)
	for i, w := range []wayOut{endOfInput, {name: "Ctrl-C", key: "\x03"}} {
		t.Run(w.name, func(t *testing.T) {
			out := []string{"eof", "intr"}[i]
			p := startTTY(t, bin, ttyOptions{dir: dir, env: env},
				"split", "-k", "2", "-c", "custodians.txt", "--generate", "-o", out)
			p.expect("Press Enter when it is set, to erase it from the screen. ")
			m := generatedPassword.FindStringSubmatch(p.seen.String())
			if m == nil {
				t.Fatalf("no password on the terminal: %q", p.seen.String())
			}
			shown := p.seen.Len()
			w.leave(p)
			checkErased(t, p, w, p.wait(), shown, m[1], "the generated password was erased from the screen; the set that holds it is in "+out)
			if _, err := os.Stat(filepath.Join(dir, out, "manifest.json")); err != nil {
				t.Errorf("the set is gone: %v", err)
			}
		})
	}
}

// TestGeneratedPassphrase: paula leaves her passphrase empty and is shown a
// generated one; copied wrong, it is shown again; she types it back in
// lower case without the dashes, and opens her share with it typed in
// lower case with spaces. Leaving the reveal any other way than Enter
// erases it, and nothing is written.
func TestGeneratedPassphrase(t *testing.T) {
	bin := buildQuorum(t)
	dir := t.TempDir()
	env := isolatedEnv(dir)
	passphraseSet(t, bin, dir, env)
	before := listDir(t, dir)
	passphrase := regexp.MustCompile(`\n    ([0-9A-Z]{4}(?:-[0-9A-Z]{4}){5})\r\n`)
	const revealPrompt = "Press Enter when it is written down, to erase it from the screen. "
	// split starts a split in which paula asks for a generated passphrase,
	// and returns it once it is shown.
	split := func(t *testing.T) (*ttyProc, string) {
		p := startTTY(t, bin, ttyOptions{dir: dir, env: env, stdin: strings.NewReader("the secret to split")},
			"split", "-k", "2", "-c", "custodians.txt", "-o", "set")
		p.answer("paula, type a passphrase for share 3 of 3", "")
		p.expect(revealPrompt)
		m := passphrase.FindStringSubmatch(p.seen.String())
		if m == nil {
			t.Fatalf("no passphrase on the terminal: %q", p.seen.String())
		}
		return p, m[1]
	}

	for _, w := range []wayOut{endOfInput, {name: "Ctrl-C", key: "\x03"}, {name: "SIGTERM", sig: syscall.SIGTERM}} {
		t.Run(w.name, func(t *testing.T) {
			p, pass := split(t)
			shown := p.seen.Len()
			w.leave(p)
			checkErased(t, p, w, p.wait(), shown, pass, "paula's passphrase was erased from the screen; nothing was written")
			if after := listDir(t, dir); !slices.Equal(after, before) {
				t.Errorf("the folder held %q before, %q after", before, after)
			}
		})
	}

	p, pass := split(t)
	p.typ("\n")
	p.answer("paula, type the passphrase from your paper", "ZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZ")
	const again = "what was typed is not the passphrase shown; it is shown again, try 2 of 3"
	p.expect(again)
	from := strings.Index(p.seen.String(), again)
	p.tty.ExpectAfter(from, revealPrompt)
	if shownAgain := p.seen.String()[from:]; !strings.Contains(shownAgain, "    "+pass+"\r\n") {
		t.Fatalf("the same passphrase is not shown again: %q", shownAgain)
	}
	p.typ("\n")
	p.answer("paula, type the passphrase from your paper", strings.ToLower(strings.ReplaceAll(pass, "-", "")))
	p.mustSucceed()

	p = startTTY(t, bin, ttyOptions{dir: dir, env: env},
		"combine", "-i", "alice.key", "set/1-alice.share", "set/3-paula.share")
	p.answer("passphrase for share 3 of 3 (paula):", strings.ToLower(strings.ReplaceAll(pass, "-", " ")))
	p.mustSucceed()
	if got := p.stdout.String(); got != "the secret to split" {
		t.Errorf("combine gave %q, want the secret", got)
	}
}

// TestIdentityPassphraseAskedAgain: a wrong passphrase for carol's
// protected key file is asked again, in combine and verify, and alice's
// share, opened first, is not asked for again.
func TestIdentityPassphraseAskedAgain(t *testing.T) {
	bin := buildQuorum(t)
	dir := t.TempDir()
	env := isolatedEnv(dir)
	const pass = "carol's own identity passphrase"
	identity, recipient, err := seal.NewIdentity(false)
	if err != nil {
		t.Fatal(err)
	}
	enc, err := seal.EncryptIdentity(seal.IdentityFile(identity, recipient, time.Now()), []byte(pass))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "carol.key"), enc, 0o600); err != nil {
		t.Fatal(err)
	}
	runQuorum(t, bin, dir, env, nil, "keygen", "--no-passphrase", "-o", "alice.key")
	custodians := "alice " + publicKey(t, filepath.Join(dir, "alice.key")) + "\ncarol " + recipient + "\n"
	if err := os.WriteFile(filepath.Join(dir, "custodians.txt"), []byte(custodians), 0o600); err != nil {
		t.Fatal(err)
	}
	const secret = "Identity-Canary-5Rt8"
	runQuorum(t, bin, dir, env, strings.NewReader(secret), "split", "-k", "2", "--allow-all-required", "-c", "custodians.txt", "-o", "set")

	const prompt = `passphrase for identity file "carol.key"`
	p := startTTY(t, bin, ttyOptions{dir: dir, env: env},
		"combine", "-m", "set/manifest.json", "-i", "alice.key", "-i", "carol.key", "set/1-alice.share", "set/2-carol.share")
	p.answer(prompt, "carol's own identity passfrase")
	p.expect(`wrong passphrase for identity file "carol.key"; try again`)
	p.answer(prompt, pass)
	p.mustSucceed()
	if got := p.stdout.String(); got != secret {
		t.Errorf("combine gave %q, want the secret", got)
	}
	if n := strings.Count(p.seen.String(), prompt) - strings.Count(p.seen.String(), "wrong "+prompt); n != 2 {
		t.Errorf("asked %d times for carol's passphrase, want 2", n)
	}

	p = startTTY(t, bin, ttyOptions{dir: dir, env: env},
		"verify", "-m", "set/manifest.json", "-i", "carol.key", "set/2-carol.share")
	p.answer(prompt, "carol's identity passphrase")
	p.expect(`wrong passphrase for identity file "carol.key"; try again`)
	p.answer(prompt, pass)
	p.mustSucceed()
	if bytes.Contains(p.seen.Bytes(), []byte(secret)) || strings.Contains(p.stderr.String(), secret) {
		t.Error("verify showed the secret")
	}
}

// TestRevealScrollbackInTmux checks the scrollback claim in a real
// terminal rather than in the bytes written: tmux keeps what scrolls off
// the top of a pane in its history, and capture-pane -S - prints it. In a
// pane two lines high, combine's secret has scrolled into the history by
// the time the prompt shows, below a blank line; after Enter, Ctrl-C or end of input it is in
// neither the screen nor the history.
func TestRevealScrollbackInTmux(t *testing.T) {
	tmuxBin := testtool.Need(t, "tmux")
	bin := buildQuorum(t)
	dir := t.TempDir()
	env := isolatedEnv(dir)
	const secret = "Tmux-Canary-6Hc4-qZ9v"
	newSet(t, bin, dir, env, secret)

	// A server of the test's own, with no user configuration; a dead
	// pane stays, to be read.
	conf := filepath.Join(dir, "tmux.conf")
	if err := os.WriteFile(conf, []byte("set -g remain-on-exit on\nset -g history-limit 5000\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	sock := filepath.Join(dir, "tmux.sock")
	tmux := func(t *testing.T, args ...string) string {
		t.Helper()
		cmd := exec.Command(tmuxBin, append([]string{"-S", sock, "-f", conf}, args...)...)
		cmd.Env = append(env, "TERM=xterm-256color")
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("tmux %s: %v\n%s", strings.Join(args, " "), err, out)
		}
		return string(out)
	}
	t.Cleanup(func() { exec.Command(tmuxBin, "-S", sock, "kill-server").Run() })
	// waitFor polls the pane until ok holds for what f returns.
	waitFor := func(t *testing.T, what string, f func() string, ok func(string) bool) string {
		t.Helper()
		var got string
		for deadline := time.Now().Add(20 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
			if got = f(); ok(got) {
				return got
			}
		}
		t.Fatalf("waiting for %s; the pane shows %q", what, got)
		return ""
	}

	for _, key := range []string{"Enter", "C-c", "C-d"} {
		t.Run(key, func(t *testing.T) {
			session := "reveal-" + key
			tmux(t, "new-session", "-d", "-s", session, "-x", "80", "-y", "2", "-c", dir,
				bin+" combine -i alice.key -i bob.key set/1-alice.share set/2-bob.share")
			history := func() string { return tmux(t, "capture-pane", "-p", "-S", "-", "-t", session) }
			before := waitFor(t, "the prompt", history, func(s string) bool { return strings.Contains(s, "Press Enter to erase it") })
			if !strings.Contains(before, secret) {
				t.Fatalf("the secret is not in the pane or its history: %q", before)
			}
			if screen := tmux(t, "capture-pane", "-p", "-t", session); strings.Contains(screen, secret) {
				t.Fatalf("the secret is still on the screen, not in the history alone: the test proves less than it says (%q)", screen)
			}
			tmux(t, "send-keys", "-t", session, key)
			waitFor(t, "quorum to end", func() string { return tmux(t, "display-message", "-p", "-t", session, "#{pane_dead}") },
				func(s string) bool { return strings.TrimSpace(s) == "1" })
			after := history()
			if strings.Contains(after, secret) {
				t.Errorf("after %s the secret is still in the pane or its history: %q", key, after)
			}
			if key != "Enter" && !strings.Contains(after, "the secret was erased from the screen") {
				t.Errorf("after %s no line says the secret was erased: %q", key, after)
			}
			// The session stays: with none left, the server would exit
			// while the next one starts.
		})
	}
}

// TestEndOfInputAtPrompt: Ctrl-D at a hidden prompt says what happened and
// what to do, not "EOF", and keygen writes no key.
func TestEndOfInputAtPrompt(t *testing.T) {
	bin := buildQuorum(t)
	dir := t.TempDir()
	p := startTTY(t, bin, ttyOptions{dir: dir, env: isolatedEnv(dir)}, "keygen", "-o", "alice.key")
	p.expect("passphrase")
	p.typ("\x04")
	if err := p.wait(); err == nil {
		t.Fatal("keygen succeeded after end of input")
	}
	stderr := p.stderr.String()
	if !strings.Contains(stderr, "quorum: error: the input ended (Ctrl-D) at a prompt") ||
		!strings.Contains(stderr, "quorum: hint: run the command again") {
		t.Errorf("stderr %q, want the end of input named and a hint", stderr)
	}
	if strings.Contains(stderr, "error: EOF") {
		t.Errorf("stderr %q still says EOF", stderr)
	}
	if _, err := os.Stat(filepath.Join(dir, "alice.key")); !os.IsNotExist(err) {
		t.Errorf("alice.key: %v, want none", err)
	}
}
