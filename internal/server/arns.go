package server

// ARNs of the account's resources, in the forms of the IAM service
// authorization reference: arn:aws:iam::ACCOUNT:TYPE/PATH/NAME, where the
// path starts and ends with '/'.

// pathed is an entity named by a path and a name: a user, group, role,
// instance profile or server certificate.
type pathed interface{ pathName() (path, name string) }

func (u *user) pathName() (string, string)             { return u.Path, u.Name }
func (g *group) pathName() (string, string)            { return g.Path, g.Name }
func (r *role) pathName() (string, string)             { return r.Path, r.Name }
func (ip *instanceProfile) pathName() (string, string) { return ip.Path, ip.Name }
func (sc *serverCert) pathName() (string, string)      { return sc.Path, sc.Name }

func (s *Server) arn(kind, path, name string) string {
	return "arn:aws:iam::" + s.account + ":" + kind + path + name
}

func (s *Server) userArn(u *user) string   { return s.arn("user", u.Path, u.Name) }
func (s *Server) groupArn(g *group) string { return s.arn("group", g.Path, g.Name) }
func (s *Server) roleArn(r *role) string   { return s.arn("role", r.Path, r.Name) }
func (s *Server) profileArn(ip *instanceProfile) string {
	return s.arn("instance-profile", ip.Path, ip.Name)
}
func (s *Server) serverCertArn(sc *serverCert) string {
	return s.arn("server-certificate", sc.Path, sc.Name)
}
func (s *Server) policyArn(path, name string) string { return s.arn("policy", path, name) }
func (s *Server) mfaArn(path, name string) string    { return s.arn("mfa", path, name) }

// Resource functions for the dispatch table. A named entity that does not
// exist yet (CreateUser) or at all is given path "/" or the requested
// Path, so authorization can still decide on it.

// resUser names the user in param, or the caller when param is absent
// (actions such as GetUser and ListAccessKeys default to the caller).
func resUser(param string) resourceFunc {
	named := resNamed("user", param, func(st *state) *coll[*user] { return &st.Users })
	return func(c *call) string {
		if c.p.str(param) == "" {
			return c.who.arn
		}
		return named(c)
	}
}

func resGroup(param string) resourceFunc {
	return resNamed("group", param, func(st *state) *coll[*group] { return &st.Groups })
}

func resRole(param string) resourceFunc {
	return resNamed("role", param, func(st *state) *coll[*role] { return &st.Roles })
}

func resProfile(param string) resourceFunc {
	return resNamed("instance-profile", param, func(st *state) *coll[*instanceProfile] { return &st.InstanceProfiles })
}

func resServerCert(param string) resourceFunc {
	return resNamed("server-certificate", param, func(st *state) *coll[*serverCert] { return &st.ServerCerts })
}

// resNamed names the entity of all called param, as stored, or the one
// the request would create when there is none.
func resNamed[T pathed](arnType, param string, all func(*state) *coll[T]) resourceFunc {
	return func(c *call) string {
		name, path := c.p.str(param), pathOr(c.p.str("Path"))
		if e, ok := all(c.s.st).get(name); ok {
			path, name = e.pathName()
		}
		return c.s.arn(arnType, path, name)
	}
}

// resRenamed names the entity of all called param as an Update action
// would leave it: newName (the new name parameter) and NewPath, each
// defaulting to the current one. It returns "" when the request changes
// neither, or names no stored entity (the action then answers
// NoSuchEntity or ValidationError).
func resRenamed[T pathed](arnType, param, newName string, all func(*state) *coll[T]) resourceFunc {
	return func(c *call) string {
		if !c.p.has(newName) && !c.p.has("NewPath") {
			return ""
		}
		e, ok := all(c.s.st).get(c.p.str(param))
		if !ok {
			return ""
		}
		path, name := e.pathName()
		if c.p.has(newName) {
			name = c.p.str(newName)
		}
		if c.p.has("NewPath") {
			path = c.p.str("NewPath")
		}
		return c.s.arn(arnType, path, name)
	}
}

// resPolicyArn names the managed policy given by ARN in param.
func resPolicyArn(param string) resourceFunc {
	return func(c *call) string { return c.p.str(param) }
}

// resPolicyName names a managed policy about to be created.
func resPolicyName(c *call) string {
	return c.s.policyArn(pathOr(c.p.str("Path")), c.p.str("PolicyName"))
}

// resMFA names a virtual MFA device by serial number (an ARN) or, for
// CreateVirtualMFADevice, by name.
func resMFA(c *call) string {
	if sn := c.p.str("SerialNumber"); sn != "" {
		return sn
	}
	return c.s.mfaArn(pathOr(c.p.str("Path")), c.p.str("VirtualMFADeviceName"))
}

func pathOr(p string) string {
	if p == "" {
		return "/"
	}
	return p
}
