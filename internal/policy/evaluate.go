package policy

import (
	"strings"
)

// Decision is the outcome of evaluating a request, named as IAM's
// simulator names it in EvalDecision. The zero value is ImplicitDeny, so
// an unset Decision never grants.
type Decision int

// Decisions.
const (
	// ImplicitDeny: no statement allowed the request.
	ImplicitDeny Decision = iota
	// Allowed: some statement allowed it and none denied it.
	Allowed
	// ExplicitDeny: a Deny statement applied; it wins over any Allow.
	ExplicitDeny
)

// String returns "implicitDeny", "allowed" or "explicitDeny".
func (d Decision) String() string {
	switch d {
	case Allowed:
		return "allowed"
	case ExplicitDeny:
		return "explicitDeny"
	default:
		return "implicitDeny"
	}
}

// Request is what is being authorized.
type Request struct {
	// Action is the action, "service:Name", matched case-insensitively.
	Action string
	// Resource is the resource ARN; empty means "*" (actions that take no
	// resource), which only Resource "*" matches.
	Resource string
	// Principal is the caller's ARN (or account ID, or service name) for
	// resource-based and trust policies; PrincipalType is its Principal
	// type, "AWS" when empty. Identity policies ignore both.
	Principal     string
	PrincipalType string
	// Context holds the condition keys and their values, e.g.
	// "aws:username", "aws:CurrentTime", "aws:SourceIp",
	// "aws:SecureTransport". Keys are matched case-insensitively. Policy
	// variables such as ${aws:username} are filled from here too. A key
	// with an empty value list counts as absent.
	// Evaluation never reads the clock: put aws:CurrentTime here.
	Context map[string][]string
}

// lookup finds a context key, trying the exact spelling first so the common
// case is one map access, then any spelling.
func (r *Request) lookup(key string) ([]string, bool) {
	if v, ok := r.Context[key]; ok {
		return v, len(v) > 0
	}
	for k, v := range r.Context {
		if strings.EqualFold(k, key) {
			return v, len(v) > 0
		}
	}
	return nil, false
}

// MatchedStatement identifies a statement that decided the result.
type MatchedStatement struct {
	// PolicyID is the Policy's ID.
	PolicyID string
	// Index is the zero-based statement index within the policy.
	Index int
	// Sid is the statement's Sid, if any.
	Sid string
	// Effect is "Allow" or "Deny".
	Effect string
	// Start and End locate the statement in the policy text Parse read;
	// both are zero for documents built in code.
	Start, End Position
}

// Result is the outcome of Evaluate.
type Result struct {
	// Decision is the outcome.
	Decision Decision
	// Matched lists the statements behind the decision: the Deny
	// statements that applied for ExplicitDeny, the Allow statements that
	// applied for Allowed, none for ImplicitDeny.
	Matched []MatchedStatement
	// MissingContextKeys lists condition keys and policy variables that
	// statements matching the action and resource needed but the request
	// context did not have, each once, as first written in a policy. IAM's
	// simulator reports these as MissingContextValues.
	MissingContextKeys []string
}

// Evaluate applies IAM's evaluation logic to the policies: an explicit Deny
// in any of them wins, then any Allow, otherwise the request is implicitly
// denied. It reports which statements decided and which context keys were
// missing; use Decide on hot paths that need only the decision.
func Evaluate(policies []*Policy, req Request) Result {
	var res Result
	var allows []MatchedStatement
	ev := evaluator{req: &req, missing: &res.MissingContextKeys}
	for _, p := range policies {
		if p == nil {
			continue
		}
		for i := range p.stmts {
			s := &p.stmts[i]
			if !ev.applies(s) {
				continue
			}
			m := MatchedStatement{PolicyID: p.ID, Index: s.index, Sid: s.sid, Effect: "Allow", Start: s.pos.start, End: s.pos.end}
			if s.deny {
				m.Effect = "Deny"
				res.Matched = append(res.Matched, m)
			} else if res.Decision != ExplicitDeny {
				allows = append(allows, m)
			}
			if s.deny {
				res.Decision = ExplicitDeny
			}
		}
	}
	if res.Decision != ExplicitDeny && len(allows) > 0 {
		res.Decision, res.Matched = Allowed, allows
	}
	return res
}

// Decide is Evaluate without the report: it stops at the first Deny that
// applies and does not allocate for policies without variables.
func Decide(policies []*Policy, req Request) Decision {
	ev := evaluator{req: &req}
	d := ImplicitDeny
	for _, p := range policies {
		if p == nil {
			continue
		}
		for i := range p.stmts {
			s := &p.stmts[i]
			if (s.deny || d != Allowed) && ev.applies(s) {
				if s.deny {
					return ExplicitDeny
				}
				d = Allowed
			}
		}
	}
	return d
}

// evaluator evaluates statements against one request.
type evaluator struct {
	req *Request
	// missing, when set, collects context keys the request lacked.
	missing *[]string
}

// outcome is a three-valued truth: a statement or condition may be
// indeterminate when it uses an operator this package does not know or a
// variable the request cannot fill.
type outcome uint8

const (
	outFalse outcome = iota
	outTrue
	outUnknown
)

// applies decides whether a statement applies to the request. The rule for
// what cannot be evaluated is fail closed: an indeterminate Allow does not
// apply (it grants nothing), an indeterminate Deny does apply. IAM
// documents that an unresolvable variable can make a whole statement
// invalid; treating it so never widens access.
func (ev *evaluator) applies(s *cStatement) bool {
	if !s.deny && !s.allow {
		return false
	}
	out := ev.matches(s)
	if out == outUnknown {
		return s.deny
	}
	return out == outTrue
}

// matches checks action, resource, principal and conditions, in the order
// cheapest and most selective first.
func (ev *evaluator) matches(s *cStatement) outcome {
	if !ev.actionMatches(s) {
		return outFalse
	}
	r := ev.resourceMatches(s)
	if r == outFalse {
		return outFalse
	}
	if s.principalSet && !ev.principalMatches(s) {
		return outFalse
	}
	c := ev.conditions(s)
	if c == outFalse {
		return outFalse
	}
	if r == outUnknown || c == outUnknown {
		return outUnknown
	}
	return outTrue
}

func (ev *evaluator) actionMatches(s *cStatement) bool {
	found := false
	for i := range s.actions {
		if m, _ := s.actions[i].match(ev.req.Action, true, nil); m {
			found = true
			break
		}
	}
	return found != s.notAction
}

func (ev *evaluator) resourceMatches(s *cStatement) outcome {
	if s.anyResource {
		return outTrue
	}
	res := ev.req.Resource
	if res == "" {
		res = "*"
	}
	found, unknown := false, false
	for i := range s.resources {
		m, ok := s.resources[i].match(res, ev.lookup)
		if !ok {
			unknown = true
			continue
		}
		if m {
			found = true
			break
		}
	}
	switch {
	case found:
		if s.notResource {
			return outFalse
		}
		return outTrue
	case unknown:
		return outUnknown
	case s.notResource:
		return outTrue
	default:
		return outFalse
	}
}

// match matches a request resource; ok is false when a variable could not
// be resolved.
func (rp *resourcePattern) match(res string, lookup lookupFunc) (matched, ok bool) {
	if rp.parts != nil {
		if parts, isARN := splitARNFixed(res); isARN {
			return matchParts(rp.parts, &parts, lookup)
		}
	}
	return rp.whole.match(res, false, lookup)
}

// matchParts matches ARN components one by one, case-sensitively.
func matchParts(pats []pattern, parts *[6]string, lookup lookupFunc) (matched, ok bool) {
	for i := range pats {
		m, ok := pats[i].match(parts[i], false, lookup)
		if !ok {
			return false, false
		}
		if !m {
			return false, true
		}
	}
	return true, true
}

func (ev *evaluator) principalMatches(s *cStatement) bool {
	typ := ev.req.PrincipalType
	if typ == "" {
		typ = "AWS"
	}
	found := false
	for _, p := range s.principals {
		if p.wildcard && (p.typ == "" || p.typ == typ) {
			found = true
			break
		}
		if p.typ != typ || ev.req.Principal == "" {
			continue
		}
		for _, id := range p.ids {
			if principalIDMatches(id, ev.req.Principal, typ) {
				found = true
				break
			}
		}
	}
	return found != s.notPrincipal
}

// principalIDMatches compares one Principal ID with the caller. A bare
// account ID (or its root ARN) stands for the whole account, as IAM reads
// it, so it matches every principal of that account.
func principalIDMatches(id, caller, typ string) bool {
	if id == caller {
		return true
	}
	if typ != "AWS" {
		return typ == "Service" && strings.EqualFold(id, caller)
	}
	account := id
	if parts, ok := splitARNFixed(id); ok {
		if parts[5] != "root" {
			return false
		}
		account = parts[4]
	}
	if !isAllDigits(account) {
		return false
	}
	if caller == account {
		return true
	}
	cp, ok := splitARNFixed(caller)
	return ok && cp[4] == account
}

func isAllDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// lookup resolves a context key for variables, noting it when missing.
func (ev *evaluator) lookup(key string) ([]string, bool) {
	v, ok := ev.req.lookup(key)
	if !ok {
		ev.noteMissing(key)
	}
	return v, ok
}

// noteMissing records a missing key once.
func (ev *evaluator) noteMissing(key string) {
	if ev.missing == nil || key == "" {
		return
	}
	for _, k := range *ev.missing {
		if strings.EqualFold(k, key) {
			return
		}
	}
	*ev.missing = append(*ev.missing, key)
}
