package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
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
	testscript.Run(t, testscript.Params{
		Dir:       "testdata",
		Condition: haveProgram,
		Cmds:      scriptCmds(),
		Setup: func(env *testscript.Env) error {
			env.Setenv("CI", os.Getenv("CI"))
			// docs/recover.py, for the scripts that recover without quorum.
			recover, err := filepath.Abs(filepath.Join("..", "..", "docs", "recover.py"))
			env.Setenv("RECOVER", recover)
			return err
		},
	})
}

// haveProgram is the condition [have:PROG]: whether PROG is installed.
// Scripts skip with "[!have:age] skip"; in CI (CI set) a missing program
// is a broken CI setup, so the condition fails the script instead.
func haveProgram(cond string) (bool, error) {
	prog, ok := strings.CutPrefix(cond, "have:")
	if !ok {
		return false, fmt.Errorf("unknown condition %q", cond)
	}
	if _, err := exec.LookPath(prog); err != nil {
		if os.Getenv("CI") != "" {
			return false, fmt.Errorf("%s is not installed, and CI is set: .ci/run must install it", prog)
		}
		return false, nil
	}
	return true, nil
}
