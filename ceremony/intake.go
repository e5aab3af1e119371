package ceremony

// Reading the SHARE arguments of every command that takes them: share
// files, "-" for standard input (once), QR texts, QR parts joined across
// arguments, scans (intake_scan.go) and sheets typed on the terminal
// (intake_typed.go). A share that comes from paper and was already found
// counts once; each source that fails is named once, with why.

import (
	"errors"
	"fmt"
	"io"
	"os"
	"slices"

	"quorum/combine"
	"quorum/drill"
	"quorum/internal/harden"
	"quorum/share"
)

// MaxInputFile bounds what quorum reads from one share, manifest or key
// file: a share is a few kilobytes.
const MaxInputFile = 1 << 20

// ReadLimited reads r to the end. What it reads may be secret (an
// identity file, the secret to split), so it grows its buffer itself and
// wipes each one it outgrows, where io.ReadAll would leave copies behind,
// and locks the last one against swapping (internal/harden).
func ReadLimited(r io.Reader, name string) ([]byte, error) {
	r = io.LimitReader(r, MaxInputFile+1)
	b := make([]byte, 0, 4096)
	for {
		if len(b) == cap(b) {
			bigger := make([]byte, len(b), 2*cap(b))
			copy(bigger, b)
			clear(b)
			b = bigger
		}
		n, err := r.Read(b[len(b):cap(b)])
		b = b[:len(b)+n]
		if err == io.EOF {
			break
		}
		if err != nil {
			clear(b)
			return nil, fmt.Errorf("%s: %v", name, err)
		}
	}
	if len(b) > MaxInputFile {
		clear(b)
		return nil, fmt.Errorf("%s: larger than 1 MiB, not a share", name)
	}
	harden.Lock(b)
	return b, nil
}

// ReadInput reads the file name, or env.Stdin for "-", with ReadLimited.
func ReadInput(env *Env, name string) ([]byte, error) {
	if name == "-" {
		return ReadLimited(env.Stdin, "standard input")
	}
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return ReadLimited(f, name)
}

// SourceError names the file a share, manifest or log could not be read
// from.
type SourceError struct {
	Source string
	Err    error
}

func (e *SourceError) Error() string { return fmt.Sprintf("%s: %v", e.Source, e.Err) }
func (e *SourceError) Unwrap() error { return e.Err }

// UsageError is a mistake in the command line itself (an argument given
// twice, a flag that cannot be read), as opposed to a failure of the
// ceremony: cmd/quorum exits 2 on it.
type UsageError struct{ Err error }

func (e *UsageError) Error() string { return e.Err.Error() }
func (e *UsageError) Unwrap() error { return e.Err }

func usagef(format string, args ...any) error {
	return &UsageError{fmt.Errorf(format, args...)}
}

// ReadShares reads every SHARE argument: share files, QR texts, parts,
// scans (PNG, JPEG, PDF); then, with typed, sheets typed on the terminal.
// A share that comes from paper (a scan, a typed sheet, QR parts) and was
// already found counts once: two scans of one sheet, or a scan and the
// share file, are one share. The first source that fails ends the
// reading, named.
func ReadShares(env *Env, args []string, typed bool) ([]combine.Input, error) {
	if err := stdinOnce(args); err != nil {
		return nil, err
	}
	var found []foundShare
	var parts []*share.Part
	for _, name := range args {
		f, ps, err := readShareArg(env, name)
		if err != nil {
			return nil, err
		}
		found = append(found, f...)
		parts = append(parts, ps...)
	}
	if len(parts) > 0 {
		joined, err := joinParts(parts)
		if err != nil {
			return nil, err
		}
		found = append(found, joined...)
	}
	return gatherShares(env, found, typed)
}

// ReadEachShare reads the SHARE arguments as [ReadShares] does, each once
// (a scan is decoded once), except that a file that cannot be read is
// returned as a failure, for a drill to name, instead of ending the
// reading, and so are the QR parts of a file that do not join.
func ReadEachShare(env *Env, args []string, typed bool) ([]combine.Input, []drill.Failure, error) {
	if err := stdinOnce(args); err != nil {
		return nil, nil, err
	}
	var found []foundShare
	var unread []drill.Failure
	fail := func(name string, err error) {
		// The failure names its source apart: the reason is what is
		// wrong with it.
		var se *SourceError
		if errors.As(err, &se) {
			err = se.Err
		}
		unread = append(unread, drill.Failure{Source: name, Err: err})
	}
	parts := map[string][]*share.Part{}
	var all []*share.Part
	for _, name := range args {
		f, ps, err := readShareArg(env, name)
		if err != nil {
			fail(name, err)
			continue
		}
		found = append(found, f...)
		parts[name] = append(parts[name], ps...)
		all = append(all, ps...)
	}
	if len(all) > 0 {
		joined, err := joinParts(all)
		if err != nil {
			// Some file's parts do not join: each file's alone, to
			// name it.
			joined = nil
			for _, name := range args {
				if len(parts[name]) == 0 {
					continue
				}
				j, err := joinParts(parts[name])
				if err != nil {
					fail(name, err)
					continue
				}
				joined = append(joined, j...)
			}
		}
		found = append(found, joined...)
	}
	inputs, err := gatherShares(env, found, typed)
	if err != nil {
		return nil, nil, err
	}
	return inputs, unread, nil
}

// stdinOnce refuses standard input (-) given twice as a SHARE.
func stdinOnce(args []string) error {
	if i := slices.Index(args, "-"); i >= 0 && slices.Contains(args[i+1:], "-") {
		return usagef("standard input (-) is given twice")
	}
	return nil
}

// readShareArg reads one SHARE argument, a file or - for standard input:
// the shares it holds, and the QR parts, which are joined with those of
// the other arguments. A scan is decoded here, once; its image is dropped
// when this returns.
func readShareArg(env *Env, name string) ([]foundShare, []*share.Part, error) {
	source := name
	if name == "-" {
		source = "standard input"
	}
	data, isImage, err := readShareInput(env, name, source)
	if err != nil {
		return nil, nil, err
	}
	var shares []*share.Share
	var parts []*share.Part
	if isImage {
		shares, parts, err = readScan(env, source, data)
	} else {
		shares, parts, err = share.Read(data)
		if err != nil {
			err = &SourceError{source, err}
		}
	}
	if err != nil {
		return nil, nil, err
	}
	in := "file"
	if isImage {
		in = "scan"
	}
	var found []foundShare
	for i, s := range shares {
		src := source
		if len(shares) > 1 {
			src = fmt.Sprintf("%s (share %d in the %s)", source, i+1, in)
		}
		found = append(found, foundShare{combine.Input{Source: src, Share: s}, source, isImage})
	}
	return found, parts, nil
}

// joinParts joins QR parts into the shares they were split from.
func joinParts(parts []*share.Part) ([]foundShare, error) {
	joined, err := share.JoinParts(parts)
	if err != nil {
		return nil, err
	}
	var found []foundShare
	for _, s := range joined {
		src := fmt.Sprintf("QR parts of share %d", s.Index)
		found = append(found, foundShare{combine.Input{Source: src, Share: s}, src, true})
	}
	return found, nil
}

// gatherShares adds, with typed, the sheets typed on the terminal to the
// shares found in the arguments, and counts a share from paper once.
func gatherShares(env *Env, found []foundShare, typed bool) ([]combine.Input, error) {
	if typed {
		more, err := readTyped(env.UI)
		if err != nil {
			return nil, err
		}
		for _, in := range more {
			found = append(found, foundShare{in, in.Source, true})
		}
	}
	return dedupe(env.UI, found)
}

// foundShare is a share with where it was found.
type foundShare struct {
	combine.Input
	file  string // the argument it came from, or "typed sheet N"
	paper bool   // from a scan, QR parts or typing
}

// dedupe drops a share found again, byte for byte, when either copy comes
// from paper: scanning a sheet twice, or scanning it and also giving its
// file, is how people work, not a mistake. Two share files of the same
// share are left for combine.Select to refuse as a duplicate: that is a
// slip on the command line. Different shares with one index are always
// left to combine.Select.
func dedupe(ui UI, found []foundShare) ([]combine.Input, error) {
	first := map[string]foundShare{}
	var inputs []combine.Input
	for _, f := range found {
		str, err := f.Share.Marshal()
		if err != nil {
			return nil, &SourceError{f.Source, err}
		}
		if prev, ok := first[str]; ok && (prev.paper || f.paper) {
			if prev.file == f.file {
				ui.Info("share %d (%s) found twice in %s; counted once", f.Share.Index, f.Share.Custodian, f.file)
			} else {
				ui.Info("share %d (%s) found in %s and %s; counted once", f.Share.Index, f.Share.Custodian, prev.file, f.file)
			}
			continue
		}
		if _, ok := first[str]; !ok {
			first[str] = f
		}
		inputs = append(inputs, f.Input)
	}
	return inputs, nil
}
