package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"

	"quorum/internal/testplugin"
	"quorum/internal/testtool"
)

func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		// As main: hardened first (harden.go), then the command.
		"quorum": func() {
			detachTerminal()
			os.Exit(quorumMain(os.Args[1:]))
		},
	})
}

// TestScripts runs the CLI transcripts in testdata/*.txtar.
func TestScripts(t *testing.T) {
	// A hardware token's age plugin, built here (never downloaded): the
	// scripts that use it put $PLUGINDIR on PATH, and those that test a
	// missing plugin leave it off. It is there as age-plugin-token and,
	// for README's age1yubikey1… custodian, as age-plugin-yubikey: a
	// plugin takes its name from its file.
	plugins := testplugin.Build(t, testplugin.Name, "yubikey")
	// FORMAT.md's log checker, for the scripts that check a log without
	// quorum ($CHECKLOG).
	checklog := testtool.LogChecker(t, filepath.Join("..", "..", "FORMAT.md"), t.TempDir())
	testscript.Run(t, testscript.Params{
		Files:     scriptFiles(t),
		Condition: haveProgram,
		Cmds:      scriptCmds(),
		Setup: func(env *testscript.Env) error {
			env.Setenv("CI", os.Getenv("CI"))
			env.Setenv("PLUGINDIR", plugins)
			env.Setenv("CHECKLOG", checklog)
			// docs/recover.py, for the scripts that recover without quorum.
			recover, err := filepath.Abs(filepath.Join("..", "..", "docs", "recover.py"))
			env.Setenv("RECOVER", recover)
			return err
		},
	})
}

// scriptFiles lists testdata/*.txtar. A script that sets the clock with
// --now needs a build with the test clock: without -tags testclock it
// fails by name, with what to run, instead of failing on an unknown flag or
// being skipped.
func scriptFiles(t *testing.T) []string {
	files, err := filepath.Glob(filepath.Join("testdata", "*.txtar"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no scripts in testdata: %v", err)
	}
	var run []string
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if !testClock && strings.Contains(string(data), "--now") {
			t.Errorf("%s sets the clock with --now, which only test builds have: run go test -tags testclock ./...", f)
			continue
		}
		run = append(run, f)
	}
	return run
}

// haveProgram is the condition [have:PROG]: whether PROG is installed.
// Scripts skip with "[!have:age] skip"; under CI (CI set) a missing program
// is a broken CI setup, so the condition fails the script instead, by
// testtool's rule.
func haveProgram(cond string) (bool, error) {
	prog, ok := strings.CutPrefix(cond, "have:")
	if !ok {
		return false, fmt.Errorf("unknown condition %q", cond)
	}
	return testtool.Installed(prog)
}
