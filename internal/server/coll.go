package server

import (
	"encoding/base64"
	"encoding/json"
	"slices"
	"strconv"
	"strings"
)

// coll holds one kind of named entity. IAM names are unique regardless of
// case, so the key is the lower-cased name; keys are kept sorted so that
// listing and paging never sort per request.
type coll[T any] struct {
	m    map[string]T
	keys []string
}

func fold(name string) string { return strings.ToLower(name) }

// get returns the entity named name (any case).
func (c *coll[T]) get(name string) (T, bool) {
	v, ok := c.m[fold(name)]
	return v, ok
}

// put stores v under name, replacing any entity with that name.
func (c *coll[T]) put(name string, v T) {
	k := fold(name)
	if c.m == nil {
		c.m = make(map[string]T)
	}
	if _, ok := c.m[k]; !ok {
		i, _ := slices.BinarySearch(c.keys, k)
		c.keys = slices.Insert(c.keys, i, k)
	}
	c.m[k] = v
}

// del removes the entity named name.
func (c *coll[T]) del(name string) {
	k := fold(name)
	if _, ok := c.m[k]; !ok {
		return
	}
	delete(c.m, k)
	if i, found := slices.BinarySearch(c.keys, k); found {
		c.keys = slices.Delete(c.keys, i, i+1)
	}
}

// rename rekeys v from the name from to the name to. It changes nothing
// and returns false when another entity already has the name to.
func (c *coll[T]) rename(from, to string, v T) bool {
	if fold(from) != fold(to) {
		if _, taken := c.m[fold(to)]; taken {
			return false
		}
	}
	c.del(from)
	c.put(to, v)
	return true
}

// named finds the entity named by the required parameter field, a name of
// 1..max characters, answering NoSuchEntity with notFound (a format with
// one %s, the name) when there is none.
func (c *coll[T]) named(p params, field string, max int, notFound string) (T, *APIError) {
	var zero T
	name, err := requiredName(p, field, max)
	if err != nil {
		return zero, err
	}
	v, ok := c.get(name)
	if !ok {
		return zero, errf(CodeNoSuchEntity, notFound, name)
	}
	return v, nil
}

func (c *coll[T]) len() int { return len(c.m) }

// each calls f for every entity in key order until f returns false.
func (c *coll[T]) each(f func(T) bool) {
	for _, k := range c.keys {
		if !f(c.m[k]) {
			return
		}
	}
}

// page returns up to max entities kept by keep (nil keeps all), starting at
// marker, the marker of the following page and whether there is one.
func (c *coll[T]) page(marker string, max int, keep func(T) bool) ([]T, string, bool) {
	start := 0
	if marker != "" {
		start, _ = slices.BinarySearch(c.keys, marker)
	}
	var out []T
	for i := start; i < len(c.keys); i++ {
		v := c.m[c.keys[i]]
		if keep != nil && !keep(v) {
			continue
		}
		if len(out) == max {
			return out, encodeMarker(c.keys[i]), true
		}
		out = append(out, v)
	}
	return out, "", false
}

// MarshalJSON stores the entities as an object keyed by folded name.
func (c coll[T]) MarshalJSON() ([]byte, error) {
	if c.m == nil {
		return []byte("{}"), nil
	}
	return json.Marshal(c.m)
}

// UnmarshalJSON loads what MarshalJSON wrote and rebuilds the key order.
func (c *coll[T]) UnmarshalJSON(b []byte) error {
	var m map[string]T
	if err := json.Unmarshal(b, &m); err != nil {
		return err
	}
	c.m = m
	c.keys = c.keys[:0]
	for k := range m {
		c.keys = append(c.keys, k)
	}
	slices.Sort(c.keys)
	return nil
}

// Markers are opaque to clients, as IAM's are: the key the next page
// starts at, base64url-encoded.
func encodeMarker(key string) string {
	return base64.RawURLEncoding.EncodeToString([]byte(key))
}

func decodeMarker(m string) (string, bool) {
	b, err := base64.RawURLEncoding.DecodeString(m)
	if err != nil || len(b) == 0 {
		return "", false
	}
	return string(b), true
}

// pageSlice pages a slice already in a stable order; the marker is the
// index of the next item.
func pageSlice[T any](items []T, marker string, max int) ([]T, string, bool) {
	start, end, next, more := pageBounds(len(items), marker, max)
	return items[start:end], next, more
}

// pageIndexes is pageSlice over the items 0..n-1 when only their indexes
// are needed: it returns the page's indexes without building the items.
func pageIndexes(n int, marker string, max int) ([]int, string, bool) {
	start, end, next, more := pageBounds(n, marker, max)
	idx := make([]int, 0, end-start)
	for i := start; i < end; i++ {
		idx = append(idx, i)
	}
	return idx, next, more
}

// pageBounds returns the page [start, end) of n items in a stable order
// that starts at marker (the decoded index of the next item), the marker
// of the following page and whether there is one.
func pageBounds(n int, marker string, max int) (start, end int, next string, more bool) {
	if marker != "" {
		m := 0
		for _, c := range marker {
			if c < '0' || c > '9' || m > 1<<30 {
				m = n
				break
			}
			m = m*10 + int(c-'0')
		}
		start = min(m, n)
	}
	end = min(start+max, n)
	if end < n {
		return start, end, encodeMarker(strconv.Itoa(end)), true
	}
	return start, end, "", false
}
