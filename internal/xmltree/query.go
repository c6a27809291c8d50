package xmltree

import "strings"

// Find returns the element named name below node i, or -1: first among i's
// own children, then in each child in document order with the same rule,
// which is boto's deep lookup. It never descends into a list's members,
// so a lookup on a response cannot pick a field out of the first entry of a
// list by accident; a lookup on a list itself finds nothing. Names match
// case-insensitively with underscores ignored, so "AccessKeyId",
// "access_key_id" and "accesskeyid" are the same.
func (t *Tree) Find(i int32, name string) int32 {
	if name == "" || t.Nodes[i].List {
		return -1
	}
	for c := t.Nodes[i].FirstChild; c >= 0; c = t.Nodes[c].NextSibling {
		if NameMatch(t.Name(c), name) {
			return c
		}
	}
	// Recursion depth is bounded by MaxDepth.
	for c := t.Nodes[i].FirstChild; c >= 0; c = t.Nodes[c].NextSibling {
		if t.Nodes[c].FirstChild >= 0 && !t.Nodes[c].List {
			if r := t.Find(c, name); r >= 0 {
				return r
			}
		}
	}
	return -1
}

// Child returns the first child of node i named exactly name, or -1.
func (t *Tree) Child(i int32, name string) int32 {
	for c := t.Nodes[i].FirstChild; c >= 0; c = t.Nodes[c].NextSibling {
		if t.Name(c) == name {
			return c
		}
	}
	return -1
}

// Path follows a dot-separated chain of exact child names from node i and
// returns the node it ends on, or -1. An empty path, or an empty step,
// finds nothing.
func (t *Tree) Path(i int32, path string) int32 {
	if path == "" {
		return -1
	}
	for {
		step, rest, more := strings.Cut(path, ".")
		if i = t.Child(i, step); i < 0 || !more {
			return i
		}
		path = rest
	}
}

// NameMatch compares an element name with a lookup key, ignoring ASCII case
// and underscores, so Go, snake_case and lower-case spellings all match.
func NameMatch(name, key string) bool {
	if name == key {
		return true
	}
	i, j := 0, 0
	for {
		for i < len(name) && name[i] == '_' {
			i++
		}
		for j < len(key) && key[j] == '_' {
			j++
		}
		if i == len(name) || j == len(key) {
			return i == len(name) && j == len(key)
		}
		if lower(name[i]) != lower(key[j]) {
			return false
		}
		i++
		j++
	}
}

func lower(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}
