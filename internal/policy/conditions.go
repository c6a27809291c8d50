package policy

import (
	"encoding/base64"
	"strings"
)

// conditions evaluates every condition of a statement: all must hold. With
// Kleene's three-valued AND a false condition decides even next to one that
// cannot be evaluated, so an unknown operator only matters when the rest of
// the statement would apply.
func (ev *evaluator) conditions(s *cStatement) outcome {
	out := outTrue
	for i := range s.conds {
		c := ev.condition(&s.conds[i])
		if c == outFalse && ev.missing == nil {
			// Deciding only: nothing more to learn.
			return outFalse
		}
		out = and3(out, c)
	}
	return out
}

// condition evaluates one key under one operator.
func (ev *evaluator) condition(c *cCondition) outcome {
	if !c.known {
		return outUnknown
	}
	vals, present := ev.req.lookup(c.key)
	if !present {
		ev.noteMissing(c.key)
	}
	op := &c.op
	if op.family == famNull {
		return ev.null(c, present)
	}
	if !present {
		// IAM: IfExists makes a missing key pass; ForAllValues is vacuously
		// true over no values; ForAnyValue has nothing to match; a plain
		// negated operator ("no value equals") holds, a plain positive one
		// does not.
		switch {
		case op.ifExists, op.qual == qualAllValues:
			return outTrue
		case op.qual == qualAnyValue:
			return outFalse
		case op.negated:
			return outTrue
		default:
			return outFalse
		}
	}
	switch op.qual {
	case qualAllValues:
		out := outTrue
		for _, r := range vals {
			m := ev.anyValueMatches(c, r)
			if op.negated {
				m = not3(m)
			}
			out = and3(out, m)
		}
		return out
	case qualAnyValue:
		out := outFalse
		for _, r := range vals {
			m := ev.anyValueMatches(c, r)
			if op.negated {
				m = not3(m)
			}
			out = or3(out, m)
		}
		return out
	default:
		out := outFalse
		for _, r := range vals {
			out = or3(out, ev.anyValueMatches(c, r))
		}
		if op.negated {
			out = not3(out)
		}
		return out
	}
}

// null implements the Null operator: "true" holds when the key is absent,
// "false" when it is present; several values are ORed.
func (ev *evaluator) null(c *cCondition, present bool) outcome {
	out := outFalse
	for i := range c.values {
		v := &c.values[i]
		want, ok := v.b, !v.bad
		if v.pat.vars {
			var text string
			if text, ok = v.pat.literal(ev.lookup); ok {
				want, ok = parseBool(text)
			}
		}
		if !ok {
			out = or3(out, outUnknown)
			continue
		}
		if want != present {
			return outTrue
		}
	}
	return out
}

// anyValueMatches reports whether request value r passes the positive test
// against at least one policy value.
func (ev *evaluator) anyValueMatches(c *cCondition, r string) outcome {
	out := outFalse
	for i := range c.values {
		m := ev.valueMatches(&c.op, &c.values[i], r)
		if m == outTrue {
			return outTrue
		}
		out = or3(out, m)
	}
	return out
}

// valueMatches applies the operator's positive test to one request value
// and one policy value. A policy value that does not parse, or whose
// variable cannot be filled, is unknown; a request value that does not
// parse simply does not match.
func (ev *evaluator) valueMatches(op *operator, v *cValue, r string) outcome {
	switch op.family {
	case famString:
		if op.compare == cmpLike {
			m, ok := v.pat.match(r, false, ev.lookup)
			return outcomeOf(m, ok)
		}
		lit, ok := v.pat.literal(ev.lookup)
		if !ok {
			return outUnknown
		}
		if op.compare == cmpEqualsFold {
			return boolOutcome(strings.EqualFold(lit, r))
		}
		return boolOutcome(lit == r)
	case famArn:
		if v.arn != nil {
			parts, isARN := splitARNFixed(r)
			if !isARN {
				return outFalse
			}
			m, ok := matchParts(v.arn, &parts, ev.lookup)
			return outcomeOf(m, ok)
		}
		// A pattern that is not ARN-shaped matches nothing, except the bare
		// "*" that means any value.
		return boolOutcome(v.pat.raw == "*")
	}

	tv := v
	if v.pat.vars {
		text, ok := v.pat.literal(ev.lookup)
		if !ok {
			return outUnknown
		}
		resolved := cValue{}
		resolved.parseTyped(op.family, text)
		tv = &resolved
	}
	if tv.bad {
		return outUnknown
	}
	switch op.family {
	case famNumeric:
		n, ok := parseNumber(r)
		if !ok {
			return outFalse
		}
		return boolOutcome(ordered(op.compare, cmpFloat(n, tv.num)))
	case famDate:
		t, ok := parseDate(r)
		if !ok {
			return outFalse
		}
		return boolOutcome(ordered(op.compare, t.Compare(tv.tm)))
	case famBool:
		b, ok := parseBool(r)
		return boolOutcome(ok && b == tv.b)
	case famIP:
		a, ok := parseAddr(r)
		return boolOutcome(ok && tv.pfx.Contains(a))
	case famBinary:
		b, err := base64.StdEncoding.DecodeString(r)
		return boolOutcome(err == nil && string(b) == tv.bin)
	}
	return outUnknown
}

// ordered applies an ordering comparison to the sign of request - policy.
func ordered(c compare, sign int) bool {
	switch c {
	case cmpEquals:
		return sign == 0
	case cmpLess:
		return sign < 0
	case cmpLessEq:
		return sign <= 0
	case cmpGreater:
		return sign > 0
	case cmpGreaterEq:
		return sign >= 0
	}
	return false
}

func cmpFloat(a, b float64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

func boolOutcome(b bool) outcome {
	if b {
		return outTrue
	}
	return outFalse
}

// outcomeOf turns a match that may have failed to resolve into an outcome.
func outcomeOf(matched, ok bool) outcome {
	if !ok {
		return outUnknown
	}
	return boolOutcome(matched)
}

func and3(a, b outcome) outcome {
	switch {
	case a == outFalse || b == outFalse:
		return outFalse
	case a == outUnknown || b == outUnknown:
		return outUnknown
	}
	return outTrue
}

func or3(a, b outcome) outcome {
	switch {
	case a == outTrue || b == outTrue:
		return outTrue
	case a == outUnknown || b == outUnknown:
		return outUnknown
	}
	return outFalse
}

func not3(a outcome) outcome {
	switch a {
	case outTrue:
		return outFalse
	case outFalse:
		return outTrue
	}
	return outUnknown
}
