package policy

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
)

// Strings is a policy element that IAM accepts either as one JSON string or
// as an array of strings (Action, Resource, Principal values, ...). It
// remembers which form it was read from so that marshalling gives back the
// same shape: a policy read from AWS and written back stays recognisably the
// same document.
type Strings struct {
	// Values holds the strings in document order.
	Values []string
	// single records that the element was a bare string, not an array.
	single bool
}

// String1 returns a Strings that marshals as a bare JSON string.
func String1(s string) Strings { return Strings{Values: []string{s}, single: true} }

// StringList returns a Strings that marshals as a JSON array, even with one
// element.
func StringList(s ...string) Strings {
	if s == nil {
		s = []string{}
	}
	return Strings{Values: s}
}

// IsZero reports whether the element is absent, so `omitzero` drops it.
func (s Strings) IsZero() bool { return s.Values == nil && !s.single }

// IsSingle reports whether the element marshals as a bare string.
func (s Strings) IsSingle() bool { return s.single && len(s.Values) == 1 }

// MarshalJSON writes a bare string when the element was read as one (or
// built with String1), an array otherwise.
func (s Strings) MarshalJSON() ([]byte, error) {
	if s.IsSingle() {
		return marshalString(s.Values[0])
	}
	if s.Values == nil {
		return []byte("[]"), nil
	}
	var buf bytes.Buffer
	buf.WriteByte('[')
	for i, v := range s.Values {
		if i > 0 {
			buf.WriteByte(',')
		}
		b, err := marshalString(v)
		if err != nil {
			return nil, err
		}
		buf.Write(b)
	}
	buf.WriteByte(']')
	return buf.Bytes(), nil
}

// UnmarshalJSON accepts a string or an array of strings; anything else
// (numbers, objects, null, nested arrays) is an error because IAM rejects it.
func (s *Strings) UnmarshalJSON(data []byte) error {
	data = bytes.TrimSpace(data)
	if len(data) == 0 {
		return errors.New("empty value")
	}
	switch data[0] {
	case '"':
		var v string
		if err := json.Unmarshal(data, &v); err != nil {
			return err
		}
		*s = String1(v)
		return nil
	case '[':
		var raw []json.RawMessage
		if err := json.Unmarshal(data, &raw); err != nil {
			return err
		}
		vals := make([]string, 0, len(raw))
		for i, r := range raw {
			r = bytes.TrimSpace(r)
			if len(r) == 0 || r[0] != '"' {
				return fmt.Errorf("element %d must be a string, got %s", i, jsonKind(r))
			}
			var v string
			if err := json.Unmarshal(r, &v); err != nil {
				return err
			}
			vals = append(vals, v)
		}
		*s = Strings{Values: vals}
		return nil
	default:
		return fmt.Errorf("must be a string or an array of strings, got %s", jsonKind(data))
	}
}

// marshalString encodes s as a JSON string without HTML escaping, so that
// characters such as '&' or '<' in ARNs keep their size and look.
func marshalString(s string) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(s); err != nil {
		return nil, err
	}
	return bytes.TrimRight(buf.Bytes(), "\n"), nil
}

// jsonKind names the JSON type of a raw value for error messages.
func jsonKind(raw []byte) string {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 {
		return "nothing"
	}
	switch raw[0] {
	case '"':
		return "a string"
	case '[':
		return "an array"
	case '{':
		return "an object"
	case 't', 'f':
		return "a boolean"
	case 'n':
		return "null"
	default:
		return "a number"
	}
}
