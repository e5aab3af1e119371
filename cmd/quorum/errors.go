package main

// Errors are printed in one place, as age does: "quorum: error: " and the
// message, then "quorum: hint: " lines that say what to do. The hints
// depend on the error's type, never on its text.

import (
	"errors"
	"fmt"
	"strings"

	"quorum/accesslog"
	"quorum/ceremony"
	"quorum/combine"
	"quorum/custodian"
	"quorum/drill"
	"quorum/internal/filter"
	"quorum/internal/newfile"
	"quorum/manifest"
	"quorum/pdfimage"
	"quorum/print"
	"quorum/retire"
	"quorum/scan"
	"quorum/seal"
	"quorum/share"
	"quorum/split"
)

// printError filters the message and hints whole: an error may carry a
// name, a label or a path read from a file, and one line of it must not
// pass for several or repaint the screen.
func printError(streams *IOStreams, err error) {
	fmt.Fprintf(streams.Err, "quorum: error: %s\n", filter.Text(err.Error()))
	for _, h := range hints(err) {
		fmt.Fprintf(streams.Err, "quorum: hint: %s\n", filter.Text(h))
	}
}

func hints(err error) []string {
	var (
		le        *share.LineError
		te        *share.TruncatedError
		ve        *share.VersionError
		me        *share.MalformedError
		mpe       *share.MissingPartsError
		wse       *combine.WrongSetError
		mse       *combine.MixedSetsError
		de        *combine.DuplicateError
		tfe       *combine.TooFewError
		ie        *combine.IntegrityError
		cle       *custodian.LineError
		pe        *split.PolicyError
		ee        *newfile.ExistsError
		nfe       *newfile.NoFolderError
		ue        *usageError
		mie       *manifest.InvalidSignatureError
		idpe      *seal.IdentityPassphraseError
		rbe       *print.ReadBackError
		ose       *print.OtherSetError
		nce       *ceremony.NoCodeError
		nsce      *ceremony.NotShareCodeError
		sle       *scan.LimitError
		sfe       *scan.FormatError
		stle      *ceremony.ScanTooLargeError
		pfe       *pdfimage.FormatError
		ple       *pdfimage.LimitError
		pue       *pdfimage.UnsupportedError
		plge      *seal.PluginError
		tre       *ceremony.TriesError
		rte       *retire.RetiredError
		dfe       *ceremony.DrillFailedError
		roe       *ceremony.RunOpenError
		shareName = "the share"
	)
	var typo *ceremony.TypoError
	if errors.As(err, &typo) {
		return []string{fmt.Sprintf("type %s again from %s and compare it symbol by symbol", typo.Flag, typo.Paper)}
	}
	var se *share.Error
	if errors.As(err, &se) {
		shareName = fmt.Sprintf("share %d (%s)", se.Index, se.Custodian)
	}
	switch {
	case errors.As(err, &tre):
		switch {
		case errors.Is(err, ceremony.ErrMismatch):
			return []string{"nothing was written; run the command again, typing the same at both prompts"}
		case errors.Is(err, ceremony.ErrNotThisSet):
			return []string{"nothing was written; the set shown is the one -m names: compare it with the ceremony record of the set to retire, and check -m"}
		case errors.Is(err, ceremony.ErrNotAsShown):
			return []string{"nothing was written; run the command again: the custodian gets a new passphrase, and the paper with this one is void"}
		}
		return []string{"nothing was written; run the command again"}
	case errors.As(err, &rbe):
		return []string{
			"the fault is in quorum's QR drawing or decoding, not in the share; nothing was written",
			"report it with the output of 'quorum version'; the share files themselves are fine",
		}
	case errors.As(err, &ose):
		return []string{fmt.Sprintf("print one set at a time; %s is of set %s: give the manifest of that set, or leave it out", shareName, ose.Got)}
	case errors.As(err, &roe):
		return []string{fmt.Sprintf("nothing was written; end the open run first: quorum runbook end %s --log %s --outcome aborted --lesson TEXT", roe.Run.ID, roe.Log)}
	case errors.As(err, &rte):
		return []string{"nothing was written; 'quorum status -m MANIFEST --log LOG' lists its sheets until each is recorded destroyed (quorum record --event sheet-destroyed)"}
	case errors.Is(err, ceremony.ErrUnprintableSecret):
		return []string{"nothing was recorded; write it to a new file with -o FILE (0600) and read it there, or pipe it: quorum combine … | od -c", "check the set's fingerprint against the ceremony record (--set): a forged set can carry such a secret"}
	case errors.Is(err, errNoAnswer):
		return []string{"run the command again and type the answer; a secret prompt shows nothing as you type"}
	case errors.Is(err, accesslog.ErrBusy):
		return []string{"another quorum command is appending to this log and has not finished in ten seconds: let it end (or stop it), then run this command again"}
	case errors.Is(err, manifest.ErrNotListed):
		return []string{
			fmt.Sprintf("%s is not the share the split handed out for its index, though it carries the set's signature: do not use it", shareName),
			"compare it with 'quorum inspect -m MANIFEST' and the ceremony record, use the share file the split wrote, and record the incident in the access log",
		}
	case errors.As(err, &nce):
		return []string{"scan the whole sheet flat at 300 dpi, or photograph it square-on, in focus and without glare"}
	case errors.As(err, &nsce):
		return []string{"scan the QR code of a quorum share sheet; the text under it can also be typed with --type"}
	case errors.Is(err, pdfimage.ErrNoImages):
		return []string{"a PDF that quorum wrote holds its codes as drawings, not scans: give the share files, or the images of the printed sheets"}
	case errors.As(err, &pfe):
		return []string{"the PDF is damaged or was cut short: scan the sheets again"}
	case errors.As(err, &pue):
		return []string{"have the scanner save pages as JPEG or black-and-white (CCITT G4), or save PNG or JPEG files instead"}
	case errors.As(err, &sle), errors.As(err, &stle), errors.As(err, &ple):
		return []string{"scan the sheet at 300 dpi (600 at most), one sheet or a few to a file; nothing was read or written"}
	case errors.As(err, &sfe):
		return []string{"the image file is damaged or was cut short: scan the sheet again and save it as PNG or JPEG"}
	case errors.As(err, &le):
		return []string{fmt.Sprintf("compare line %d with the printed sheet and correct it; lines with good checks are fine", le.Line)}
	case errors.As(err, &te):
		return []string{"the share file or typed text stops early: add the missing lines from the printed sheet"}
	case errors.As(err, &ve):
		return []string{"this share was made by a newer quorum: use that version, or FORMAT.md of that version"}
	case errors.As(err, &mpe):
		return []string{"scan or add the missing QR codes from the same sheet"}
	case errors.As(err, &me):
		return []string{"the text passed its line checks but is not a valid share: it may have been altered; use the printed sheet"}
	case errors.Is(err, share.ErrNotShare):
		return []string{"give a share file, or the text a QR reader returned from a quorum sheet"}
	case errors.Is(err, share.ErrBadSignature):
		return []string{
			fmt.Sprintf("%s was altered or forged after the split: do not use it", shareName),
			"check the sheet against the ceremony record, and record the incident",
		}
	case errors.As(err, &wse):
		return []string{fmt.Sprintf("%s belongs to another set: leave it out, or pin the set it belongs to if that is the one on the ceremony record", shareName)}
	case errors.As(err, &mse):
		return []string{"pin the set on the ceremony record with --set FINGERPRINT or -m manifest.json; the other shares will be refused by name"}
	case errors.As(err, &de):
		return []string{"give each share once; another custodian must bring a different share"}
	case errors.As(err, &tfe):
		more := tfe.Need - tfe.Have
		if more == 1 {
			return []string{"one more custodian must add a share"}
		}
		return []string{fmt.Sprintf("%d more custodians must add their shares", more)}
	case errors.As(err, &ie):
		return []string{
			"one of the shares used is wrong although its signature is valid; nothing was shown",
			"run each custodian's share through 'quorum inspect' and try other combinations of shares",
		}
	case errors.As(err, &plge):
		return pluginHints(plge, shareName)
	case errors.Is(err, seal.ErrWrongPassphrase):
		return []string{fmt.Sprintf("the passphrase does not open %s: the custodian should type it again", shareName)}
	case errors.As(err, &idpe):
		return []string{"the passphrase does not unlock that identity file, three tries: check that it is the right file and its passphrase, then run the command again"}
	case errors.Is(err, seal.ErrNoIdentity):
		return []string{fmt.Sprintf("give the key of the custodian of %s with -i; its recipient kind is on the sheet", shareName)}
	case errors.Is(err, seal.ErrDamaged):
		return []string{fmt.Sprintf("the sealed part of %s is damaged although its signature is valid; use the printed sheet", shareName)}
	case errors.As(err, &cle):
		return []string{"fix that line of the custodians file: NAME RECIPIENT, one custodian a line"}
	case errors.As(err, &pe):
		if errors.Is(err, split.ErrAllRequired) {
			return []string{"choose k below n so that one custodian may be absent, or pass --allow-all-required if you accept that one lost sheet loses the secret"}
		}
		return []string{"choose 2 ≤ k < n ≤ 255: several people, never one alone, and never reliant on one person"}
	case errors.As(err, &ee):
		return []string{"quorum never overwrites files: choose another name, or move the old one away"}
	case errors.As(err, &mie):
		return []string{"use the manifest.json written by the split, or pin the set with --set from the ceremony record"}
	case errors.Is(err, drill.ErrCommitment):
		return []string{
			fmt.Sprintf("%s opens, but it is not the share the split sealed for its index: someone who held the set key made it; do not use it", shareName),
			"compare the sheet with the ceremony record, and record the incident in the access log",
		}
	case errors.As(err, &dfe):
		return drillHints(dfe.Result)
	case isLogError(err):
		return logHints(err)
	case isRunError(err):
		return runHints(err)
	case errors.As(err, &nfe):
		if nfe.IsFile {
			return []string{"name a path in a folder"}
		}
		return []string{fmt.Sprintf("make the folder first (mkdir -p %s), or name a path in a folder that exists", nfe.Folder)}
	case errors.As(err, &ue):
		if ue.hint != "" {
			return []string{ue.hint}
		}
		return nil
	}
	if strings.Contains(err.Error(), "no terminal") {
		return []string{"run quorum in a terminal, or give the input in a file or on standard input"}
	}
	return nil
}

// pluginHints says what to do when an age plugin (a hardware key) did not
// seal or open a share.
func pluginHints(e *seal.PluginError, shareName string) []string {
	program := "age-plugin-" + e.Plugin
	switch e.Failure {
	case seal.PluginMissing:
		return []string{fmt.Sprintf("install %s on this laptop, checked against its published checksum as quorum itself is, put it on PATH and run the command again", program)}
	case seal.PluginStopped:
		return []string{fmt.Sprintf("%s ended without an answer: check that the custodian's hardware key is plugged in and run the command again; AGEDEBUG=plugin shows what it says", program)}
	case seal.PluginRefused:
		return []string{fmt.Sprintf("%s was not opened, and nothing was revealed: run the command again if the custodian means to answer yes", shareName)}
	case seal.PluginUnanswered:
		return []string{fmt.Sprintf("%s asks its questions of the custodian: run quorum on a terminal, with the custodian of %s there to answer", program, shareName)}
	}
	return []string{
		fmt.Sprintf("%s could not use the hardware key: check that the key of the custodian of %s is plugged in and that -i names that custodian's identity file", program, shareName),
		"after a wrong PIN, find the right one before trying again: a token locks itself after a few wrong PINs",
	}
}

// drillHints says what to do after a failed drill, which is recorded
// already.
func drillHints(r *drill.Result) []string {
	h := []string{"the failed drill is recorded in the log; fix what failed (each share named above) and run the drill again"}
	if !r.QuorumMet {
		var few *combine.TooFewError
		if errors.As(r.Problem, &few) {
			h = append(h, fmt.Sprintf("%d good shares of %d needed: more custodians must bring shares that open", few.Have, few.Need))
		}
		var ie *combine.IntegrityError
		if errors.As(r.Problem, &ie) {
			h = append(h, "every share opened but the set did not rebuild: run the drill with -m manifest.json to name the wrong share")
		}
	}
	return h
}
