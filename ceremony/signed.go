package ceremony

import "quorum/accesslog"

// signedBy says how a record was signed, as drill and verify report it.
func signedBy(signer string) string {
	switch signer {
	case "":
		return "unsigned"
	case accesslog.SignerSet:
		return "signed with the set key"
	}
	return "signed with the key of " + signer
}
