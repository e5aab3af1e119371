// Command testreport reads the events of go test -json on standard input
// and writes what go test writes without -json: the output of failed tests
// and each package's result line, with the build errors. Then it lists every
// test that skipped, with its reason, so that a skip is seen even when the
// run passes. With -noskip, a skipped test fails the run: .ci/run uses it,
// because under CI a skipped test is a check that did not happen.
//
//	go test -json ./... | go run ./internal/testtool/testreport -noskip
//
// It exits 1 if a test or a package failed, if the stream is not go test
// -json, or (with -noskip) if a test skipped. It is for the project's CI
// and is never built into quorum.
package main

import (
	"flag"
	"fmt"
	"io"
	"os"
)

func main() {
	noSkip := flag.Bool("noskip", false, "fail if a test skipped")
	flag.Usage = func() {
		fmt.Fprintln(os.Stderr, "usage: go test -json ./... | testreport [-noskip]")
		flag.PrintDefaults()
	}
	flag.Parse()
	if flag.NArg() != 0 {
		flag.Usage()
		os.Exit(2)
	}
	os.Exit(run(os.Stdin, os.Stdout, *noSkip))
}

// run copies the report of in to out and returns the exit status.
func run(in io.Reader, out io.Writer, noSkip bool) int {
	r, err := report(in, out)
	if err != nil {
		fmt.Fprintf(out, "testreport: %v\n", err)
		return 1
	}
	if len(r.skipped) > 0 {
		fmt.Fprintf(out, "\n%d skipped:\n", len(r.skipped))
		for _, s := range r.skipped {
			fmt.Fprintf(out, "--- SKIP: %s %s: %s\n", s.pkg, s.test, s.reason)
		}
	}
	switch {
	case r.failed:
		return 1
	case noSkip && len(r.skipped) > 0:
		fmt.Fprintln(out, "testreport: a test skipped, and under CI no test skips: install what it needs, or make it run here")
		return 1
	}
	return 0
}
