package xmltree

import (
	"unicode/utf8"
)

// AppendJSON appends the JSON form of node i to dst: a list is an array of
// its members, an empty element is [], another leaf is a string, and an
// element with children is an object whose keys follow document order.
// Children that share a name in a non-list element collect into one array
// at the position of the first of them. The output is stable for a given
// document, which keeps command line output diffable.
func (t *Tree) AppendJSON(dst []byte, i int32) []byte {
	n := &t.Nodes[i]
	switch {
	case n.List:
		dst = append(dst, '[')
		for c := n.FirstChild; c >= 0; c = t.Nodes[c].NextSibling {
			if c != n.FirstChild {
				dst = append(dst, ',')
			}
			dst = t.AppendJSON(dst, c)
		}
		return append(dst, ']')
	case n.FirstChild < 0 && n.text.n == 0:
		return append(dst, "[]"...)
	case n.FirstChild < 0:
		return AppendJSONString(dst, t.Text(i))
	}
	return t.appendObject(dst, n)
}

// smallObject is the child count up to which repeated names are found by
// rescanning siblings; beyond it a map keeps hostile input from making the
// encoder quadratic.
const smallObject = 32

func (t *Tree) appendObject(dst []byte, n *Node) []byte {
	var groups map[string][]int32
	if n.NumChildren > smallObject {
		groups = make(map[string][]int32)
		for c := n.FirstChild; c >= 0; c = t.Nodes[c].NextSibling {
			groups[t.Name(c)] = append(groups[t.Name(c)], c)
		}
	}
	dst = append(dst, '{')
	first := true
	for c := n.FirstChild; c >= 0; c = t.Nodes[c].NextSibling {
		name := t.Name(c)
		var same []int32
		if groups != nil {
			same = groups[name]
			if same[0] != c {
				continue // written with the first of its name
			}
		} else {
			if t.seenBefore(n.FirstChild, c) {
				continue
			}
			for d := c; d >= 0; d = t.Nodes[d].NextSibling {
				if t.Name(d) == name {
					same = append(same, d)
				}
			}
		}
		if !first {
			dst = append(dst, ',')
		}
		first = false
		dst = AppendJSONString(dst, name)
		dst = append(dst, ':')
		if len(same) == 1 {
			dst = t.AppendJSON(dst, c)
			continue
		}
		dst = append(dst, '[')
		for k, d := range same {
			if k > 0 {
				dst = append(dst, ',')
			}
			dst = t.AppendJSON(dst, d)
		}
		dst = append(dst, ']')
	}
	return append(dst, '}')
}

// seenBefore reports whether a sibling between from and c has c's name.
func (t *Tree) seenBefore(from, c int32) bool {
	for d := from; d != c; d = t.Nodes[d].NextSibling {
		if t.Name(d) == t.Name(c) {
			return true
		}
	}
	return false
}

const hexDigits = "0123456789abcdef"

// AppendJSONString appends s as a JSON string. Invalid UTF-8 becomes
// U+FFFD, and U+2028/U+2029 are escaped so the output is also valid
// JavaScript, as encoding/json does.
func AppendJSONString(dst []byte, s string) []byte {
	dst = append(dst, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' {
				i++
				continue
			}
			dst = append(dst, s[start:i]...)
			switch c {
			case '"', '\\':
				dst = append(dst, '\\', c)
			case '\n':
				dst = append(dst, '\\', 'n')
			case '\r':
				dst = append(dst, '\\', 'r')
			case '\t':
				dst = append(dst, '\\', 't')
			default:
				dst = append(dst, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xF])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 || r == '\u2028' || r == '\u2029' {
			dst = append(dst, s[start:i]...)
			switch r {
			case '\u2028':
				dst = append(dst, `\u2028`...)
			case '\u2029':
				dst = append(dst, `\u2029`...)
			default:
				dst = append(dst, `\ufffd`...)
			}
			i += size
			start = i
			continue
		}
		i += size
	}
	dst = append(dst, s[start:]...)
	return append(dst, '"')
}
