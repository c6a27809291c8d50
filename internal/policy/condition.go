package policy

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
)

// Condition is the Condition element of a statement: operator blocks, each
// holding condition keys and their values, in document order.
//
//	"Condition": {"StringEquals": {"aws:username": ["alice", "bob"]}}
//
// A nil Condition means the element is absent.
type Condition []ConditionBlock

// ConditionBlock is one operator of a Condition element and its keys. All
// keys of a block must match (AND); the blocks of a statement are ANDed too.
type ConditionBlock struct {
	// Operator is the operator name as written, e.g. "ForAnyValue:StringLikeIfExists".
	Operator string
	// Entries holds the condition keys tested by this operator.
	Entries []ConditionEntry
}

// ConditionEntry is one condition key and its values. Any value may match
// (OR).
type ConditionEntry struct {
	// Key is the context key, e.g. "aws:SourceIp". Keys are case-insensitive.
	Key string
	// Values holds the values to compare against the request context.
	Values ConditionValues
}

// ConditionValues holds the values of one condition key. IAM accepts JSON
// strings, booleans and numbers here, alone or in an array; evaluation works
// on their text ("true", "42"), while the JSON type of each value is kept so
// that marshalling writes `true` back rather than `"true"`.
type ConditionValues struct {
	// Values holds each value as text: strings as-is, booleans as "true" or
	// "false", numbers as their JSON literal.
	Values []string
	kinds  []valueKind
	single bool
}

// valueKind is the JSON type a condition value was written with.
type valueKind uint8

const (
	kindString valueKind = iota
	kindBool
	kindNumber
)

// ConditionValue returns values that marshal as a bare string for one value
// and as an array otherwise.
func ConditionValue(vals ...string) ConditionValues {
	if vals == nil {
		vals = []string{}
	}
	return ConditionValues{Values: vals, single: len(vals) == 1}
}

// IsZero reports whether the Condition element is absent.
func (c Condition) IsZero() bool { return c == nil }

// MarshalJSON writes the operator blocks in order.
func (c Condition) MarshalJSON() ([]byte, error) {
	var buf bytes.Buffer
	buf.WriteByte('{')
	for _, b := range c {
		var inner bytes.Buffer
		inner.WriteByte('{')
		for _, e := range b.Entries {
			v, err := e.Values.MarshalJSON()
			if err != nil {
				return nil, err
			}
			if err := writeMember(&inner, e.Key, v); err != nil {
				return nil, err
			}
		}
		inner.WriteByte('}')
		if err := writeMember(&buf, b.Operator, inner.Bytes()); err != nil {
			return nil, err
		}
	}
	buf.WriteByte('}')
	return buf.Bytes(), nil
}

// UnmarshalJSON reads {operator: {key: value-or-values}} keeping order.
func (c *Condition) UnmarshalJSON(data []byte) error {
	out := Condition{}
	err := eachMember(data, func(op string, raw json.RawMessage) error {
		block := ConditionBlock{Operator: op, Entries: []ConditionEntry{}}
		err := eachMember(raw, func(key string, raw json.RawMessage) error {
			var vals ConditionValues
			if err := vals.UnmarshalJSON(raw); err != nil {
				return fmt.Errorf("%s: %w", key, err)
			}
			block.Entries = append(block.Entries, ConditionEntry{Key: key, Values: vals})
			return nil
		})
		if err != nil {
			return fmt.Errorf("%s: %w", op, err)
		}
		out = append(out, block)
		return nil
	})
	if err != nil {
		return err
	}
	*c = out
	return nil
}

// MarshalJSON writes each value with the JSON type it was read with.
func (v ConditionValues) MarshalJSON() ([]byte, error) {
	one := func(i int) ([]byte, error) {
		if i < len(v.kinds) && v.kinds[i] != kindString {
			return []byte(v.Values[i]), nil
		}
		return marshalString(v.Values[i])
	}
	if v.single && len(v.Values) == 1 {
		return one(0)
	}
	var buf bytes.Buffer
	buf.WriteByte('[')
	for i := range v.Values {
		if i > 0 {
			buf.WriteByte(',')
		}
		b, err := one(i)
		if err != nil {
			return nil, err
		}
		buf.Write(b)
	}
	buf.WriteByte(']')
	return buf.Bytes(), nil
}

// UnmarshalJSON accepts a string, boolean or number, or an array of them.
func (v *ConditionValues) UnmarshalJSON(data []byte) error {
	data = bytes.TrimSpace(data)
	if len(data) > 0 && data[0] == '[' {
		var raw []json.RawMessage
		if err := json.Unmarshal(data, &raw); err != nil {
			return err
		}
		out := ConditionValues{Values: make([]string, 0, len(raw)), kinds: make([]valueKind, 0, len(raw))}
		for i, r := range raw {
			s, k, err := scalarValue(r)
			if err != nil {
				return fmt.Errorf("element %d: %w", i, err)
			}
			out.Values = append(out.Values, s)
			out.kinds = append(out.kinds, k)
		}
		*v = out
		return nil
	}
	s, k, err := scalarValue(data)
	if err != nil {
		return err
	}
	*v = ConditionValues{Values: []string{s}, kinds: []valueKind{k}, single: true}
	return nil
}

// scalarValue turns one JSON string, boolean or number into its text.
func scalarValue(raw []byte) (string, valueKind, error) {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 {
		return "", kindString, fmt.Errorf("empty value")
	}
	switch raw[0] {
	case '"':
		var s string
		if err := json.Unmarshal(raw, &s); err != nil {
			return "", kindString, err
		}
		return s, kindString, nil
	case 't', 'f':
		var b bool
		if err := json.Unmarshal(raw, &b); err != nil {
			return "", kindString, err
		}
		if b {
			return "true", kindBool, nil
		}
		return "false", kindBool, nil
	case '-', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9':
		var n json.Number
		if err := json.Unmarshal(raw, &n); err != nil {
			return "", kindString, err
		}
		return strings.TrimSpace(n.String()), kindNumber, nil
	default:
		return "", kindString, fmt.Errorf("must be a string, boolean or number, got %s", jsonKind(raw))
	}
}
