package iam

import (
	"fmt"
	"strings"
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

// fieldInt reads the integer child name of f's element strictly, like
// fields.time: missing is 0, present but malformed is an error.
func fieldInt(f *fields, name string) int {
	c := f.n.Path(name)
	if !c.Exists() || f.err != nil {
		return 0
	}
	v, err := c.ParseInt()
	if err != nil {
		f.err = err
		return 0
	}
	return int(v)
}

// fieldDocument reads the percent-encoded policy document child name of
// f's element, decoding it exactly once. A missing or empty element gives
// zero values (list calls may leave it out); a present one that does not
// decode is an error naming it.
func fieldDocument(f *fields, name string) (doc *PolicyDocument, text, raw string) {
	c := f.n.Path(name)
	if !c.Exists() || f.err != nil {
		return nil, "", ""
	}
	raw = c.String()
	if strings.TrimSpace(raw) == "" {
		return nil, "", raw
	}
	// The field label is built only on failure: it would otherwise cost
	// an allocation per role of a long listing.
	text, doc, err := decodePolicyText(name, raw)
	if err != nil {
		f.err = fmt.Errorf("%s: %w", f.n.Name(), err)
		return nil, "", raw
	}
	return doc, text, raw
}

// fieldStrings reads an optional list of strings (MissingContextValues and
// the like): missing is nil, present but not a list is an error.
func fieldStrings(f *fields, name string) []string {
	c := f.n.Path(name)
	if !c.Exists() || f.err != nil {
		return nil
	}
	if !c.IsList() {
		f.err = fmt.Errorf("iam: response element %s.%s is not a list", f.n.Name(), name)
		return nil
	}
	members := c.Members()
	out := make([]string, len(members))
	for i, m := range members {
		out[i] = m.String()
	}
	return out
}

const (
	instanceProfileNameRule = `must match [\w+=,.@-]+ (1-128 characters)`
	descriptionRule         = `at most 1000 characters of tab, newline, carriage return, \u0020-\u007E or \u00A1-\u00FF`
	policyDescriptionRule   = "at most 1000 characters of UTF-8 text"
	sessionDurationRule     = "must be between 3600 and 43200 seconds (0 leaves the default, 3600)"
	policyARNRule           = `must be a managed policy ARN, arn:PARTITION:iam::ACCOUNT:policy/[PATH/]NAME with ACCOUNT 12 digits or "aws"`
	versionIDRule           = `must match v[1-9][0-9]*(\.[A-Za-z0-9-]*)?`
)
