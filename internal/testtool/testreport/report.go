package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"regexp"
	"strings"
)

// event is one line of go test -json (go doc test2json).
type event struct {
	Action     string
	Package    string
	ImportPath string // of build-output and build-fail events
	Test       string
	Output     string
}

// skip is a test that skipped, and why.
type skip struct {
	pkg, test, reason string
}

// result is what report saw.
type result struct {
	failed  bool
	skipped []skip
}

// report writes the stream of events in as go test without -json would
// print it: a test's output only if it failed, a package's own lines
// (ok, FAIL, no test files, build errors) always.
func report(in io.Reader, out io.Writer) (result, error) {
	var r result
	// The output of each running test, kept until it ends: printed if it
	// fails, the reason taken from it if it skips.
	running := map[string][]string{}
	var order []string // the keys of running, first run first
	sc := bufio.NewScanner(in)
	sc.Buffer(nil, 16<<20) // one output line of a test can be long
	for sc.Scan() {
		var e event
		if err := json.Unmarshal(sc.Bytes(), &e); err != nil {
			// go vet's and the compiler's messages come before any
			// event when a package does not build; keep them.
			fmt.Fprintln(out, sc.Text())
			if !strings.HasPrefix(sc.Text(), "{") {
				continue
			}
			return r, fmt.Errorf("not go test -json: %v", err)
		}
		key := e.Package + " " + e.Test
		switch {
		case e.Action == "build-output":
			fmt.Fprint(out, e.Output)
		case e.Action == "build-fail":
			r.failed = true
		case e.Test == "":
			if e.Action == "fail" {
				r.failed = true
			}
			// A package's own lines; "PASS" is -v's, the ok line says it.
			if e.Action == "output" && e.Output != "PASS\n" {
				fmt.Fprint(out, e.Output)
			}
		case e.Action == "run":
			running[key] = nil
			order = append(order, key)
		case e.Action == "output":
			if !strings.HasPrefix(e.Output, "=== ") {
				running[key] = append(running[key], e.Output)
			}
		case e.Action == "fail":
			r.failed = true
			fmt.Fprint(out, strings.Join(running[key], ""))
			delete(running, key)
		case e.Action == "skip":
			r.skipped = append(r.skipped, skip{e.Package, e.Test, reason(running[key])})
			delete(running, key)
		case e.Action == "pass":
			delete(running, key)
		}
	}
	if err := sc.Err(); err != nil {
		return r, err
	}
	// A test that never ended: the binary crashed or timed out in it.
	for _, key := range order {
		if lines, ok := running[key]; ok {
			r.failed = true
			fmt.Fprintf(out, "--- unfinished: %s\n%s", key, strings.Join(lines, ""))
		}
	}
	return r, nil
}

// skipLine is the line that says why a test skipped: t.Skip's "file.go:N:
// reason", or a testscript's "> [!cond] skip".
var skipLine = regexp.MustCompile(`^\s+(\S+\.go:\d+: .*|> .*\bskip\b.*)$`)

// reason finds why a test skipped in its output.
func reason(lines []string) string {
	last := ""
	for i := len(lines) - 1; i >= 0; i-- {
		line := strings.TrimRight(lines[i], "\n")
		if m := skipLine.FindStringSubmatch(line); m != nil {
			return m[1]
		}
		if last == "" && !strings.HasPrefix(line, "--- SKIP") {
			last = strings.TrimSpace(line)
		}
	}
	if last == "" {
		return "no reason given"
	}
	return last
}
