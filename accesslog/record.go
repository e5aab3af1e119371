package accesslog

import (
	"crypto/ed25519"
	"time"
)

// The kinds of record. Records of the first five kinds are made by the
// commands of the same name and signed where a key is at hand; the others
// are custody events that no cryptography sees, recorded by
// "quorum record".
const (
	KindSplit   = "split"   // a set was made (signed with the set key)
	KindVerify  = "verify"  // a custodian opened their own share (signed with the share key)
	KindDrill   = "drill"   // a recovery drill, passing or failing (a pass is signed with the set key)
	KindCombine = "combine" // the secret was revealed (signed with the set key)
	KindReshare = "reshare" // a new set replaces Set: NewSet (signed with the old set key)

	KindSheetOut       = "sheet-out"       // a sheet taken out of the safe
	KindSheetIn        = "sheet-in"        // a sheet put back
	KindSheetLost      = "sheet-lost"      // a sheet, or the share file, is lost
	KindSheetDestroyed = "sheet-destroyed" // a sheet, and every copy of its share, destroyed
	KindLeftRoom       = "left-room"       // someone left the room during a ceremony
	KindReturned       = "returned"        // and came back
	KindNote           = "note"            // anything else
)

// Kinds are every kind of record: a record of any other kind is refused
// where it is read. A newer quorum that adds a kind changes [Format].
var Kinds = []string{KindSplit, KindVerify, KindDrill, KindCombine, KindReshare,
	KindSheetOut, KindSheetIn, KindSheetLost, KindSheetDestroyed, KindLeftRoom, KindReturned, KindNote,
	KindKitAdd, KindKitOut, KindKitIn, KindKitMove, KindKitCheck, KindKitReplace, KindKitLost, KindKitRetire, KindReview, KindRetire,
	KindRunStart, KindRunEnd}

// EventKinds are the kinds "quorum record" writes: custody events, never
// signed.
var EventKinds = []string{KindSheetOut, KindSheetIn, KindSheetLost, KindSheetDestroyed, KindLeftRoom, KindReturned, KindNote}

// Outcomes of a drill, verify or combine record.
const (
	Pass = "pass"
	Fail = "fail"
)

// Signers, the value of [Record.Signer]: the set key, or the key of one
// share (see [ShareSigner]).
const SignerSet = "set"

// Supersedes reports whether r replaces its set by another: a reshare
// that did not fail, names the new set and is signed with the old set's
// key (which only someone who rebuilt the old set holds).
func (r *Record) Supersedes() bool {
	return r.Kind == KindReshare && r.Signer == SignerSet && r.NewSet != "" && r.Outcome != Fail
}

// SupersededBy returns the first record by which the log supersedes set
// (see [Record.Supersedes]), or nil.
func SupersededBy(records []*Record, set string) *Record {
	for _, r := range records {
		if r.Set == set && r.Supersedes() {
			return r
		}
	}
	return nil
}

// Participant is a custodian who took part, by share index.
type Participant struct {
	Index     int    `json:"index"`
	Custodian string `json:"custodian"`
}

// Failure is a share that failed a drill: which one, where it came from
// (the file or input named on the command line) and why.
type Failure struct {
	Index     int    `json:"index"`
	Custodian string `json:"custodian"`
	Source    string `json:"source"`
	Reason    string `json:"reason"`
}

// Record is one line of the log. The caller fills the first group of
// fields; [Append] fills the second, and [Read] fills both. Empty fields
// are left out of the line.
type Record struct {
	Kind         string    // one of the Kind constants
	Time         time.Time // when it happened, as the caller's clock says; kept to the second, in UTC
	Set          string    // the set fingerprint (canonical, no spaces), or "" for an event about no set
	Label        string    // the set's label, for readers of the log
	Participants []Participant
	Operator     string
	Witnesses    []string
	By           []string // who did what an event records
	Item         string   // what the event is about, in words ("the MFA device")
	Share        int      // the share whose sheet an event is about (its index), 0 for none
	Event        string   // the event in words
	Reason       string   // why (combine: why the secret was revealed)
	Outcome      string   // Pass, Fail or ""
	Failures     []Failure
	NewSet       string // reshare: the new set's fingerprint
	// The kit's members (kit.go): the item's kind, where it is kept, who
	// may take it out, when its battery expires (YYYY-MM-DD), and a
	// review's access lists.
	ItemKind string
	Place    string
	Holders  []string
	Expires  string
	Access   *Access
	// A run's members (run.go): the scenario a run-start opens, whether
	// it is a rehearsal, the run a record belongs to (its id, [RunID]),
	// and a run-end's lessons.
	Scenario  string
	Rehearsal bool
	Run       string
	Lessons   []string
	Tool      string // "quorum v1.2.0"

	Seq       int               // 1 for the first record
	Prev      string            // the hash of the record before (ZeroHash for the first)
	Signer    string            // SignerSet, ShareSigner(n) or ""
	PublicKey ed25519.PublicKey // the key that signed, nil when unsigned
	Signature []byte
	Hash      string // this record's hash: what the next record's Prev holds
}
