package ceremony

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestReadShares: standard input read once as a share, and refused when
// given twice; the QR parts of one share, in two files, joined.
func TestReadShares(t *testing.T) {
	w := newWrittenSet(t)
	text, err := os.ReadFile(w.shares[0])
	if err != nil {
		t.Fatal(err)
	}
	env := testEnv(&scriptedUI{t: t})
	env.Stdin = strings.NewReader(string(text))
	inputs, err := ReadShares(env, []string{"-", w.shares[1]}, false)
	if err != nil || len(inputs) != 2 || inputs[0].Source != "standard input" || inputs[0].Share.Index != 1 {
		t.Fatalf("ReadShares(-, bob) = %v, %v; want alice from standard input, then bob", inputs, err)
	}

	var ue *UsageError
	if _, err := ReadShares(testEnv(&scriptedUI{t: t}), []string{"-", w.shares[1], "-"}, false); !errors.As(err, &ue) {
		t.Errorf("ReadShares(-, bob, -) = %v, want a UsageError", err)
	}

	parts, err := w.set.Shares[2].Split(3)
	if err != nil {
		t.Fatal(err)
	}
	var files []string
	for i, group := range [][]int{{0, 2}, {1}} {
		var lines []string
		for _, p := range group {
			lines = append(lines, parts[p].Marshal())
		}
		files = append(files, filepath.Join(w.dir, []string{"front.txt", "back.txt"}[i]))
		w.write(t, files[i], strings.Join(lines, "\n")+"\n")
	}
	inputs, err = ReadShares(testEnv(&scriptedUI{t: t}), files, false)
	if err != nil || len(inputs) != 1 || inputs[0].Share.Index != 3 || inputs[0].Source != "QR parts of share 3" {
		t.Fatalf("ReadShares(parts in two files) = %v, %v; want share 3 from its QR parts", inputs, err)
	}
}
