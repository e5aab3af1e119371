// Package status computes what "quorum status" reports: for each set,
// whether it can still be rebuilt with room to spare, whether its drill and
// its custodians' checks are due, and whether the access log still checks.
// It is pure: manifests, the records of the access log, the clock and the
// drill interval in, a [Report] out; cmd/quorum prints it.
//
// # What counts
//
// The split date is the manifest's created day. A drill counts when it
// passed and is signed with the set key (accesslog checks the signature
// and that the key is the set's; status also compares the key with the
// manifest's); so does a combine recorded with the set key, which rebuilt
// the set as a drill does. A custodian counts as verified on the day of a
// passing verify record signed with their share's key (the manifest's
// commitment for that index), or of a counted drill they took part in; a
// custodian never verified counts from the split day. Each of those is due
// again Every days later, and OVERDUE the day after that.
//
// The margin is how many more custodians may be absent, or lose their
// sheet, with the set still rebuildable: n − k, less the shares whose
// sheets are recorded lost or destroyed. A margin of 0 means the next loss
// is fatal; below 0, the set can no longer be rebuilt. Unsigned records
// may lower a margin, never raise it: a sheet recorded lost counts again
// only from a later signed record that opened its share (a verify with its
// share key, a drill or combine with the set key that it took part in),
// not from an unsigned sheet-in.
//
// A set is superseded when a reshare record signed with its set key names
// a new set. Its sheets still open the same secret, so each is live until
// a sheet-destroyed record names it.
//
// A set is retired when a retire record names it: its password is dead,
// so it is no longer due, and each of its sheets is to be destroyed, a
// problem until a sheet-destroyed record names it. Once every sheet is
// recorded destroyed, the report no longer lists the set. Which sheets it
// has comes from its manifest when given, else from the custodians its
// retire record lists (quorum writes them there, so that the command the
// runbooks print after a password change, with the new set's manifest
// only, is clean once the log shows each old sheet destroyed); a retire
// record without them asks for the manifest. A retire record of a run
// that ended aborted does not count (accesslog.Retirements): the set is
// live, and a note names the run.
//
// A report is clean only when nothing needs a person's action: nothing is
// overdue, the log checks and no record's date is wrong, every set in use
// has a margin above zero, no sheet is out of the safe, no superseded set
// has live sheets, no retired set has sheets still to be destroyed, and
// no run was left open past a day.
//
// # The kit
//
// When the log holds the kit (the MFA device, the phone, the email, the
// places of the sheets) or an access review, [Report.Kit] is package
// kit's report for the sets given and neither superseded nor retired, and
// each of its problems makes the report unclean: an MFA device or phone kept with the
// sheets, holders of the MFA device who could reach k shares, an item out
// too long or lost and not replaced, a check, battery or review due.
//
// # Runs
//
// Once the log starts a run of a runbook (accesslog's run-start), the
// report lists every scenario of [Options.Scenarios] with the day of its
// last run and of its last rehearsal, and their outcomes. A run open
// longer than [OpenFor] (a day) was never ended, a problem; one open for
// less is listed as open, so that status can be a step of the run it is
// in. A record that breaks accesslog's run rule (it names a run its log
// did not start, or one that had ended), which only an edited log holds,
// is a problem too.
//
// A run does not make anything due and counts as nothing else: the
// quarterly test's parts are counted where they always were (the drill,
// signed with the set key, restarts the set's 90 days whether or not it
// was a step of a run; the kit's checks and the review keep their own
// intervals), and its run only says when the team last went through its
// runbook.
//
// # What it cannot see
//
// Unsigned records (custody events) are what someone typed; times are what
// the laptop's clock said. A record dated after the day of Now is named
// and not counted, one dated before the record it follows or before its
// set was made is named, and
// [Log.Newest] is the log's date. A log cut short of its newest records
// checks unless Head, a hash printed earlier, is given.
package status
