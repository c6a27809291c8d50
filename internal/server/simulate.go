package server

import (
	"strconv"
	"strings"

	"github.com/iamkit/iam/internal/policy"
)

// The policy simulator: the same evaluator that authorizes requests,
// answering for a list of actions and resources.

func init() {
	register("SimulatePrincipalPolicy", false, resPolicySource, simulatePrincipalPolicy)
	register("SimulateCustomPolicy", false, nil, simulateCustomPolicy)
}

func resPolicySource(c *call) string { return c.p.str("PolicySourceArn") }

// simPolicy is one policy in a simulation with what MatchedStatements
// reports about it.
type simPolicy struct {
	compiled *policy.Policy
	src      policySource
}

// simInput reads a PolicyInputList-style parameter.
func simInput(c *call, name string) ([]simPolicy, *APIError) {
	var out []simPolicy
	for i, doc := range c.p.list(name) {
		if err := checkPolicyDoc(doc, policy.KindManaged); err != nil && err.Code == CodeMalformedPolicyDocument {
			return nil, err
		}
		id := name + "." + strconv.Itoa(i+1)
		out = append(out, simPolicy{compiled: compile(id, doc), src: policySource{id: id, typ: "none"}})
	}
	return out, nil
}

// simContext reads ContextEntries.member.N.{ContextKeyName,
// ContextKeyValues.member.M, ContextKeyType}.
func simContext(c *call) (map[string][]string, *APIError) {
	ctx := map[string][]string{}
	for i := 1; ; i++ {
		pre := "ContextEntries.member." + strconv.Itoa(i)
		key, ok := c.p[pre+".ContextKeyName"]
		if !ok {
			break
		}
		if typ := c.p.str(pre + ".ContextKeyType"); typ != "" {
			if err := checkEnum("contextEntries."+strconv.Itoa(i)+".member.contextKeyType", typ, "string", "stringList",
				"numeric", "numericList", "boolean", "booleanList", "ip", "ipList", "binary", "binaryList", "date", "dateList"); err != nil {
				return nil, err
			}
		}
		ctx[key[0]] = append(ctx[key[0]], c.p.list(pre+".ContextKeyValues")...)
	}
	return ctx, nil
}

func simulatePrincipalPolicy(c *call) *APIError {
	arn, err := arnParam(c.p, "PolicySourceArn")
	if err != nil {
		return err
	}
	var ps []simPolicy
	var boundary string
	ctx, err := simContext(c)
	if err != nil {
		return err
	}
	add := func(compiled []*policy.Policy, src []policySource) {
		for i := range compiled {
			ps = append(ps, simPolicy{compiled: compiled[i], src: src[i]})
		}
	}
	u, g, r, err := c.s.policySource(arn)
	if err != nil {
		return err
	}
	switch {
	case u != nil:
		compiled, src := c.s.userPolicies(u)
		add(compiled, src)
		boundary = u.Boundary
		setIfAbsent(ctx, "aws:username", u.Name)
		setIfAbsent(ctx, "aws:userid", u.ID)
	case g != nil:
		for _, n := range sortedKeys(g.Inline) {
			ps = append(ps, simPolicy{compiled: compile(n, g.Inline[n]), src: policySource{id: n, typ: "group"}})
		}
		for _, a := range g.Attached {
			if mp, _ := c.s.policyByArn(a); mp != nil {
				ps = append(ps, simPolicy{compiled: compile(a, mp.defaultDoc()), src: policySource{id: a, typ: "IAM Policy"}})
			}
		}
	case r != nil:
		compiled, src := c.s.rolePolicies(r)
		add(compiled, src)
		boundary = r.Boundary
	}
	extra, err := simInput(c, "PolicyInputList")
	if err != nil {
		return err
	}
	ps = append(ps, extra...)
	bounds, err := simInput(c, "PermissionsBoundaryPolicyInputList")
	if err != nil {
		return err
	}
	if boundary != "" && len(bounds) == 0 {
		if mp, _ := c.s.policyByArn(boundary); mp != nil {
			bounds = []simPolicy{{compiled: compile(boundary, mp.defaultDoc()), src: policySource{id: boundary, typ: "IAM Policy"}}}
		}
	}
	return c.simulate(ps, bounds, nil, ctx)
}

func setIfAbsent(ctx map[string][]string, k, v string) {
	if _, ok := ctx[k]; !ok {
		ctx[k] = []string{v}
	}
}

// policySource finds the user, group or role of this account whose ARN is
// arn, the PolicySourceArn of the simulation and context-key actions.
// Exactly one of the three is set when the error is nil.
func (s *Server) policySource(arn string) (*user, *group, *role, *APIError) {
	kind, name := splitEntityArn(s.account, arn)
	switch kind {
	case "user":
		if u, ok := s.st.Users.get(name); ok && s.userArn(u) == arn {
			return u, nil, nil, nil
		}
	case "group":
		if g, ok := s.st.Groups.get(name); ok && s.groupArn(g) == arn {
			return nil, g, nil, nil
		}
	case "role":
		if r, ok := s.st.Roles.get(name); ok && s.roleArn(r) == arn {
			return nil, nil, r, nil
		}
	default:
		return nil, nil, nil, errf(CodeInvalidInput, "PolicySourceArn %s is not the ARN of a user, group or role of this account.", arn)
	}
	return nil, nil, nil, errf(CodeNoSuchEntity, "The %s with ARN %s cannot be found.", kind, arn)
}

// splitEntityArn returns the type and name of arn:aws:iam::ACCOUNT:type/path/name.
func splitEntityArn(account, arn string) (kind, name string) {
	pre := "arn:aws:iam::" + account + ":"
	if !strings.HasPrefix(arn, pre) {
		return "", ""
	}
	rest := arn[len(pre):]
	slash := strings.IndexByte(rest, '/')
	if slash < 0 {
		return "", ""
	}
	return rest[:slash], rest[strings.LastIndexByte(rest, '/')+1:]
}

func simulateCustomPolicy(c *call) *APIError {
	ps, err := simInput(c, "PolicyInputList")
	if err != nil {
		return err
	}
	if len(ps) == 0 {
		return missingParam("PolicyInputList")
	}
	bounds, err := simInput(c, "PermissionsBoundaryPolicyInputList")
	if err != nil {
		return err
	}
	ctx, err := simContext(c)
	if err != nil {
		return err
	}
	var resource *simPolicy
	if doc := c.p.str("ResourcePolicy"); doc != "" {
		if err := checkPolicyDoc(doc, policy.KindResource); err != nil && err.Code == CodeMalformedPolicyDocument {
			return err
		}
		resource = &simPolicy{compiled: compile("ResourcePolicy", doc), src: policySource{id: "ResourcePolicy", typ: "resource"}}
	}
	return c.simulate(ps, bounds, resource, ctx)
}

// simulate evaluates every action on every resource and writes
// EvaluationResults, paged.
func (c *call) simulate(ps, bounds []simPolicy, resource *simPolicy, ctx map[string][]string) *APIError {
	actions := c.p.list("ActionNames")
	if len(actions) == 0 {
		return missingParam("ActionNames")
	}
	resources := c.p.list("ResourceArns")
	if len(resources) == 0 {
		resources = []string{"*"}
	}
	pg, err := c.p.paging()
	if err != nil {
		return err
	}
	caller := c.p.str("CallerArn")
	if caller == "" {
		caller = c.p.str("PolicySourceArn")
	}
	compiled := make([]*policy.Policy, len(ps))
	byID := map[string]simPolicy{}
	for i, p := range ps {
		compiled[i] = p.compiled
		byID[p.src.id] = p
	}
	// The (action, resource) pairs are numbered, not built: a request of a
	// few thousand actions and resources names millions of pairs, and only
	// one page of them is evaluated.
	idx, next, more := pageIndexes(len(actions)*len(resources), pg.marker, pg.max)
	c.w.open("EvaluationResults")
	for _, i := range idx {
		pr := struct{ action, resource string }{actions[i/len(resources)], resources[i%len(resources)]}
		res := pr.resource
		if res == "*" {
			res = ""
		}
		req := policy.Request{Action: pr.action, Resource: res, Context: ctx, Principal: caller}
		out := policy.Evaluate(compiled, req)
		if resource != nil && out.Decision != policy.ExplicitDeny {
			ro := policy.Evaluate([]*policy.Policy{resource.compiled}, req)
			byID[resource.src.id] = *resource
			if ro.Decision != policy.ImplicitDeny {
				if ro.Decision == policy.ExplicitDeny || out.Decision == policy.ImplicitDeny {
					out.Matched = ro.Matched
				} else {
					out.Matched = append(out.Matched, ro.Matched...)
				}
				out.Decision = ro.Decision
			}
			out.MissingContextKeys = append(out.MissingContextKeys, ro.MissingContextKeys...)
		}
		if out.Decision == policy.Allowed && len(bounds) > 0 {
			bc := make([]*policy.Policy, len(bounds))
			for i, b := range bounds {
				bc[i] = b.compiled
				byID[b.src.id] = b
			}
			if bd := policy.Evaluate(bc, req); bd.Decision != policy.Allowed {
				out.Decision = bd.Decision
				out.Matched = bd.Matched
			}
		}
		c.w.open("member")
		c.w.elem("EvalActionName", pr.action)
		c.w.elem("EvalResourceName", pr.resource)
		c.w.elem("EvalDecision", out.Decision.String())
		c.w.open("MatchedStatements")
		for _, m := range out.Matched {
			sp := byID[m.PolicyID]
			c.w.open("member")
			c.w.elem("SourcePolicyId", m.PolicyID)
			c.w.elem("SourcePolicyType", sp.src.typ)
			writePosition(c.w, "StartPosition", m.Start)
			writePosition(c.w, "EndPosition", m.End)
			c.w.close("member")
		}
		c.w.close("MatchedStatements")
		c.w.open("MissingContextValues")
		for _, k := range out.MissingContextKeys {
			c.w.elem("member", k)
		}
		c.w.close("MissingContextValues")
		c.w.close("member")
	}
	c.w.close("EvaluationResults")
	writePage(c.w, next, more)
	return nil
}

// writePosition writes a statement position; documents always come from
// text here, so positions are known (1:1 would mark one that is not).
func writePosition(w *xmlw, elem string, p policy.Position) {
	w.open(elem)
	w.int("Line", max(p.Line, 1))
	w.int("Column", max(p.Column, 1))
	w.close(elem)
}
