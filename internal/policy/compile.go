package policy

import (
	"net/netip"
	"strings"
	"time"
)

// Policy is a Document compiled for evaluation, with the ID under which
// matched statements are reported (a policy name or ARN). It is immutable
// and safe for concurrent use: compile a document once when it is stored
// and evaluate it on every request.
type Policy struct {
	// ID names the policy in Result.Matched.
	ID    string
	stmts []cStatement
}

// cStatement is a compiled statement.
type cStatement struct {
	index int
	sid   string
	pos   span
	deny  bool
	// allow is true only for Effect exactly "Allow". A malformed Effect
	// never grants; one that spells Deny in another case still denies.
	allow bool

	actions   []pattern
	notAction bool
	// anyResource is true when the statement names no Resource or
	// NotResource (trust policies): the resource is implied.
	anyResource bool
	resources   []resourcePattern
	notResource bool

	principals   []cPrincipal
	principalSet bool
	notPrincipal bool

	conds []cCondition
}

// resourcePattern matches a resource ARN, component by component when the
// pattern is ARN-shaped so that a wildcard in one component cannot run into
// the next one.
type resourcePattern struct {
	whole pattern
	parts []pattern // six parts, or nil to match whole
}

// cPrincipal is one principal type and its IDs.
type cPrincipal struct {
	wildcard bool
	typ      string
	ids      []string
}

// cCondition is one condition key under one operator.
type cCondition struct {
	op operator
	// known is false for an operator this package does not implement; see
	// the fail-closed rule in evaluate.go.
	known  bool
	key    string
	values []cValue
}

// cValue is one condition value, pre-parsed for its operator's family when
// it holds no variable.
type cValue struct {
	pat    pattern // the text, with wildcards for Like operators
	arn    []pattern
	parsed bool // the typed fields below are valid
	bad    bool // the text does not parse for the family
	num    float64
	tm     time.Time
	pfx    netip.Prefix
	b      bool
	bin    string
}

// Compile compiles doc for evaluation. Compile does not validate: a
// statement the evaluator cannot make sense of never grants access, and a
// Deny it cannot make sense of still denies. Later changes to doc do not
// affect the returned Policy.
func Compile(id string, doc *Document) *Policy {
	vars := doc.Version == Version2012
	p := &Policy{ID: id, stmts: make([]cStatement, len(doc.Statement))}
	for i := range doc.Statement {
		p.stmts[i] = compileStatement(i, &doc.Statement[i], vars)
		if i < len(doc.spans) {
			p.stmts[i].pos = doc.spans[i]
		}
	}
	return p
}

func compileStatement(i int, s *Statement, vars bool) cStatement {
	cs := cStatement{
		index: i,
		sid:   s.Sid,
		deny:  strings.EqualFold(s.Effect, EffectDeny),
		allow: s.Effect == EffectAllow,
	}
	acts := s.Action
	if acts.IsZero() {
		acts, cs.notAction = s.NotAction, !s.NotAction.IsZero()
	}
	for _, a := range acts.Values {
		// Actions never hold variables; they match case-insensitively.
		cs.actions = append(cs.actions, compilePattern(a, true, false))
	}
	res := s.Resource
	switch {
	case !s.Resource.IsZero():
	case !s.NotResource.IsZero():
		res, cs.notResource = s.NotResource, true
	default:
		cs.anyResource = true
	}
	for _, r := range res.Values {
		cs.resources = append(cs.resources, compileResource(r, vars))
	}
	pr := s.Principal
	if pr.IsZero() && !s.NotPrincipal.IsZero() {
		pr, cs.notPrincipal = s.NotPrincipal, true
	}
	if !pr.IsZero() {
		cs.principalSet = true
		if pr.Wildcard {
			cs.principals = []cPrincipal{{wildcard: true}}
		}
		for _, e := range pr.Entries {
			cp := cPrincipal{typ: e.Type, ids: e.IDs.Values}
			for _, id := range e.IDs.Values {
				if id == "*" {
					cp.wildcard = true
				}
			}
			cs.principals = append(cs.principals, cp)
		}
	}
	for _, b := range s.Condition {
		op, known := parseOperator(b.Operator)
		for _, e := range b.Entries {
			cc := cCondition{op: op, known: known, key: e.Key}
			if known {
				for _, v := range e.Values.Values {
					cc.values = append(cc.values, compileValue(op, v, vars))
				}
			}
			cs.conds = append(cs.conds, cc)
		}
		if len(b.Entries) == 0 && !known {
			// An unknown operator with no keys still makes the statement
			// one we cannot evaluate.
			cs.conds = append(cs.conds, cCondition{known: false})
		}
	}
	return cs
}

func compileResource(r string, vars bool) resourcePattern {
	rp := resourcePattern{whole: compilePattern(r, true, vars)}
	if strings.HasPrefix(r, "arn:") {
		if parts := splitARN(r); len(parts) == 6 {
			rp.parts = make([]pattern, 6)
			for i, part := range parts {
				rp.parts[i] = compilePattern(part, true, vars)
			}
		}
	}
	return rp
}

func compileValue(op operator, v string, vars bool) cValue {
	wild := op.compare == cmpLike
	cv := cValue{pat: compilePattern(v, wild, vars)}
	if op.family == famArn {
		if parts := splitARN(v); len(parts) == 6 {
			cv.arn = make([]pattern, 6)
			for i, part := range parts {
				cv.arn[i] = compilePattern(part, true, vars)
			}
		}
	}
	if !cv.pat.vars {
		cv.parseTyped(op.family, v)
	}
	return cv
}

// parseTyped fills the typed field for the family from text.
func (cv *cValue) parseTyped(f family, text string) {
	cv.parsed = true
	ok := true
	switch f {
	case famNumeric:
		cv.num, ok = parseNumber(text)
	case famDate:
		cv.tm, ok = parseDate(text)
	case famBool, famNull:
		cv.b, ok = parseBool(text)
	case famIP:
		cv.pfx, ok = parsePrefix(text)
	case famBinary:
		var b []byte
		b, ok = decodeBinary(text)
		cv.bin = string(b)
	}
	cv.bad = !ok
}
