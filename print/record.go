package print

import (
	"fmt"

	"quorum/manifest"
)

// record lays out the ceremony record: the public facts of the set from its
// manifest, every custodian with their share's index, recipient
// fingerprint and share hash, the set fingerprint in large type (the value
// every later check is pinned to), and lines for the operator's and the
// witness's signatures. Nothing on it is secret.
func (l *layout) record(m *manifest.Manifest, plugins map[int]string, kit []KitItem) ([]*page, error) {
	fp, err := m.Fingerprint()
	if err != nil {
		return nil, err
	}
	p := l.newPage()
	pages := []*page{p}
	y := l.eyebrow(p, l.y0, "QUORUM CEREMONY RECORD", m.Format)
	y = l.label(p, y, m.Label)
	y += shareSize * 1.1
	p.text(l.x0, y, bold, shareSize, ink, fmt.Sprintf("%d shares: any %d of them rebuild the secret", m.Shares, m.Threshold))
	y += 9
	l.hrule(p, y)
	y = l.facts(p, l.x0, y+7, l.width(), []float64{0, 0.3, 0.6}, []fact{
		{"created", []factLine{{regular, valueSize, m.Created}}},
		{"threshold and shares", []factLine{{regular, valueSize, fmt.Sprintf("%d of %d", m.Threshold, m.Shares)}}},
		{"made by", []factLine{{regular, valueSize, m.Tool}}},
	})
	y = l.facts(p, l.x0, y, l.width(), []float64{0}, []fact{
		{"recovery kit: SHA-256 of recover.py (quorum print --kit)", []factLine{{mono, 8.5, KitSHA256()}}},
	})

	// The fingerprint, in a shaded box, as large as the width allows.
	y += 4
	boxH := 62.0
	p.fill(l.x0, y, l.width(), boxH, stripe)
	p.box(l.x0, y, l.width(), boxH, 0.8, rule)
	l.textCenter(p, l.x0+l.width()/2, y+15, bold, 8, dim, "SET FINGERPRINT: EVERY LATER CHECK IS PINNED TO THIS VALUE")
	size, _ := l.fs.fit(monoBold, fp.String(), 24, 12, l.width()-30)
	l.textCenter(p, l.x0+l.width()/2, y+20+size*1.05, monoBold, size, ink, fp.String())
	y += boxH
	y = l.paragraph(p, l.x0, y+2, l.width(), regular, proseSize, proseLead, dim,
		"This record is public: nothing on it is secret. Operator and witness sign it at the ceremony, and it "+
			"says later which set is the genuine one: every check of a share or a rebuilt secret is pinned to the "+
			"fingerprint above. Each custodian initials the row of the sheet they received. Keep it apart from the sheets.") + 8

	// The table, continued on further pages as needed.
	cols := []float64{0, 0.05, 0.27, 0.50, 0.82, 1}
	heads := []string{"#", "Custodian", "Recipient", "Share hash (SHA-256 of the share)", "Received (initials)"}
	head := func(p *page, y float64) float64 {
		p.fill(l.x0, y, l.width(), 15, shade)
		for i, h := range heads {
			p.text(l.x0+cols[i]*l.width()+4, y+10.5, bold, 7.5, ink, h)
		}
		return y + 15
	}
	colW := func(i int) float64 { return (cols[i+1]-cols[i])*l.width() - 8 }
	y = head(p, y)
	for _, c := range m.Custodians {
		name := l.fs.wrap(bold, 8.5, l.fs.printable(bold, c.Name), colW(1))
		hash := []string{group4(c.ShareHash[:min(28, len(c.ShareHash))]), group4(c.ShareHash[min(28, len(c.ShareHash)):])}
		recip := []string{c.RecipientKind}
		if name := plugins[c.Index]; name != "" {
			recip[0] = l.fs.printable(regular, pluginKind(name))
		}
		if c.RecipientFingerprint != "" {
			recip = append(recip, group4(c.RecipientFingerprint))
		}
		rowH := float64(max(len(name), len(hash), len(recip)))*10 + 7
		if y+rowH > l.bottom() {
			p = l.newPage()
			pages = append(pages, p)
			y = l.eyebrow(p, l.y0, "QUORUM CEREMONY RECORD, CONTINUED", m.Format)
			y += 14
			p.text(l.x0, y, bold, 12, ink, fmt.Sprintf("Set %s", fp))
			y = head(p, y+10)
		}
		cell := func(i int, f fontID, size float64, lines []string) {
			for j, s := range lines {
				p.text(l.x0+cols[i]*l.width()+4, y+13+float64(j)*10, f, size, ink, s)
			}
		}
		cell(0, regular, 8.5, []string{fmt.Sprint(c.Index)})
		cell(1, bold, 8.5, name)
		cell(2, regular, 8, recip[:1])
		if len(recip) > 1 {
			p.text(l.x0+cols[2]*l.width()+4, y+23, mono, 7.5, ink, recip[1])
		}
		cell(3, mono, 7.5, hash)
		y += rowH
		p.line(l.x0, y, l.x1, y, 0.5, rule)
	}

	p, y = l.kitTable(p, y, kit, func() (*page, float64) {
		p = l.newPage()
		pages = append(pages, p)
		y := l.eyebrow(p, l.y0, "QUORUM CEREMONY RECORD, CONTINUED", m.Format) + 14
		p.text(l.x0, y, bold, 12, ink, fmt.Sprintf("Set %s", fp))
		return p, y + 10
	})

	// Signatures: on this page if they fit, else on a page of their own.
	const sigH = 150 + writeInH*2
	if y+gap+sigH > l.bottom() {
		p = l.newPage()
		pages = append(pages, p)
		y = l.eyebrow(p, l.y0, "QUORUM CEREMONY RECORD, CONTINUED", m.Format) + 14
		p.text(l.x0, y, bold, 12, ink, fmt.Sprintf("Set %s", fp))
	}
	y += gap + 12
	p.text(l.x0, y, bold, 10, ink, "Signatures")
	y = l.paragraph(p, l.x0, y, l.width(), regular, proseSize, proseLead, dim, fmt.Sprintf(
		"We saw quorum split the secret on an offline computer and show the set fingerprint printed above, "+
			"and we saw each custodian receive the sheet of their row: %d sheets in all.", m.Shares))
	// Written by hand at the ceremony. The binary's hash is copied from
	// SHA256SUMS, which came to the laptop apart from the binary; quorum
	// does not print its own: a changed binary would vouch for itself.
	for _, what := range []string{
		"Place of the ceremony",
		"SHA-256 of the quorum binary run (its line of SHA256SUMS, checked on this computer)",
	} {
		p.text(l.x0, y+writeInH-14, regular, 7.5, dim, what)
		p.line(l.x0, y+writeInH, l.x1, y+writeInH, 0.6, dim)
		y += writeInH
	}
	y += 10
	const boxGap = 24
	bw := (l.width() - boxGap) / 2
	for i, who := range []string{"Operator", "Witness"} {
		l.signBox(p, l.x0+float64(i)*(bw+boxGap), y+12, bw, 26, 26, who, "Name", "Signature", "Date")
	}
	left := fmt.Sprintf("quorum ceremony record · set %s", fp)
	for i, p := range pages {
		l.footer(p, left, i+1, len(pages))
	}
	return pages, nil
}

// writeInH is the height of a line written by hand on the ceremony record.
const writeInH = 30
