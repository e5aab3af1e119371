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
// destroyed, and is listed until a sheet-destroyed record names it. It is
// not signed: retiring raises no margin and hides no sheet.
const KindRetire = "retire"

// RetiredBy returns the first record by which the log retires set, or nil.
func RetiredBy(records []*Record, set string) *Record {
	for _, r := range records {
		if r.Set == set && r.Kind == KindRetire {
			return r
		}
	}
	return nil
}
