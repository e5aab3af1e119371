package ceremony

// Shares typed on the terminal from their sheets (--type), for a sheet
// whose QR code will not scan. The person types the numbered lines printed
// under the code, one sheet after another; each line is checked as soon as
// it is entered (its two check symbols, FORMAT.md §7), so a slip is named
// by its line and retyped at once, not found after twenty lines. A pasted
// block works too: its lines are read one by one as if typed, with or
// without their numbers and the "# quorum share" comment lines.

import (
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"quorum/combine"
	"quorum/share"
)

// readTyped asks on the controlling terminal for sheets, one after
// another, until an empty line where a sheet would start, and returns
// their shares. Prompts and messages go to the terminal only.
func readTyped(ui UI) ([]combine.Input, error) {
	if !ui.Available() {
		return nil, errors.New("--type needs a terminal to type the sheets on, and there is no terminal")
	}
	ui.Show("Type the numbered lines printed under the QR code, with their line numbers\n" +
		"and the two check symbols at the end; or paste them. Case does not matter.\n")
	var inputs []combine.Input
	for sheet := 1; ; sheet++ {
		s, err := typeSheet(ui, sheet)
		if err != nil {
			return nil, err
		}
		if s == nil {
			return inputs, nil
		}
		ui.Show("sheet %d: share %d of %d (%s), set %s\n", sheet, s.Index, s.Shares, s.Custodian, s.Fingerprint())
		inputs = append(inputs, combine.Input{Source: fmt.Sprintf("typed sheet %d", sheet), Share: s})
	}
}

// typeSheet reads one sheet. It returns nil when the person is done: the
// end of input (Ctrl-D) before the sheet's first line, or an empty line
// there after the first sheet. Before the first sheet an empty line is
// a stray Enter: --type was asked for.
func typeSheet(ui UI, sheet int) (*share.Share, error) {
	var lines []string        // accepted lines, in order
	ahead := map[int]string{} // good lines after one that must be retyped (a paste)
	saidMissing := 0          // the line last said to be missing, said once
	for {
		want := len(lines) + 1
		prompt := fmt.Sprintf("sheet %d, line %02d: ", sheet, want)
		if want == 1 && sheet > 1 {
			prompt = fmt.Sprintf("sheet %d, line 01 (or Enter if there are no more sheets): ", sheet)
		}
		text, err := ui.Line(prompt)
		if err == io.EOF && want == 1 {
			return nil, nil
		}
		if err == io.EOF {
			return nil, fmt.Errorf("typing stopped at line %d of sheet %d", want, sheet)
		}
		if err != nil {
			return nil, err
		}
		text = strings.TrimSpace(text)
		switch {
		case text == "" && want == 1 && sheet > 1:
			return nil, nil
		case text == "" || strings.HasPrefix(text, "#"):
			continue // a blank line or a comment line of a share file
		}
		n, symbols, last, err := checkTyped(text, want)
		if err != nil {
			ui.Show("%s\n", typedLineMessage(err))
			continue
		}
		if n != want {
			if n < want {
				ui.Show("line %d is already in; now line %d\n", n, want)
			} else {
				ahead[n] = symbols
				if last {
					ahead[n] += "\x00" // marks the last line
				}
				if saidMissing != want {
					ui.Show("line %d is still missing: type it again; the good lines after it are kept\n", want)
					saidMissing = want
				}
			}
			continue
		}
		lines = append(lines, symbols)
		// Lines of a paste that came after a retyped one.
		for !last {
			next, ok := ahead[len(lines)+1]
			if !ok {
				break
			}
			delete(ahead, len(lines)+1)
			next, last = strings.CutSuffix(next, "\x00")
			lines = append(lines, next)
		}
		if !last {
			continue
		}
		s, err := share.ParseString(strings.Join(lines, ""))
		if err != nil && len(lines[len(lines)-1]) < share.LineSymbols {
			return nil, &SourceError{fmt.Sprintf("typed sheet %d", sheet), err}
		}
		if err != nil {
			// A full line whose check was mistyped can pass as a last line
			// (1 in 31 slips of a check symbol), and then the share is
			// short: that line is the one to retype.
			n := len(lines)
			lines = lines[:n-1]
			ui.Show("line %d: its check marks it as the sheet's last line, but the share is incomplete: compare it with the sheet and type it again\n", n)
			continue
		}
		return s, nil
	}
}

// checkTyped checks one typed line: "07  ABCD EFGH …  7K" as the sheet
// prints it, or without the line number, which is then want.
func checkTyped(text string, want int) (n int, symbols string, last bool, err error) {
	fields := strings.Fields(text)
	if len(fields) < 2 {
		return 0, "", false, &share.LineError{Line: want, Reason: "needs its symbols and the two check symbols at the end"}
	}
	if len(fields) >= 3 && isLineNumber(fields[0]) {
		n, _ = strconv.Atoi(fields[0])
		symbols, last, err = share.CheckLine(n, n, strings.Join(fields[1:len(fields)-1], ""), fields[len(fields)-1])
		if err == nil {
			return n, symbols, last, nil
		}
		// A last line whose first group is all digits ("123 4 7K") reads
		// as numbered; try it without a number before blaming it.
		if s, l, err2 := share.CheckLine(want, want, strings.Join(fields[:len(fields)-1], ""), fields[len(fields)-1]); err2 == nil {
			return want, s, l, nil
		}
		return n, "", false, err
	}
	symbols, last, err = share.CheckLine(want, want, strings.Join(fields[:len(fields)-1], ""), fields[len(fields)-1])
	return want, symbols, last, err
}

// isLineNumber reports whether f can be a printed line number: one to
// three digits (a group of symbols has four).
func isLineNumber(f string) bool {
	if len(f) == 0 || len(f) > 3 {
		return false
	}
	for _, c := range f {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// typedLineMessage says which line is wrong, why, and what to do.
func typedLineMessage(err error) string {
	var le *share.LineError
	if errors.As(err, &le) {
		return fmt.Sprintf("line %d: %s: compare it with the sheet and type it again", le.Line, le.Reason)
	}
	return fmt.Sprintf("%v: compare the line with the sheet and type it again", err)
}
