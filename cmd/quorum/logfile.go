package main

// Reading the access log, for every command that takes --log: the file,
// its records checked, and the root kit they record.

import (
	"errors"
	"io/fs"
	"os"

	"quorum/accesslog"
	"quorum/kit"
)

// readLogFile reads the access log; a log that does not exist yet is
// empty, and Append creates it.
func readLogFile(path string) ([]byte, error) {
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	return data, err
}

// readLog reads and checks the access log at path: no records when it
// does not exist yet, an error naming the file when it does not check.
func readLog(path string) ([]*accesslog.Record, error) {
	data, err := readLogFile(path)
	if err != nil || data == nil {
		return nil, err
	}
	records, err := accesslog.Read(data)
	if err != nil {
		return nil, &sourceError{path, err}
	}
	return records, nil
}

// checkLog fails early, before anyone types a passphrase, when the access
// log does not check: Append would refuse to build on it at the end.
func checkLog(path string) error {
	_, err := readLog(path)
	return err
}

// readKit is the root kit as the access log at path records it: empty when
// the log does not exist yet. The log's kit records were each checked by
// kit.Apply before they were appended, so one that does not apply now
// (which only an edited log holds) is passed over here and named by
// status, which reports the log's problems.
func readKit(path string) (*kit.State, error) {
	records, err := readLog(path)
	if err != nil {
		return nil, err
	}
	st, _ := kit.Replay(records)
	return st, nil
}
