package policy

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"unicode/utf8"
)

// maxParseBytes bounds the input Parse accepts. The largest IAM policy is
// 10,240 non-whitespace characters; a generous byte cap leaves room for
// indentation while keeping hostile inputs from costing real memory.
const maxParseBytes = 1 << 20

// ParseError reports a document that is not a well-formed policy: bad JSON,
// a wrong JSON type, or an unknown element.
type ParseError struct {
	// Msg says what is wrong and where.
	Msg string
}

// Error implements error.
func (e *ParseError) Error() string { return "policy: " + e.Msg }

// Parse reads a policy document. It accepts both the single-object and the
// array form of Statement and the string-or-array forms of the other
// elements, and rejects unknown elements, repeated keys, trailing data and
// invalid UTF-8. The result is not yet validated: call Validate with the
// kind of policy it is.
func Parse(data []byte) (*Document, error) {
	if len(data) > maxParseBytes {
		return nil, &ParseError{Msg: fmt.Sprintf("document is %d bytes, more than the %d this parser reads", len(data), maxParseBytes)}
	}
	if !utf8.Valid(data) {
		return nil, &ParseError{Msg: "document is not valid UTF-8"}
	}
	trimmed := bytes.TrimSpace(data)
	if len(trimmed) == 0 {
		return nil, &ParseError{Msg: "document is empty"}
	}
	if trimmed[0] != '{' {
		if !json.Valid(trimmed) {
			return nil, &ParseError{Msg: fmt.Sprintf("document is not JSON: it begins %q", clip(trimmed, 24))}
		}
		return nil, &ParseError{Msg: fmt.Sprintf("document must be a JSON object, got %s", jsonKind(trimmed))}
	}
	if !json.Valid(trimmed) {
		// json.Unmarshal's syntax error carries the byte offset, which is
		// what a user needs to find the typo.
		var v any
		err := json.Unmarshal(trimmed, &v)
		var se *json.SyntaxError
		if errors.As(err, &se) {
			return nil, &ParseError{Msg: fmt.Sprintf("invalid JSON at byte %d: %v", se.Offset, se)}
		}
		return nil, &ParseError{Msg: "invalid JSON"}
	}
	doc := &Document{}
	if err := doc.UnmarshalJSON(trimmed); err != nil {
		return nil, &ParseError{Msg: err.Error()}
	}
	doc.rawSize, doc.badChar = measure(data)
	if spans := statementSpans(data); len(spans) == len(doc.Statement) {
		doc.spans = spans
	}
	return doc, nil
}

// MustParse is Parse for documents known at compile time (tests, built-in
// policies); it panics on error.
func MustParse(s string) *Document {
	d, err := Parse([]byte(s))
	if err != nil {
		panic(err)
	}
	return d
}

// Size returns the size of a policy document as IAM counts it against its
// quotas: characters, not counting whitespace.
func Size(data []byte) int {
	n, _ := measure(data)
	return n
}

// measure counts the non-whitespace characters of data and finds the first
// character IAM does not allow in a policy (tab, LF, CR and U+0020 through
// U+00FF are the only ones it accepts).
func measure(data []byte) (size int, bad rune) {
	for len(data) > 0 {
		r, n := utf8.DecodeRune(data)
		data = data[n:]
		switch r {
		case ' ', '\t', '\n', '\r':
			continue
		}
		size++
		if bad == 0 && (r < 0x20 || r > 0xFF) {
			bad = r
		}
	}
	return size, bad
}

// clip returns the first n bytes of b (fewer at a UTF-8 boundary), with
// "..." when it cut, for quoting a document in an error.
func clip(b []byte, n int) string {
	if len(b) <= n {
		return string(b)
	}
	for n > 0 && !utf8.RuneStart(b[n]) {
		n--
	}
	return string(b[:n]) + "..."
}
