package iam

import (
	"fmt"
	"strconv"
	"time"

	"github.com/iamkit/iam/internal/query"
)

// Params are the parameters of an action, by their IAM names. A value may
// be:
//
//   - a string, bool, or any integer type, sent as one parameter;
//   - a time.Time, sent in ISO 8601 (UTC);
//   - a []string, sent as Name.member.1, Name.member.2, ...;
//   - a []Tag, sent as Name.member.N.Key and Name.member.N.Value;
//   - a []map[string]string, sent as Name.member.N.Field for each field.
//
// An empty list sends nothing. Keys already in wire form
// ("PolicyArns.member.1") are sent as they are. Any other value type is
// refused before the request is sent.
type Params map[string]any

// encode appends the parameters to v, in no particular order; the caller
// sorts.
func (p Params) encode(v *query.Values) error {
	for name, val := range p {
		if name == "" {
			return fmt.Errorf("parameter with an empty name")
		}
		if name == "Action" || name == "Version" {
			return fmt.Errorf("parameter %q is set by the client; pass the action to Call", name)
		}
		switch x := val.(type) {
		case string:
			v.Add(name, x)
		case bool:
			v.Add(name, strconv.FormatBool(x))
		case int:
			v.Add(name, strconv.Itoa(x))
		case int8:
			v.Add(name, strconv.FormatInt(int64(x), 10))
		case int16:
			v.Add(name, strconv.FormatInt(int64(x), 10))
		case int32:
			v.Add(name, strconv.FormatInt(int64(x), 10))
		case int64:
			v.Add(name, strconv.FormatInt(x, 10))
		case uint:
			v.Add(name, strconv.FormatUint(uint64(x), 10))
		case uint8:
			v.Add(name, strconv.FormatUint(uint64(x), 10))
		case uint16:
			v.Add(name, strconv.FormatUint(uint64(x), 10))
		case uint32:
			v.Add(name, strconv.FormatUint(uint64(x), 10))
		case uint64:
			v.Add(name, strconv.FormatUint(x, 10))
		case time.Time:
			v.Add(name, x.UTC().Format(time.RFC3339))
		case []string:
			v.AddList(name, x)
		case []Tag:
			for i, t := range x {
				v.Add(query.MemberKey(name, i, "Key"), t.Key)
				v.Add(query.MemberKey(name, i, "Value"), t.Value)
			}
		case []map[string]string:
			for i, m := range x {
				for field, s := range m {
					v.Add(query.MemberKey(name, i, field), s)
				}
			}
		default:
			return fmt.Errorf("parameter %s: unsupported value type %T (use string, bool, integer, time.Time, []string, []Tag or []map[string]string)", name, val)
		}
	}
	return nil
}
