package server

import "github.com/iamkit/iam/internal/policy"

// Users, groups and roles hold policies: inline documents and attached
// managed policies, and (users and roles) a permissions boundary. The
// inline, attach and boundary actions are one set of handlers over this
// table, registered per kind by inline.go and attach.go.

// holderKind is one kind of policy holder.
type holderKind struct {
	kind     string // User, Group, Role
	param    string // UserName, GroupName, RoleName
	inline   policy.Kind
	resource resourceFunc
	// boundary is whether the kind has a permissions boundary (groups
	// have none).
	boundary bool
	// find returns the policies of the entity the request names.
	find func(c *call) (holder, *APIError)
}

// holder is the policy-bearing part of one user, group or role.
type holder struct {
	name     string
	inline   *map[string]string
	attached *[]string
	boundary *string // nil for a group
}

var holderKinds = []holderKind{
	{kind: "User", param: "UserName", inline: policy.KindUserInline, resource: resUser("UserName"), boundary: true,
		find: func(c *call) (holder, *APIError) {
			u, err := c.user("UserName")
			if err != nil {
				return holder{}, err
			}
			return holder{u.Name, &u.Inline, &u.Attached, &u.Boundary}, nil
		}},
	{kind: "Group", param: "GroupName", inline: policy.KindGroupInline, resource: resGroup("GroupName"),
		find: func(c *call) (holder, *APIError) {
			g, err := c.group("GroupName")
			if err != nil {
				return holder{}, err
			}
			return holder{g.Name, &g.Inline, &g.Attached, nil}, nil
		}},
	{kind: "Role", param: "RoleName", inline: policy.KindRoleInline, resource: resRole("RoleName"), boundary: true,
		find: func(c *call) (holder, *APIError) {
			r, err := c.role("RoleName")
			if err != nil {
				return holder{}, err
			}
			return holder{r.Name, &r.Inline, &r.Attached, &r.Boundary}, nil
		}},
}

// noun is the kind as IAM's messages name it: user, group, role.
func (k holderKind) noun() string { return lowerFirst(k.kind) }
