package server

import (
	"slices"

	"github.com/iamkit/iam/internal/policy"
)

// Inline policies of users, groups and roles: one set of handlers, three
// owners. IAM's quota for inline policies is the aggregate size of all of
// an entity's inline documents.

// inlineOwner describes one kind of entity that holds inline policies.
type inlineOwner struct {
	param    string // UserName, GroupName, RoleName
	kind     policy.Kind
	resource resourceFunc
	// find returns the owner's policy map and its name.
	find func(c *call) (*map[string]string, string, *APIError)
}

const maxPolicyName = 128

func init() {
	owners := map[string]inlineOwner{
		"User": {param: "UserName", kind: policy.KindUserInline, resource: resUser("UserName"),
			find: func(c *call) (*map[string]string, string, *APIError) {
				u, err := c.user("UserName")
				if err != nil {
					return nil, "", err
				}
				return &u.Inline, u.Name, nil
			}},
		"Group": {param: "GroupName", kind: policy.KindGroupInline, resource: resGroup("GroupName"),
			find: func(c *call) (*map[string]string, string, *APIError) {
				g, err := c.group("GroupName")
				if err != nil {
					return nil, "", err
				}
				return &g.Inline, g.Name, nil
			}},
		"Role": {param: "RoleName", kind: policy.KindRoleInline, resource: resRole("RoleName"),
			find: func(c *call) (*map[string]string, string, *APIError) {
				r, err := c.role("RoleName")
				if err != nil {
					return nil, "", err
				}
				return &r.Inline, r.Name, nil
			}},
	}
	for kind, o := range owners {
		register("Put"+kind+"Policy", true, o.resource, o.put)
		register("Get"+kind+"Policy", false, o.resource, o.get)
		register("Delete"+kind+"Policy", true, o.resource, o.del)
		register("List"+kind+"Policies", false, o.resource, o.list)
	}
}

func (o inlineOwner) put(c *call) *APIError {
	m, owner, err := o.find(c)
	if err != nil {
		return err
	}
	name, err := requiredName(c.p, "PolicyName", maxPolicyName)
	if err != nil {
		return err
	}
	doc, err := policyDocParam(c.p, "PolicyDocument", o.kind)
	if err != nil {
		return err
	}
	total := policy.Size([]byte(doc))
	for n, d := range *m {
		if n != name {
			total += policy.Size([]byte(d))
		}
	}
	if max := o.kind.MaxSize(); total > max {
		return limitExceeded("Maximum policy size of %d bytes exceeded for %s %s", max, lowerFirst(o.param[:len(o.param)-4]), owner)
	}
	if *m == nil {
		*m = make(map[string]string)
	}
	(*m)[name] = doc
	return nil
}

func (o inlineOwner) get(c *call) *APIError {
	m, owner, err := o.find(c)
	if err != nil {
		return err
	}
	name, err := requiredName(c.p, "PolicyName", maxPolicyName)
	if err != nil {
		return err
	}
	doc, ok := (*m)[name]
	if !ok {
		return errf(CodeNoSuchEntity, "The %s policy with name %s cannot be found.", lowerFirst(o.param[:len(o.param)-4]), name)
	}
	c.w.elem(o.param, owner)
	c.w.elem("PolicyName", name)
	c.w.policyDoc("PolicyDocument", doc)
	return nil
}

func (o inlineOwner) del(c *call) *APIError {
	m, _, err := o.find(c)
	if err != nil {
		return err
	}
	name, err := requiredName(c.p, "PolicyName", maxPolicyName)
	if err != nil {
		return err
	}
	if _, ok := (*m)[name]; !ok {
		return errf(CodeNoSuchEntity, "The %s policy with name %s cannot be found.", lowerFirst(o.param[:len(o.param)-4]), name)
	}
	delete(*m, name)
	if len(*m) == 0 {
		*m = nil
	}
	return nil
}

func (o inlineOwner) list(c *call) *APIError {
	m, _, err := o.find(c)
	if err != nil {
		return err
	}
	return writeSlicePage(c, "PolicyNames", sortedKeys(*m), func(n string) { c.w.elem("member", n) })
}

func sortedKeys(m map[string]string) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}
