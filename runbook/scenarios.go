package runbook

// The scenario texts, all of them, in one place: the ten the guidance names
// ("Some scenarios you should document include the following"), its
// quarterly test, and quorum's own two. Text and paper are both written
// from these; neither format has text of its own.
//
// Placeholders in braces are replaced by Fill: {scenario}, {manifest},
// {log}, {k}, {n}, {set}, {fingerprint}, and the kit's {mfa}, {phone},
// {email} (in words, with the place when known) and {mfa-id}, {phone-id},
// {email-id} (for commands). Words in capitals in a command (RUN, NAME,
// OPERATOR, KEY…, SHARE…) are written in by the operator as the run goes;
// so is the day of the run in a report's name (drill-YYYY-MM-DD.pdf), since
// a runbook is printed ahead and reused, and a report is never overwritten:
// a fixed name would fail the next quarter in the same folder.
//
// Every root sign-in is a reveal recorded with its reason (combine --log),
// announced to the people who receive the root sign-in alert, and made
// with the password and the MFA device brought by different people from
// different places, as the guidance asks. The phone number is never
// written: it is documented on the account's contact page and nowhere
// else.

// Scenarios returns every scenario, in the order the guidance lists them,
// then the quarterly test and quorum's own.
func Scenarios() []Scenario {
	return []Scenario{
		rootOperation(), passwordLost(), passwordChange(), mfaLost(), mfaBattery(),
		emailLost(), emailChange(), phoneLost(), phoneChange(), deleteAccount(),
		quarterlyTest(), custodianChange(), sheetLost(),
	}
}

// The roles. The witness is never a custodian whose share is opened, and
// the MFA device's holder is not one of the custodians present: the
// process that reaches the password and the one that reaches the MFA
// device need different people.
var (
	operator = Role{Role: "Operator", Duty: "Runs the offline laptop and the quorum commands, reads each step aloud, " +
		"fills in this runbook as the run goes."}
	witness = Role{Role: "Witness", Duty: "Watches every step, checks each value written down against the screen, " +
		"initials each step with the operator, signs at the end. Not a custodian whose share is opened."}
	custodians = Role{Role: "Custodians", Duty: "Any {k} of the {n}: each brings their own sheet and key, opens only " +
		"their own share, and takes both back to their places."}
	mfaHolder = Role{Role: "MFA device holder", Duty: "Brings {mfa} from its own place, which is not where any sheet " +
		"is kept, and takes it back. Not one of the custodians present."}
	phoneHolder = Role{Role: "Phone holder", Duty: "Brings {phone} from its own place, apart from the sheets and the MFA " +
		"device, and takes it back."}
	newMFAHolder = Role{Role: "New MFA device holder", Duty: "Brings the new MFA device, keeps it during the run, " +
		"and takes it to its own place, not where any sheet is kept. Not one of the custodians present."}
	mailRecipient = Role{Role: "Email recipient", Duty: "One of the senior managers who receive the group address's " +
		"mail: reads out the messages the steps wait for, forwards nothing."}
)

// What every run needs at hand.
const (
	bringLaptop = "The offline laptop (no network cable, wireless off) with quorum, its SHA256SUMS line checked, " +
		"and the printer that is not on a network."
	bringRecord = "The binder: this runbook, the signed ceremony record of {set} (fingerprint {fingerprint}), " +
		"the account ID, and the last access log head hash on paper."
	bringOnline  = "An online computer for the console, apart from the offline laptop."
	bringNoPhone = "Nothing on paper or in the log ever holds the account's phone number: it is documented on the " +
		"account's contact page in the console, and nowhere else."
)

// The steps that open and close every run, and those of a root sign-in.
func openRun() Step {
	return Step{
		Title: "Open the run",
		Do: "Check that everyone named above is present and that the laptop is offline. Open the run in the access " +
			"log: quorum prints the run's id. Write it here and give it as --run RUN to every quorum command below.",
		Command: "quorum runbook start {scenario} --log {log} --operator OPERATOR --witness WITNESS",
		Write:   []string{"Run id (RUN)", "Place"},
	}
}

func why(what string) Step {
	return Step{Title: "Write down why", Do: what, Write: []string{"Why, in a sentence", "Approved by"}}
}

func announce() Step {
	return Step{
		Title: "Announce the sign-in",
		Do: "Tell the people who receive the root user's sign-in alert that a sign-in is expected now, for this run, " +
			"so that they can tell it from an attack. They still escalate anything they did not expect.",
		Write: []string{"Told (who)"},
	}
}

func sheetsOut() Step {
	return Step{
		Title: "Take the sheets out",
		Do: "{k} custodians each take their own sheet out of its place, with a second person present, and bring it " +
			"with their key. Record each sheet taken out.",
		Command: "quorum record --log {log} -m {manifest} --event sheet-out --share N --by NAME --run RUN",
		Write:   []string{"Shares taken out (numbers)"},
	}
}

func sheetsBack() Step {
	return Step{
		Title:   "Put the sheets back",
		Do:      "Each custodian puts their sheet back in its place, with a second person present. Record each.",
		Command: "quorum record --log {log} -m {manifest} --event sheet-in --share N --by NAME --run RUN",
		Write:   []string{"Shares put back (numbers)"},
	}
}

func kitOut(item, id string) Step {
	return Step{
		Title:   "Bring " + item,
		Do:      "Its holder takes " + item + " out of its own place, with a second person present, and brings it.",
		Command: "quorum kit out " + id + " --by NAME --witness WITNESS --reason \"{scenario}\" --log {log} --run RUN",
	}
}

// putAway ends the run of an item that kit replace recorded: the kit keeps
// an item's ID when the thing behind it changes (a new device, SIM or
// address), and a replacement puts it back in its place, so there is no
// kit in to run, only the walk to the place.
func putAway(item string) Step {
	return Step{
		Title: "Put away " + item,
		Do: "Its holder takes " + item + " to the place given to kit replace, not where any sheet is kept, " +
			"with a second person present.",
	}
}

func kitIn(item, id string) Step {
	return Step{
		Title:   "Put back " + item,
		Do:      "Its holder puts " + item + " back in its own place, not where any sheet is kept.",
		Command: "quorum kit in " + id + " --by NAME --witness WITNESS --log {log} --run RUN",
	}
}

func reveal(reason string) Step {
	return Step{
		Title: "Rebuild the password",
		Do: "On the offline laptop, each custodian opens their own share. quorum records the reveal with its reason " +
			"and shows the password once; nobody reads it aloud or writes it down. Print and sign the reveal report.",
		Command: "quorum combine -m {manifest} --log {log} --reason \"" + reason + "\" --operator OPERATOR " +
			"--witness WITNESS --report reveal-YYYY-MM-DD.pdf --run RUN -i KEY… SHARE…",
		Write: []string{"Log head hash after the reveal (first 8 symbols)"},
	}
}

// signIn signs in with the password on the laptop's screen, which is
// erased at once; signInKeep leaves it on the screen for a second sign-in
// that tests a new MFA device, so that the password is not rebuilt twice.
func signIn() Step {
	return signInThen("Then press Enter on the laptop: quorum erases the password.")
}

func signInKeep() Step {
	return signInThen("Leave the password on the laptop's screen, in the witness's sight, until the new device is tested.")
}

func signInThen(then string) Step {
	return Step{
		Title: "Sign in as the root user",
		Do: "On the online computer, open the console's sign-in page and choose the root user. The operator types " +
			"the root email address, then the password from the laptop's screen, then the code {mfa} shows. " + then,
		Console: "The account menu shows the account ID of the binder. A different ID: stop, sign out, and record it " +
			"as an exception.",
		Write: []string{"Signed in at (time)"},
	}
}

func signOut() Step {
	return Step{
		Title:   "Sign out",
		Do:      "Sign out of the console and close the browser.",
		Console: "The root sign-in alert reached its recipients: ask one of them. No alert is a finding for the lessons box.",
	}
}

// status checks the log; a run that made a new set checks both sets.
func status(also string, newSet bool) Step {
	manifests := "-m {manifest}"
	if newSet {
		manifests += " -m NEW/manifest.json"
	}
	return Step{
		Title:   "Check the log",
		Do:      "quorum status checks the log up to the head hash on paper and lists what is out, lost or due." + also,
		Command: "quorum status " + manifests + " --log {log} --head HASH",
		Write:   []string{"New head hash (first 8 symbols)"},
	}
}

func closeRun() Step {
	return Step{
		Title: "Close the run",
		Do: "Fill in the exceptions table and the lessons box below, then close the run with its outcome and main " +
			"lesson. Operator and witness sign this runbook; file it in the binder.",
		Command: "quorum runbook end RUN --log {log} --outcome done|aborted --lesson \"TEXT\"",
		Write:   []string{"Outcome (done or aborted)"},
	}
}

// printNewSheets is the ceremony that follows a new set: its sheets
// printed, checked and put away, and their place registered in the kit.
func printNewSheets() Step {
	return Step{
		Title: "Hand out the new sheets",
		Do: "Print NEW/sheets.pdf on the printer that is not on a network. Operator and witness sign its ceremony " +
			"record; each custodian checks and initials their row, and puts their sheet in its place. Register where " +
			"the sheets are kept.",
		Command: "quorum kit add SHEETS-ID --kind sheet -m NEW/manifest.json --share all --place PLACE --log {log} --run RUN",
		Write:   []string{"New set fingerprint (from the ceremony record)"},
	}
}

func drillNew() Step {
	return Step{
		Title: "Drill the new set",
		Do: "{k} custodians of the new set prove that their sheets rebuild it; nothing is shown. Print and sign the " +
			"drill report.",
		Command: "quorum drill -m NEW/manifest.json --log {log} --operator OPERATOR --witness WITNESS " +
			"--report drill-YYYY-MM-DD.pdf --run RUN -i KEY… SHARE…",
		Write: []string{"Drill passed (yes or no)"},
	}
}

// destroy shreds every sheet of a set: the old one after a new set
// replaced it, or the set itself once retired.
func destroy(set string) Step {
	return Step{
		Title: "Destroy the sheets of " + set,
		Do: "Every sheet of " + set + ", and every copy of its share files, is shredded in front of the witness, " +
			"and each is recorded. Until the last one is, quorum status lists " + set + ".",
		Command: "quorum record --log {log} -m {manifest} --event sheet-destroyed --share N --by NAME --run RUN",
		Write:   []string{"Old shares destroyed (numbers)"},
	}
}

// changeEmail and checkEmail move the root user to a new group address,
// whether the old one was lost or still works.
func changeEmail() Step {
	return Step{
		Title: "Change the address",
		Do: "On the account page, change the root email address to the new group address. The email recipient " +
			"reads out the code sent to it. Record the new address in the kit, with who receives its mail.",
		Command: "quorum kit replace {email-id} --by NAME --witness WITNESS --reason \"new group address\" " +
			"--place \"ADDRESS\" --holder NAME --log {log} --run RUN",
		Console: "The account page shows the new address.",
		Write:   []string{"New group address"},
	}
}

func checkEmail() Step {
	return Step{
		Title:   "Check the mailbox and the alert",
		Do:      "Every recipient of the new address receives a test message. Add the new address to the root sign-in alert.",
		Command: "quorum kit check {email-id} --result ok|failed --by NAME --log {log} --run RUN",
		Console: "The root sign-in alert names the new address.",
	}
}

// changePhone puts the new SIM's number on the contact page, typed from
// its papers and written nowhere else.
func changePhone() Step {
	return Step{
		Title: "Change the number",
		Do: "On the account's contact information page, type the new SIM's number from its papers. Write it " +
			"nowhere else. Record the new phone and SIM in the kit, under the old one's ID.",
		Command: "quorum kit replace {phone-id} --by NAME --witness WITNESS --reason \"new SIM\" --place PLACE " +
			"--holder NAME --log {log} --run RUN",
		Console: "The contact information page shows the new number; compare it with the SIM's papers aloud.",
	}
}

func testPhone() Step {
	return Step{
		Title:   "Test the new phone",
		Do:      "Call the new phone from another phone: it rings. Record the check.",
		Command: "quorum kit check {phone-id} --result ok|failed --by NAME --log {log} --run RUN",
	}
}

// The scenarios, in the guidance's order.

func rootOperation() Scenario {
	return Scenario{
		Name:  "root-operation",
		Title: "Access the root user for an operation only it can do",
		Guidance: "The guidance: use the root user only for the tasks that truly require it, and document how " +
			"it is accessed (\"Accessing the root user to perform one of the operations that only the root user " +
			"can perform\").",
		Roles: []Role{operator, witness, custodians, mfaHolder},
		Bring: []string{bringLaptop, bringOnline, bringRecord},
		Steps: []Step{
			openRun(),
			why("Write the operation and why only the root user can do it. Unsure how AWS Support handles it? Open " +
				"a support case and ask for the latest guidance before going on."),
			announce(),
			sheetsOut(),
			kitOut("{mfa}", "{mfa-id}"),
			reveal("OPERATION"),
			signIn(),
			{
				Title:   "Do the operation",
				Do:      "Do the operation written above, and nothing else, while the witness watches.",
				Console: "The console shows the change done. Write what was changed and the values used.",
				Write:   []string{"What was changed (values used)"},
			},
			signOut(),
			kitIn("{mfa}", "{mfa-id}"),
			sheetsBack(),
			status("", false),
			closeRun(),
		},
	}
}

func passwordLost() Scenario {
	return Scenario{
		Name:  "password-lost",
		Title: "Reset the root password when access is lost",
		Guidance: "The guidance: \"Resetting a root user password when you lose access\". The reset link goes to " +
			"the group email address, so its recipients take part; the new password is split at once, and the old " +
			"set retired.",
		Roles: []Role{operator, witness, custodians, mfaHolder, mailRecipient},
		Bring: []string{bringLaptop, bringOnline, bringRecord, "custodians.txt: the custodians of the new set, NAME RECIPIENT a line."},
		Steps: []Step{
			openRun(),
			why("Write how access was lost: too few sheets left, or the rebuilt password refused by the console. " +
				"Record each lost sheet first (the sheet-lost runbook)."),
			announce(),
			kitOut("{mfa}", "{mfa-id}"),
			{
				Title: "Ask for the reset",
				Do: "On the online computer, choose the root user on the sign-in page, type the root email address " +
					"and choose \"Forgot password\". The email recipient opens the reset message in front of the witness.",
				Console: "The reset message reached the group address and comes from the cloud provider. Open its link on the online computer only.",
				Write:   []string{"Reset message received at (time), by"},
			},
			{
				Title: "Make the new password and its set",
				Do: "On the offline laptop, quorum generates the new password, shows it once, and splits it for the " +
					"custodians. --replaces records the old set as retired: its sheets hold a dead password.",
				Command: "quorum split -k {k} -c custodians.txt -l \"LABEL\" -o NEW --generate --replaces {manifest} --log {log} --run RUN",
			},
			{
				Title: "Set the new password",
				Do: "The operator types the new password from the laptop's screen into the reset page, and signs in with " +
					"it and the code {mfa} shows. Then press Enter on the laptop: quorum erases the password.",
				Console: "The reset page says the password was changed, and the sign-in with it succeeded. A refused " +
					"password: the new set holds nothing; do not destroy the old sheets; end the run aborted (its retire of the old set then does not count).",
			},
			signOut(),
			printNewSheets(),
			drillNew(),
			destroy("the old set"),
			kitIn("{mfa}", "{mfa-id}"),
			status(" The old set is listed until its last sheet is recorded destroyed.", true),
			closeRun(),
		},
	}
}

func passwordChange() Scenario {
	return Scenario{
		Name:  "password-change",
		Title: "Change the root password while access remains",
		Guidance: "The guidance: \"Changing the root user password when you still have access\", but do not change " +
			"a strong password on a schedule: only if you suspect it was compromised.",
		Roles: []Role{operator, witness, custodians, mfaHolder},
		Bring: []string{bringLaptop, bringOnline, bringRecord, "custodians.txt: the custodians of the new set, NAME RECIPIENT a line."},
		Steps: []Step{
			openRun(),
			why("Write why the password must change: what makes you suspect it was compromised. A schedule is no reason."),
			announce(),
			sheetsOut(),
			kitOut("{mfa}", "{mfa-id}"),
			reveal("change the root password"),
			signInThen("Leave the password on the laptop's screen, in the witness's sight, for the next step."),
			{
				Title: "Type the current password",
				Do: "On the account's security credentials page, choose to change the password and type the current " +
					"one from the laptop's screen. Then press Enter on the laptop: quorum erases it.",
				Console: "The security credentials page of the root user (not an IAM user's) asks for the current and the new password.",
			},
			{
				Title: "Make the new password and its set",
				Do: "quorum generates the new password, shows it once, and splits it for the custodians. --replaces " +
					"records the old set as retired: its sheets hold a dead password.",
				Command: "quorum split -k {k} -c custodians.txt -l \"LABEL\" -o NEW --generate --replaces {manifest} --log {log} --run RUN",
			},
			{
				Title: "Set the new password",
				Do: "Type the new password twice into the console from the laptop's screen. Sign out, and sign in with " +
					"it and the code {mfa} shows. Then press Enter on the laptop: quorum erases it.",
				Console: "The console says the password was changed, and the sign-in with it succeeded. A refused " +
					"password: the old one still holds; do not destroy the old sheets; write it in the exceptions and end the run aborted " +
					"(its retire of the old set then does not count).",
			},
			signOut(),
			printNewSheets(),
			drillNew(),
			destroy("the old set"),
			kitIn("{mfa}", "{mfa-id}"),
			status(" The old set is listed until its last sheet is recorded destroyed.", true),
			closeRun(),
		},
	}
}

func mfaLost() Scenario {
	return Scenario{
		Name:  "mfa-lost",
		Title: "Reset the root MFA when the device is lost",
		Guidance: "The guidance: \"Resetting the root user MFA when you lose access to the device\". Signing in " +
			"without it checks the group email address and the account's phone, so both take part.",
		Roles: []Role{operator, witness, custodians, phoneHolder, mailRecipient, newMFAHolder},
		Bring: []string{bringLaptop, bringOnline, bringRecord, bringNoPhone,
			"The new MFA device, in its packaging: hardware, without a battery if possible, used for nothing else."},
		Steps: []Step{
			openRun(),
			{
				Title:   "Record the loss",
				Do:      "Record {mfa} as lost, with when and where it was last seen. If it may have been stolen, say so: it is an incident.",
				Command: "quorum kit lost {mfa-id} --by NAME --reason \"TEXT\" --log {log} --run RUN",
				Write:   []string{"Last seen (when, where)"},
			},
			announce(),
			sheetsOut(),
			kitOut("{phone}", "{phone-id}"),
			reveal("MFA device lost"),
			{
				Title: "Sign in with the other factors",
				Do: "On the online computer, sign in as the root user with the email address and the password from the " +
					"laptop's screen; at the MFA prompt choose to sign in with other factors. The email recipient opens " +
					"the check sent to the group address; the phone holder answers the call on the dedicated phone. " +
					"Leave the password on the laptop's screen until the new device is tested. If the checks fail, " +
					"open a support case and follow it.",
				Console: "The console signs you in after both checks. Write nothing of the phone number.",
				Write:   []string{"Signed in at (time)"},
			},
			{
				Title: "Replace the device",
				Do: "On the security credentials page, remove the lost device and assign the new one. Record the new " +
					"device in the kit under the lost one's ID, with its serial as printed, letters and all (GAKT000123456: a bare " +
					"run of digits reads as a phone number, which the log refuses), and --battery-expires DATE if it has a battery.",
				Command: "quorum kit replace {mfa-id} --by NAME --witness WITNESS --reason \"new device, serial SERIAL\" " +
					"--place PLACE --holder NAME --log {log} --run RUN",
				Console: "The MFA list shows the new device's serial and not the lost one.",
				Write:   []string{"New device's serial"},
			},
			{
				Title:   "Test the new device",
				Do:      "Sign out; sign in again with the password and the new device's code. Then press Enter on the laptop: quorum erases the password. Record the check.",
				Command: "quorum kit check {mfa-id} --result ok|failed --by NAME --log {log} --run RUN",
				Console: "The console accepts the new device's code.",
			},
			signOut(),
			putAway("the new MFA device"),
			kitIn("{phone}", "{phone-id}"),
			sheetsBack(),
			status("", false),
			closeRun(),
		},
	}
}

func mfaBattery() Scenario {
	return Scenario{
		Name:  "mfa-battery",
		Title: "Change a battery-based MFA device",
		Guidance: "The guidance: \"Changing the root user MFA when you use a battery-based device\": check it " +
			"periodically, and replace it before its expiry date. Prefer a device without a battery.",
		Roles: []Role{operator, witness, custodians, mfaHolder},
		Bring: []string{bringLaptop, bringOnline, bringRecord,
			"The new MFA device, in its packaging: hardware, without a battery if possible, used for nothing else."},
		Steps: []Step{
			openRun(),
			why("Write the old device's expiry date and why it is changed now."),
			announce(),
			sheetsOut(),
			kitOut("{mfa}", "{mfa-id}"),
			reveal("change the battery-based MFA device"),
			signInKeep(),
			{
				Title: "Assign the new device",
				Do: "On the security credentials page, assign the new device (two codes in a row), then remove the old " +
					"one. Record the new device in the kit under the old one's ID, with its serial as printed, letters and all " +
					"(GAKT000123456: a bare run of digits reads as a phone number), and --battery-expires DATE if it has a battery.",
				Command: "quorum kit replace {mfa-id} --by NAME --witness WITNESS --reason \"new device, serial SERIAL\" " +
					"--place PLACE --holder NAME --log {log} --run RUN",
				Console: "The MFA list shows the new device's serial, then only it.",
				Write:   []string{"New device's serial", "Its battery's expiry, if any"},
			},
			{
				Title:   "Test the new device",
				Do:      "Sign out; sign in again with the password and the new device's code. Then press Enter on the laptop: quorum erases the password. Record the check.",
				Command: "quorum kit check {mfa-id} --result ok|failed --by NAME --log {log} --run RUN",
				Console: "The console accepts the new device's code.",
			},
			signOut(),
			{
				Title: "Destroy the old device",
				Do:    "Destroy the old device in front of the witness. The kit's item is the new device now.",
				Write: []string{"Old device's serial, destroyed by"},
			},
			putAway("the new MFA device"),
			sheetsBack(),
			status("", false),
			closeRun(),
		},
	}
}

func emailLost() Scenario {
	return Scenario{
		Name:  "email-lost",
		Title: "Reset the root email address when access to its mailbox is lost",
		Guidance: "The guidance: \"Resetting the root user email address when you lose access to the email account\". " +
			"The address is a group address managed by the business, forwarding to senior managers.",
		Roles: []Role{operator, witness, custodians, mfaHolder, mailRecipient},
		Bring: []string{bringLaptop, bringOnline, bringRecord,
			"A new group address managed by the business (not a public or third-party provider), forwarding to senior managers."},
		Steps: []Step{
			openRun(),
			why("Write what happened to the mailbox. First ask the mail administrators to restore the address: if they " +
				"can, stop here (outcome aborted). Password or MFA lost too? Open a support case first."),
			announce(),
			sheetsOut(),
			kitOut("{mfa}", "{mfa-id}"),
			reveal("root email address lost"),
			signIn(),
			changeEmail(),
			checkEmail(),
			signOut(),
			kitIn("{mfa}", "{mfa-id}"),
			sheetsBack(),
			status("", false),
			closeRun(),
		},
	}
}

func emailChange() Scenario {
	return Scenario{
		Name:  "email-change",
		Title: "Change the root email address while access remains",
		Guidance: "The guidance: \"Changing the root user email address when you still have access\". The new " +
			"address is a group address managed by the business, forwarding to senior managers.",
		Roles: []Role{operator, witness, custodians, mfaHolder, mailRecipient},
		Bring: []string{bringLaptop, bringOnline, bringRecord,
			"The new group address, managed by the business, its recipients tested with a message beforehand."},
		Steps: []Step{
			openRun(),
			why("Write why the address changes and who receives the new one."),
			announce(),
			sheetsOut(),
			kitOut("{mfa}", "{mfa-id}"),
			reveal("change the root email address"),
			signIn(),
			changeEmail(),
			checkEmail(),
			signOut(),
			kitIn("{mfa}", "{mfa-id}"),
			sheetsBack(),
			status(" Keep the old address's mailbox until the team is sure nothing is sent to it.", false),
			closeRun(),
		},
	}
}

func phoneLost() Scenario {
	return Scenario{
		Name:  "phone-lost",
		Title: "Reset the phone number when access to the phone is lost",
		Guidance: "The guidance: \"Resetting the root user phone number when you lose access to the phone number\": " +
			"a dedicated SIM and phone, kept in a safe apart from the other credentials, its number documented on the " +
			"account's contact page and nowhere else.",
		Roles: []Role{operator, witness, custodians, mfaHolder},
		Bring: []string{bringLaptop, bringOnline, bringRecord, bringNoPhone,
			"A new dedicated SIM and phone; the billing team knows the contract must stay paid though it is never used."},
		Steps: []Step{
			openRun(),
			{
				Title: "Record the loss",
				Do: "Record {phone} as lost, with when and where it was last seen. The billing team asks the operator " +
					"to block the SIM. A number moved to another SIM is an incident: escalate it.",
				Command: "quorum kit lost {phone-id} --by NAME --reason \"TEXT\" --log {log} --run RUN",
				Write:   []string{"Last seen (when, where)", "SIM blocked at (time), by"},
			},
			announce(),
			sheetsOut(),
			kitOut("{mfa}", "{mfa-id}"),
			reveal("root phone number lost"),
			signIn(),
			changePhone(),
			testPhone(),
			signOut(),
			putAway("the new phone and its SIM papers"),
			kitIn("{mfa}", "{mfa-id}"),
			sheetsBack(),
			status("", false),
			closeRun(),
		},
	}
}

func phoneChange() Scenario {
	return Scenario{
		Name:  "phone-change",
		Title: "Change the phone number while access remains",
		Guidance: "The guidance: \"Changing the root user phone number when you still have access\": a dedicated SIM " +
			"and phone, kept in a safe apart from the other credentials, its number documented on the account's " +
			"contact page and nowhere else.",
		Roles: []Role{operator, witness, custodians, mfaHolder, phoneHolder},
		Bring: []string{bringLaptop, bringOnline, bringRecord, bringNoPhone,
			"The new dedicated SIM and phone; the billing team knows the new contract must stay paid though it is never used."},
		Steps: []Step{
			openRun(),
			why("Write why the number changes."),
			announce(),
			sheetsOut(),
			kitOut("{mfa}", "{mfa-id}"),
			kitOut("{phone}", "{phone-id}"),
			reveal("change the root phone number"),
			signIn(),
			changePhone(),
			testPhone(),
			signOut(),
			{
				Title: "Destroy the old SIM",
				Do: "The billing team ends the old contract only now. Destroy the old SIM in front of the witness. The " +
					"kit's item is the new phone and SIM now.",
			},
			putAway("the new phone and its SIM papers"),
			kitIn("{mfa}", "{mfa-id}"),
			sheetsBack(),
			status("", false),
			closeRun(),
		},
	}
}

func deleteAccount() Scenario {
	return Scenario{
		Name:  "delete-account",
		Title: "Delete the organization's management account",
		Guidance: "The guidance: \"Deleting the organization's management account\". Part 1 closes the account; " +
			"part 2, once it can no longer be reopened, retires the set and the kit.",
		Roles: []Role{operator, witness, custodians, mfaHolder},
		Bring: []string{bringLaptop, bringOnline, bringRecord, "The written decision to delete the account, and who approved it."},
		Steps: []Step{
			openRun(),
			why("Write the decision and who approved it. Unsure how AWS Support handles it? Open a support case and ask first."),
			announce(),
			sheetsOut(),
			kitOut("{mfa}", "{mfa-id}"),
			reveal("delete the management account"),
			signIn(),
			{
				Title: "Close the account",
				Do: "Remove every member account from the organization and delete the organization; then close the " +
					"account on the account page.",
				Console: "The organization has no member account left, then is deleted; the account page says the account " +
					"is closed and until when it can be reopened.",
				Write: []string{"Can be reopened until (date)"},
			},
			signOut(),
			kitIn("{mfa}", "{mfa-id}"),
			sheetsBack(),
			{
				Title: "End part 1",
				Do: "Close this run (outcome done). Until the date above the sheets and the kit stay as they are: the " +
					"password may still be needed to reopen the account. Part 2 is a new run on that date.",
				Command: "quorum runbook end RUN --log {log} --outcome done --lesson \"TEXT\"",
			},
			openRun(),
			{
				Title: "Retire the set",
				Do: "Record the set as retired: every sheet is to be destroyed, and then quorum status stops tracking the " +
					"set. It cannot be undone: quorum shows the set's label, fingerprint, k of n and the day it was made; " +
					"compare them aloud with the binder's ceremony record, then type the label or the fingerprint's first 4 symbols.",
				Command: "quorum retire -m {manifest} --log {log} --run RUN",
			},
			destroy("the set"),
			{
				Title: "Retire the kit",
				Do: "Destroy the MFA device and the SIM in front of the witness; the billing team ends the phone " +
					"contract; the mail administrators close the group address. Retire each in the kit.",
				Command: "quorum kit retire ID --by NAME --witness WITNESS --reason \"account deleted\" --log {log} --run RUN",
			},
			status(" The set is no longer listed once every sheet is recorded destroyed.", false),
			closeRun(),
		},
	}
}

// QuarterlyChecks are the checks of the quarterly test besides the drill
// itself, as its runbook has them: the MFA device gives a code, the phone
// is operational, and, if the team chose to, a root sign-in recorded with
// its reason. A drill report gives each a box (package print), so that
// the paper signed at the drill holds the whole test.
func QuarterlyChecks() []Step {
	return []Step{checkMFA(), checkPhone(), optionalSignIn()}
}

func checkMFA() Step {
	return Step{
		Title:   "Check the MFA device",
		Do:      "It shows a code. A battery-based device: the display is clear, its expiry date not within 90 days.",
		Command: "quorum kit check {mfa-id} --result ok|failed --by NAME --log {log} --run RUN",
		Write:   []string{"Battery expiry, if any"},
	}
}

func checkPhone() Step {
	return Step{
		Title: "Check the phone",
		Do: "Switch it on: it has signal. Call it from another phone: it rings. The billing team confirms the " +
			"contract is paid.",
		Command: "quorum kit check {phone-id} --result ok|failed --by NAME --log {log} --run RUN",
		Console: "The account's contact information page still shows the number; write nothing of it.",
	}
}

func optionalSignIn() Step {
	return Step{
		Title: "Optional: sign in as the root user",
		Do: "If the team chose to this quarter: announce it, rebuild the password with the reason in the log, " +
			"sign in with it and the MFA code, and sign out. Else strike this step through.",
		Command: "quorum combine -m {manifest} --log {log} --reason \"quarterly test: root sign-in\" " +
			"--operator OPERATOR --witness WITNESS --report reveal-YYYY-MM-DD.pdf --run RUN -i KEY… SHARE…",
		Console: "The console accepts the password and the code, shows the binder's account ID, and the root " +
			"sign-in alert reaches its recipients.",
		Write: []string{"Reason given to quorum combine", "Log head hash after the reveal (first 8 symbols)"},
	}
}

func quarterlyTest() Scenario {
	return Scenario{
		Name:  "quarterly-test",
		Title: "The quarterly test of root access",
		Guidance: "The guidance: at least every quarter, test that you still have access to the root user and that " +
			"the phone number is operational, so that the custodians know their steps; reflect on each test. Do " +
			"not use it to change the password.",
		Roles: []Role{operator, witness, custodians, mfaHolder, phoneHolder, mailRecipient},
		Bring: []string{bringLaptop, bringOnline, bringRecord, bringNoPhone},
		Steps: []Step{
			openRun(),
			sheetsOut(),
			{
				Title: "Drill the set",
				Do: "{k} custodians, not the same as last quarter if possible, prove that their sheets rebuild the set; " +
					"nothing is shown. Print and sign the drill report.",
				Command: "quorum drill -m {manifest} --log {log} --operator OPERATOR --witness WITNESS " +
					"--report drill-YYYY-MM-DD.pdf --run RUN -i KEY… SHARE…",
				Write: []string{"Drill passed (yes or no)", "Log head hash after the drill (first 8 symbols)"},
			},
			kitOut("{mfa}", "{mfa-id}"),
			checkMFA(),
			kitOut("{phone}", "{phone-id}"),
			checkPhone(),
			{
				Title:   "Check the group address",
				Do:      "A test message to the group address reaches every recipient.",
				Command: "quorum kit check {email-id} --result ok|failed --by NAME --log {log} --run RUN",
			},
			optionalSignIn(),
			{
				Title: "Review who has access",
				Do: "For the email address, the password, the MFA device and the phone, name who has access. No one " +
					"person alone can recover access, and no process depends on one person. Each custodian present " +
					"confirms with their own key that they still hold their sheet and key.",
				Command: "quorum review -m {manifest} --log {log} --access email=NAME,NAME --access password=NAME,NAME " +
					"--access mfa=NAME --access phone=NAME --by OPERATOR --witness WITNESS --run RUN -i KEY… SHARE…",
			},
			kitIn("{phone}", "{phone-id}"),
			kitIn("{mfa}", "{mfa-id}"),
			sheetsBack(),
			status("", false),
			closeRun(),
		},
	}
}

func custodianChange() Scenario {
	return Scenario{
		Name:  "custodian-change",
		Title: "A custodian leaves or joins",
		Guidance: "The guidance: review who has access, and never let recovery depend on one person or be possible " +
			"for one alone. The same password goes to the new custodians as a new set; the old sheets open it until " +
			"each is destroyed.",
		Roles: []Role{operator, witness, custodians},
		Bring: []string{bringLaptop, bringRecord,
			"Each new custodian's public key, from their own 'quorum keygen', and custodians-new.txt: NAME RECIPIENT a line."},
		Steps: []Step{
			openRun(),
			why("Write who leaves or joins, and the new threshold. A leaving custodian's sheet must come back: if it " +
				"cannot, change the password instead (the password-change runbook)."),
			{
				Title: "Check the new custodians file",
				Do: "Each new custodian made their key beforehand, on their own (quorum keygen -o NAME.key), and handed " +
					"over its public key. Each reads their line of custodians-new.txt against what their key file shows.",
				Command: "quorum inspect NAME.key",
			},
			sheetsOut(),
			{
				Title: "Reshare",
				Do: "{k} custodians of the old set open their shares; quorum makes a new set of the same password for the " +
					"new custodians, without showing it, and the old set's key signs the change in the log.",
				Command: "quorum reshare -m {manifest} -i KEY… -k K -c custodians-new.txt -o NEW --log {log} --run RUN SHARE…",
			},
			printNewSheets(),
			{
				Title:   "Each new custodian checks their share",
				Do:      "Each custodian of the new set checks that their own key opens their share.",
				Command: "quorum verify -m NEW/manifest.json -i NAME.key --log {log} --run RUN NEW/N-NAME.share",
			},
			destroy("the old set"),
			{
				Title: "Review who has access",
				Do:    "Remove whoever left from the group address, the kit's holders and the alert's recipients, and record the review.",
				Command: "quorum review -m NEW/manifest.json --log {log} --access email=NAME,NAME --access password=NAME,NAME " +
					"--access mfa=NAME --access phone=NAME --by OPERATOR --witness WITNESS --run RUN",
			},
			status(" The old set is listed until its last sheet is recorded destroyed.", true),
			closeRun(),
		},
	}
}

func sheetLost() Scenario {
	return Scenario{
		Name:  "sheet-lost",
		Title: "A sheet is lost",
		Guidance: "A lost sheet alone reveals nothing: fewer than {k} sheets tell nothing about the password. But " +
			"it lowers the margin of {set}, and a sheet found by someone who also has its custodian's key is one " +
			"share in wrong hands.",
		Roles: []Role{operator, witness, {Role: "Custodian", Duty: "The custodian whose sheet is lost, with their key."}},
		Bring: []string{bringLaptop, bringRecord, "The lost sheet's share file, from the set's folder."},
		Steps: []Step{
			openRun(),
			{
				Title:   "Record the loss",
				Do:      "Record the sheet as lost, with when and where it was last seen.",
				Command: "quorum record --log {log} -m {manifest} --event sheet-lost --share N --by NAME --run RUN",
				Write:   []string{"Share number and custodian", "Last seen (when, where)"},
			},
			{
				Title: "Judge the margin",
				Do: "quorum status says how many more sheets the set can lose before fewer than {k} are left. Too few, or sheet and key may be in the same " +
					"wrong hands? Reshare instead (the custodian-change runbook), or change the password.",
				Command: "quorum status -m {manifest} --log {log}",
			},
			{
				Title:   "Print the sheet again",
				Do:      "Print a new sheet from the share file on the printer that is not on a network; no secret or key is needed.",
				Command: "quorum print -m {manifest} -o sheet-again.pdf N-NAME.share",
			},
			{
				Title:   "The custodian checks it",
				Do:      "The custodian checks that their key opens the share, then puts the new sheet in its place.",
				Command: "quorum verify -m {manifest} -i NAME.key --log {log} --run RUN N-NAME.share",
			},
			{
				Title: "Record it back",
				Do: "Record the new sheet put back. If the lost sheet turns up later, shred it in front of a witness " +
					"and record that in a note.",
				Command: "quorum record --log {log} -m {manifest} --event sheet-in --share N --by NAME --run RUN",
			},
			status("", false),
			closeRun(),
		},
	}
}
