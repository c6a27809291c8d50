package apply

import (
	"encoding/json"
	"slices"
	"strings"

	"github.com/iamkit/iam/internal/policy"
)

// sameMeaning reports whether two policy documents grant the same thing:
// equal after normalizing. Statement order, Sid, the string-or-array form
// of an element, the order of values within an element, the case of action
// names and of condition keys, duplicated values, an account principal
// given by ID or by its root ARN, and an absent Version written out
// (2008-10-17) make no difference. Text that does not parse is
// compared as text.
func sameMeaning(a, b string) bool {
	na, errA := normalized(a)
	nb, errB := normalized(b)
	if errA != nil || errB != nil {
		return a == b
	}
	return na == nb
}

type normStatement struct {
	Effect       string
	Principal    map[string][]string            `json:",omitempty"`
	NotPrincipal map[string][]string            `json:",omitempty"`
	Action       []string                       `json:",omitempty"`
	NotAction    []string                       `json:",omitempty"`
	Resource     []string                       `json:",omitempty"`
	NotResource  []string                       `json:",omitempty"`
	Condition    map[string]map[string][]string `json:",omitempty"`
}

// normalized returns a canonical JSON form of a document.
func normalized(text string) (string, error) {
	d, err := policy.Parse([]byte(text))
	if err != nil {
		return "", err
	}
	version := d.Version
	if version == "" {
		version = policy.Version2008
	}
	var stmts []string
	for _, s := range d.Statement {
		n := normStatement{
			Effect:       s.Effect,
			Principal:    normPrincipal(s.Principal),
			NotPrincipal: normPrincipal(s.NotPrincipal),
			Action:       set(s.Action.Values, strings.ToLower),
			NotAction:    set(s.NotAction.Values, strings.ToLower),
			Resource:     set(s.Resource.Values, nil),
			NotResource:  set(s.NotResource.Values, nil),
		}
		for _, blk := range s.Condition {
			if n.Condition == nil {
				n.Condition = map[string]map[string][]string{}
			}
			keys := n.Condition[blk.Operator]
			if keys == nil {
				keys = map[string][]string{}
				n.Condition[blk.Operator] = keys
			}
			for _, e := range blk.Entries {
				k := strings.ToLower(e.Key)
				keys[k] = set(append(keys[k], e.Values.Values...), nil)
			}
		}
		b, err := json.Marshal(n) // maps marshal with sorted keys
		if err != nil {
			return "", err
		}
		stmts = append(stmts, string(b))
	}
	slices.Sort(stmts)
	stmts = slices.Compact(stmts)
	return version + "\n" + strings.Join(stmts, "\n"), nil
}

func normPrincipal(p policy.Principal) map[string][]string {
	if p.IsZero() {
		return nil
	}
	out := map[string][]string{}
	if p.Wildcard {
		// "*" and {"AWS": "*"} name the same principals.
		out["AWS"] = []string{"*"}
	}
	for _, e := range p.Entries {
		ids := e.IDs.Values
		if e.Type == "AWS" {
			ids = make([]string, len(e.IDs.Values))
			for i, id := range e.IDs.Values {
				ids[i] = accountRoot(id)
			}
		}
		out[e.Type] = set(append(out[e.Type], ids...), nil)
	}
	return out
}

// accountRoot writes an account's root ARN (arn:PARTITION:iam::ID:root)
// as the bare account ID: the two name the same principal, and IAM
// stores the ID a spec gives in the ARN form.
func accountRoot(id string) string {
	parts := strings.Split(id, ":")
	if len(parts) == 6 && parts[0] == "arn" && parts[2] == "iam" && parts[3] == "" && parts[5] == "root" && isAccountID(parts[4]) {
		return parts[4]
	}
	return id
}

func isAccountID(s string) bool {
	if len(s) != 12 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// set returns vals mapped, sorted and without duplicates.
func set(vals []string, f func(string) string) []string {
	if len(vals) == 0 {
		return nil
	}
	out := make([]string, len(vals))
	for i, v := range vals {
		if f != nil {
			v = f(v)
		}
		out[i] = v
	}
	slices.Sort(out)
	return slices.Compact(out)
}
