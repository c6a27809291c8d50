package server

import "slices"

// GetAccountAuthorizationDetails: every user, group, role and managed
// policy with their policies, in one paged listing.

func init() {
	register("GetAccountAuthorizationDetails", false, nil, getAccountAuthorizationDetails)
}

// authEntry is one row of the listing.
type authEntry struct {
	user   *user
	group  *group
	role   *role
	policy *managedPolicy
}

func getAccountAuthorizationDetails(c *call) *APIError {
	filters := c.p.list("Filter")
	for _, f := range filters {
		if err := checkEnum("Filter", f, "User", "Role", "Group", "LocalManagedPolicy", "AWSManagedPolicy"); err != nil {
			return err
		}
	}
	want := func(f string) bool { return len(filters) == 0 || slices.Contains(filters, f) }
	pg, err := c.p.paging()
	if err != nil {
		return err
	}
	st := c.s.st
	var rows []authEntry
	if want("User") {
		st.Users.each(func(u *user) bool { rows = append(rows, authEntry{user: u}); return true })
	}
	if want("Group") {
		st.Groups.each(func(g *group) bool { rows = append(rows, authEntry{group: g}); return true })
	}
	if want("Role") {
		st.Roles.each(func(r *role) bool { rows = append(rows, authEntry{role: r}); return true })
	}
	if want("AWSManagedPolicy") {
		st.AWSPolicies.each(func(p *managedPolicy) bool {
			// IAM lists only the AWS managed policies in use.
			if p.Attachments > 0 || p.BoundaryUse > 0 {
				rows = append(rows, authEntry{policy: p})
			}
			return true
		})
	}
	if want("LocalManagedPolicy") {
		st.Policies.each(func(p *managedPolicy) bool { rows = append(rows, authEntry{policy: p}); return true })
	}
	page, next, more := pageSlice(rows, pg.marker, pg.max)
	w := c.w
	w.open("UserDetailList")
	for _, e := range page {
		if u := e.user; u != nil {
			w.open("member")
			c.s.writeUserFields(w, u)
			writeInlineList(w, "UserPolicyList", u.Inline)
			w.open("GroupList")
			for _, gid := range u.Groups {
				if g := st.groupsByID[gid]; g != nil {
					w.elem("member", g.Name)
				}
			}
			w.close("GroupList")
			c.writeAttachedList(u.Attached)
			writeBoundary(w, u.Boundary)
			writeTags(w, "Tags", u.Tags, false)
			w.close("member")
		}
	}
	w.close("UserDetailList")
	w.open("GroupDetailList")
	for _, e := range page {
		if g := e.group; g != nil {
			w.open("member")
			c.s.writeGroupFields(w, g)
			writeInlineList(w, "GroupPolicyList", g.Inline)
			c.writeAttachedList(g.Attached)
			w.close("member")
		}
	}
	w.close("GroupDetailList")
	w.open("RoleDetailList")
	for _, e := range page {
		if r := e.role; r != nil {
			w.open("member")
			c.s.writeRoleFields(w, r)
			w.open("InstanceProfileList")
			st.InstanceProfiles.each(func(ip *instanceProfile) bool {
				if slices.Contains(ip.Roles, r.ID) {
					c.s.writeProfile(w, "member", ip, false)
				}
				return true
			})
			w.close("InstanceProfileList")
			writeInlineList(w, "RolePolicyList", r.Inline)
			c.writeAttachedList(r.Attached)
			writeBoundary(w, r.Boundary)
			writeTags(w, "Tags", r.Tags, false)
			w.open("RoleLastUsed")
			w.close("RoleLastUsed")
			w.close("member")
		}
	}
	w.close("RoleDetailList")
	w.open("Policies")
	for _, e := range page {
		if p := e.policy; p != nil {
			w.open("member")
			writePolicyFields(w, p, true)
			w.open("PolicyVersionList")
			for _, v := range p.Versions {
				writeVersion(w, "member", p, v, true)
			}
			w.close("PolicyVersionList")
			w.close("member")
		}
	}
	w.close("Policies")
	writePage(w, next, more)
	return nil
}

func writeInlineList(w *xmlw, elem string, m map[string]string) {
	w.open(elem)
	for _, name := range sortedKeys(m) {
		w.open("member")
		w.elem("PolicyName", name)
		w.policyDoc("PolicyDocument", m[name])
		w.close("member")
	}
	w.close(elem)
}

func (c *call) writeAttachedList(arns []string) {
	c.w.open("AttachedManagedPolicies")
	for _, arn := range arns {
		if p, _ := c.s.policyByArn(arn); p != nil {
			c.w.open("member")
			c.w.elem("PolicyName", p.Name)
			c.w.elem("PolicyArn", p.Arn)
			c.w.close("member")
		}
	}
	c.w.close("AttachedManagedPolicies")
}
