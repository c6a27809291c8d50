package policy

import (
	"bytes"
	"encoding/json"
	"unicode/utf8"
)

// Position is a place in a policy document's text, 1-based, as IAM's
// simulator reports a matched statement's StartPosition and EndPosition.
// Columns count characters, not bytes.
type Position struct {
	Line   int
	Column int
}

// span is where a statement starts and ends in the parsed text.
type span struct {
	start, end Position
}

// StatementPosition returns where statement i starts (its '{') and ends
// (its '}') in the text Parse read. ok is false for documents
// built in code.
func (d *Document) StatementPosition(i int) (start, end Position, ok bool) {
	if i < 0 || i >= len(d.spans) {
		return Position{}, Position{}, false
	}
	return d.spans[i].start, d.spans[i].end, true
}

// statementSpans finds each statement's byte range in a document that has
// already parsed, walking it with a decoder over the whole text so that
// offsets are absolute. It returns nil if the text surprises it.
func statementSpans(data []byte) []span {
	dec := json.NewDecoder(bytes.NewReader(data))
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		return nil
	}
	var spans []span
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return nil
		}
		if tok != "Statement" {
			var skip json.RawMessage
			if dec.Decode(&skip) != nil {
				return nil
			}
			continue
		}
		// InputOffset is just past the key; the colon may still lie ahead.
		start := skipSpace(data, int(dec.InputOffset()))
		if start < len(data) && data[start] == ':' {
			start = skipSpace(data, start+1)
		}
		if start >= len(data) {
			return nil
		}
		if data[start] == '{' {
			var raw json.RawMessage
			if dec.Decode(&raw) != nil {
				return nil
			}
			return []span{{offsetPosition(data, start), offsetPosition(data, int(dec.InputOffset())-1)}}
		}
		if _, err := dec.Token(); err != nil { // '['
			return nil
		}
		for dec.More() {
			// InputOffset is just past the previous token; the comma
			// separating elements may still lie ahead of the value.
			s := skipSpace(data, int(dec.InputOffset()))
			if s < len(data) && data[s] == ',' {
				s = skipSpace(data, s+1)
			}
			var raw json.RawMessage
			if dec.Decode(&raw) != nil {
				return nil
			}
			spans = append(spans, span{offsetPosition(data, s), offsetPosition(data, int(dec.InputOffset())-1)})
		}
		return spans
	}
	return nil
}

// skipSpace returns the offset of the first non-whitespace byte at or
// after i.
func skipSpace(data []byte, i int) int {
	for i < len(data) {
		switch data[i] {
		case ' ', '\t', '\n', '\r':
			i++
		default:
			return i
		}
	}
	return i
}

// offsetPosition converts a byte offset into a line and column.
func offsetPosition(data []byte, off int) Position {
	if off > len(data) {
		off = len(data)
	}
	before := data[:off]
	line := bytes.Count(before, []byte{'\n'}) + 1
	lineStart := bytes.LastIndexByte(before, '\n') + 1
	return Position{Line: line, Column: utf8.RuneCount(before[lineStart:]) + 1}
}
