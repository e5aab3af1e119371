package accesslog

// Retiring a set: the password its sheets hold is dead (the account was
// deleted, or a new set for a new password replaces it), so every sheet of
// it is to be destroyed. The kind came after the kit's, so a retire record
// says FormatRetire: a quorum that reads only Format and FormatKit refuses
// it by name, and every record an earlier quorum wrote reads as it is.

// FormatRetire is the first member of a retire record; every other record
// says [Format] or [FormatKit].
const FormatRetire = "quorum log v3"

// KindRetire records that Set is retired: each of its sheets is to be
// destroyed, and is listed until a sheet-destroyed record names it. Its
// Participants are the set's custodians, so that the log alone says which
// sheets those are. It is not signed: retiring raises no margin, and the
// custodians it lists count only where the set's manifest is not given.
const KindRetire = "retire"

// Retirements is the one rule of which sets a log retires: for each set,
// the first retire record that counts; and, in order, the retire records
// that do not count because the run they name ended aborted.
//
// The log is append-only, so a retire cannot be taken back by editing it;
// the run that wrote it can be. split --replaces retires the old set as
// soon as the new set is written, before the cloud console has accepted
// the new password: when the console refuses it, the runbook ends the run
// aborted, the old password is still the live one, and its sheets must
// not be destroyed. A retire record of an open run counts: the run may
// still end done.
func Retirements(records []*Record) (retired map[string]*Record, void []*Record) {
	aborted := map[string]bool{}
	runs, _ := Runs(records)
	for _, run := range runs {
		if run.End != nil && run.End.Outcome == RunAborted {
			aborted[run.ID] = true
		}
	}
	retired = map[string]*Record{}
	for _, r := range records {
		switch {
		case r.Kind != KindRetire:
		case r.Run != "" && aborted[r.Run]:
			void = append(void, r)
		case retired[r.Set] == nil:
			retired[r.Set] = r
		}
	}
	return retired, void
}

// RetiredBy returns the first record by which the log retires set, or nil
// (see [Retirements]).
func RetiredBy(records []*Record, set string) *Record {
	retired, _ := Retirements(records)
	return retired[set]
}
