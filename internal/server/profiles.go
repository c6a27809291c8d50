package server

import "slices"

func init() {
	register("CreateInstanceProfile", true, resProfile("InstanceProfileName"), createInstanceProfile)
	register("GetInstanceProfile", false, resProfile("InstanceProfileName"), getInstanceProfile)
	register("ListInstanceProfiles", false, nil, listInstanceProfiles)
	register("ListInstanceProfilesForRole", false, resRole("RoleName"), listInstanceProfilesForRole)
	register("DeleteInstanceProfile", true, resProfile("InstanceProfileName"), deleteInstanceProfile)
	register("AddRoleToInstanceProfile", true, resProfile("InstanceProfileName"), addRoleToInstanceProfile)
	register("RemoveRoleFromInstanceProfile", true, resProfile("InstanceProfileName"), removeRoleFromInstanceProfile)
	registerTagging("InstanceProfile", resProfile("InstanceProfileName"), (*call).profile)
}

func (c *call) profile() (*instanceProfile, *APIError) {
	return c.s.st.InstanceProfiles.named(c.p, "InstanceProfileName", 128, "Instance Profile %s cannot be found.")
}

func (s *Server) writeProfile(w *xmlw, elem string, ip *instanceProfile, full bool) {
	w.open(elem)
	w.elem("Path", ip.Path)
	w.elem("InstanceProfileName", ip.Name)
	w.elem("InstanceProfileId", ip.ID)
	w.elem("Arn", s.profileArn(ip))
	w.time("CreateDate", ip.Created)
	w.open("Roles")
	for _, id := range ip.Roles {
		if r := s.st.rolesByID[id]; r != nil {
			s.writeRole(w, "member", r, false)
		}
	}
	w.close("Roles")
	if full {
		writeTags(w, "Tags", ip.Tags, false)
	}
	w.close(elem)
}

func createInstanceProfile(c *call) *APIError {
	name, path, err := namePathParams(c.p, "InstanceProfileName", 128)
	if err != nil {
		return err
	}
	tags, err := tagsParam(c.p)
	if err != nil {
		return err
	}
	if _, ok := c.s.st.InstanceProfiles.get(name); ok {
		return alreadyExists("Instance Profile", name)
	}
	ip := &instanceProfile{Name: name, Path: path, ID: c.s.ids.id("AIPA"), Created: c.now, Tags: tags}
	c.s.st.InstanceProfiles.put(name, ip)
	c.s.writeProfile(c.w, "InstanceProfile", ip, true)
	return nil
}

func getInstanceProfile(c *call) *APIError {
	ip, err := c.profile()
	if err != nil {
		return err
	}
	if !c.s.propagated(ip.Created, c.now) {
		return errf(CodeNoSuchEntity, "Instance Profile %s cannot be found.", ip.Name)
	}
	c.s.writeProfile(c.w, "InstanceProfile", ip, true)
	return nil
}

func (c *call) writeProfileMember(ip *instanceProfile) { c.s.writeProfile(c.w, "member", ip, false) }

func listInstanceProfiles(c *call) *APIError {
	return writePathPage(c, "InstanceProfiles", &c.s.st.InstanceProfiles, c.writeProfileMember)
}

func listInstanceProfilesForRole(c *call) *APIError {
	r, err := c.role("RoleName")
	if err != nil {
		return err
	}
	return writeCollPage(c, "InstanceProfiles", &c.s.st.InstanceProfiles,
		func(ip *instanceProfile) bool { return slices.Contains(ip.Roles, r.ID) }, c.writeProfileMember)
}

func deleteInstanceProfile(c *call) *APIError {
	ip, err := c.profile()
	if err != nil {
		return err
	}
	if len(ip.Roles) > 0 {
		return deleteConflict("Cannot delete entity, must remove roles from instance profile first.")
	}
	c.s.st.InstanceProfiles.del(ip.Name)
	return nil
}

func addRoleToInstanceProfile(c *call) *APIError {
	ip, err := c.profile()
	if err != nil {
		return err
	}
	r, err := c.role("RoleName")
	if err != nil {
		return err
	}
	if slices.Contains(ip.Roles, r.ID) {
		return errf(CodeEntityAlreadyExists, "Role %s is already associated with instance profile %s.", r.Name, ip.Name)
	}
	// An instance profile holds at most one role.
	if len(ip.Roles) >= 1 {
		return limitExceeded("Cannot exceed quota for InstanceSessionsPerInstanceProfile: 1")
	}
	ip.Roles = append(ip.Roles, r.ID)
	return nil
}

func removeRoleFromInstanceProfile(c *call) *APIError {
	ip, err := c.profile()
	if err != nil {
		return err
	}
	r, err := c.role("RoleName")
	if err != nil {
		return err
	}
	i := slices.Index(ip.Roles, r.ID)
	if i < 0 {
		return errf(CodeNoSuchEntity, "Role %s is not associated with instance profile %s.", r.Name, ip.Name)
	}
	ip.Roles = slices.Delete(ip.Roles, i, i+1)
	return nil
}
