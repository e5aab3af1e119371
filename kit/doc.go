// Package kit follows the root kit through the access log: besides the
// shares of the password, the root user's MFA device, the account's contact
// phone (the handset and its SIM), the group email address, the keys of
// the safes, and where each set's sheets are kept. It replays the log's
// kit records (accesslog's kit-add … kit-retire and review) into the
// state of each item, checks what a person typed for a new event
// ([Event.Record]) and the event against that state ([State.Apply]) before
// it is written, and says what needs a person's action. It is pure: records,
// the sets' custodians, a clock and the intervals in, values out; status
// prints them and cmd/quorum turns its errors into hints.
//
// # The rules
//
// They are those of "Best practices for the management account" (AWS
// Organizations User Guide):
//
//   - The MFA device is not kept where the password is: an MFA device in
//     the same place as any sheet of a set is a problem. The phone is kept
//     apart from the other credentials: a phone in the same place as an
//     MFA device or a sheet is a problem. Places are compared as words,
//     without regard to case or spacing ("Safe B" is "safe  b").
//   - The process to reach the password and the one to reach the MFA
//     device need different people: if the people who may take the MFA
//     device out could, among themselves, reach k shares of a set (their
//     own as custodians, or sheets they may take out), they could sign in
//     alone, and that is a problem.
//   - Every access is logged: an item out of its place longer than
//     OutDays (default 1) is a problem, as is an item lost and not
//     replaced.
//   - The phone and the MFA device are tested at least quarterly: a check
//     is due CheckEvery days (default 90) after the last passing one, or
//     after the item was added or replaced, and overdue the day after. A
//     battery-based MFA device is replaced before its expiry: a battery
//     that expires within BatteryDays (default 90) is a problem.
//   - Who has access is reviewed monthly or quarterly: once the log holds
//     a kit record or a review, a review is due ReviewEvery days (default
//     90) after the last one (or after the first kit record), and overdue
//     the day after. A custodian of a set whom the last review left out of
//     the password's access still holds a share: a problem until the set
//     is reshared.
//
// The phone's number is never recorded: the guidance keeps it on the
// account's contact page and nowhere else.
//
// # What it cannot see
//
// Kit records are unsigned: they say what the person at the keyboard
// typed, on the day the laptop's clock said. A review's confirmations are
// as strong as the verify records, signed with share keys, that back them.
package kit
