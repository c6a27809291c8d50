package server

// ARNs of the account's resources, in the forms of the IAM service
// authorization reference: arn:aws:iam::ACCOUNT:TYPE/PATH/NAME, where the
// path starts and ends with '/'.

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
	return func(c *call) string {
		name := c.p.str(param)
		if name == "" {
			return c.who.arn
		}
		if u, ok := c.s.st.Users.get(name); ok {
			return c.s.userArn(u)
		}
		return c.s.arn("user", pathOr(c.p.str("Path")), name)
	}
}

func resGroup(param string) resourceFunc {
	return func(c *call) string {
		name := c.p.str(param)
		if g, ok := c.s.st.Groups.get(name); ok {
			return c.s.groupArn(g)
		}
		return c.s.arn("group", pathOr(c.p.str("Path")), name)
	}
}

func resRole(param string) resourceFunc {
	return func(c *call) string {
		name := c.p.str(param)
		if r, ok := c.s.st.Roles.get(name); ok {
			return c.s.roleArn(r)
		}
		return c.s.arn("role", pathOr(c.p.str("Path")), name)
	}
}

func resProfile(param string) resourceFunc {
	return func(c *call) string {
		name := c.p.str(param)
		if ip, ok := c.s.st.InstanceProfiles.get(name); ok {
			return c.s.profileArn(ip)
		}
		return c.s.arn("instance-profile", pathOr(c.p.str("Path")), name)
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

func resServerCert(param string) resourceFunc {
	return func(c *call) string {
		name := c.p.str(param)
		if sc, ok := c.s.st.ServerCerts.get(name); ok {
			return c.s.serverCertArn(sc)
		}
		return c.s.arn("server-certificate", pathOr(c.p.str("Path")), name)
	}
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
