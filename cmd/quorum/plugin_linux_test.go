package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"quorum/internal/testplugin"
)

// TestPluginOnTerminal rebuilds a set through a hardware key's age plugin
// (age-plugin-token, built by the tests) as a custodian at a terminal
// would: the PIN typed with echo off, a wrong one asked again, the
// plugin's confirmation answered yes, or no, which refuses the share and
// reveals nothing.
func TestPluginOnTerminal(t *testing.T) {
	bin := buildQuorum(t)
	plugins := testplugin.Build(t)
	dir := t.TempDir()
	// os/exec keeps the last of two PATHs.
	env := append(isolatedEnv(dir), testplugin.PathWith(plugins))
	const secret = "Plugin-Canary-5Tq8-mW3z"

	runQuorum(t, bin, dir, env, nil, "keygen", "--no-passphrase", "-o", "alice.key")
	tok := testplugin.Generate(t, plugins, testplugin.Name, "2468")
	if err := os.WriteFile(filepath.Join(dir, "erin.key"), []byte(tok.Identity), 0o600); err != nil {
		t.Fatal(err)
	}
	custodians := "alice " + publicKey(t, filepath.Join(dir, "alice.key")) + "\nerin " + tok.Recipient + "\n"
	if err := os.WriteFile(filepath.Join(dir, "custodians.txt"), []byte(custodians), 0o600); err != nil {
		t.Fatal(err)
	}
	runQuorum(t, bin, dir, env, strings.NewReader(secret), "split", "-k", "2", "--allow-all-required",
		"-c", "custodians.txt", "-l", "plugin test", "-o", "set")

	const (
		pinPrompt     = "share 2 (erin): token plugin: enter the PIN of your token key:"
		confirmPrompt = `share 2 (erin): token plugin: use the key in slot 1? (type 1 for "yes" or 2 for "no", then Enter)`
	)
	combine := func() *ttyProc {
		return startTTY(t, bin, ttyOptions{dir: dir, env: env},
			"combine", "-i", "alice.key", "-i", "erin.key", "set/1-alice.share", "set/2-erin.share")
	}

	t.Run("wrong PIN, then the right one, then yes", func(t *testing.T) {
		p := combine()
		p.answer(pinPrompt, "1357")
		// The same prompt again: wait for it anew.
		p.seen.Reset()
		p.answer(pinPrompt, "2468")
		p.answer(confirmPrompt, "1")
		p.mustSucceed()
		if got := p.stdout.String(); got != secret {
			t.Errorf("stdout %q, want the secret", got)
		}
		for _, want := range []string{"quorum: share 2 (erin): token plugin: wrong PIN; try again\n", "quorum: share 2 (erin): token plugin: touch your key\n"} {
			if !strings.Contains(p.stderr.String(), want) {
				t.Errorf("stderr %q, want %q", p.stderr.String(), want)
			}
		}
		if s := p.seen.String() + p.stderr.String(); strings.Contains(s, "2468") || strings.Contains(s, "1357") {
			t.Errorf("a PIN was shown: %q", s)
		}
	})

	t.Run("no", func(t *testing.T) {
		p := combine()
		p.answer(pinPrompt, "2468")
		p.answer(confirmPrompt, "2")
		if err := p.wait(); err == nil {
			t.Fatal("combine succeeded after the custodian answered no")
		}
		if p.stdout.Len() > 0 || strings.Contains(p.seen.String()+p.stderr.String(), secret) {
			t.Errorf("the secret was revealed after a no: stdout %q", p.stdout.String())
		}
		want := `quorum: error: share 2 (erin, set/2-erin.share): refused: the token plugin asked "use the key in slot 1?" and the answer was no`
		if !strings.Contains(p.stderr.String(), want) {
			t.Errorf("stderr %q, want %q", p.stderr.String(), want)
		}
	})
}
