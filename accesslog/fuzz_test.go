package accesslog_test

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"quorum/accesslog"
)

// FuzzRead checks Read on any bytes: it never panics; it either accepts
// the whole log or names the first bad record with a *BrokenError, and
// then the records it returns are exactly those of the lines before,
// which read again without error and to the same head. The seeds are the
// logs in testdata, whole, line by line, and cut short.
func FuzzRead(f *testing.F) {
	files, _ := filepath.Glob("testdata/*.log")
	seeds := 0
	for _, file := range files {
		data, err := os.ReadFile(file)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
		for _, line := range bytes.SplitAfter(data, []byte("\n")) {
			f.Add(line)
		}
		f.Add(data[:len(data)/2])
		seeds++
	}
	if seeds == 0 {
		f.Fatal("no testdata/*.log: FuzzRead would have no seeds")
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		recs, err := accesslog.Read(data)
		good := data
		if err != nil {
			var be *accesslog.BrokenError
			if !errors.As(err, &be) {
				t.Fatalf("Read: %v is not a *BrokenError", err)
			}
			if be.Seq != len(recs)+1 || be.Line != be.Seq {
				t.Fatalf("Read: %v after %d good records", err, len(recs))
			}
			good = firstLines(data, len(recs))
		}
		again, err := accesslog.Read(good)
		if err != nil || len(again) != len(recs) || accesslog.Head(again) != accesslog.Head(recs) {
			t.Fatalf("the good part does not read again: %v", err)
		}
		for i, r := range recs {
			if r.Seq != i+1 || (i > 0 && r.Prev != recs[i-1].Hash) {
				t.Fatalf("record %d: seq %d, chain broken, but Read accepted it", i+1, r.Seq)
			}
		}
	})
}

// firstLines returns the first n lines of data, newlines included.
func firstLines(data []byte, n int) []byte {
	end := 0
	for range n {
		end += bytes.IndexByte(data[end:], '\n') + 1
	}
	return data[:end]
}
