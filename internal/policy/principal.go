package policy

import (
	"bytes"
	"encoding/json"
	"fmt"
)

// Principal is the Principal or NotPrincipal element of a resource-based
// (trust) policy: either the bare string "*" (anyone) or an object mapping a
// principal type ("AWS", "Service", "Federated", "CanonicalUser") to one ID
// or a list of IDs. Entries keep their document order.
type Principal struct {
	// Wildcard is true for the bare form "Principal": "*".
	Wildcard bool
	// Entries lists the typed principals of the object form.
	Entries []PrincipalEntry
}

// PrincipalEntry is one member of the object form of a Principal, such as
// "AWS": ["arn:aws:iam::123456789012:root"].
type PrincipalEntry struct {
	// Type is the principal type: AWS, Service, Federated or CanonicalUser.
	Type string
	// IDs holds the principal identifiers (ARNs, account IDs, service names).
	IDs Strings
}

// knownPrincipalTypes are the keys IAM accepts in a Principal object.
var knownPrincipalTypes = map[string]bool{
	"AWS": true, "Service": true, "Federated": true, "CanonicalUser": true,
}

// IsZero reports whether the element is absent.
func (p Principal) IsZero() bool { return !p.Wildcard && p.Entries == nil }

// MarshalJSON writes "*" or the object form in entry order.
func (p Principal) MarshalJSON() ([]byte, error) {
	if p.Wildcard {
		return []byte(`"*"`), nil
	}
	var buf bytes.Buffer
	buf.WriteByte('{')
	for _, e := range p.Entries {
		v, err := e.IDs.MarshalJSON()
		if err != nil {
			return nil, err
		}
		if err := writeMember(&buf, e.Type, v); err != nil {
			return nil, err
		}
	}
	buf.WriteByte('}')
	return buf.Bytes(), nil
}

// UnmarshalJSON accepts "*" or an object of type to string-or-array.
func (p *Principal) UnmarshalJSON(data []byte) error {
	data = bytes.TrimSpace(data)
	if len(data) > 0 && data[0] == '"' {
		var s string
		if err := json.Unmarshal(data, &s); err != nil {
			return err
		}
		if s != "*" {
			return fmt.Errorf(`a bare string principal must be "*", got %q`, s)
		}
		*p = Principal{Wildcard: true}
		return nil
	}
	out := Principal{Entries: []PrincipalEntry{}}
	err := eachMember(data, func(key string, raw json.RawMessage) error {
		var ids Strings
		if err := ids.UnmarshalJSON(raw); err != nil {
			return fmt.Errorf("%s: %w", key, err)
		}
		out.Entries = append(out.Entries, PrincipalEntry{Type: key, IDs: ids})
		return nil
	})
	if err != nil {
		return err
	}
	*p = out
	return nil
}
