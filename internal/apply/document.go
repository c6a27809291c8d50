package apply

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"

	"go.yaml.in/yaml/v3"

	"github.com/iamkit/iam/internal/policy"
)

// Document is a policy document in a spec: a JSON or YAML object, or a
// string holding the JSON text.
type Document struct {
	// JSON is the document's compact JSON text, as sent to IAM.
	JSON string
}

// IsZero reports whether the document was left out.
func (d Document) IsZero() bool { return d.JSON == "" }

// UnmarshalJSON takes an object, or a string of JSON text.
func (d *Document) UnmarshalJSON(data []byte) error {
	var text string
	if err := json.Unmarshal(data, &text); err == nil {
		return d.set([]byte(text))
	}
	return d.set(data)
}

// UnmarshalYAML takes a mapping, or a string of JSON text. The mapping is
// converted node by node, so that an unquoted 2012-10-17 stays the string
// IAM expects rather than becoming a timestamp.
func (d *Document) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind == yaml.ScalarNode {
		return d.set([]byte(n.Value))
	}
	v, err := yamlToJSON(n)
	if err != nil {
		return err
	}
	data, err := marshalPlain(v)
	if err != nil {
		return err
	}
	return d.set(data)
}

func (d *Document) set(data []byte) error {
	var buf bytes.Buffer
	if err := json.Compact(&buf, data); err != nil {
		return fmt.Errorf("policy document is not JSON: %w", err)
	}
	d.JSON = buf.String()
	return nil
}

// parse reads and validates the document as the given kind.
func (d Document) parse(kind policy.Kind) (*policy.Document, error) {
	return policy.ParseAndValidate([]byte(d.JSON), kind)
}

// yamlToJSON converts a YAML node to values encoding/json writes back in
// the same shape: mappings keep their key order.
func yamlToJSON(n *yaml.Node) (any, error) {
	switch n.Kind {
	case yaml.DocumentNode:
		if len(n.Content) == 0 {
			return nil, nil
		}
		return yamlToJSON(n.Content[0])
	case yaml.AliasNode:
		return yamlToJSON(n.Alias)
	case yaml.SequenceNode:
		out := make([]any, 0, len(n.Content))
		for _, c := range n.Content {
			v, err := yamlToJSON(c)
			if err != nil {
				return nil, err
			}
			out = append(out, v)
		}
		return out, nil
	case yaml.MappingNode:
		var obj orderedObject
		for i := 0; i+1 < len(n.Content); i += 2 {
			k := n.Content[i]
			if k.Kind != yaml.ScalarNode {
				return nil, fmt.Errorf("line %d: a policy document's keys must be strings", k.Line)
			}
			v, err := yamlToJSON(n.Content[i+1])
			if err != nil {
				return nil, err
			}
			obj = append(obj, kv{k.Value, v})
		}
		return obj, nil
	case yaml.ScalarNode:
		switch n.ShortTag() {
		case "!!null":
			return nil, nil
		case "!!bool":
			b, err := strconv.ParseBool(n.Value)
			if err != nil {
				var yb bool
				if err := n.Decode(&yb); err != nil {
					return nil, err
				}
				return yb, nil
			}
			return b, nil
		case "!!int", "!!float":
			if json.Valid([]byte(n.Value)) {
				return json.Number(n.Value), nil
			}
			return n.Value, nil
		default:
			return n.Value, nil
		}
	}
	return nil, fmt.Errorf("line %d: unsupported YAML node in a policy document", n.Line)
}

type kv struct {
	k string
	v any
}

// orderedObject is a JSON object that keeps the YAML mapping's key order.
type orderedObject []kv

func (o orderedObject) MarshalJSON() ([]byte, error) {
	var buf bytes.Buffer
	buf.WriteByte('{')
	for i, e := range o {
		if i > 0 {
			buf.WriteByte(',')
		}
		k, err := marshalPlain(e.k)
		if err != nil {
			return nil, err
		}
		buf.Write(k)
		buf.WriteByte(':')
		v, err := marshalPlain(e.v)
		if err != nil {
			return nil, err
		}
		buf.Write(v)
	}
	buf.WriteByte('}')
	return buf.Bytes(), nil
}

// marshalPlain is json.Marshal without HTML escaping, so that '&', '<' and
// '>' stay one character each, as IAM counts them against the size quota.
func marshalPlain(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n")), nil
}
