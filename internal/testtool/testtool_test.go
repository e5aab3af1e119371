package testtool

import (
	"fmt"
	"strings"
	"testing"
)

// recorder is a testing.TB that records how Need and Have end a test
// instead of ending it. Unlike a real test, it goes on after Fatalf and
// Skipf, so only the first ending counts.
type recorder struct {
	testing.TB
	ended string // "fatal: …" or "skip: …", the first one
	logs  []string
}

func (r *recorder) Helper() {}

func (r *recorder) Fatalf(format string, args ...any) {
	r.end("fatal: " + fmt.Sprintf(format, args...))
}

func (r *recorder) Skipf(format string, args ...any) { r.end("skip: " + fmt.Sprintf(format, args...)) }

func (r *recorder) Logf(format string, args ...any) {
	r.logs = append(r.logs, fmt.Sprintf(format, args...))
}

func (r *recorder) end(s string) {
	if r.ended == "" {
		r.ended = s
	}
}

// missing is a program name that no PATH holds.
const missing = "quorum-testtool-no-such-program"

func TestNeed(t *testing.T) {
	tests := []struct {
		name, ci, program string
		wantPath          bool
		wantEnded         string // prefix; "" if the test goes on
	}{
		{"installed", "", "sh", true, ""},
		{"installed under CI", "true", "sh", true, ""},
		{"missing", "", missing, false, "skip: " + missing + " is not installed"},
		{"missing under CI", "true", missing, false, "fatal: " + missing + " is not installed, and CI is set: install it"},
		{"age-1.3 under CI", "true", "age-1.3", false, "fatal: age-1.3 is not installed, and CI is set: install it (.ci/run builds it with go install filippo.io/age/cmd/age)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Setenv("CI", tt.ci)
			if tt.program == "age-1.3" {
				t.Setenv("PATH", t.TempDir()) // whatever this machine has installed
			}
			r := &recorder{TB: t}
			path := Need(r, tt.program)
			if (path != "") != tt.wantPath {
				t.Errorf("Need(%q) = %q, want a path: %v", tt.program, path, tt.wantPath)
			}
			if !strings.HasPrefix(r.ended, tt.wantEnded) || (tt.wantEnded == "") != (r.ended == "") {
				t.Errorf("Need(%q) ended the test with %q, want %q", tt.program, r.ended, tt.wantEnded)
			}
		})
	}
}

func TestHave(t *testing.T) {
	tests := []struct {
		name, ci, program string
		want              bool
		wantEnded         string
	}{
		{"installed", "", "sh", true, ""},
		{"missing", "", missing, false, ""},
		{"missing under CI", "true", missing, true, "fatal: " + missing + " is not installed, and CI is set"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Setenv("CI", tt.ci)
			r := &recorder{TB: t}
			if got := Have(r, tt.program); got != tt.want {
				t.Errorf("Have(%q) = %v, want %v", tt.program, got, tt.want)
			}
			if !strings.HasPrefix(r.ended, tt.wantEnded) || (tt.wantEnded == "") != (r.ended == "") {
				t.Errorf("Have(%q) ended the test with %q, want %q", tt.program, r.ended, tt.wantEnded)
			}
		})
	}
}

func TestInstalled(t *testing.T) {
	tests := []struct {
		name, ci, program string
		want              bool
		wantErr           string // "" for none
	}{
		{"installed", "", "sh", true, ""},
		{"installed under CI", "true", "sh", true, ""},
		{"missing", "", missing, false, ""},
		{"missing under CI", "true", missing, false, missing + " is not installed, and CI is set: install it"},
		{"zbarimg under CI", "true", "zbarimg", false, "zbarimg is not installed, and CI is set: install it (Debian: apt-get install zbar-tools)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Setenv("CI", tt.ci)
			if tt.program == "zbarimg" {
				t.Setenv("PATH", t.TempDir()) // whatever this machine has installed
			}
			got, err := Installed(tt.program)
			if got != tt.want {
				t.Errorf("Installed(%q) = %v, want %v", tt.program, got, tt.want)
			}
			if gotErr := fmt.Sprint(err); (tt.wantErr == "") != (err == nil) || (err != nil && gotErr != tt.wantErr) {
				t.Errorf("Installed(%q) error %v, want %q", tt.program, err, tt.wantErr)
			}
		})
	}
}
