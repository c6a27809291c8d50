package policy

import (
	"strings"
	"unicode/utf8"
)

// tokKind is the kind of one piece of a compiled pattern.
type tokKind uint8

const (
	tokLit   tokKind = iota // literal text
	tokStar                 // * : any run of characters, empty included
	tokQuest                // ? : exactly one character
	tokVar                  // ${key} or ${key, 'default'}: a context value, matched literally
)

// token is one piece of a compiled pattern.
type token struct {
	kind tokKind
	// s is the literal text (tokLit) or the context key (tokVar).
	s string
	// def is the default of ${key, 'default'}; hasDef says it was given.
	def    string
	hasDef bool
}

// pattern is a policy string compiled once, when the policy is loaded, so
// that evaluating a request does no parsing and, unless a variable has to
// be filled in, no allocation.
type pattern struct {
	raw  string
	toks []token
	// vars reports whether any token is a variable.
	vars bool
	// plain reports a pattern that is one literal (or empty): compared with
	// == or EqualFold, no walking.
	plain bool
}

// compilePattern turns s into tokens. wildcards makes * and ? special
// (Action, Resource, StringLike, ArnLike); variables expands ${...} (only in
// 2012-10-17 policies). ${*}, ${?} and ${$} stand for the literal
// characters, which is how a policy matches a real asterisk.
func compilePattern(s string, wildcards, variables bool) pattern {
	p := pattern{raw: s}
	var lit strings.Builder
	flush := func() {
		if lit.Len() > 0 {
			p.toks = append(p.toks, token{kind: tokLit, s: lit.String()})
			lit.Reset()
		}
	}
	for i := 0; i < len(s); {
		c := s[i]
		if variables && c == '$' && i+1 < len(s) && s[i+1] == '{' {
			if end := strings.IndexByte(s[i+2:], '}'); end >= 0 {
				inner := s[i+2 : i+2+end]
				if t, ok := parseVariable(inner); ok {
					if t.kind == tokLit {
						lit.WriteString(t.s)
					} else {
						flush()
						p.toks = append(p.toks, t)
						p.vars = true
					}
					i += 2 + end + 1
					continue
				}
			}
		}
		if wildcards && (c == '*' || c == '?') {
			flush()
			if c == '*' {
				// Runs of stars mean the same as one; collapsing them keeps
				// the matcher's backtracking short.
				if n := len(p.toks); n == 0 || p.toks[n-1].kind != tokStar {
					p.toks = append(p.toks, token{kind: tokStar})
				}
			} else {
				p.toks = append(p.toks, token{kind: tokQuest})
			}
			i++
			continue
		}
		lit.WriteByte(c)
		i++
	}
	flush()
	p.plain = len(p.toks) == 0 || len(p.toks) == 1 && p.toks[0].kind == tokLit
	return p
}

// parseVariable reads the inside of ${...}: one of the escapes *, ? and $,
// or a context key with an optional quoted default, "key, 'default'".
func parseVariable(inner string) (token, bool) {
	switch inner {
	case "*", "?", "$":
		return token{kind: tokLit, s: inner}, true
	}
	key, def, hasDef := strings.Cut(inner, ",")
	key = strings.TrimSpace(key)
	if key == "" || strings.ContainsAny(key, " {$") {
		return token{}, false
	}
	t := token{kind: tokVar, s: key}
	if hasDef {
		def = strings.TrimSpace(def)
		if len(def) < 2 || def[0] != '\'' || def[len(def)-1] != '\'' {
			return token{}, false
		}
		t.def, t.hasDef = def[1:len(def)-1], true
	}
	return t, true
}

// lookupFunc returns the values of a context key.
type lookupFunc func(key string) ([]string, bool)

// resolveVar gives the single value a variable stands for. A key that is
// missing (with no default) or that has several values cannot be resolved;
// IAM then treats the statement as invalid, and so do we (see evaluate.go).
func resolveVar(t *token, lookup lookupFunc) (string, bool) {
	vals, ok := lookup(t.s)
	if ok && len(vals) == 1 {
		return vals[0], true
	}
	if !ok && t.hasDef {
		return t.def, true
	}
	return "", false
}

// literal returns the pattern as one string with variables filled in; only
// meaningful for patterns compiled without wildcards.
func (p *pattern) literal(lookup lookupFunc) (string, bool) {
	if !p.vars {
		if p.plain && len(p.toks) == 1 {
			return p.toks[0].s, true
		}
		var b strings.Builder
		for _, t := range p.toks {
			b.WriteString(t.s)
		}
		return b.String(), true
	}
	var b strings.Builder
	for i := range p.toks {
		t := &p.toks[i]
		if t.kind == tokVar {
			v, ok := resolveVar(t, lookup)
			if !ok {
				return "", false
			}
			b.WriteString(v)
			continue
		}
		b.WriteString(t.s)
	}
	return b.String(), true
}

// match reports whether s matches the pattern. fold makes literal text
// match without regard to ASCII case (action names). ok is false when a
// variable could not be resolved.
func (p *pattern) match(s string, fold bool, lookup lookupFunc) (matched, ok bool) {
	if p.plain {
		lit := ""
		if len(p.toks) == 1 {
			lit = p.toks[0].s
		}
		if fold {
			return strings.EqualFold(lit, s), true
		}
		return lit == s, true
	}
	toks := p.toks
	if p.vars {
		// Substituted values are literal text: a user named "a*" must not
		// gain a wildcard. A small stack buffer keeps the common case free of
		// allocation.
		var buf [8]token
		res := buf[:0]
		for i := range p.toks {
			t := p.toks[i]
			if t.kind == tokVar {
				v, ok := resolveVar(&t, lookup)
				if !ok {
					return false, false
				}
				t = token{kind: tokLit, s: v}
			}
			res = append(res, t)
		}
		toks = res
	}
	return globMatch(toks, s, fold), true
}

// globMatch matches s against the tokens. It is the classic iterative
// wildcard matcher: on a mismatch it returns to the most recent star and
// lets it swallow one more character. Only the last star is ever revisited,
// so the cost is bounded by len(pattern)*len(s) with no recursion, and no
// pattern can make it blow up.
func globMatch(toks []token, s string, fold bool) bool {
	ti, off, si := 0, 0, 0  // position in the pattern (token, offset in literal) and in s
	starTi, starSi := -1, 0 // token after the last star, and where in s it resumed
	for si < len(s) {
		if ti < len(toks) {
			t := &toks[ti]
			switch t.kind {
			case tokStar:
				ti, off = ti+1, 0
				starTi, starSi = ti, si
				continue
			case tokQuest:
				_, n := utf8.DecodeRuneInString(s[si:])
				si += n
				ti, off = ti+1, 0
				continue
			case tokLit:
				if sameByte(t.s[off], s[si], fold) {
					si++
					off++
					if off == len(t.s) {
						ti, off = ti+1, 0
					}
					continue
				}
			}
		}
		if starTi < 0 {
			return false
		}
		// Let the star take one more character (a whole rune, so that ?
		// never starts in the middle of one) and retry from just after it.
		_, n := utf8.DecodeRuneInString(s[starSi:])
		starSi += n
		si = starSi
		ti, off = starTi, 0
	}
	for ti < len(toks) && toks[ti].kind == tokStar {
		ti++
	}
	return ti == len(toks) && off == 0
}

// sameByte compares two bytes, folding ASCII case when asked.
func sameByte(a, b byte, fold bool) bool {
	if a == b {
		return true
	}
	if !fold {
		return false
	}
	if 'A' <= a && a <= 'Z' {
		a += 'a' - 'A'
	}
	if 'A' <= b && b <= 'Z' {
		b += 'a' - 'A'
	}
	return a == b
}

// splitARN splits an ARN into its six components, the last of which keeps
// any further colons (arn:aws:s3:::bucket/a:b). Colons inside ${...} do not
// split, so "arn:aws:iam::${aws:PrincipalAccount}:user/x" stays whole. It
// returns fewer than six parts for strings that are not ARN-shaped.
func splitARN(s string) []string {
	var parts []string
	start, depth := 0, 0
	for i := 0; i < len(s) && len(parts) < 5; i++ {
		switch {
		case s[i] == '$' && i+1 < len(s) && s[i+1] == '{':
			depth++
			i++
		case s[i] == '}' && depth > 0:
			depth--
		case s[i] == ':' && depth == 0:
			parts = append(parts, s[start:i])
			start = i + 1
		}
	}
	return append(parts, s[start:])
}

// splitARNFixed is splitARN into a fixed array, without allocation, for
// request values (which hold no variables). ok is false unless there are
// six parts.
func splitARNFixed(s string) (parts [6]string, ok bool) {
	n := 0
	start := 0
	for i := 0; i < len(s) && n < 5; i++ {
		if s[i] == ':' {
			parts[n] = s[start:i]
			n++
			start = i + 1
		}
	}
	if n < 5 {
		return parts, false
	}
	parts[5] = s[start:]
	return parts, true
}
