package ceremony

// Scans given as SHARE: images and scanned PDFs of printed sheets, decoded
// by package scan and read as share text.

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"

	"quorum/scan"
	"quorum/share"
)

// MaxScanFile bounds an image or PDF given as a SHARE. A sheet scanned at
// 600 dpi is a few MiB as JPEG and some tens as PNG, and a scanned PDF of a
// dozen sheets stays well below the bound; a file past it is no scan of
// sheets. scan bounds what it decodes (scan.MaxPixels) before decoding, but
// the file itself is held in memory whole, so it is bounded here. Share
// text keeps the 1 MiB bound of [MaxInputFile].
const MaxScanFile = 64 << 20

// scanSniff is how much of a file is looked at to tell a scan from text:
// a PDF's header may come after up to 1024 bytes of junk.
const scanSniff = 1024

// readShareInput reads a SHARE argument and says whether it is a scan.
// Share text is read as [ReadInput] reads it; a scan, which holds nothing
// secret, with the larger bound.
func readShareInput(env *Env, name, source string) ([]byte, bool, error) {
	r := env.Stdin
	if name != "-" {
		f, err := os.Open(name)
		if err != nil {
			return nil, false, err
		}
		defer f.Close()
		r = f
	}
	br := bufio.NewReaderSize(r, scanSniff)
	head, _ := br.Peek(scanSniff) // a read error shows again below
	if !scan.IsImage(head) {
		data, err := ReadLimited(br, source)
		return data, false, err
	}
	data, err := io.ReadAll(io.LimitReader(br, MaxScanFile+1))
	if err != nil {
		return nil, true, fmt.Errorf("%s: %v", source, err)
	}
	if len(data) > MaxScanFile {
		return nil, true, &ScanTooLargeError{source}
	}
	return data, true, nil
}

// readScan decodes every QR code in a scan and reads the shares and parts
// they hold. Codes that are not quorum's (a product code on the desk in a
// photo) are skipped with a warning when the scan also holds a share.
func readScan(env *Env, source string, data []byte) ([]*share.Share, []*share.Part, error) {
	texts, err := scan.DecodeFile(data)
	switch {
	case errors.Is(err, scan.ErrNoCode):
		return nil, nil, &NoCodeError{source}
	case err != nil:
		return nil, nil, &SourceError{source, err}
	}
	var shares []*share.Share
	var parts []*share.Part
	foreign := 0
	for _, t := range texts {
		ss, ps, err := share.Read([]byte(t))
		if errors.Is(err, share.ErrNotShare) {
			foreign++
			continue
		}
		if err != nil {
			return nil, nil, &SourceError{source, err}
		}
		shares = append(shares, ss...)
		parts = append(parts, ps...)
	}
	if len(shares) == 0 && len(parts) == 0 {
		return nil, nil, &NotShareCodeError{Source: source, Codes: foreign}
	}
	if foreign > 0 {
		env.UI.Warn("%s: skipped %d QR code(s) that are not quorum shares", source, foreign)
	}
	return shares, parts, nil
}

// NoCodeError means that a scan holds no QR code the decoder could read.
type NoCodeError struct{ Source string }

func (e *NoCodeError) Error() string {
	return fmt.Sprintf("no QR code found in %s; try a higher-resolution scan, or type the sheet with --type", e.Source)
}

func (e *NoCodeError) Unwrap() error { return scan.ErrNoCode }

// NotShareCodeError means that a scan's QR codes were read but none is a
// quorum share or part.
type NotShareCodeError struct {
	Source string
	Codes  int
}

func (e *NotShareCodeError) Error() string {
	if e.Codes == 1 {
		return fmt.Sprintf("%s: the QR code is not a quorum share", e.Source)
	}
	return fmt.Sprintf("%s: none of its %d QR codes is a quorum share", e.Source, e.Codes)
}

func (e *NotShareCodeError) Unwrap() error { return share.ErrNotShare }

// ScanTooLargeError means that a scan is larger than [MaxScanFile].
type ScanTooLargeError struct{ Source string }

func (e *ScanTooLargeError) Error() string {
	return fmt.Sprintf("%s: larger than %d MiB, not a scan of share sheets", e.Source, MaxScanFile>>20)
}
