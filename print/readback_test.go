package print

import "testing"

// TestReadBackEveryVersion draws a code of every version a sheet prints,
// 1 to MaxVersion, at readBackPixels a module, and reads it back, as New
// does: the read-back check must not fail a good code at any size.
func TestReadBackEveryVersion(t *testing.T) {
	const alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ" // a share string's symbols
	text := "QRM1"
	for v := 1; v <= MaxVersion; v++ {
		// The shortest text that needs version v, from the last one.
		for version(text) < v {
			text += string(alphabet[(len(text)*7)%len(alphabet)])
		}
		if version(text) != v {
			t.Fatalf("no text of version %d found", v)
		}
		c, err := encode(text)
		if err != nil {
			t.Fatal(err)
		}
		c.index, c.custodian = v, "version"
		// A module of an odd size at an odd place, as on a page.
		if err := readCode(codeOp{c: c, x: 57.3, y: 101.9, module: 1.37}); err != nil {
			t.Errorf("version %d (%d symbols): %v", v, len(text), err)
		}
	}
}
