package policy

import (
	"fmt"
	"strings"
)

// ValidationError is one problem found by Validate. It names the statement
// (by index and Sid), the element and the rule broken, in words close to
// IAM's own MalformedPolicyDocument messages.
type ValidationError struct {
	// Statement is the zero-based statement index, or -1 for a problem with
	// the document as a whole.
	Statement int
	// Sid is the statement's Sid, if it has one.
	Sid string
	// Field is the element at fault, e.g. "Effect" or "Condition.NumericLessThan".
	Field string
	// Problem says what rule was broken.
	Problem string
}

// Error implements error.
func (e *ValidationError) Error() string {
	var b strings.Builder
	if e.Statement >= 0 {
		fmt.Fprintf(&b, "Statement[%d]", e.Statement)
		if e.Sid != "" {
			fmt.Fprintf(&b, " (Sid %q)", e.Sid)
		}
		b.WriteString(": ")
	}
	if e.Field != "" {
		b.WriteString(e.Field)
		b.WriteString(": ")
	}
	b.WriteString(e.Problem)
	return b.String()
}

// ValidationErrors is every problem Validate found, in document order.
type ValidationErrors []*ValidationError

// Error joins the problems with "; ", the first one first.
func (es ValidationErrors) Error() string {
	parts := make([]string, len(es))
	for i, e := range es {
		parts[i] = e.Error()
	}
	return "policy: " + strings.Join(parts, "; ")
}

// Unwrap exposes each problem to errors.As and errors.Is.
func (es ValidationErrors) Unwrap() []error {
	out := make([]error, len(es))
	for i, e := range es {
		out[i] = e
	}
	return out
}

// ParseAndValidate parses data and validates it as a policy of the given
// kind. The error is a *ParseError or a ValidationErrors.
func ParseAndValidate(data []byte, kind Kind) (*Document, error) {
	d, err := Parse(data)
	if err != nil {
		return nil, err
	}
	if err := d.Validate(kind); err != nil {
		return nil, err
	}
	return d, nil
}

// Validate checks the document against IAM's rules for the given kind and
// returns nil or a ValidationErrors listing every problem. For a document
// that came from Parse the size is the parsed text's; for one built in code
// it is the size of its compact JSON.
func (d *Document) Validate(kind Kind) error {
	v := validator{kind: kind}
	v.document(d)
	if len(v.errs) == 0 {
		return nil
	}
	return v.errs
}

// validator collects problems while walking a document.
type validator struct {
	kind Kind
	errs ValidationErrors
}

// add records a problem; stmt is -1 for document-level problems.
func (v *validator) add(stmt int, sid, field, format string, args ...any) {
	v.errs = append(v.errs, &ValidationError{Statement: stmt, Sid: sid, Field: field, Problem: fmt.Sprintf(format, args...)})
}

func (v *validator) document(d *Document) {
	size, bad := d.rawSize, d.badChar
	if size == 0 {
		if b, err := d.MarshalJSON(); err == nil {
			size, bad = measure(b)
		}
	}
	if bad != 0 {
		v.add(-1, "", "", "contains the character %U; IAM accepts only tab, line feed, carriage return and U+0020 through U+00FF", bad)
	}
	if limit := v.kind.MaxSize(); limit > 0 && size > limit {
		v.add(-1, "", "", "%s is %d characters (whitespace not counted), more than the %d allowed", v.kind, size, limit)
	}
	switch d.Version {
	case "", Version2012, Version2008:
	default:
		v.add(-1, "", "Version", "must be %q or %q, got %q", Version2012, Version2008, d.Version)
	}
	if len(d.Statement) == 0 {
		v.add(-1, "", "Statement", "at least one statement is required")
	}
	sids := make(map[string]int)
	for i := range d.Statement {
		s := &d.Statement[i]
		if s.Sid != "" {
			if first, dup := sids[s.Sid]; dup {
				v.add(i, s.Sid, "Sid", "duplicate Sid, already used by Statement[%d]", first)
			} else {
				sids[s.Sid] = i
			}
		}
		v.statement(i, s)
	}
}

func (v *validator) statement(i int, s *Statement) {
	sid := s.Sid
	if sid != "" && !isAlnum(sid) {
		v.add(i, sid, "Sid", "must contain only ASCII letters and digits")
	}
	if s.Effect != EffectAllow && s.Effect != EffectDeny {
		v.add(i, sid, "Effect", `must be "Allow" or "Deny", got %q`, s.Effect)
	}

	hasP, hasNP := !s.Principal.IsZero(), !s.NotPrincipal.IsZero()
	switch {
	case v.kind.resourceBased():
		if hasP && hasNP {
			v.add(i, sid, "Principal", "Principal and NotPrincipal cannot both be set")
		} else if !hasP && !hasNP {
			v.add(i, sid, "Principal", "a %s statement needs Principal or NotPrincipal", v.kind)
		}
		if hasP {
			v.principal(i, sid, "Principal", s.Principal)
		}
		if hasNP {
			v.principal(i, sid, "NotPrincipal", s.NotPrincipal)
		}
	case hasP || hasNP:
		v.add(i, sid, "Principal", "a %s must not name a principal", v.kind)
	}

	hasA, hasNA := !s.Action.IsZero(), !s.NotAction.IsZero()
	switch {
	case hasA && hasNA:
		v.add(i, sid, "Action", "Action and NotAction cannot both be set")
	case !hasA && !hasNA:
		v.add(i, sid, "Action", "Action or NotAction is required")
	}
	v.actions(i, sid, "Action", s.Action)
	v.actions(i, sid, "NotAction", s.NotAction)

	hasR, hasNR := !s.Resource.IsZero(), !s.NotResource.IsZero()
	switch {
	case hasR && hasNR:
		v.add(i, sid, "Resource", "Resource and NotResource cannot both be set")
	case v.kind == KindTrust && (hasR || hasNR):
		// IAM answers "Has prohibited field Resource" for trust policies:
		// the resource is always the role itself.
		v.add(i, sid, "Resource", "a trust policy must not name a resource")
	case v.kind != KindTrust && !hasR && !hasNR:
		v.add(i, sid, "Resource", "Resource or NotResource is required")
	}
	v.resources(i, sid, "Resource", s.Resource)
	v.resources(i, sid, "NotResource", s.NotResource)

	v.condition(i, sid, s.Condition)
}

func (v *validator) principal(i int, sid, field string, p Principal) {
	if p.Wildcard {
		return
	}
	if len(p.Entries) == 0 {
		v.add(i, sid, field, "must be \"*\" or name at least one principal")
	}
	for _, e := range p.Entries {
		if !knownPrincipalTypes[e.Type] {
			v.add(i, sid, field, "unknown principal type %q (allowed: AWS, Service, Federated, CanonicalUser)", e.Type)
		}
		if len(e.IDs.Values) == 0 {
			v.add(i, sid, field+"."+e.Type, "must name at least one principal")
		}
		for _, id := range e.IDs.Values {
			if strings.TrimSpace(id) == "" {
				v.add(i, sid, field+"."+e.Type, "principal must not be empty")
			}
		}
	}
}

func (v *validator) actions(i int, sid, field string, a Strings) {
	if a.IsZero() {
		return
	}
	if len(a.Values) == 0 {
		v.add(i, sid, field, "must list at least one action")
	}
	for _, act := range a.Values {
		if !validAction(act) {
			v.add(i, sid, field, `%q is not "*" or "service:action" (service of letters, digits and '-'; action of letters, digits and the wildcards * and ?)`, act)
		}
	}
}

// validAction checks "*" or service:action. Both parts are case-insensitive
// in IAM ("IAM:listaccesskeys" is iam:ListAccessKeys), so either case is
// accepted.
func validAction(a string) bool {
	if a == "*" {
		return true
	}
	svc, name, ok := strings.Cut(a, ":")
	if !ok || svc == "" || name == "" {
		return false
	}
	for i := 0; i < len(svc); i++ {
		c := svc[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-') {
			return false
		}
	}
	for i := 0; i < len(name); i++ {
		c := name[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '*' || c == '?') {
			return false
		}
	}
	return true
}

func (v *validator) resources(i int, sid, field string, r Strings) {
	if r.IsZero() {
		return
	}
	if len(r.Values) == 0 {
		v.add(i, sid, field, "must list at least one resource")
	}
	for _, res := range r.Values {
		if res == "*" {
			continue
		}
		// IAM answers "Resource ... must be in ARN format or \"*\"": an ARN
		// has six colon-separated parts, the last of which may hold more.
		if !strings.HasPrefix(res, "arn:") || len(splitARN(res)) < 6 {
			v.add(i, sid, field, `%q must be "*" or an ARN (arn:partition:service:region:account:resource)`, res)
		}
	}
}

func (v *validator) condition(i int, sid string, c Condition) {
	if c.IsZero() {
		return
	}
	for _, b := range c {
		field := "Condition." + b.Operator
		op, ok := parseOperator(b.Operator)
		if !ok {
			v.add(i, sid, "Condition", "unsupported condition operator %q", b.Operator)
			continue
		}
		if len(b.Entries) == 0 {
			v.add(i, sid, field, "must test at least one condition key")
		}
		for _, e := range b.Entries {
			if strings.TrimSpace(e.Key) == "" {
				v.add(i, sid, field, "condition key must not be empty")
			}
			if len(e.Values.Values) == 0 {
				v.add(i, sid, field+"."+e.Key, "must have at least one value")
			}
			for _, val := range e.Values.Values {
				if p := checkConditionValue(op.family, val); p != "" {
					v.add(i, sid, field+"."+e.Key, "%s", p)
				}
			}
		}
	}
}

// checkConditionValue returns why val is no good for the operator family,
// or "". Values holding a policy variable are checked at evaluation time,
// when the variable has a value.
func checkConditionValue(f family, val string) string {
	if strings.Contains(val, "${") {
		return ""
	}
	switch f {
	case famNumeric:
		if _, ok := parseNumber(val); !ok {
			return fmt.Sprintf("%q is not a number", val)
		}
	case famDate:
		if _, ok := parseDate(val); !ok {
			return fmt.Sprintf("%q is not an ISO 8601 date or epoch seconds", val)
		}
	case famBool, famNull:
		if _, ok := parseBool(val); !ok {
			return fmt.Sprintf(`%q must be "true" or "false"`, val)
		}
	case famIP:
		if _, ok := parsePrefix(val); !ok {
			return fmt.Sprintf("%q is not an IP address or CIDR block", val)
		}
	case famBinary:
		if _, ok := decodeBinary(val); !ok {
			return fmt.Sprintf("%q is not base64", val)
		}
	case famArn:
		if val != "*" && len(splitARN(val)) < 6 {
			return fmt.Sprintf("%q is not an ARN pattern (six colon-separated parts)", val)
		}
	}
	return ""
}

// isAlnum reports whether s holds only ASCII letters and digits.
func isAlnum(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9') {
			return false
		}
	}
	return true
}
