package docs_test

// These tests open shares of every custodian kind that stock age opens
// (FORMAT.md §3 and §12) with recover.py's combine, which runs age itself
// and takes the payload from age through a pipe; and they run FORMAT.md
// §12's manual steps, payloads in pipes, in bash. A plugin custodian's share
// opens with stock age and the plugin: the tests' hardware-token plugin
// (internal/testplugin), its PIN and confirmation typed on a terminal.

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"

	"filippo.io/age"

	"quorum/internal/ptytest"
	"quorum/internal/testplugin"
	"quorum/internal/testtool"
	"quorum/seal"
	"quorum/share"
)

// kindSet is a 2-of-5 set with one custodian of each kind stock age opens,
// and each custodian's KEY argument for recover.py combine.
type kindSet struct {
	*set
	keys []string // identity files, or --passphrase
	pass string
}

func makeKindSet(t *testing.T, secret []byte) *kindSet {
	t.Helper()
	sshKeygen := testtool.Need(t, "ssh-keygen")
	dir := t.TempDir()
	ks := &kindSet{pass: "correct horse battery staple recovered"}
	var cs []custodian
	add := func(name, recipient, keyFile string) {
		t.Helper()
		r, kind, err := seal.ParseRecipient(recipient, nil)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		cs = append(cs, custodian{name, kind, r})
		ks.keys = append(ks.keys, keyFile)
	}
	for _, c := range []struct {
		name string
		pq   bool
	}{{"alice", false}, {"erin", true}} {
		id, recipient, err := seal.NewIdentity(c.pq)
		if err != nil {
			t.Fatal(err)
		}
		file := filepath.Join(dir, c.name+".key")
		if err := os.WriteFile(file, seal.IdentityFile(id, recipient, time.Now()), 0o600); err != nil {
			t.Fatal(err)
		}
		add(c.name, recipient, file)
	}
	for _, c := range []struct{ name, typ string }{{"bob", "ed25519"}, {"carol", "rsa"}} {
		file := filepath.Join(dir, c.name)
		args := []string{"-q", "-t", c.typ, "-N", "", "-C", c.name, "-f", file}
		if c.typ == "rsa" {
			args = append(args, "-b", "2048")
		}
		if out, err := exec.Command(sshKeygen, args...).CombinedOutput(); err != nil {
			t.Fatalf("ssh-keygen: %v\n%s", err, out)
		}
		pub, err := os.ReadFile(file + ".pub")
		if err != nil {
			t.Fatal(err)
		}
		add(c.name, strings.TrimSpace(string(pub)), file)
	}
	r, err := seal.PassphraseRecipient([]byte(ks.pass))
	if err != nil {
		t.Fatal(err)
	}
	cs = append(cs, custodian{"dave", share.KindPassphrase, r})
	ks.keys = append(ks.keys, "--passphrase")
	ks.set = makeSetFor(t, secret, 2, cs)
	return ks
}

func TestRecoverEveryKind(t *testing.T) {
	testtool.Need(t, "python3")
	age13 := testtool.Need(t, "age-1.3")
	secret := []byte("every kind of custodian opens their share with stock age")
	s := makeKindSet(t, secret)
	const alice, erin, bob, carol, dave = 0, 1, 2, 3, 4

	combine := func(ageProgram string, idx ...int) []string {
		args := []string{"combine", "--age", ageProgram}
		for _, i := range idx {
			args = append(args, s.files[i], s.keys[i])
		}
		return args
	}
	for _, other := range []int{erin, bob, carol} {
		kind := s.shares[other].Kind
		t.Run(kind.String(), func(t *testing.T) {
			if got := mustRun(t, combine(age13, alice, other)...); !bytes.Equal(got, secret) {
				t.Fatalf("combine alice and %s: got %q", kind, got)
			}
		})
	}

	t.Run("passphrase", func(t *testing.T) {
		got := runRecoverOnTTY(t, []exchange{{"passphrase", s.pass, true}}, combine(age13, dave, bob)...)
		if !bytes.Equal(got, secret) {
			t.Fatalf("combine dave (passphrase) and bob: got %q", got)
		}
	})

	t.Run("plugin", func(t *testing.T) {
		ageOld := testtool.Need(t, "age")
		dir := testplugin.Build(t)
		// Sealing to the plugin's recipient and opening with its identity
		// both run age-plugin-token.
		t.Setenv("PATH", dir+string(os.PathListSeparator)+os.Getenv("PATH"))
		token := testplugin.Generate(t, dir, testplugin.Name, "")
		r, kind, err := seal.ParseRecipient(token.Recipient, nil)
		if err != nil || kind != share.KindPlugin {
			t.Fatalf("plugin recipient: %v, %v", kind, err)
		}
		id, err := age.GenerateX25519Identity()
		if err != nil {
			t.Fatal(err)
		}
		cs := []custodian{{"alice", share.KindX25519, id.Recipient()}, {"frank", share.KindPlugin, r}}
		p := makeSetFor(t, secret, 2, cs)
		keys := []string{p.write(t, "alice.key", []byte(id.String()+"\n")), p.write(t, "frank.key", []byte(token.Identity))}
		got := runRecoverOnTTY(t, []exchange{{"PIN", testplugin.PIN, true}, {"slot 1?", "1", false}},
			"combine", "--age", ageOld, p.files[0], keys[0], p.files[1], keys[1])
		if !bytes.Equal(got, secret) {
			t.Fatalf("combine alice and frank (plugin): got %q", got)
		}
	})

	t.Run("Debian's age", func(t *testing.T) {
		// Stock age before 1.3 opens every kind but the post-quantum one,
		// which recover.py refuses with the version it needs.
		ageOld := testtool.Need(t, "age")
		if got := mustRun(t, combine(ageOld, carol, bob)...); !bytes.Equal(got, secret) {
			t.Fatalf("combine carol and bob with %s: got %q", ageOld, got)
		}
		v, _ := exec.Command(ageOld, "--version").Output()
		if !regexp.MustCompile(`^v?1\.[0-2]\.`).Match(v) {
			t.Skipf("%s is %s, not an age before 1.3", ageOld, v)
		}
		if errOut := mustFail(t, combine(ageOld, alice, erin)...); !strings.Contains(errOut, "age 1.3 or later") {
			t.Errorf("post-quantum share with age %s: stderr %q", v, errOut)
		}
	})

	t.Run("key in the wrong place", func(t *testing.T) {
		// alice's share given with bob's key and bob's share with alice's:
		// the message names the share the key opens.
		args := []string{"combine", "--age", age13, s.files[alice], s.keys[bob], s.files[bob], s.keys[alice]}
		errOut := mustFail(t, args...)
		want := fmt.Sprintf("%s is the key of share 3 (bob, ssh-ed25519)", s.keys[bob])
		if !strings.Contains(errOut, want) || !strings.Contains(errOut, "in the place of share 1 (alice, x25519)") {
			t.Errorf("swapped keys: stderr %q, want it to say %q and name alice's share", errOut, want)
		}
		noSecret(t, secret, errOut)
		// A key that opens no share given is named as such.
		errOut = mustFail(t, "combine", "--age", age13, s.files[alice], s.keys[carol], s.files[erin], s.keys[erin])
		if !strings.Contains(errOut, "could not open share 1 (alice, x25519) with "+s.keys[carol]) {
			t.Errorf("a key of a share not given: stderr %q", errOut)
		}
		// A public key given for a private one is said to be one.
		errOut = mustFail(t, "combine", "--age", age13, s.files[bob], s.keys[bob]+".pub", s.files[alice], s.keys[alice])
		if !strings.Contains(errOut, "this is a public key") {
			t.Errorf("bob's public key: stderr %q", errOut)
		}
	})

	t.Run("FORMAT.md manual steps", func(t *testing.T) {
		// §12's steps as a person types them in bash: the age files are
		// rebuilt to disk (they are sealed), the payloads stay in pipes.
		bash := testtool.Need(t, "bash")
		steps := `set -euo pipefail
R="python3 recover.py"
$R age "$1" > a.age
$R age "$3" > c.age
$R combine "$1" <(age-1.3 -d -i "$2" a.age) "$3" <(age-1.3 -d -i "$4" c.age) > secret.out`
		cmd := exec.Command(bash, "-c", steps, "bash", s.files[alice], s.keys[alice], s.files[carol], s.keys[carol])
		cmd.Env = append(os.Environ(), "PATH="+filepath.Dir(age13)+":"+os.Getenv("PATH"))
		work := t.TempDir()
		script, err := os.ReadFile("recover.py")
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(work, "recover.py"), script, 0o600); err != nil {
			t.Fatal(err)
		}
		cmd.Dir = work
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("bash: %v\n%s", err, out)
		}
		got, _ := os.ReadFile(filepath.Join(work, "secret.out"))
		if !bytes.Equal(got, secret) {
			t.Fatalf("the manual steps gave %q", got)
		}
		entries, _ := os.ReadDir(work)
		for _, e := range entries {
			if name := e.Name(); name != "recover.py" && name != "secret.out" && !strings.HasSuffix(name, ".age") {
				t.Errorf("the manual steps left %s on disk: only sealed age files may be", name)
			}
		}
	})
}

// exchange is a prompt age shows on the terminal, and what to type.
type exchange struct {
	prompt, answer string
	hidden         bool // age turns echo off first
}

// runRecoverOnTTY runs recover.py with args on a pseudo-terminal, as the
// controlling terminal age (and a plugin) asks on, answers the prompts in
// order, and returns the script's standard output.
func runRecoverOnTTY(t *testing.T, script []exchange, args ...string) []byte {
	t.Helper()
	tty, slave := ptytest.Open(t)
	tty.Timeout = 60 * time.Second
	cmd := exec.Command("python3", append([]string{"recover.py"}, args...)...)
	var stdout, stderr bytes.Buffer
	tty.Context = func() string { return fmt.Sprintf("stderr %q", stderr.String()) }
	cmd.Stdin, cmd.Stdout, cmd.Stderr = slave, &stdout, &stderr
	cmd.SysProcAttr = &syscall.SysProcAttr{Setsid: true, Setctty: true, Ctty: 0}
	if err := ptytest.Start(t, cmd, slave); err != nil {
		t.Fatalf("starting recover.py: %v", err)
	}
	for _, x := range script {
		tty.Expect(x.prompt)
		tty.Seen.Reset() // the next prompt must come after this one
		if x.hidden {
			tty.WaitEchoOff()
		}
		tty.Type(x.answer + "\n")
	}
	if err := cmd.Wait(); err != nil {
		t.Fatalf("recover.py %s: %v\nstderr: %s", strings.Join(args, " "), err, stderr.Bytes())
	}
	return stdout.Bytes()
}
