package server

import (
	"slices"
	"strings"
)

// Managed policy attachments of users, groups and roles, the listing of a
// policy's entities, and permissions boundaries.

// maxAttached is IAM's quota of managed policies attached to one entity.
const maxAttached = 10

func init() {
	for _, k := range holderKinds {
		register("Attach"+k.kind+"Policy", true, k.resource, k.attach)
		register("Detach"+k.kind+"Policy", true, k.resource, k.detach)
		register("ListAttached"+k.kind+"Policies", false, k.resource, k.listAttached)
		if k.boundary {
			register("Put"+k.kind+"PermissionsBoundary", true, k.resource, k.putBoundary)
			register("Delete"+k.kind+"PermissionsBoundary", true, k.resource, k.deleteBoundary)
		}
	}
	register("ListEntitiesForPolicy", false, resPolicyArn("PolicyArn"), listEntitiesForPolicy)
}

func (k holderKind) attach(c *call) *APIError {
	h, err := k.find(c)
	if err != nil {
		return err
	}
	p, err := c.policyParam("PolicyArn")
	if err != nil {
		return err
	}
	if slices.Contains(*h.attached, p.Arn) {
		return nil // attaching twice is a no-op in IAM
	}
	if len(*h.attached) >= maxAttached {
		return limitExceeded("Cannot exceed quota for PoliciesPer%s: %d", k.kind, maxAttached)
	}
	*h.attached = append(*h.attached, p.Arn)
	p.Attachments++
	return nil
}

func (k holderKind) detach(c *call) *APIError {
	h, err := k.find(c)
	if err != nil {
		return err
	}
	p, err := c.policyParam("PolicyArn")
	if err != nil {
		return err
	}
	i := slices.Index(*h.attached, p.Arn)
	if i < 0 {
		return errf(CodeNoSuchEntity, "Policy %s was not found.", p.Arn)
	}
	*h.attached = slices.Delete(*h.attached, i, i+1)
	p.Attachments--
	return nil
}

func (k holderKind) listAttached(c *call) *APIError {
	h, err := k.find(c)
	if err != nil {
		return err
	}
	prefix, err := pathPrefixParam(c.p)
	if err != nil {
		return err
	}
	var ps []*managedPolicy
	for _, arn := range *h.attached {
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
	filter, err := enumParam(c.p, "EntityFilter", "User", "Role", "Group", "LocalManagedPolicy", "AWSManagedPolicy")
	if err != nil {
		return err
	}
	usage, err := enumParam(c.p, "PolicyUsageFilter", "PermissionsPolicy", "PermissionsBoundary")
	if err != nil {
		return err
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

// putBoundary points the holder's boundary at the policy named by
// PermissionsBoundary, keeping the policies' usage counts right.
func (k holderKind) putBoundary(c *call) *APIError {
	h, err := k.find(c)
	if err != nil {
		return err
	}
	p, err := c.policyParam("PermissionsBoundary")
	if err != nil {
		return err
	}
	if *h.boundary == p.Arn {
		return nil
	}
	c.s.releaseBoundary(*h.boundary)
	*h.boundary = p.Arn
	p.BoundaryUse++
	return nil
}

func (k holderKind) deleteBoundary(c *call) *APIError {
	h, err := k.find(c)
	if err != nil {
		return err
	}
	if *h.boundary == "" {
		return errf(CodeNoSuchEntity, "The %s with name %s does not have a permissions boundary.", k.noun(), h.name)
	}
	c.s.releaseBoundary(*h.boundary)
	*h.boundary = ""
	return nil
}

// releaseBoundary counts one use less of the boundary policy arn, if any.
func (s *Server) releaseBoundary(arn string) {
	if arn == "" {
		return
	}
	if p, _ := s.policyByArn(arn); p != nil {
		p.BoundaryUse--
	}
}
