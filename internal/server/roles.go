package server

import "github.com/iamkit/iam/internal/policy"

func init() {
	register("CreateRole", true, resRole("RoleName"), createRole)
	register("GetRole", false, resRole("RoleName"), getRole)
	register("ListRoles", false, nil, listRoles)
	register("DeleteRole", true, resRole("RoleName"), deleteRole)
	register("UpdateRole", true, resRole("RoleName"), updateRole)
	register("UpdateRoleDescription", true, resRole("RoleName"), updateRoleDescription)
	register("UpdateAssumeRolePolicy", true, resRole("RoleName"), updateAssumeRolePolicy)
	registerTagging("Role", resRole("RoleName"), func(c *call) (*role, *APIError) { return c.role("RoleName") })
}

func (c *call) role(field string) (*role, *APIError) {
	return c.s.st.Roles.named(c.p, field, maxUserName, "The role with name %s cannot be found.")
}

func (s *Server) writeRole(w *xmlw, elem string, r *role, full bool) {
	w.open(elem)
	s.writeRoleFields(w, r)
	w.opt("Description", r.Description)
	w.int("MaxSessionDuration", r.MaxSession)
	if full {
		writeBoundary(w, r.Boundary)
		writeTags(w, "Tags", r.Tags, false)
		w.open("RoleLastUsed")
		w.close("RoleLastUsed")
	}
	w.close(elem)
}

// writeRoleFields writes the fields every Role element starts with.
func (s *Server) writeRoleFields(w *xmlw, r *role) {
	w.elem("Path", r.Path)
	w.elem("RoleName", r.Name)
	w.elem("RoleId", r.ID)
	w.arn("Arn", s.account, "role", r.Path, r.Name)
	w.time("CreateDate", r.Created)
	w.policyDoc("AssumeRolePolicyDocument", r.AssumeDoc)
}

func maxSessionParam(p params, def int) (int, *APIError) {
	return p.integer("MaxSessionDuration", def, 3600, 43200)
}

func createRole(c *call) *APIError {
	name, path, err := namePathParams(c.p, "RoleName", maxUserName)
	if err != nil {
		return err
	}
	desc := c.p.str("Description")
	if err := checkLen("Description", desc, 0, 1000); err != nil {
		return err
	}
	maxSession, err := maxSessionParam(c.p, 3600)
	if err != nil {
		return err
	}
	tags, err := tagsParam(c.p)
	if err != nil {
		return err
	}
	doc, err := policyDocParam(c.p, "AssumeRolePolicyDocument", policy.KindTrust)
	if err != nil {
		return err
	}
	var boundary *managedPolicy
	if arn := c.p.str("PermissionsBoundary"); arn != "" {
		if boundary, err = c.s.policyByArn(arn); err != nil {
			return err
		}
	}
	if _, ok := c.s.st.Roles.get(name); ok {
		return alreadyExists("Role", name)
	}
	r := &role{Name: name, Path: path, ID: c.s.ids.id("AROA"), Created: c.now, AssumeDoc: doc,
		Description: desc, MaxSession: maxSession, Tags: tags}
	if boundary != nil {
		r.Boundary = boundary.Arn
		boundary.BoundaryUse++
	}
	c.s.st.Roles.put(name, r)
	c.s.st.rolesByID[r.ID] = r
	c.s.writeRole(c.w, "Role", r, true)
	return nil
}

func getRole(c *call) *APIError {
	r, err := c.role("RoleName")
	if err != nil {
		return err
	}
	if !c.s.propagated(r.Created, c.now) {
		return noSuchEntity("role", r.Name)
	}
	c.s.writeRole(c.w, "Role", r, true)
	return nil
}

func listRoles(c *call) *APIError {
	return writePathPage(c, "Roles", &c.s.st.Roles, func(r *role) { c.s.writeRole(c.w, "member", r, false) })
}

func deleteRole(c *call) *APIError {
	r, err := c.role("RoleName")
	if err != nil {
		return err
	}
	inProfile := false
	c.s.st.InstanceProfiles.each(func(ip *instanceProfile) bool {
		for _, id := range ip.Roles {
			if id == r.ID {
				inProfile = true
			}
		}
		return !inProfile
	})
	switch {
	case inProfile:
		return deleteConflict("Cannot delete entity, must remove roles from instance profile first.")
	case len(r.Inline) > 0:
		return deleteConflict("Cannot delete entity, must delete policies first.")
	case len(r.Attached) > 0:
		return deleteConflict("Cannot delete entity, must detach all policies first.")
	}
	c.s.releaseBoundary(r.Boundary)
	c.s.st.Roles.del(r.Name)
	delete(c.s.st.rolesByID, r.ID)
	return nil
}

func updateRole(c *call) *APIError {
	r, err := c.role("RoleName")
	if err != nil {
		return err
	}
	// Both parameters are checked before either is applied: a refused
	// request changes nothing.
	desc := r.Description
	if c.p.has("Description") {
		desc = c.p.str("Description")
		if err := checkLen("Description", desc, 0, 1000); err != nil {
			return err
		}
	}
	ms, err := maxSessionParam(c.p, r.MaxSession)
	if err != nil {
		return err
	}
	r.Description, r.MaxSession = desc, ms
	return nil
}

func updateRoleDescription(c *call) *APIError {
	r, err := c.role("RoleName")
	if err != nil {
		return err
	}
	desc, err := c.p.required("Description")
	if err != nil {
		return err
	}
	if err := checkLen("Description", desc, 0, 1000); err != nil {
		return err
	}
	r.Description = desc
	c.s.writeRole(c.w, "Role", r, true)
	return nil
}

func updateAssumeRolePolicy(c *call) *APIError {
	r, err := c.role("RoleName")
	if err != nil {
		return err
	}
	doc, err := policyDocParam(c.p, "PolicyDocument", policy.KindTrust)
	if err != nil {
		return err
	}
	r.AssumeDoc = doc
	return nil
}
