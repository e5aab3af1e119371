package main

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"quorum/ceremony"
	"quorum/internal/newfile"
)

// demoSecret is the example secret of the demo: it is written to a file in
// the demo folder, which a real ceremony never does.
const demoSecret = "Example-Root-Password-4-Demo-Only-7Hq2"

var demoCustodians = []string{"alice", "bob", "carol", "dave", "erin"}

func newDemoCmd(streams *IOStreams) *cobra.Command {
	return &cobra.Command{
		Use:   "demo",
		Short: "Run the whole ceremony on example custodians in a new temporary folder",
		Long: `Run the whole ceremony on five example custodians, in a new temporary
folder, with no terminal needed: make their keys, split an example secret
3-of-5, inspect a share, combine it back from 3 shares with the access
recorded, run a quarterly drill from a sheet's picture and two share files
(the secret is rebuilt in memory only), check the set's status, and watch a
combine from 2 shares be refused. The demo writes unprotected example keys
and the example secret into that folder, which a real ceremony never does.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runDemo(streams)
		},
	}
}

// demoSteps are the demo's commands, each with what is said before it (""
// for nothing), the exit code it must give, and whether its standard
// output must be the example secret.
var demoSteps = []struct {
	say    string
	want   int
	secret bool
	args   []string
}{
	{"2. Split the example secret 3-of-5:", 0, false,
		[]string{"split", "-k", "3", "-c", "custodians.txt", "-l", "demo root", "-o", "set", "--secret-file", "example-secret.txt"}},
	{"3. Anyone can inspect a share without a key:", 0, false,
		[]string{"inspect", "-m", "set/manifest.json", "set/2-bob.share"}},
	{"4. Alice, carol and erin bring their shares and keys; the access is recorded before the secret is shown:", 0, true,
		[]string{"combine", "-m", "set/manifest.json", "--log", "access.log", "--reason", "demo: the quarterly root sign-in test",
			"-i", "alice.key", "-i", "carol.key", "-i", "erin.key", "set/1-alice.share", "set/3-carol.share", "set/5-erin.share"}},
	{"5. The quarterly drill: bob's sheet as a scanner would give it (here drawn by quorum print --png),\n" +
		"   dave's and erin's share files; the secret is rebuilt in memory only, never shown:", 0, false,
		[]string{"print", "-m", "set/manifest.json", "--png", "scans", "set/2-bob.share"}},
	{"", 0, false,
		[]string{"drill", "-m", "set/manifest.json", "--log", "access.log", "--operator", "olivia", "--witness", "walter",
			"--report", "drill-report.pdf", "-i", "bob.key", "-i", "dave.key", "-i", "erin.key",
			"scans/2-bob.png", "set/4-dave.share", "set/5-erin.share"}},
	{"6. The set's status, from its manifest and the access log:", 0, false,
		[]string{"status", "-m", "set/manifest.json", "--log", "access.log"}},
	{"7. Two custodians are not enough:", 1, false,
		[]string{"combine", "-m", "set/manifest.json", "-i", "alice.key", "-i", "bob.key", "set/1-alice.share", "set/2-bob.share"}},
}

func runDemo(streams *IOStreams) error {
	dir, err := os.MkdirTemp("", "quorum-demo-")
	if err != nil {
		return err
	}
	out := streams.Err
	say := func(format string, args ...any) { fmt.Fprintf(out, format+"\n", args...) }
	say("quorum demo, in %s", dir)
	say("(example keys and the example secret are written there unprotected; a real ceremony never does that)\n")

	var custodians strings.Builder
	custodians.WriteString("# NAME RECIPIENT: one custodian a line\n")
	for _, name := range demoCustodians {
		key, recipient, err := ceremony.Keygen(streams.env(), ceremony.KeygenOptions{NoPassphrase: true})
		if err != nil {
			return err
		}
		if err := newfile.Write(filepath.Join(dir, name+".key"), key); err != nil {
			return err
		}
		fmt.Fprintf(&custodians, "%s %s\n", name, recipient)
	}
	say("1. Five custodians, each with a key (quorum keygen --no-passphrase -o NAME.key):")
	say("%s", indent(custodians.String()))
	if err := newfile.Write(filepath.Join(dir, "custodians.txt"), []byte(custodians.String())); err != nil {
		return err
	}
	if err := newfile.Write(filepath.Join(dir, "example-secret.txt"), []byte(demoSecret+"\n")); err != nil {
		return err
	}
	for _, step := range demoSteps {
		if step.say != "" {
			say("%s", step.say)
		}
		var stdout, stderr bytes.Buffer
		sub := &IOStreams{In: strings.NewReader(""), Out: &stdout, Err: &stderr,
			Term: noTerminal{}, Now: streams.Now, Rand: streams.Rand}
		say("$ quorum %s", shellJoin(step.args))
		code := runIn(dir, step.args, sub)
		fmt.Fprint(out, indent(stdout.String()), indent(stderr.String()), "\n")
		if code != step.want {
			return fmt.Errorf("demo step %q exited %d, want %d", strings.Join(step.args, " "), code, step.want)
		}
		if step.secret {
			if stdout.String() != demoSecret {
				return errors.New("demo: the rebuilt secret differs from the example secret")
			}
			say("   The rebuilt secret is the example secret.\n")
		}
	}
	say("The files are in %s:", dir)
	entries, _ := os.ReadDir(filepath.Join(dir, "set"))
	for _, e := range entries {
		say("  set/%s", e.Name())
	}
	say("  access.log, drill-report.pdf, scans/2-bob.png")
	say("Delete the folder when done: rm -r %s", dir)
	return nil
}

// runIn runs quorum in dir, so that the transcript shows short paths.
func runIn(dir string, args []string, streams *IOStreams) int {
	wd, err := os.Getwd()
	if err != nil {
		return 1
	}
	if err := os.Chdir(dir); err != nil {
		return 1
	}
	defer os.Chdir(wd)
	return run(args, streams)
}

// shellJoin quotes what a shell would split, so that the transcript can
// be pasted.
func shellJoin(args []string) string {
	q := make([]string, len(args))
	for i, a := range args {
		q[i] = a
		if strings.ContainsAny(a, " \t'\"$") {
			q[i] = "'" + strings.ReplaceAll(a, "'", `'\''`) + "'"
		}
	}
	return strings.Join(q, " ")
}

func indent(s string) string {
	s = strings.TrimRight(s, "\n")
	if s == "" {
		return ""
	}
	return "   " + strings.ReplaceAll(s, "\n", "\n   ") + "\n"
}

// noTerminal is the demo's terminal: there is none.
type noTerminal struct{}

var errNoTerminal = errors.New("no terminal in the demo")

func (noTerminal) Available() bool               { return false }
func (noTerminal) Secret(string) ([]byte, error) { return nil, errNoTerminal }
func (noTerminal) Show(string, ...any) error     { return errNoTerminal }
func (noTerminal) Line(string) (string, error)   { return "", errNoTerminal }
func (noTerminal) Reveal(string, []byte, string, string, string) error {
	return errNoTerminal
}
