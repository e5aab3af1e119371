// Package accesslog reads and appends the access log: one file, one
// record a line, each record chained to the one before by its hash and,
// where a key is at hand, signed. It is the record the guidance asks for,
// of every access to the root password and to where it is stored, and of
// the quarterly drills, kept so that it checks itself as far as
// cryptography allows. Its model is golang.org/x/mod/sumdb/tlog, in the
// simplest form: a hash chain, not a tree. FORMAT.md §14, "The access log",
// repeats this spec for readers without Go.
//
// # Format
//
// A log is UTF-8 text, one record a line, every line ending in "\n",
// appended to and never rewritten. A record is a JSON object whose members
// come in this order, empty ones left out (those marked * always there):
//
//	format*       "quorum log v1", or "quorum log v2" for a record of the
//	              kit (below), "quorum log v3" for a retire record, "quorum
//	              log v4" for a record of a run (below)
//	seq*          1 for the first record, then 2, 3, … with no gaps
//	prev*         the hash of the line before; for the first, 52 zeros
//	kind*         split, verify, drill, combine, reshare, sheet-out, sheet-in,
//	              sheet-lost, sheet-destroyed, left-room, returned, note;
//	              in v2 also kit-add, kit-out, kit-in, kit-move, kit-check,
//	              kit-replace, kit-lost, kit-retire, review; in v3 retire;
//	              in v4 run-start, run-end;
//	              no other (a quorum that adds a kind changes format)
//	time*         UTC to the second, "2026-01-05T09:30:00Z", as the clock of
//	              the machine that wrote it said
//	set           the set fingerprint, 28 symbols without spaces
//	label         the set's label
//	participants  [{"index": 1, "custodian": "alice"}, …]
//	operator, witnesses, by, item
//	share         the index of the share whose sheet an event is about
//	event, reason
//	outcome       "pass" or "fail"; a run-end's "done" or "aborted"
//	failures      [{"index", "custodian", "source", "reason"}, …]
//	new_set       reshare: the fingerprint of the set that replaces set
//	item_kind     v2: mfa-device, phone, email, safe-key, sheet or other
//	place         v2: where an item is kept, in words
//	holders       v2: who may take an item out
//	expires       v2: when an MFA device's battery expires, "2027-03-31"
//	access        v2: a review's {"email", "password", "mfa", "phone"},
//	              each a list of names, empty ones left out
//	scenario      v4: the runbook a run-start opens, "password-change"
//	rehearsal     v4: true on a run-start of a rehearsal
//	run           v4: the id of the run a record belongs to
//	lessons       v4: a run-end's lessons, a list of text
//	tool          "quorum v1.0.0"
//	signer        "set" or "share N"
//	key           the Ed25519 public key that signed (base32, FORMAT.md §1)
//	sig           the signature (base32), always the last member
//
// The line is exactly what Go's encoding/json writes for these members
// (no spaces; <, > and & as \u003c, \u003e, \u0026); Read refuses any
// other spelling, so that a record has one hash.
//
// Every member is validated where a line is read, before the chain and
// the signature: seq from 1; prev a hash (52 symbols, the last 0 or G);
// kind one of the list; time a real time in the form above; set and
// new_set fingerprints; indexes 1…255 (0 for a failure whose share could
// not be read); outcome pass, fail or absent; the label by
// [share.ValidateLabel]; custodians by [share.ValidateCustodian];
// operator, witnesses and by without control, format, invisible or bidi
// characters; other text valid UTF-8 without control characters; tool
// printable ASCII; key 32 bytes and sig 64. FORMAT.md §14 lists the same.
//
// # The kit
//
// The guidance protects four things besides the password's shares: the
// MFA device, the account's contact phone (handset and SIM; its number is
// never recorded), the group email address, and the places they are kept.
// A record of the kit says "quorum log v2", and a record that uses none
// of the kit's kinds or members says "quorum log v1": one spelling a
// record, and every log an earlier quorum wrote reads as it is, while
// that quorum refuses a v2 record by its format line. In a kit record,
// item is the item's ID (registered by kit-add, with its item_kind, place
// and holders; a sheet item names its set, and its share, or none for all
// of the set's sheets); kit-check says its outcome; kit-move and kit-in
// their place. A review record lists who has access (access), who did it
// (by), and as participants the custodians who confirmed at it, each of
// whom also has a verify record signed with their share key. place and
// item are free text; holders and access hold names, checked as by is.
//
// # Retiring a set
//
// A retire record says that the password a set holds is dead (the
// account deleted, or a new set for a new password in its place): each of
// its sheets is to be destroyed. It names its set and says "quorum log
// v3", so that a quorum that reads only v1 and v2 refuses it by its format
// line, and v1 and v2 records around it check as one chain. It is not
// signed.
//
// # Runs
//
// A runbook's procedure is followed as a run. A run-start record names
// the scenario, the operator and the witnesses; the run's id is the first
// [RunIDSymbols] symbols of that record's hash ([RunID]), short enough to
// write on the runbook and type. Every command given the id records it as
// run, and a run-end record closes the run with its outcome and lessons.
// [Runs] is the rule: a record in a run names one that a run-start before
// it started and that no run-end before it ended, and no two runs share
// an id. [Append] refuses a record that breaks it ([*UnknownRunError],
// [*RunEndedError]); a log edited to break it still reads, and status
// names the record. A record that uses a run's kind or member says
// "quorum log v4", whatever else it holds.
//
// A record's hash is SHA-256 of its line without the "\n", in base32
// (52 symbols). The log's head is the hash of its last record.
//
// A signature is Ed25519 over
//
//	"quorum log record v1\n" || the line without its ,"sig":"…" member
//
// (that is, the line cut before its last `,"sig":"` and closed with "}").
// The prefix keeps a log signature apart from a share's ("quorum share
// v1\n") or a manifest's, made by the same set key. Signer "set" means the
// set key of the set the record names: the key's fingerprint must be set.
// Signer "share N" means the key that share N's payload derives (FORMAT.md
// §6): the manifest's commitment for share N says which key that is.
//
// # What it proves
//
// Editing, deleting, moving or inserting a record breaks the chain at the
// record after it (or at the record itself: its sequence number, or its
// signature), and [Read] names the first record that does not check as a
// [*BrokenError]. A record signed with the set key can only be made by
// someone who has held k shares; one signed with a share key, by someone
// who opened that share. A hash chain cannot show that the newest records
// were cut off, or that a whole log was replaced by another: a head hash
// printed on paper (a drill or reveal report) can, with [Find]. Unsigned records
// (custody events) and the times of all records are what the person at the
// keyboard typed and the laptop's clock said; paper and witnesses vouch
// for those.
//
// # Example
//
// Set "root 2026", whose set key is made from the seed 00 01 02 … 1f
// (fingerprint AS3N N9TM CD3M R0M5 VXEV YAYA PWYT), split on 5 January 2026
// and signed by the set key; then carol's sheet, share 3, taken out:
//
//	{"format":"quorum log v1","seq":1,"prev":"0000000000000000000000000000000000000000000000000000","kind":"split","time":"2026-01-05T09:30:00Z","set":"AS3NN9TMCD3MR0M5VXEVYAYAPWYT","label":"root 2026","participants":[{"index":1,"custodian":"alice"},{"index":2,"custodian":"bob"},{"index":3,"custodian":"carol"}],"operator":"dave","witnesses":["erin"],"tool":"quorum v1.0.0","signer":"set","key":"0EGGFFZKSR8BW7BGVMCEEJY0K5KY9NHGKEJGTQRXVJ3684JN66W0","sig":"PQEMNXJGF2H8VDKFZMKMYHY0FSYPQ9AWYWQ577C95B48HTJC141XAYNVMJ7TWTCW3AXJKR1GVQ8ZCXJP87TJQ5FWEG0Q3RARKF4Y20R"}
//	{"format":"quorum log v1","seq":2,"prev":"XQQNEESN9X67Y2T2BKMP2G73M2ADFDDEAQAHJPMTQ6HTJWY6V910","kind":"sheet-out","time":"2026-02-01T14:00:00Z","set":"AS3NN9TMCD3MR0M5VXEVYAYAPWYT","by":["carol"],"share":3,"event":"taken out for the drill","tool":"quorum v1.0.0"}
//
// The second record's prev is the hash of the first line; the log's head
// is HA2GPF0BAFS5DBQEM6QF4C9DD7KH4DDRBG1Y5N2ER7AJSNQM6MWG. The file
// testdata/example.log holds these two lines, and the tests check every
// value above.
package accesslog
