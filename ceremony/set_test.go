package ceremony

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"filippo.io/age"

	"quorum/accesslog"
	"quorum/custodian"
	"quorum/share"
	"quorum/split"
)

// testSecret is the secret of every writtenSet.
const testSecret = "correct horse battery staple"

// writtenSet is a real 2-of-3 set made by split and written to a folder
// as split writes it: share files, manifest.json, and each custodian's
// key file (real age keys).
type writtenSet struct {
	dir        string
	manifest   string   // its path
	shares     []string // their paths, by index - 1
	keys       []string // the custodians' key files, by index - 1
	recipients []string // their age recipients, by index - 1
	set        *split.Set
}

func newWrittenSet(t *testing.T) *writtenSet {
	t.Helper()
	w := &writtenSet{dir: t.TempDir()}
	var cs []split.Custodian
	for _, name := range []string{"alice", "bob", "carol"} {
		id, err := age.GenerateX25519Identity()
		if err != nil {
			t.Fatal(err)
		}
		key := filepath.Join(w.dir, name+".key")
		w.write(t, key, id.String()+"\n")
		w.keys = append(w.keys, key)
		w.recipients = append(w.recipients, id.Recipient().String())
		// The recipient fingerprint as split's custodians file gives it.
		fp := custodian.Custodian{Recipient: id.Recipient().String(), Kind: share.KindX25519}.Fingerprint()
		cs = append(cs, split.Custodian{Name: name, Kind: share.KindX25519, Recipient: id.Recipient(), Fingerprint: fp})
	}
	set, err := split.Split(split.Options{Secret: []byte(testSecret), Threshold: 2,
		Label: "root 2026", Custodians: cs, Created: time.Date(2026, 1, 5, 0, 0, 0, 0, time.UTC), Tool: "test"})
	if err != nil {
		t.Fatal(err)
	}
	w.set = set
	for i, s := range set.Shares {
		text, err := s.Marshal()
		if err != nil {
			t.Fatal(err)
		}
		path := filepath.Join(w.dir, set.Files[i])
		w.write(t, path, text)
		w.shares = append(w.shares, path)
	}
	m, err := set.Manifest.Marshal()
	if err != nil {
		t.Fatal(err)
	}
	w.manifest = filepath.Join(w.dir, "manifest.json")
	w.write(t, w.manifest, string(m))
	return w
}

func (w *writtenSet) write(t *testing.T, path, text string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
}

// source gives the share files and key files of the indexes, 1 for alice.
func (w *writtenSet) source(indexes ...int) Source {
	var src Source
	for _, i := range indexes {
		src.Shares = append(src.Shares, w.shares[i-1])
		src.Identities = append(src.Identities, w.keys[i-1])
	}
	return src
}

// readRecords reads the access log at path, which must check.
func readRecords(t *testing.T, path string) []*accesslog.Record {
	t.Helper()
	records, err := ReadLog(path)
	if err != nil {
		t.Fatal(err)
	}
	return records
}
