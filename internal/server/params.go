package server

import (
	"net/url"
	"strconv"
	"strings"
)

// params are the decoded request parameters.
type params url.Values

// str returns the first value of key, or "".
func (p params) str(key string) string {
	if v := p[key]; len(v) > 0 {
		return v[0]
	}
	return ""
}

// has reports whether key was sent at all.
func (p params) has(key string) bool {
	_, ok := p[key]
	return ok
}

// required returns key's value or a ValidationError naming it.
func (p params) required(key string) (string, *APIError) {
	v, ok := p[key]
	if !ok || len(v) == 0 {
		return "", missingParam(key)
	}
	return v[0], nil
}

// list returns name.member.1, name.member.2, ... up to the first gap.
func (p params) list(name string) []string {
	var out []string
	for i := 1; ; i++ {
		v, ok := p[name+".member."+strconv.Itoa(i)]
		if !ok || len(v) == 0 {
			return out
		}
		out = append(out, v[0])
	}
}

// boolean parses an optional true/false parameter.
func (p params) boolean(key string, def bool) (bool, *APIError) {
	v, ok := p[key]
	if !ok || len(v) == 0 {
		return def, nil
	}
	switch strings.ToLower(v[0]) {
	case "true":
		return true, nil
	case "false":
		return false, nil
	}
	return false, validationf(key, v[0], "Member must be a boolean (true or false)")
}

// integer parses an optional integer parameter within [lo, hi].
func (p params) integer(key string, def, lo, hi int) (int, *APIError) {
	v, ok := p[key]
	if !ok || len(v) == 0 {
		return def, nil
	}
	n, err := strconv.Atoi(v[0])
	if err != nil {
		return 0, validationf(key, v[0], "Member must be an integer")
	}
	if n < lo {
		return 0, validationf(key, v[0], "Member must have value greater than or equal to "+strconv.Itoa(lo))
	}
	if n > hi {
		return 0, validationf(key, v[0], "Member must have value less than or equal to "+strconv.Itoa(hi))
	}
	return n, nil
}

// paging holds the Marker and MaxItems of a list action.
type paging struct {
	marker string // decoded
	max    int
}

// paging reads Marker and MaxItems: MaxItems defaults to 100 and must lie
// in 1..1000; a marker must be one this server handed out.
func (p params) paging() (paging, *APIError) {
	max, err := p.integer("MaxItems", 100, 1, 1000)
	if err != nil {
		return paging{}, err
	}
	pg := paging{max: max}
	if m := p.str("Marker"); m != "" {
		k, ok := decodeMarker(m)
		if !ok {
			return paging{}, validationf("Marker", m, "Member must be a marker returned by a previous call")
		}
		pg.marker = k
	} else if p.has("Marker") {
		return paging{}, validationf("Marker", "", "Member must have length greater than or equal to 1")
	}
	return pg, nil
}

// writePage writes IsTruncated and, when truncated, Marker.
func writePage(w *xmlw, next string, truncated bool) {
	w.bool("IsTruncated", truncated)
	if truncated {
		w.elem("Marker", next)
	}
}

// writeSlicePage writes one page of items, kept in a stable order, as the
// list elem, each item by write, then IsTruncated and Marker.
func writeSlicePage[T any](c *call, elem string, items []T, write func(T)) *APIError {
	pg, err := c.p.paging()
	if err != nil {
		return err
	}
	page, next, more := pageSlice(items, pg.marker, pg.max)
	writeList(c.w, elem, page, write)
	writePage(c.w, next, more)
	return nil
}

// writeCollPage is writeSlicePage over the entities of all that keep keeps.
func writeCollPage[T any](c *call, elem string, all *coll[T], keep func(T) bool, write func(T)) *APIError {
	pg, err := c.p.paging()
	if err != nil {
		return err
	}
	page, next, more := all.page(pg.marker, pg.max, keep)
	writeList(c.w, elem, page, write)
	writePage(c.w, next, more)
	return nil
}

// writePathPage is writeCollPage over the entities under PathPrefix.
func writePathPage[T pathed](c *call, elem string, all *coll[T], write func(T)) *APIError {
	prefix, err := pathPrefixParam(c.p)
	if err != nil {
		return err
	}
	var keep func(T) bool // every path starts with "/"
	if prefix != "/" {
		keep = func(e T) bool {
			path, _ := e.pathName()
			return strings.HasPrefix(path, prefix)
		}
	}
	return writeCollPage(c, elem, all, keep, write)
}

// writeList writes items as the list elem, each item by write.
func writeList[T any](w *xmlw, elem string, items []T, write func(T)) {
	w.open(elem)
	for _, v := range items {
		write(v)
	}
	w.close(elem)
}
