// Package runbook holds the written procedures for the root user of an
// organization's management account, as the cloud provider's guidance asks
// for them ("Best practices for the management account", AWS Organizations
// User Guide, "Document the processes for using the root user
// credentials"): a published plan for every scenario, performed as
// planned, with a record of who did each step and the values used, every
// exception written down with its time (who left the room and what was
// taken out; who returned and what was brought back), and after each run a
// reflection on what to improve.
//
// The ten scenarios the guidance names, its quarterly test, and quorum's
// own two (a custodian leaves or joins; a sheet is lost) are written once,
// in scenarios.go, as text with placeholders. [Fill] puts one
// organization's facts into a [Scenario] (the set's label, fingerprint,
// threshold and custodians, from a verified manifest; the kit's items and
// places) and gives a [Runbook], which [Runbook.Markdown] writes as text and
// package print lays out as a checklist to fill in with a pen. Neither
// format holds scenario text of its own.
//
// Every fact that came from a file passes internal/filter before it is put
// into a runbook, so that a forged manifest cannot paint a terminal or a
// page. A runbook is public: it holds no secret, and it never holds the
// account's phone number, which the guidance keeps on the account's contact
// page and nowhere else; the runbooks say where it is, and not to write it.
//
// What a runbook cannot do is make people follow it: it records what they
// write on it and, through the quorum commands it names, what the access
// log records.
package runbook
