package iam

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"
	"unsafe"

	"github.com/iamkit/iam/internal/xmltree"
)

// Response is a parsed IAM answer: the document element as a [Node], with
// deep lookup, plus the raw body, the HTTP status and the headers.
//
//	resp.Get("IsTruncated").Bool()
//	for _, u := range resp.List("Users") { u.Get("UserName").String() }
//
// A Response is read-only and safe for concurrent use.
type Response struct {
	Node // the document element, e.g. ListUsersResponse or ErrorResponse

	status int
	header http.Header
}

// parseResponse parses a success or error body once into a tree. It
// refuses a DOCTYPE or entity declaration, and a malformed document, with an
// error (never a panic).
//
// The tree is built over body in place, so a page is held in memory once,
// not twice: body must not be modified afterwards. The client reads each
// body into a buffer of its own and hands it over here.
func parseResponse(body []byte) (*Response, error) {
	t, err := xmltree.ParseString(unsafe.String(unsafe.SliceData(body), len(body)))
	if err != nil {
		return nil, fmt.Errorf("iam: parse response: %w", err)
	}
	return &Response{Node: Node{t: t}}, nil
}

// RequestID returns the request ID AWS assigned: ResponseMetadata/RequestId
// in a success body, RequestId (or RequestID) under the document element in
// an error body, else the X-Amzn-Requestid header.
func (r *Response) RequestID() string {
	if r == nil {
		return ""
	}
	for _, p := range [...]string{"ResponseMetadata.RequestId", "RequestId", "RequestID"} {
		if id := r.Path(p).String(); id != "" {
			return id
		}
	}
	return r.header.Get("X-Amzn-Requestid")
}

// Raw returns a copy of the body as received.
func (r *Response) Raw() []byte {
	if r == nil || r.t == nil {
		return nil
	}
	return []byte(r.t.Source())
}

// StatusCode returns the HTTP status of the answer.
func (r *Response) StatusCode() int {
	if r == nil {
		return 0
	}
	return r.status
}

// Header returns the HTTP headers of the answer.
func (r *Response) Header() http.Header {
	if r == nil {
		return nil
	}
	return r.header
}

// MarshalJSON renders the document as a one-key object, the document
// element's name mapped to its JSON form (see [Node.MarshalJSON]), e.g.
// {"ListUsersResponse":{"ListUsersResult":{"Users":[...],...},...}}.
func (r *Response) MarshalJSON() ([]byte, error) {
	if r == nil || !r.Exists() {
		return []byte("null"), nil
	}
	out := append(xmltree.AppendJSONString([]byte{'{'}, r.Name()), ':')
	out = r.t.AppendJSON(out, r.i)
	return append(out, '}'), nil
}

// Node is one element of a [Response]. The zero Node is a missing element:
// every accessor on it returns a zero value, so lookups chain without
// checks, e.g. resp.Get("User").Get("Tags").List("member").
type Node struct {
	t *xmltree.Tree
	i int32
	// want is what a lookup that found nothing asked for, so the strict
	// parsers can say which element is missing.
	want string
}

func (n Node) node(i int32, want string) Node {
	if i < 0 {
		return Node{want: want}
	}
	return Node{t: n.t, i: i}
}

// Get finds the element called name at any depth: first among n's own
// children, then within each child in document order by the same rule.
// It does not look inside list members (take those from List), so a field
// of the first entry is never mistaken for a field of the result. Names
// compare case-insensitively with underscores ignored: "AccessKeyId",
// "access_key_id" and "accesskeyid" are the same key.
func (n Node) Get(name string) Node {
	if n.t == nil {
		return Node{want: name}
	}
	return n.node(n.t.Find(n.i, name), name)
}

// Path walks a dot-separated chain of exact child names, e.g.
// "ListUsersResult.Users", without a deep search.
func (n Node) Path(path string) Node {
	if n.t == nil {
		return Node{want: path}
	}
	return n.node(n.t.Path(n.i, path), path)
}

// List returns the members of the list found by Get(name). An empty list
// gives an empty, non-nil slice; a missing element, or one that is not a
// list, gives nil.
func (n Node) List(name string) []Node { return n.Get(name).Members() }

// Members returns the entries of n when n is a list (see [Node.IsList]),
// else nil.
func (n Node) Members() []Node {
	if !n.IsList() {
		return nil
	}
	return n.Children()
}

// Children returns the child elements of n in document order.
func (n Node) Children() []Node {
	if n.t == nil {
		return nil
	}
	e := &n.t.Nodes[n.i]
	out := make([]Node, 0, e.NumChildren)
	for c := e.FirstChild; c >= 0; c = n.t.Nodes[c].NextSibling {
		out = append(out, Node{t: n.t, i: c})
	}
	return out
}

// Exists reports whether n is an element of the response rather than the
// result of a lookup that found nothing.
func (n Node) Exists() bool { return n.t != nil }

// IsList reports whether n is a list: all its children are member (or
// item) elements, or it is empty, which is how IAM sends a list with no
// entries. The same empty element reads as "" through String.
func (n Node) IsList() bool { return n.t != nil && n.t.IsList(n.i) }

// Name returns the element's local name, without a namespace prefix.
func (n Node) Name() string {
	if n.t == nil {
		return ""
	}
	return n.t.Name(n.i)
}

// String returns the element's text with entities decoded and otherwise
// verbatim. An element with child elements has no text.
//
// The string shares memory with the response body, as do the string
// fields of typed results: that is what makes a large page cheap to read.
// A value kept long after its page is dropped keeps the page alive too;
// strings.Clone it when that matters.
func (n Node) String() string {
	if n.t == nil {
		return ""
	}
	return n.t.Text(n.i)
}

// Bool returns the element as a boolean, false when missing or invalid.
func (n Node) Bool() bool {
	v, _ := n.ParseBool()
	return v
}

// Int returns the element as an integer, 0 when missing or invalid.
func (n Node) Int() int64 {
	v, _ := n.ParseInt()
	return v
}

// Time returns the element as a time, the zero time when missing or
// invalid.
func (n Node) Time() time.Time {
	v, _ := n.ParseTime()
	return v
}

// ParseBool parses "true" or "false" (any case; "1" and "0" as XML Schema
// allows). A missing element or another value is an error naming both.
func (n Node) ParseBool() (bool, error) {
	s, err := n.leafValue()
	if err != nil {
		return false, err
	}
	switch {
	case strings.EqualFold(s, "true") || s == "1":
		return true, nil
	case strings.EqualFold(s, "false") || s == "0":
		return false, nil
	}
	return false, n.badValue("boolean", s)
}

// ParseInt parses a base-10 integer. A missing element or another value is
// an error naming both.
func (n Node) ParseInt() (int64, error) {
	s, err := n.leafValue()
	if err != nil {
		return 0, err
	}
	v, perr := strconv.ParseInt(s, 10, 64)
	if perr != nil {
		return 0, n.badValue("integer", s)
	}
	return v, nil
}

// respTimeLayouts are the ISO 8601 forms IAM and compatible servers send.
// RFC 3339 parsing also accepts fractional seconds and numeric offsets; the
// zone-less form is read as UTC because some compatible servers omit it.
var respTimeLayouts = [...]string{time.RFC3339, "2006-01-02T15:04:05"}

// ParseTime parses an ISO 8601 time such as 2013-01-17T20:32:27Z, with
// or without fractional seconds and with a Z or numeric offset, and returns
// it in UTC. A missing element or another value is an error naming both.
func (n Node) ParseTime() (time.Time, error) {
	s, err := n.leafValue()
	if err != nil {
		return time.Time{}, err
	}
	for _, layout := range respTimeLayouts {
		if t, perr := time.Parse(layout, s); perr == nil {
			return t.UTC(), nil
		}
	}
	return time.Time{}, n.badValue("ISO 8601 time", s)
}

// leafValue returns the trimmed text to parse, or the error for a missing
// element.
func (n Node) leafValue() (string, error) {
	if n.t == nil {
		if n.want == "" {
			return "", fmt.Errorf("iam: response element not found")
		}
		return "", fmt.Errorf("iam: response element %s not found", n.want)
	}
	return strings.TrimSpace(n.String()), nil
}

// badValue reports an unparsable value. The value of an element that holds
// a secret is not quoted, since errors end up in logs.
func (n Node) badValue(kind, s string) error {
	const maxQuoted = 64
	if isSecretName(n.Name()) {
		s = redacted
	} else if len(s) > maxQuoted {
		s = s[:maxQuoted] + "..."
	}
	return fmt.Errorf("iam: response element %s: invalid %s %q", n.Name(), kind, s)
}

// MarshalJSON renders n for command line output: a list is an array, an
// empty element [], another leaf a string, and an element with children an
// object keyed in document order, where children sharing a name form an
// array. A missing node is null.
func (n Node) MarshalJSON() ([]byte, error) {
	if n.t == nil {
		return []byte("null"), nil
	}
	return n.t.AppendJSON(nil, n.i), nil
}
