package server

import "slices"

func init() {
	register("CreateGroup", true, resGroup("GroupName"), createGroup)
	register("GetGroup", false, resGroup("GroupName"), getGroup)
	register("ListGroups", false, nil, listGroups)
	register("UpdateGroup", true, resGroup("GroupName"), updateGroup)
	authorizeTarget("UpdateGroup", resRenamed("group", "GroupName", "NewGroupName", func(st *state) *coll[*group] { return &st.Groups }))
	register("DeleteGroup", true, resGroup("GroupName"), deleteGroup)
	register("AddUserToGroup", true, resGroup("GroupName"), addUserToGroup)
	register("RemoveUserFromGroup", true, resGroup("GroupName"), removeUserFromGroup)
	register("ListGroupsForUser", false, resUser("UserName"), listGroupsForUser)
}

const (
	maxGroupName = 128
	// maxGroupsPerUser is IAM's quota of group memberships per user.
	maxGroupsPerUser = 10
)

func (c *call) group(field string) (*group, *APIError) {
	return c.s.st.Groups.named(c.p, field, maxGroupName, "The group with name %s cannot be found.")
}

func (s *Server) writeGroup(w *xmlw, elem string, g *group) {
	w.open(elem)
	s.writeGroupFields(w, g)
	w.close(elem)
}

func (s *Server) writeGroupFields(w *xmlw, g *group) {
	w.elem("Path", g.Path)
	w.elem("GroupName", g.Name)
	w.elem("GroupId", g.ID)
	w.arn("Arn", s.account, "group", g.Path, g.Name)
	w.time("CreateDate", g.Created)
}

func createGroup(c *call) *APIError {
	name, path, err := namePathParams(c.p, "GroupName", maxGroupName)
	if err != nil {
		return err
	}
	if _, ok := c.s.st.Groups.get(name); ok {
		return alreadyExists("Group", name)
	}
	g := &group{Name: name, Path: path, ID: c.s.ids.id("AGPA"), Created: c.now}
	c.s.st.Groups.put(name, g)
	c.s.st.groupsByID[g.ID] = g
	c.s.writeGroup(c.w, "Group", g)
	return nil
}

func getGroup(c *call) *APIError {
	g, err := c.group("GroupName")
	if err != nil {
		return err
	}
	if !c.s.propagated(g.Created, c.now) {
		return noSuchEntity("group", g.Name)
	}
	c.s.writeGroup(c.w, "Group", g)
	return writeSlicePage(c, "Users", g.Members, func(id string) {
		if u := c.s.st.usersByID[id]; u != nil {
			c.s.writeUser(c.w, "member", u, false)
		}
	})
}

func listGroups(c *call) *APIError {
	return writePathPage(c, "Groups", &c.s.st.Groups, func(g *group) { c.s.writeGroup(c.w, "member", g) })
}

func updateGroup(c *call) *APIError {
	g, err := c.group("GroupName")
	if err != nil {
		return err
	}
	name, path, err := renameParams(c.p, "NewGroupName", maxGroupName, g.Name, g.Path)
	if err != nil {
		return err
	}
	if !c.s.st.Groups.rename(g.Name, name, g) {
		return alreadyExists("Group", name)
	}
	g.Name, g.Path = name, path
	return nil
}

func deleteGroup(c *call) *APIError {
	g, err := c.group("GroupName")
	if err != nil {
		return err
	}
	switch {
	case len(g.Members) > 0:
		return deleteConflict("Cannot delete entity, must remove users from group first.")
	case len(g.Inline) > 0:
		return deleteConflict("Cannot delete entity, must delete policies first.")
	case len(g.Attached) > 0:
		return deleteConflict("Cannot delete entity, must detach all policies first.")
	}
	c.s.st.Groups.del(g.Name)
	delete(c.s.st.groupsByID, g.ID)
	return nil
}

func addUserToGroup(c *call) *APIError {
	g, err := c.group("GroupName")
	if err != nil {
		return err
	}
	u, err := c.user("UserName")
	if err != nil {
		return err
	}
	if slices.Contains(u.Groups, g.ID) {
		return nil // IAM treats a repeated add as success.
	}
	if len(u.Groups) >= maxGroupsPerUser {
		return limitExceeded("Cannot exceed quota for GroupsPerUser: %d", maxGroupsPerUser)
	}
	u.Groups = append(u.Groups, g.ID)
	g.Members = append(g.Members, u.ID)
	return nil
}

func removeUserFromGroup(c *call) *APIError {
	g, err := c.group("GroupName")
	if err != nil {
		return err
	}
	u, err := c.user("UserName")
	if err != nil {
		return err
	}
	i := slices.Index(u.Groups, g.ID)
	if i < 0 {
		return errf(CodeNoSuchEntity, "The user with name %s cannot be found in group %s.", u.Name, g.Name)
	}
	u.Groups = slices.Delete(u.Groups, i, i+1)
	if j := slices.Index(g.Members, u.ID); j >= 0 {
		g.Members = slices.Delete(g.Members, j, j+1)
	}
	return nil
}

func listGroupsForUser(c *call) *APIError {
	u, err := c.user("UserName")
	if err != nil {
		return err
	}
	return writeSlicePage(c, "Groups", u.Groups, func(id string) {
		if g := c.s.st.groupsByID[id]; g != nil {
			c.s.writeGroup(c.w, "member", g)
		}
	})
}
