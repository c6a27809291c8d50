// Package xmltree parses the XML subset that IAM Query API responses use into
// a flat, read-only tree.
//
// The subset: an optional prolog, elements, attributes (checked for syntax,
// then dropped), text, the five predefined entities, numeric character
// references, CDATA sections, comments and processing instructions. Document
// type declarations and entity declarations are refused, so no input can
// expand entities or fetch anything.
//
// The tree is one slice of nodes linked by first-child and next-sibling
// indexes. Names and texts are substrings of one copy of the body; a text is
// allocated on its own only when it holds a reference or a carriage return.
package xmltree

import "math"

// MaxDepth is the deepest element nesting Parse accepts. IAM responses nest
// fewer than ten levels; the limit keeps hostile input from growing the
// parser's stack or the recursion of the lookups without bound.
const MaxDepth = 256

// span locates a string in Tree.src, or, when n is decodedSpan, names the
// entry off of Tree.decoded.
type span struct{ off, n uint32 }

const decodedSpan = math.MaxUint32

// Node is one element. It holds offsets rather than strings, so the node
// slice has no pointers: the garbage collector never scans it and filling
// it needs no write barriers. Read names and texts through Tree.Name and
// Tree.Text.
type Node struct {
	name span // the local name: a namespace prefix is stripped
	text span
	// FirstChild and NextSibling index Tree.Nodes; -1 means none.
	FirstChild  int32
	NextSibling int32
	// NumChildren counts the child elements.
	NumChildren int32
	// List is true when the element has children and every one of them is
	// named member or item.
	List bool
}

// Tree is a parsed document. Nodes[0] is the document element.
type Tree struct {
	// Nodes holds every element in document order (a parent before its
	// children); indexes into it identify nodes.
	Nodes   []Node
	src     string   // the document; names and texts are substrings of it
	decoded []string // texts that needed decoding
}

// Source returns the document the tree was parsed from.
func (t *Tree) Source() string { return t.src }

// Name returns the local name of node i: a namespace prefix is stripped.
func (t *Tree) Name(i int32) string {
	s := t.Nodes[i].name
	return t.src[s.off : s.off+s.n]
}

// Text returns the character data of node i with references decoded and
// line ends normalized, verbatim otherwise. An element with child elements
// has no text: IAM never mixes text and elements, and the whitespace that
// indents children is not content.
func (t *Tree) Text(i int32) string {
	s := t.Nodes[i].text
	if s.n == decodedSpan {
		return t.decoded[s.off]
	}
	return t.src[s.off : s.off+s.n]
}

// IsList reports whether node i is a list: its children are all member or
// item elements, or it is empty (no children, no text), which IAM sends for
// a list with no entries.
func (t *Tree) IsList(i int32) bool {
	n := &t.Nodes[i]
	return n.List || n.NumChildren == 0 && n.text.n == 0
}

// isMemberName reports whether an element of this local name is a list
// entry: IAM uses member, the EC2-style services item.
func isMemberName(name string) bool { return name == "member" || name == "item" }
