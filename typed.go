package iam

import (
	"fmt"
	"time"
)

// source is embedded in every typed result so that what the type does not
// carry stays reachable: the element the value was read from and the
// whole response.
type source struct {
	node Node
	resp *Response
}

// Element returns the XML element this value was read from (a member of a
// list, or an action's Result element), for fields the type does not
// carry: v.Element().Get("SomeNewField").String(). It is a missing Node for
// values built in code.
func (s source) Element() Node { return s.node }

// Response returns the whole answer this value was read from, e.g. for
// Response().RequestID(). It is nil for values built in code.
func (s source) Response() *Response { return s.resp }

// fields reads the typed children of one element strictly: a missing
// child is a zero value (compatible servers leave some out), but a present
// one that does not parse is an error naming it, never a silent zero. It
// keeps the first error so a decoder reads straight through and checks
// once.
type fields struct {
	n   Node
	err error
}

func (f *fields) str(name string) string { return f.n.Path(name).String() }

func (f *fields) time(name string) time.Time { return f.timeOf(f.n.Path(name)) }

func (f *fields) bool(name string) bool { return f.boolOf(f.n.Path(name)) }

// timeOf parses c, a child already found; a missing c is the zero time.
func (f *fields) timeOf(c Node) time.Time {
	if !c.Exists() || f.err != nil {
		return time.Time{}
	}
	t, err := c.ParseTime()
	if err != nil {
		f.err = err
	}
	return t
}

// boolOf parses c, a child already found; a missing c is false.
func (f *fields) boolOf(c Node) bool {
	if !c.Exists() || f.err != nil {
		return false
	}
	v, err := c.ParseBool()
	if err != nil {
		f.err = err
	}
	return v
}

// firstChild and nextSibling walk the children of an element without
// allocating, so that a decoder reads each member of a long list in one
// pass instead of one lookup per field.
func (n Node) firstChild() Node {
	if n.t == nil {
		return Node{}
	}
	return n.node(n.t.Nodes[n.i].FirstChild, "")
}

func (n Node) nextSibling() Node {
	if n.t == nil {
		return Node{}
	}
	return n.node(n.t.Nodes[n.i].NextSibling, "")
}

// list returns the members of the list child called name. A missing list
// is an error: IAM always sends the element, even empty, so its absence
// means the answer is not what was asked for, and reading it as an empty
// list would hide that.
func (f *fields) list(name string) []Node {
	c := f.n.Path(name)
	if f.err != nil {
		return nil
	}
	if !c.Exists() {
		f.err = errNotFound(f.n, name)
		return nil
	}
	if !c.IsList() {
		f.err = fmt.Errorf("iam: response element %s.%s is not a list", f.n.Name(), name)
		return nil
	}
	return c.Members()
}

// tags reads an optional Tags list of Key/Value members.
func (f *fields) tags() []Tag {
	c := f.n.Path("Tags")
	if !c.Exists() {
		return nil
	}
	if !c.IsList() {
		if f.err == nil {
			f.err = fmt.Errorf("iam: response element %s.Tags is not a list", f.n.Name())
		}
		return nil
	}
	return readTags(c.Members())
}

func readTags(members []Node) []Tag {
	tags := make([]Tag, len(members))
	for i, m := range members {
		tags[i] = Tag{Key: m.Path("Key").String(), Value: m.Path("Value").String()}
	}
	return tags
}

// decodeList reads the members of a list child of result with read, and
// the page state next to it.
func decodeList[T any](result Node, name string, read func(Node) (T, error)) ([]T, PageInfo, error) {
	f := fields{n: result}
	members := f.list(name)
	if f.err != nil {
		return nil, PageInfo{}, f.err
	}
	info, err := readPageInfo(result)
	if err != nil {
		return nil, PageInfo{}, err
	}
	out := make([]T, len(members))
	for i, m := range members {
		v, err := read(m)
		if err != nil {
			return nil, PageInfo{}, fmt.Errorf("%s[%d]: %w", name, i, err)
		}
		out[i] = v
	}
	return out, info, nil
}

// readString reads a list member that is plain text, such as an alias or
// a policy name.
func readString(n Node, _ *Response) (string, error) { return n.String(), nil }

// errNotFound reports a required child missing from a result element.
func errNotFound(parent Node, name string) error {
	return fmt.Errorf("iam: response element %s.%s not found", parent.Name(), name)
}
