package server

import (
	"slices"
	"strings"
)

// Managed policy attachments of users, groups and roles, the listing of a
// policy's entities, and permissions boundaries.

// maxAttached is IAM's quota of managed policies attached to one entity.
const maxAttached = 10

type attachOwner struct {
	kind     string // User, Group, Role
	param    string
	resource resourceFunc
	find     func(c *call) (*[]string, *APIError)
}

func init() {
	owners := []attachOwner{
		{"User", "UserName", resUser("UserName"), func(c *call) (*[]string, *APIError) {
			u, err := c.user("UserName")
			if err != nil {
				return nil, err
			}
			return &u.Attached, nil
		}},
		{"Group", "GroupName", resGroup("GroupName"), func(c *call) (*[]string, *APIError) {
			g, err := c.group("GroupName")
			if err != nil {
				return nil, err
			}
			return &g.Attached, nil
		}},
		{"Role", "RoleName", resRole("RoleName"), func(c *call) (*[]string, *APIError) {
			r, err := c.role("RoleName")
			if err != nil {
				return nil, err
			}
			return &r.Attached, nil
		}},
	}
	for _, o := range owners {
		register("Attach"+o.kind+"Policy", true, o.resource, o.attach)
		register("Detach"+o.kind+"Policy", true, o.resource, o.detach)
		register("ListAttached"+o.kind+"Policies", false, o.resource, o.list)
	}
	register("ListEntitiesForPolicy", false, resPolicyArn("PolicyArn"), listEntitiesForPolicy)
	register("PutUserPermissionsBoundary", true, resUser("UserName"), putUserBoundary)
	register("DeleteUserPermissionsBoundary", true, resUser("UserName"), deleteUserBoundary)
	register("PutRolePermissionsBoundary", true, resRole("RoleName"), putRoleBoundary)
	register("DeleteRolePermissionsBoundary", true, resRole("RoleName"), deleteRoleBoundary)
}

func (o attachOwner) attach(c *call) *APIError {
	list, err := o.find(c)
	if err != nil {
		return err
	}
	p, err := c.policyParam("PolicyArn")
	if err != nil {
		return err
	}
	if slices.Contains(*list, p.Arn) {
		return nil // attaching twice is a no-op in IAM
	}
	if len(*list) >= maxAttached {
		return limitExceeded("Cannot exceed quota for PoliciesPer%s: %d", o.kind, maxAttached)
	}
	*list = append(*list, p.Arn)
	p.Attachments++
	return nil
}

func (o attachOwner) detach(c *call) *APIError {
	list, err := o.find(c)
	if err != nil {
		return err
	}
	p, err := c.policyParam("PolicyArn")
	if err != nil {
		return err
	}
	i := slices.Index(*list, p.Arn)
	if i < 0 {
		return errf(CodeNoSuchEntity, "Policy %s was not found.", p.Arn)
	}
	*list = slices.Delete(*list, i, i+1)
	p.Attachments--
	return nil
}

func (o attachOwner) list(c *call) *APIError {
	list, err := o.find(c)
	if err != nil {
		return err
	}
	prefix, err := pathPrefixParam(c.p)
	if err != nil {
		return err
	}
	var ps []*managedPolicy
	for _, arn := range *list {
		if p, _ := c.s.policyByArn(arn); p != nil && strings.HasPrefix(p.Path, prefix) {
			ps = append(ps, p)
		}
	}
	return writeSlicePage(c, "AttachedPolicies", ps, func(p *managedPolicy) {
		c.w.open("member")
		c.w.elem("PolicyName", p.Name)
		c.w.elem("PolicyArn", p.Arn)
		c.w.close("member")
	})
}

// policyEntity is one row of ListEntitiesForPolicy.
type policyEntity struct {
	kind, name, id string
}

func listEntitiesForPolicy(c *call) *APIError {
	p, err := c.policyParam("PolicyArn")
	if err != nil {
		return err
	}
	filter := c.p.str("EntityFilter")
	switch filter {
	case "", "User", "Role", "Group", "LocalManagedPolicy", "AWSManagedPolicy":
	default:
		return validationf("EntityFilter", filter, "Member must satisfy enum value set: [User, Role, Group, LocalManagedPolicy, AWSManagedPolicy]")
	}
	usage := c.p.str("PolicyUsageFilter")
	switch usage {
	case "", "PermissionsPolicy", "PermissionsBoundary":
	default:
		return validationf("PolicyUsageFilter", usage, "Member must satisfy enum value set: [PermissionsPolicy, PermissionsBoundary]")
	}
	prefix, err := pathPrefixParam(c.p)
	if err != nil {
		return err
	}
	pg, err := c.p.paging()
	if err != nil {
		return err
	}
	uses := func(attached []string, boundary string) bool {
		switch usage {
		case "PermissionsPolicy":
			return slices.Contains(attached, p.Arn)
		case "PermissionsBoundary":
			return boundary == p.Arn
		}
		return slices.Contains(attached, p.Arn) || boundary == p.Arn
	}
	want := func(kind string) bool { return filter == "" || filter == kind }
	var rows []policyEntity
	if want("Group") {
		c.s.st.Groups.each(func(g *group) bool {
			if strings.HasPrefix(g.Path, prefix) && uses(g.Attached, "") {
				rows = append(rows, policyEntity{"Group", g.Name, g.ID})
			}
			return true
		})
	}
	if want("User") {
		c.s.st.Users.each(func(u *user) bool {
			if strings.HasPrefix(u.Path, prefix) && uses(u.Attached, u.Boundary) {
				rows = append(rows, policyEntity{"User", u.Name, u.ID})
			}
			return true
		})
	}
	if want("Role") {
		c.s.st.Roles.each(func(r *role) bool {
			if strings.HasPrefix(r.Path, prefix) && uses(r.Attached, r.Boundary) {
				rows = append(rows, policyEntity{"Role", r.Name, r.ID})
			}
			return true
		})
	}
	page, next, more := pageSlice(rows, pg.marker, pg.max)
	for _, kind := range []string{"Group", "User", "Role"} {
		c.w.open("Policy" + kind + "s")
		for _, e := range page {
			if e.kind == kind {
				c.w.open("member")
				c.w.elem(kind+"Name", e.name)
				c.w.elem(kind+"Id", e.id)
				c.w.close("member")
			}
		}
		c.w.close("Policy" + kind + "s")
	}
	writePage(c.w, next, more)
	return nil
}

// setBoundary points *cur at the policy named by PermissionsBoundary,
// keeping the policies' usage counts right.
func (c *call) setBoundary(cur *string) *APIError {
	p, err := c.policyParam("PermissionsBoundary")
	if err != nil {
		return err
	}
	if *cur == p.Arn {
		return nil
	}
	if old, _ := c.s.policyByArn(*cur); old != nil && *cur != "" {
		old.BoundaryUse--
	}
	*cur = p.Arn
	p.BoundaryUse++
	return nil
}

func (c *call) clearBoundary(cur *string, kind, name string) *APIError {
	if *cur == "" {
		return errf(CodeNoSuchEntity, "The %s with name %s does not have a permissions boundary.", kind, name)
	}
	if old, _ := c.s.policyByArn(*cur); old != nil {
		old.BoundaryUse--
	}
	*cur = ""
	return nil
}

func putUserBoundary(c *call) *APIError {
	u, err := c.user("UserName")
	if err != nil {
		return err
	}
	return c.setBoundary(&u.Boundary)
}

func deleteUserBoundary(c *call) *APIError {
	u, err := c.user("UserName")
	if err != nil {
		return err
	}
	return c.clearBoundary(&u.Boundary, "user", u.Name)
}

func putRoleBoundary(c *call) *APIError {
	r, err := c.role("RoleName")
	if err != nil {
		return err
	}
	return c.setBoundary(&r.Boundary)
}

func deleteRoleBoundary(c *call) *APIError {
	r, err := c.role("RoleName")
	if err != nil {
		return err
	}
	return c.clearBoundary(&r.Boundary, "role", r.Name)
}
