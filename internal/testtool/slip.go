package testtool

import "strings"

// Slip changes one symbol of a sheet's numbered line ("07  ABCD EFGH …  7K"),
// in its second group, as a typist would: the line's check must catch it.
func Slip(line string) string {
	f := strings.Fields(line)
	g := []byte(f[2])
	if g[1] == 'X' {
		g[1] = 'Y'
	} else {
		g[1] = 'X'
	}
	f[2] = string(g)
	return strings.Join(f, " ")
}
