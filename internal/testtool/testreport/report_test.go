package main

import (
	"bytes"
	"strings"
	"testing"
)

// The events below are as go1.26 test -json writes them (Time and Elapsed
// left out), for a package that passes, one where a test fails and another
// skips, a testscript that skips, and a package that does not build.
const (
	passing = `{"Action":"start","Package":"quorum/share"}
{"Action":"run","Package":"quorum/share","Test":"TestParse"}
{"Action":"output","Package":"quorum/share","Test":"TestParse","Output":"=== RUN   TestParse\n"}
{"Action":"output","Package":"quorum/share","Test":"TestParse","Output":"    share_test.go:10: a log line of a passing test\n"}
{"Action":"output","Package":"quorum/share","Test":"TestParse","Output":"--- PASS: TestParse (0.00s)\n"}
{"Action":"pass","Package":"quorum/share","Test":"TestParse"}
{"Action":"output","Package":"quorum/share","Output":"PASS\n"}
{"Action":"output","Package":"quorum/share","Output":"ok  \tquorum/share\t0.01s\n"}
{"Action":"pass","Package":"quorum/share"}
`
	failing = `{"Action":"run","Package":"quorum/docs","Test":"TestVectors"}
{"Action":"run","Package":"quorum/docs","Test":"TestVectors/no_identity"}
{"Action":"output","Package":"quorum/docs","Test":"TestVectors/no_identity","Output":"=== RUN   TestVectors/no_identity\n"}
{"Action":"output","Package":"quorum/docs","Test":"TestVectors/no_identity","Output":"    vectors_test.go:97: expect \"no identity\" is quorum's, not the script's\n"}
{"Action":"output","Package":"quorum/docs","Test":"TestVectors/no_identity","Output":"--- SKIP: TestVectors/no_identity (0.00s)\n"}
{"Action":"skip","Package":"quorum/docs","Test":"TestVectors/no_identity"}
{"Action":"run","Package":"quorum/docs","Test":"TestVectors/truncated"}
{"Action":"output","Package":"quorum/docs","Test":"TestVectors/truncated","Output":"=== RUN   TestVectors/truncated\n"}
{"Action":"output","Package":"quorum/docs","Test":"TestVectors/truncated","Output":"    vectors_test.go:84: got \"\", want \"cut off\"\n"}
{"Action":"output","Package":"quorum/docs","Test":"TestVectors/truncated","Output":"--- FAIL: TestVectors/truncated (0.01s)\n"}
{"Action":"fail","Package":"quorum/docs","Test":"TestVectors/truncated"}
{"Action":"output","Package":"quorum/docs","Test":"TestVectors","Output":"--- FAIL: TestVectors (0.02s)\n"}
{"Action":"fail","Package":"quorum/docs","Test":"TestVectors"}
{"Action":"output","Package":"quorum/docs","Output":"FAIL\n"}
{"Action":"output","Package":"quorum/docs","Output":"FAIL\tquorum/docs\t0.03s\n"}
{"Action":"fail","Package":"quorum/docs"}
`
	scriptSkip = `{"Action":"run","Package":"quorum/cmd/quorum","Test":"TestScripts/keygen"}
{"Action":"output","Package":"quorum/cmd/quorum","Test":"TestScripts/keygen","Output":"=== CONT  TestScripts/keygen\n"}
{"Action":"output","Package":"quorum/cmd/quorum","Test":"TestScripts/keygen","Output":"        # quorum keygen makes custodian identities (0.000s)\n"}
{"Action":"output","Package":"quorum/cmd/quorum","Test":"TestScripts/keygen","Output":"        \u003e [!have:age-keygen] skip\n"}
{"Action":"output","Package":"quorum/cmd/quorum","Test":"TestScripts/keygen","Output":"        \n"}
{"Action":"output","Package":"quorum/cmd/quorum","Test":"TestScripts/keygen","Output":"--- SKIP: TestScripts/keygen (0.01s)\n"}
{"Action":"skip","Package":"quorum/cmd/quorum","Test":"TestScripts/keygen"}
{"Action":"output","Package":"quorum/cmd/quorum","Output":"ok  \tquorum/cmd/quorum\t9.1s\n"}
{"Action":"pass","Package":"quorum/cmd/quorum"}
`
	notBuilding = `{"ImportPath":"quorum/seal [quorum/seal.test]","Action":"build-output","Output":"# quorum/seal [quorum/seal.test]\n"}
{"ImportPath":"quorum/seal [quorum/seal.test]","Action":"build-output","Output":"seal/seal_test.go:3:2: undefined: x\n"}
{"ImportPath":"quorum/seal [quorum/seal.test]","Action":"build-fail"}
{"Action":"start","Package":"quorum/seal"}
{"Action":"output","Package":"quorum/seal","Output":"FAIL\tquorum/seal [build failed]\n"}
{"Action":"fail","Package":"quorum/seal","FailedBuild":"quorum/seal [quorum/seal.test]"}
`
	crashed = `{"Action":"run","Package":"quorum/scan","Test":"TestDecode"}
{"Action":"output","Package":"quorum/scan","Test":"TestDecode","Output":"=== RUN   TestDecode\n"}
{"Action":"output","Package":"quorum/scan","Test":"TestDecode","Output":"    scan_test.go:20: decoding page 1\n"}
`
)

func TestReport(t *testing.T) {
	tests := []struct {
		name     string
		in       string
		noSkip   bool
		want     string // the whole report
		wantExit int
	}{
		{"passing", passing, true, "ok  \tquorum/share\t0.01s\n", 0},
		{"failing and skipping", failing, false,
			"    vectors_test.go:84: got \"\", want \"cut off\"\n" +
				"--- FAIL: TestVectors/truncated (0.01s)\n" +
				"--- FAIL: TestVectors (0.02s)\n" +
				"FAIL\n" +
				"FAIL\tquorum/docs\t0.03s\n" +
				"\n1 skipped:\n" +
				"--- SKIP: quorum/docs TestVectors/no_identity: vectors_test.go:97: expect \"no identity\" is quorum's, not the script's\n",
			1},
		{"a script skips", scriptSkip, false,
			"ok  \tquorum/cmd/quorum\t9.1s\n" +
				"\n1 skipped:\n" +
				"--- SKIP: quorum/cmd/quorum TestScripts/keygen: > [!have:age-keygen] skip\n",
			0},
		{"a script skips under -noskip", scriptSkip, true,
			"ok  \tquorum/cmd/quorum\t9.1s\n" +
				"\n1 skipped:\n" +
				"--- SKIP: quorum/cmd/quorum TestScripts/keygen: > [!have:age-keygen] skip\n" +
				"testreport: a test skipped, and under CI no test skips: install what it needs, or make it run here\n",
			1},
		{"build failure", notBuilding, true,
			"# quorum/seal [quorum/seal.test]\n" +
				"seal/seal_test.go:3:2: undefined: x\n" +
				"FAIL\tquorum/seal [build failed]\n",
			1},
		{"crashed in a test", crashed, true,
			"--- unfinished: quorum/scan TestDecode\n" +
				"    scan_test.go:20: decoding page 1\n",
			1},
		{"not go test -json", "{\"Action\":", true,
			"{\"Action\":\n" +
				"testreport: not go test -json: unexpected end of JSON input\n",
			1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out bytes.Buffer
			exit := run(strings.NewReader(tt.in), &out, tt.noSkip)
			if got := out.String(); got != tt.want {
				t.Errorf("report:\n%s\nwant:\n%s", got, tt.want)
			}
			if exit != tt.wantExit {
				t.Errorf("exit status %d, want %d", exit, tt.wantExit)
			}
		})
	}
}
