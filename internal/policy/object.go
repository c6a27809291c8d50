package policy

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
)

// eachMember walks the members of a JSON object in document order. Go maps
// forget order, and a policy written back with its condition keys shuffled
// would no longer diff cleanly against what the user wrote, so objects whose
// keys are user data (Condition, Principal) are read with this instead.
// A key repeated in one object is an error: IAM's parser rejects it too, and
// silently keeping one of the two would hide half of what the author meant.
func eachMember(data []byte, fn func(key string, value json.RawMessage) error) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	tok, err := dec.Token()
	if err != nil {
		return err
	}
	if d, ok := tok.(json.Delim); !ok || d != '{' {
		return fmt.Errorf("must be an object, got %s", jsonKind(data))
	}
	seen := make(map[string]struct{})
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return err
		}
		key, ok := tok.(string)
		if !ok {
			return errors.New("object key is not a string")
		}
		if _, dup := seen[key]; dup {
			return fmt.Errorf("duplicate key %q", key)
		}
		seen[key] = struct{}{}
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			return err
		}
		if err := fn(key, raw); err != nil {
			return err
		}
	}
	if _, err := dec.Token(); err != nil {
		return err
	}
	return nil
}

// writeMember appends `"key":value` to buf, with a comma when needed.
func writeMember(buf *bytes.Buffer, key string, value []byte) error {
	if buf.Len() > 1 {
		buf.WriteByte(',')
	}
	k, err := marshalString(key)
	if err != nil {
		return err
	}
	buf.Write(k)
	buf.WriteByte(':')
	buf.Write(value)
	return nil
}
