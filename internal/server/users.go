package server

func init() {
	register("CreateUser", true, resUser("UserName"), createUser)
	register("GetUser", false, resUser("UserName"), getUser)
	register("ListUsers", false, nil, listUsers)
	register("UpdateUser", true, resUser("UserName"), updateUser)
	authorizeTarget("UpdateUser", resRenamed("user", "UserName", "NewUserName", func(st *state) *coll[*user] { return &st.Users }))
	register("DeleteUser", true, resUser("UserName"), deleteUser)
	registerTagging("User", resUser("UserName"), func(c *call) (*user, *APIError) { return c.user("UserName") })
}

// maxUserName is IAM's limit for user and role names.
const maxUserName = 64

// user looks up the user named by the required parameter field.
func (c *call) user(field string) (*user, *APIError) {
	return c.s.st.Users.named(c.p, field, maxUserName, "The user with name %s cannot be found.")
}

// userOrCaller looks up the user named by field, or the calling IAM user
// when field is absent. A root caller without a name gets (nil, nil):
// each action decides what root means for it.
func (c *call) userOrCaller(field string) (*user, *APIError) {
	if c.p.str(field) == "" && !c.p.has(field) {
		return c.who.user, nil
	}
	return c.user(field)
}

func createUser(c *call) *APIError {
	name, path, err := namePathParams(c.p, "UserName", maxUserName)
	if err != nil {
		return err
	}
	tags, err := tagsParam(c.p)
	if err != nil {
		return err
	}
	var boundary *managedPolicy
	if arn := c.p.str("PermissionsBoundary"); arn != "" {
		if boundary, err = c.s.policyByArn(arn); err != nil {
			return err
		}
	}
	if _, ok := c.s.st.Users.get(name); ok {
		return alreadyExists("User", name)
	}
	u := &user{Name: name, Path: path, ID: c.s.ids.id("AIDA"), Created: c.now, Tags: tags}
	if boundary != nil {
		u.Boundary = boundary.Arn
		boundary.BoundaryUse++
	}
	c.s.st.Users.put(name, u)
	c.s.st.usersByID[u.ID] = u
	c.s.writeUser(c.w, "User", u, true)
	return nil
}

// writeUser writes a User element. full adds what GetUser and CreateUser
// return beyond ListUsers: the permissions boundary and tags.
func (s *Server) writeUser(w *xmlw, elem string, u *user, full bool) {
	w.open(elem)
	s.writeUserFields(w, u)
	w.optTime("PasswordLastUsed", u.PasswordLastUsed)
	if full {
		writeBoundary(w, u.Boundary)
		writeTags(w, "Tags", u.Tags, false)
	}
	w.close(elem)
}

// writeUserFields writes the fields every User element starts with.
func (s *Server) writeUserFields(w *xmlw, u *user) {
	w.elem("Path", u.Path)
	w.elem("UserName", u.Name)
	w.elem("UserId", u.ID)
	w.arn("Arn", s.account, "user", u.Path, u.Name)
	w.time("CreateDate", u.Created)
}

func writeBoundary(w *xmlw, arn string) {
	if arn == "" {
		return
	}
	w.open("PermissionsBoundary")
	w.elem("PermissionsBoundaryType", "PermissionsBoundaryPolicy")
	w.elem("PermissionsBoundaryArn", arn)
	w.close("PermissionsBoundary")
}

func getUser(c *call) *APIError {
	u, err := c.userOrCaller("UserName")
	if err != nil {
		return err
	}
	if u == nil {
		// The root user: IAM answers with the account ID as UserId and
		// the root ARN, without name or path.
		c.w.open("User")
		c.w.elem("UserId", c.s.account)
		c.w.elem("Arn", c.who.arn)
		c.w.time("CreateDate", c.s.started)
		c.w.close("User")
		return nil
	}
	if !c.s.propagated(u.Created, c.now) && c.p.has("UserName") {
		return noSuchEntity("user", u.Name)
	}
	c.s.writeUser(c.w, "User", u, true)
	return nil
}

func listUsers(c *call) *APIError {
	return writePathPage(c, "Users", &c.s.st.Users, func(u *user) { c.s.writeUser(c.w, "member", u, false) })
}

func updateUser(c *call) *APIError {
	u, err := c.user("UserName")
	if err != nil {
		return err
	}
	name, path, err := renameParams(c.p, "NewUserName", maxUserName, u.Name, u.Path)
	if err != nil {
		return err
	}
	if !c.s.st.Users.rename(u.Name, name, u) {
		return alreadyExists("User", name)
	}
	u.Name, u.Path = name, path
	return nil
}

func deleteUser(c *call) *APIError {
	u, err := c.user("UserName")
	if err != nil {
		return err
	}
	switch {
	case len(u.Keys) > 0:
		return deleteConflict("Cannot delete entity, must delete access keys first.")
	case len(u.Inline) > 0:
		return deleteConflict("Cannot delete entity, must delete policies first.")
	case len(u.Attached) > 0:
		return deleteConflict("Cannot delete entity, must detach all policies first.")
	case len(u.Groups) > 0:
		return deleteConflict("Cannot delete entity, must remove users from group first.")
	case u.Login != nil:
		return deleteConflict("Cannot delete entity, must delete login profile first.")
	case len(u.MFA) > 0:
		return deleteConflict("Cannot delete entity, must delete MFA device first.")
	case len(u.SigningCerts) > 0:
		return deleteConflict("Cannot delete entity, must delete signing certificates first.")
	case len(u.SSHKeys) > 0:
		return deleteConflict("Cannot delete entity, must delete SSH public keys first.")
	case len(u.ServiceCreds) > 0:
		return deleteConflict("Cannot delete entity, must delete service specific credentials first.")
	}
	c.s.releaseBoundary(u.Boundary)
	c.s.st.Users.del(u.Name)
	delete(c.s.st.usersByID, u.ID)
	return nil
}
