package server

import (
	"net"
	"strconv"
	"sync"

	"github.com/iamkit/iam/internal/policy"
)

// Authorization as IAM does it for identity-based policies: the caller's
// inline and attached policies and those of its groups are evaluated
// together (explicit Deny wins, then Allow, else implicit deny), and a
// permissions boundary, when set, must allow the request too.

// policySource describes where a compiled policy came from, for
// SimulatePrincipalPolicy's MatchedStatements.
type policySource struct {
	id  string // inline policy name or managed policy ARN
	typ string // "user", "group", "role", "IAM Policy", "none"
}

// compiled caches compiled documents: stored documents never change in
// place (a new version or Put replaces the string), so the document text
// is a sound key.
type compileCache struct {
	mu sync.Mutex
	m  map[string]*policy.Policy
}

var compiled = compileCache{m: make(map[string]*policy.Policy)}

// maxCompiled bounds the cache; fuzzing and long-running servers see many
// documents, and a miss only costs a parse.
const maxCompiled = 4096

// compile returns the compiled form of doc under id; a document that does
// not parse (stored before validation rules tightened, or hostile input to
// the simulator) compiles to nil, which grants nothing.
func compile(id, doc string) *policy.Policy {
	key := id + "\x00" + doc
	compiled.mu.Lock()
	p, ok := compiled.m[key]
	compiled.mu.Unlock()
	if ok {
		return p
	}
	d, err := policy.Parse([]byte(doc))
	if err == nil {
		p = policy.Compile(id, d)
	}
	compiled.mu.Lock()
	if len(compiled.m) >= maxCompiled {
		clear(compiled.m)
	}
	compiled.m[key] = p
	compiled.mu.Unlock()
	return p
}

// userPolicies gathers the identity-based policies of u: its inline and
// attached policies, then each group's.
func (s *Server) userPolicies(u *user) ([]*policy.Policy, []policySource) {
	var ps []*policy.Policy
	var src []policySource
	add := func(id, typ, doc string) {
		ps = append(ps, compile(id, doc))
		src = append(src, policySource{id: id, typ: typ})
	}
	addInline := func(m map[string]string, typ string) {
		for _, name := range sortedKeys(m) {
			add(name, typ, m[name])
		}
	}
	addAttached := func(arns []string) {
		for _, arn := range arns {
			if mp, _ := s.policyByArn(arn); mp != nil {
				add(arn, "IAM Policy", mp.defaultDoc())
			}
		}
	}
	addInline(u.Inline, "user")
	addAttached(u.Attached)
	for _, gid := range u.Groups {
		if g := s.st.groupsByID[gid]; g != nil {
			addInline(g.Inline, "group")
			addAttached(g.Attached)
		}
	}
	return ps, src
}

// rolePolicies gathers a role's inline and attached policies.
func (s *Server) rolePolicies(r *role) ([]*policy.Policy, []policySource) {
	var ps []*policy.Policy
	var src []policySource
	for _, name := range sortedKeys(r.Inline) {
		ps = append(ps, compile(name, r.Inline[name]))
		src = append(src, policySource{id: name, typ: "role"})
	}
	for _, arn := range r.Attached {
		if mp, _ := s.policyByArn(arn); mp != nil {
			ps = append(ps, compile(arn, mp.defaultDoc()))
			src = append(src, policySource{id: arn, typ: "IAM Policy"})
		}
	}
	return ps, src
}

// authorize checks a non-root caller's permission for the action: on its
// resource, and for a rename on the new name and path as well, as IAM
// requires permission on both the source and the target.
func (s *Server) authorize(c *call, act *action) *APIError {
	res := ""
	if act.resource != nil {
		res = act.resource(c)
	}
	if err := s.authorizeOn(c, res); err != nil {
		return err
	}
	if act.target != nil {
		if target := act.target(c); target != "" && target != res {
			return s.authorizeOn(c, target)
		}
	}
	return nil
}

// authorizeOn checks a non-root caller's permission for the action on
// the resource res ("" for "*").
func (s *Server) authorizeOn(c *call, res string) *APIError {
	u := c.who.user
	ctx := s.requestContext(c, u)
	s.addResourceTags(ctx, res)
	req := policy.Request{Action: "iam:" + c.action, Resource: res, Context: ctx}
	ps, _ := s.userPolicies(u)
	d := policy.Decide(ps, req)
	if d == policy.Allowed && u.Boundary != "" {
		d = s.boundaryDecision(u.Boundary, req)
	}
	if d == policy.Allowed {
		return nil
	}
	shown := res
	if shown == "" {
		shown = "*"
	}
	why := "because no identity-based policy allows the iam:" + c.action + " action"
	if d == policy.ExplicitDeny {
		why = "with an explicit deny in an identity-based policy"
	}
	return errf(CodeAccessDenied, "User: %s is not authorized to perform: iam:%s on resource: %s %s",
		c.who.arn, c.action, shown, why)
}

func (s *Server) boundaryDecision(arn string, req policy.Request) policy.Decision {
	mp, _ := s.policyByArn(arn)
	if mp == nil {
		return policy.ImplicitDeny
	}
	return policy.Decide([]*policy.Policy{compile(arn, mp.defaultDoc())}, req)
}

// requestContext builds the condition keys IAM sets for a request by an
// IAM user.
func (s *Server) requestContext(c *call, u *user) map[string][]string {
	ctx := map[string][]string{
		"aws:CurrentTime":      {c.now.UTC().Format("2006-01-02T15:04:05Z")},
		"aws:EpochTime":        {strconv.FormatInt(c.now.Unix(), 10)},
		"aws:SecureTransport":  {strconv.FormatBool(c.r != nil && c.r.TLS != nil)},
		"aws:PrincipalAccount": {s.account},
		"aws:PrincipalArn":     {c.who.arn},
	}
	if c.r != nil {
		if host, _, err := net.SplitHostPort(c.r.RemoteAddr); err == nil {
			ctx["aws:SourceIp"] = []string{host}
		}
	}
	if c.region != "" {
		ctx["aws:RequestedRegion"] = []string{c.region}
	}
	if u != nil {
		ctx["aws:username"] = []string{u.Name}
		ctx["aws:userid"] = []string{u.ID}
		ctx["aws:PrincipalType"] = []string{"User"}
		for _, t := range u.Tags {
			ctx["aws:PrincipalTag/"+t.Key] = []string{t.Value}
		}
	}
	if arn := c.p.str("PolicyArn"); arn != "" {
		ctx["iam:PolicyARN"] = []string{arn}
	} else if arn := c.p.str("PermissionsBoundary"); arn != "" {
		ctx["iam:PermissionsBoundary"] = []string{arn}
	}
	if tags, err := tagsParam(c.p); err == nil && len(tags) > 0 {
		keys := make([]string, len(tags))
		for i, t := range tags {
			keys[i] = t.Key
			ctx["aws:RequestTag/"+t.Key] = []string{t.Value}
		}
		ctx["aws:TagKeys"] = keys
	} else if keys := c.p.list("TagKeys"); len(keys) > 0 {
		ctx["aws:TagKeys"] = keys
	}
	return ctx
}

// addResourceTags sets iam:ResourceTag/KEY and aws:ResourceTag/KEY for
// a tagged user, role or customer managed policy named by the resource
// ARN, for attribute-based access control.
func (s *Server) addResourceTags(ctx map[string][]string, arn string) {
	var tags []tag
	switch kind, name := splitEntityArn(s.account, arn); kind {
	case "user":
		if u, ok := s.st.Users.get(name); ok && s.userArn(u) == arn {
			tags = u.Tags
		}
	case "role":
		if r, ok := s.st.Roles.get(name); ok && s.roleArn(r) == arn {
			tags = r.Tags
		}
	case "policy":
		if p, ok := s.st.Policies.get(name); ok && p.Arn == arn {
			tags = p.Tags
		}
	}
	for _, t := range tags {
		ctx["iam:ResourceTag/"+t.Key] = []string{t.Value}
		ctx["aws:ResourceTag/"+t.Key] = []string{t.Value}
	}
}
