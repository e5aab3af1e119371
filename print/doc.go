// Package print lays out the paper side of a set, as FORMAT.md §13
// specifies it: one sheet per custodian (the share as a QR code, or as
// several codes for a long share, and as numbered lines to type; who holds
// it; what to do with it; a chain-of-custody table) and the ceremony record
// (the set fingerprint in large type, every custodian's share hash, lines
// for the operator's and the witness's signatures).
//
// It is pure: shares and a manifest in, PDF and PNG bytes out; it writes no
// file. [New] lays out a [Document] and, before returning it, draws every QR
// code as the PDF draws it and decodes it back with package scan; a code
// that does not give back exactly its text is a [*ReadBackError], so that
// no sheet is printed that quorum itself cannot read.
//
// Nothing on a sheet is secret: a share is sealed to its custodian, and the
// record holds only public facts. What print protects against is a sheet
// that lies: it refuses a share whose signature does not verify, a share of
// another set, and with a manifest a share other than the one it lists
// ([*share.Error]). It cannot tell a genuine set from a consistent forged
// one; the signed ceremony record does (SECURITY.md).
//
// Sheets are laid out for A4 or US Letter in points, drawn into PDF with
// codeberg.org/go-pdf/fpdf in the Go fonts, and into images with
// golang.org/x/image's vector rasterizer, from the same list of drawing
// operations.
package print
