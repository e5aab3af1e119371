package term

import (
	"fmt"
	"os"
	"testing"
)

// childEnv names the variable that makes the test binary act as a program
// reading from its terminal; the pty tests start it that way.
const childEnv = "QUORUM_TERM_TEST_CHILD"

// revealed is the secret the "reveal" child shows.
const revealed = "Reveal-Canary-8Kd3"

func TestMain(m *testing.M) {
	if mode := os.Getenv(childEnv); mode != "" {
		runChild(mode)
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// runChild does one terminal action and reports the result on stdout,
// which is not the terminal.
func runChild(mode string) {
	switch mode {
	case "secret":
		s, err := ReadSecret("passphrase for share 2 of 5 (alice):")
		fmt.Printf("secret %q err %v\n", s, err)
	case "control":
		s, err := ReadSecret("name \x1b[2J:")
		fmt.Printf("secret %q err %v\n", s, err)
	case "two":
		for _, prompt := range []string{"new passphrase:", "same again:"} {
			s, err := ReadSecret(prompt)
			fmt.Printf("secret %q err %v\n", s, err)
		}
	case "reveal":
		err := Reveal("\nThe secret, shown once:\n\n    ", []byte(revealed), "\n\n", "Press Enter to erase it. ", "interrupted: the secret was erased")
		fmt.Printf("err %v\n", err)
	case "message":
		err := Message("waiting on %s plugin...\x1b[2J", "yubikey")
		fmt.Printf("err %v\n", err)
	default:
		fmt.Printf("unknown mode %q\n", mode)
	}
}

func TestSanitize(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"plain", "passphrase for share 2 of 5 (alice):", "passphrase for share 2 of 5 (alice):"},
		{"escape", "a\x1b[2Jb", `a\x1b[2Jb`},
		{"newline kept", "a\nb\tc\rd", "a\n" + `b\x09c\x0dd`},
		{"unicode", "ålice", "ålice"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := sanitizeLines(tt.in); got != tt.want {
				t.Errorf("sanitizeLines(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}
