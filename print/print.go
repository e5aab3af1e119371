package print

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"quorum/manifest"
	"quorum/share"
)

// Paper is a paper size.
type Paper int

const (
	A4     Paper = iota // 210 × 297 mm
	Letter              // US Letter, 8.5 × 11 in
)

// ParsePaper reads a paper size as the command line names it.
func ParsePaper(s string) (Paper, error) {
	switch strings.ToLower(s) {
	case "a4":
		return A4, nil
	case "letter":
		return Letter, nil
	}
	return 0, fmt.Errorf("paper %q is not a4 or letter", s)
}

func (p Paper) String() string {
	if p == Letter {
		return "letter"
	}
	return "a4"
}

// size returns the page size in points.
func (p Paper) size() (w, h float64) {
	if p == Letter {
		return 612, 792
	}
	return 595.28, 841.89
}

// Options says what to print and how.
type Options struct {
	Paper Paper
	// Manifest, when given, is the set's manifest as manifest.Parse returns
	// it, its signature verified: the sheets then show each custodian's
	// recipient fingerprint, and every share must be the one the manifest
	// lists for its index.
	Manifest *manifest.Manifest
	// Record puts the ceremony record of Manifest first.
	Record bool
	// Plugins names, by share index, the age plugin each share sealed to
	// a hardware key is opened with (age-plugin-NAME), for the sheet and
	// the record to say "age plugin: NAME". A share does not name its
	// plugin; the custodians file does, so only a new set knows them.
	Plugins map[int]string
	// Kit is the root kit from the access log: the ceremony record lists
	// it, and each sheet names the MFA device's place among those it must
	// not be kept in.
	Kit []KitItem
	// Date is the creation date in the PDF's metadata; the zero time means
	// the clock's, which makes the output differ from run to run.
	Date time.Time
}

// Document is a laid-out set of sheets whose QR codes have been read back.
type Document struct {
	paper  Paper
	fonts  *fonts
	title  string
	date   time.Time
	pdf    *pdfJob
	Sheets []*Sheet
}

// Sheet is one custodian's sheet, or the ceremony record: one page, or more
// when its text does not fit.
type Sheet struct {
	// Name is a file name for the sheet without extension, as the share
	// file is named ("1-alice", "001-alice" in a set of 100 or more), or
	// "record".
	Name string
	// Index is the share's index, 0 for the ceremony record.
	Index int
	pages []*page
}

// OtherSetError means that a share is not of the set being printed: the
// manifest's, or the first share's.
type OtherSetError struct {
	Got, Want share.Fingerprint
}

func (e *OtherSetError) Error() string {
	return fmt.Sprintf("share is of set %s, not of set %s being printed", e.Got, e.Want)
}

// ErrNoManifest means that the ceremony record was asked for without a
// manifest.
var ErrNoManifest = errors.New("the ceremony record needs the set's manifest")

// New lays out a sheet for each share, in index order, after the ceremony
// record when opts.Record is set. Every share's signature must verify,
// and with a manifest every share must be the one it lists. Before New
// returns, every QR code is drawn as the PDF draws it and read back with
// quorum's own decoder; a code that does not give back exactly its text is
// a [*ReadBackError]. The PDF is written meanwhile, in memory, for
// [Document.PDF] to return, whether it is asked for or not.
func New(shares []*share.Share, opts Options) (*Document, error) {
	fs, err := loadFonts()
	if err != nil {
		return nil, err
	}
	m := opts.Manifest
	if opts.Record && m == nil {
		return nil, ErrNoManifest
	}
	if len(shares) == 0 && !opts.Record {
		return nil, errors.New("no shares to print")
	}
	if err := check(shares, m); err != nil {
		return nil, err
	}
	shares = slices.Clone(shares)
	slices.SortStableFunc(shares, func(a, b *share.Share) int { return a.Index - b.Index })

	d := &Document{paper: opts.Paper, fonts: fs, date: opts.Date, title: "quorum sheets"}
	switch {
	case len(shares) > 0:
		d.title = fmt.Sprintf("quorum sheets, set %s", shares[0].Fingerprint())
	case m != nil:
		// The fingerprint computed from the signed key, never the
		// manifest's set_fingerprint member, which is not signed.
		fp, err := m.Fingerprint()
		if err != nil {
			return nil, err
		}
		d.title = fmt.Sprintf("quorum ceremony record, set %s", fp)
	}
	// Drawing the codes, writing the PDF and reading the codes back are
	// nearly all the work: the PDF writer starts at once, beside the rest
	// (pdfJob), and the codes are drawn on every core once the layout,
	// which needs only their sizes, is done. New returns when the writer
	// has finished, so that nothing it started outlives it.
	d.pdf = startPDF(d)
	laidOut := false
	defer func() {
		if !laidOut {
			close(d.pdf.pages)
		}
		<-d.pdf.done
	}()
	l := newLayout(opts.Paper, fs)
	if opts.Record {
		pages, err := l.record(m, opts.Plugins, opts.Kit)
		if err != nil {
			return nil, err
		}
		d.Sheets = append(d.Sheets, &Sheet{Name: "record", pages: pages})
	}
	data := make([]*sheetData, len(shares))
	errs := make([]error, len(shares))
	parallel(len(shares), func(i int) { data[i], errs[i] = sheetDataOf(shares[i], m, opts.Plugins[shares[i].Index]) })
	for i, s := range shares {
		sd, err := data[i], errs[i]
		if err != nil {
			return nil, err
		}
		sd.mfaPlaces = mfaPlaces(opts.Kit)
		d.Sheets = append(d.Sheets, &Sheet{
			Name:  fmt.Sprintf("%0*d-%s", len(fmt.Sprint(s.Shares)), s.Index, s.Custodian),
			Index: s.Index,
			pages: l.sheet(sd),
		})
	}
	d.pdf.pages <- d.pages()
	laidOut = true
	// In page order, so that the PDF writer gets the codes as it needs
	// them. Every code is drawn, even after a failure, so that the writer
	// never waits for a code that is not coming.
	if err := d.readBack(); err != nil {
		return nil, err
	}
	return d, nil
}

// pages returns the pages of every sheet, in order.
func (d *Document) pages() []*page {
	var pages []*page
	for _, s := range d.Sheets {
		pages = append(pages, s.pages...)
	}
	return pages
}

// check refuses what must not be printed: a share whose signature fails
// (a sheet would lend a forgery the look of the real thing), a share of
// another set, or with a manifest a share other than the one it lists.
func check(shares []*share.Share, m *manifest.Manifest) error {
	var want share.Fingerprint
	if m != nil {
		fp, err := m.Fingerprint()
		if err != nil {
			return err
		}
		want = fp
	} else if len(shares) > 0 {
		want = shares[0].Fingerprint()
	}
	for _, s := range shares {
		fail := func(err error) error { return &share.Error{Index: s.Index, Custodian: s.Custodian, Err: err} }
		if err := s.Verify(); err != nil {
			return fail(err)
		}
		if fp := s.Fingerprint(); fp != want {
			return fail(&OtherSetError{Got: fp, Want: want})
		}
		if m == nil {
			continue
		}
		if _, err := m.Entry(s); err != nil {
			return fail(err)
		}
	}
	return nil
}

// sheetData is what one custodian's sheet shows.
type sheetData struct {
	s           *share.Share
	lines       []share.Line
	codes       []*code
	recipientFP string // "" when unknown or for a passphrase
	plugin      string // the age plugin's name, "" when unknown
	manifest    bool
	mfaPlaces   []string // where the kit's MFA devices are kept
}

func sheetDataOf(s *share.Share, m *manifest.Manifest, plugin string) (*sheetData, error) {
	str, err := s.Marshal()
	if err != nil {
		return nil, err
	}
	codes, err := planCodes(s)
	if err != nil {
		return nil, err
	}
	d := &sheetData{s: s, lines: share.Lines(str), codes: codes, plugin: plugin, manifest: m != nil}
	if m != nil {
		d.recipientFP = m.Custodians[s.Index-1].RecipientFingerprint
	}
	return d, nil
}

// PDF returns the document as a PDF, which New has written. The bytes are
// the document's own, not a copy (a 255-sheet PDF is 19 MB): the caller
// must not change them.
func (d *Document) PDF() ([]byte, error) {
	if d.pdf.err != nil {
		return nil, d.pdf.err
	}
	return d.pdf.pdf, nil
}

// Pages returns how many pages the sheet has.
func (s *Sheet) Pages() int { return len(s.pages) }

// PNG returns the sheet as a PNG image at dpi dots per inch, its pages one
// below the other: a preview, drawn by quorum itself, not by a PDF reader.
func (d *Document) PNG(s *Sheet, dpi float64) ([]byte, error) {
	return pngOf(d.fonts, s.pages, dpi)
}
