package newfile

import (
	"errors"
	"os"
	"path/filepath"
	"testing"

	"quorum/internal/testtool"
)

// TestFATPlace puts files in place on FAT and exFAT, the USB sticks that
// carry sets to and from the air-gapped laptop, which have no hard links:
// the claim that replaces a hard link there never replaces a file, and a
// new name gets the file. cmd/quorum's TestFATWrites runs the commands
// there.
func TestFATPlace(t *testing.T) {
	for _, fstype := range []string{"vfat", "exfat"} {
		t.Run(fstype, func(t *testing.T) {
			dir, _ := testtool.MountFAT(t, fstype)

			if err := Write(filepath.Join(dir, "1-alice.share"), []byte("share")); err != nil {
				t.Fatal(err)
			}
			tmp, path := filepath.Join(dir, ".tmp"), filepath.Join(dir, "1-alice.share")
			writeTestFile(t, tmp, "forged")
			fat := placer{renameNoReplace: noLinks.renameNoReplace, link: os.Link}
			var ee *ExistsError
			if err := place(tmp, path, fat); !errors.As(err, &ee) {
				t.Errorf("place over a share on %s: got %v, want an *ExistsError", fstype, err)
			}
			if b, _ := os.ReadFile(path); string(b) != "share" {
				t.Errorf("the share on %s now holds %q: it was overwritten", fstype, b)
			}
			if err := place(tmp, filepath.Join(dir, "new.share"), fat); err != nil {
				t.Errorf("place on a new name on %s: %v", fstype, err)
			}
		})
	}
}
