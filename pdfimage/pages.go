package pdfimage

import (
	"fmt"
	"sort"
)

const (
	maxPages     = 2000 // pages in one document; a scanned stack of sheets is far fewer
	maxTreeDepth = 32   // levels of the page tree; writers use two or three
)

// page is a leaf of the page tree with its inherited resources.
type page struct {
	num       int // 1-based
	resources object
}

// pages walks the page tree (ISO 32000-1 §7.7.3) from the catalog, in
// order, carrying the inheritable /Resources down to each page.
func (d *doc) pages() ([]page, error) {
	root, err := d.resolve(d.trailer["Root"])
	if err != nil {
		return nil, err
	}
	cat, ok := root.(dict)
	if !ok {
		return nil, &FormatError{Offset: -1, Reason: "document catalog is not a dictionary"}
	}
	var out []page
	seen := map[int]bool{}
	var walk func(o object, res object, depth int) error
	walk = func(o object, res object, depth int) error {
		num := 0
		if r, ok := o.(ref); ok {
			num = r.num
			// A node listed twice, or a kid that is its own ancestor,
			// would repeat pages or never end.
			if seen[num] {
				return &FormatError{Object: num, Offset: -1, Reason: "page tree refers to the same node twice (a loop)"}
			}
			seen[num] = true
		}
		if depth > maxTreeDepth {
			return &LimitError{Object: num, What: fmt.Sprintf("page tree deeper than %d levels", maxTreeDepth), Limit: maxTreeDepth}
		}
		v, err := d.resolve(o)
		if err != nil {
			return err
		}
		node, ok := v.(dict)
		if !ok {
			return &FormatError{Object: num, Offset: -1, Reason: "page tree node is missing or not a dictionary"}
		}
		if r, ok := node["Resources"]; ok {
			res = r
		}
		kids, isTree := node["Kids"]
		if node["Type"] == name("Page") || !isTree {
			if len(out) >= maxPages {
				return &LimitError{What: fmt.Sprintf("more than %d pages", maxPages), Limit: maxPages}
			}
			out = append(out, page{num: len(out) + 1, resources: res})
			return nil
		}
		kv, err := d.resolve(kids)
		if err != nil {
			return err
		}
		ka, ok := kv.(array)
		if !ok {
			return &FormatError{Object: num, Offset: -1, Reason: "page tree node has no /Kids array"}
		}
		for _, k := range ka {
			if err := walk(k, res, depth+1); err != nil {
				return err
			}
		}
		return nil
	}
	if err := walk(cat["Pages"], nil, 0); err != nil {
		return nil, err
	}
	return out, nil
}

// pageImages returns the image XObjects of a page's resources, and those
// of the Form XObjects it uses, one level deep (a scanner's "page" is at
// most an image wrapped in a form). Names are visited in sorted order so
// the result is deterministic; an image used twice is returned once.
func (d *doc) pageImages(p page) ([]*stream, error) {
	var out []*stream
	seen := map[int]bool{}
	var visit func(res object, depth int) error
	visit = func(res object, depth int) error {
		rv, err := d.need(res, "resources", p.num)
		if err != nil {
			return err
		}
		rd, ok := rv.(dict)
		if !ok {
			return nil
		}
		xv, err := d.need(rd["XObject"], "XObject resources", p.num)
		if err != nil {
			return err
		}
		xd, ok := xv.(dict)
		if !ok {
			return nil
		}
		names := make([]string, 0, len(xd))
		for k := range xd {
			names = append(names, string(k))
		}
		sort.Strings(names)
		for _, n := range names {
			o := xd[name(n)]
			r, isRef := o.(ref)
			if isRef && seen[r.num] {
				continue
			}
			v, err := d.need(o, "XObject /"+n, p.num)
			if err != nil {
				return err
			}
			s, ok := v.(*stream)
			if !ok {
				continue
			}
			seen[s.num] = true
			switch s.dict["Subtype"] {
			case name("Image"):
				out = append(out, s)
			case name("Form"):
				if depth == 0 {
					if err := visit(s.dict["Resources"], depth+1); err != nil {
						return err
					}
				}
			}
		}
		return nil
	}
	if err := visit(p.resources, 0); err != nil {
		return nil, err
	}
	return out, nil
}

// need resolves o, which a page needs: a reference to a missing object
// there means a truncated or damaged file, not an empty page.
func (d *doc) need(o object, what string, page int) (object, error) {
	v, err := d.resolve(o)
	if err != nil {
		return nil, withPage(err, page)
	}
	if r, ok := o.(ref); ok && v == nil {
		return nil, &FormatError{Page: page, Object: r.num, Offset: -1, Reason: "the page's " + what + " object is missing"}
	}
	return v, nil
}

// withPage adds a page number to one of this package's errors.
func withPage(err error, page int) error {
	switch e := err.(type) {
	case *FormatError:
		if e.Page == 0 {
			e.Page = page
		}
	case *LimitError:
		if e.Page == 0 {
			e.Page = page
		}
	case *UnsupportedError:
		if e.Page == 0 {
			e.Page = page
		}
	}
	return err
}
