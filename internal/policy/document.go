package policy

import (
	"bytes"
	"encoding/json"
	"fmt"
)

// Policy language versions IAM accepts in the Version element.
const (
	// Version2012 is the current policy language; only it expands policy
	// variables such as ${aws:username}.
	Version2012 = "2012-10-17"
	// Version2008 is the original language, the default when Version is
	// absent; variables are plain text in it.
	Version2008 = "2008-10-17"
)

// Effects a statement may have.
const (
	EffectAllow = "Allow"
	EffectDeny  = "Deny"
)

// Document is an IAM policy document. Statement may be read from a single
// object or an array and is written back in the same form.
type Document struct {
	// Version is the policy language version, "2012-10-17" or "2008-10-17".
	Version string
	// ID is the optional "Id" element.
	ID string
	// Statement holds the statements in document order.
	Statement []Statement

	// singleStatement records that Statement was a bare object.
	singleStatement bool
	// rawSize is the non-whitespace character count of the text Parse read,
	// 0 for documents built in code.
	rawSize int
	// badChar is the first character outside IAM's allowed set seen by
	// Parse, or 0.
	badChar rune
	// spans locates each statement in the parsed text, nil for documents
	// built in code.
	spans []span
}

// Statement is one statement of a policy document. Exactly one of Action or
// NotAction, and (for identity policies) of Resource or NotResource, is set;
// Validate checks that.
type Statement struct {
	// Sid is the optional statement ID, unique within the document.
	Sid string `json:",omitempty"`
	// Effect is "Allow" or "Deny".
	Effect string
	// Principal names who the statement applies to (resource policies only).
	Principal Principal `json:",omitzero"`
	// NotPrincipal names who the statement does not apply to.
	NotPrincipal Principal `json:",omitzero"`
	// Action lists the actions, e.g. "iam:CreateUser" or "s3:Get*".
	Action Strings `json:",omitzero"`
	// NotAction lists the actions the statement does not apply to.
	NotAction Strings `json:",omitzero"`
	// Resource lists resource ARNs, wildcards allowed.
	Resource Strings `json:",omitzero"`
	// NotResource lists the resources the statement does not apply to.
	NotResource Strings `json:",omitzero"`
	// Condition holds the optional conditions.
	Condition Condition `json:",omitzero"`
}

// SingleStatement reports whether Statement marshals as a bare object
// rather than an array.
func (d *Document) SingleStatement() bool { return d.singleStatement && len(d.Statement) == 1 }

// SetSingleStatement chooses whether a one-statement document marshals its
// Statement as a bare object (as many AWS examples are written).
func (d *Document) SetSingleStatement(single bool) { d.singleStatement = single }

// MarshalJSON writes Version, Id and Statement in the conventional order,
// keeping the single-object form of Statement when it was read that way.
func (d Document) MarshalJSON() ([]byte, error) {
	var buf bytes.Buffer
	buf.WriteByte('{')
	if d.Version != "" {
		v, _ := marshalString(d.Version)
		_ = writeMember(&buf, "Version", v)
	}
	if d.ID != "" {
		v, _ := marshalString(d.ID)
		_ = writeMember(&buf, "Id", v)
	}
	var stmts []byte
	var err error
	if d.SingleStatement() {
		stmts, err = marshalNoEscape(d.Statement[0])
	} else {
		list := d.Statement
		if list == nil {
			list = []Statement{}
		}
		stmts, err = marshalNoEscape(list)
	}
	if err != nil {
		return nil, err
	}
	_ = writeMember(&buf, "Statement", stmts)
	buf.WriteByte('}')
	return buf.Bytes(), nil
}

// UnmarshalJSON reads a document, rejecting unknown top-level keys and
// unknown statement keys (IAM rejects both) and naming the statement that
// failed.
func (d *Document) UnmarshalJSON(data []byte) error {
	out := Document{}
	var rawStmts json.RawMessage
	seenStatement := false
	err := eachMember(data, func(key string, raw json.RawMessage) error {
		switch key {
		case "Version":
			if err := json.Unmarshal(raw, &out.Version); err != nil {
				return fmt.Errorf("Version: must be a string, got %s", jsonKind(raw))
			}
		case "Id":
			if err := json.Unmarshal(raw, &out.ID); err != nil {
				return fmt.Errorf("Id: must be a string, got %s", jsonKind(raw))
			}
		case "Statement":
			rawStmts = raw
			seenStatement = true
		default:
			return fmt.Errorf("unknown top-level element %q (allowed: Version, Id, Statement)", key)
		}
		return nil
	})
	if err != nil {
		return err
	}
	if seenStatement {
		rawStmts = bytes.TrimSpace(rawStmts)
		switch {
		case len(rawStmts) > 0 && rawStmts[0] == '{':
			var s Statement
			if err := unmarshalStatement(rawStmts, &s); err != nil {
				return fmt.Errorf("Statement: %w", err)
			}
			out.Statement = []Statement{s}
			out.singleStatement = true
		case len(rawStmts) > 0 && rawStmts[0] == '[':
			var list []json.RawMessage
			if err := json.Unmarshal(rawStmts, &list); err != nil {
				return fmt.Errorf("Statement: %w", err)
			}
			out.Statement = make([]Statement, len(list))
			for i, r := range list {
				if err := unmarshalStatement(r, &out.Statement[i]); err != nil {
					return fmt.Errorf("Statement[%d]: %w", i, err)
				}
			}
		default:
			return fmt.Errorf("Statement: must be an object or an array of objects, got %s", jsonKind(rawStmts))
		}
	}
	*d = out
	return nil
}

// unmarshalStatement reads one statement object, key by key, so that an
// unknown or repeated key is an error naming the key.
func unmarshalStatement(data []byte, s *Statement) error {
	var out Statement
	err := eachMember(data, func(key string, raw json.RawMessage) error {
		var err error
		switch key {
		case "Sid":
			if json.Unmarshal(raw, &out.Sid) != nil {
				err = fmt.Errorf("must be a string, got %s", jsonKind(raw))
			}
		case "Effect":
			if json.Unmarshal(raw, &out.Effect) != nil {
				err = fmt.Errorf("must be a string, got %s", jsonKind(raw))
			}
		case "Principal":
			err = out.Principal.UnmarshalJSON(raw)
		case "NotPrincipal":
			err = out.NotPrincipal.UnmarshalJSON(raw)
		case "Action":
			err = out.Action.UnmarshalJSON(raw)
		case "NotAction":
			err = out.NotAction.UnmarshalJSON(raw)
		case "Resource":
			err = out.Resource.UnmarshalJSON(raw)
		case "NotResource":
			err = out.NotResource.UnmarshalJSON(raw)
		case "Condition":
			err = out.Condition.UnmarshalJSON(raw)
		default:
			return fmt.Errorf("unknown element %q", key)
		}
		if err != nil {
			return fmt.Errorf("%s: %w", key, err)
		}
		return nil
	})
	if err != nil {
		return err
	}
	*s = out
	return nil
}

// marshalNoEscape marshals v without turning '&', '<' and '>' into \u00XX,
// which would change the document's size and look for no benefit here.
func marshalNoEscape(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimRight(buf.Bytes(), "\n"), nil
}

// String returns the document as compact JSON, with '&', '<' and '>' left
// as they are (json.Marshal would escape them as \u0026 and so on, which
// IAM accepts but counts as six characters each).
func (d *Document) String() string {
	b, err := d.MarshalJSON()
	if err != nil {
		return ""
	}
	return string(b)
}
