package iam

import (
	"fmt"
	"strings"
)

// Helpers shared by the typed methods of part 2 (roles, instance profiles,
// managed policies, simulation): integer fields, policy documents read
// from a result, and the argument checks that part 1's validate.go does
// not need.

// fieldInt reads the integer child name of f's element strictly, like
// fields.time: missing is 0, present but malformed is an error.
func fieldInt(f *fields, name string) int {
	c := f.n.Path(name)
	if !c.Exists() || f.err != nil {
		return 0
	}
	v, err := c.ParseInt()
	if err != nil {
		f.err = err
		return 0
	}
	return int(v)
}

// fieldDocument reads the percent-encoded policy document child name of
// f's element, decoding it exactly once. A missing or empty element gives
// zero values (list calls may leave it out); a present one that does not
// decode is an error naming it.
func fieldDocument(f *fields, name string) (doc *PolicyDocument, text, raw string) {
	c := f.n.Path(name)
	if !c.Exists() || f.err != nil {
		return nil, "", ""
	}
	raw = c.String()
	if strings.TrimSpace(raw) == "" {
		return nil, "", raw
	}
	// The field label is built only on failure: it would otherwise cost
	// an allocation per role of a long listing.
	text, doc, err := decodePolicyText(name, raw)
	if err != nil {
		f.err = fmt.Errorf("%s: %w", f.n.Name(), err)
		return nil, "", raw
	}
	return doc, text, raw
}

// fieldStrings reads an optional list of strings (MissingContextValues and
// the like): missing is nil, present but not a list is an error.
func fieldStrings(f *fields, name string) []string {
	c := f.n.Path(name)
	if !c.Exists() || f.err != nil {
		return nil
	}
	if !c.IsList() {
		f.err = fmt.Errorf("iam: response element %s.%s is not a list", f.n.Name(), name)
		return nil
	}
	members := c.Members()
	out := make([]string, len(members))
	for i, m := range members {
		out[i] = m.String()
	}
	return out
}

const (
	instanceProfileNameRule = `must match [\w+=,.@-]+ (1-128 characters)`
	descriptionRule         = `at most 1000 characters of tab, newline, carriage return, \u0020-\u007E or \u00A1-\u00FF`
	sessionDurationRule     = "must be between 3600 and 43200 seconds (0 leaves the default, 3600)"
	policyARNRule           = `must be a managed policy ARN, arn:PARTITION:iam::ACCOUNT:policy/[PATH/]NAME with ACCOUNT 12 digits or "aws"`
	versionIDRule           = `must match v[1-9][0-9]*(\.[A-Za-z0-9-]*)?`
)

func checkInstanceProfileName(field, name string) error {
	return checkName(field, name, 128, instanceProfileNameRule)
}

// checkDescription checks an optional role or policy description.
func checkDescription(field, s string) error {
	if len([]rune(s)) > 1000 {
		return invalid(field, s, descriptionRule)
	}
	for _, r := range s {
		if !(r == '\t' || r == '\n' || r == '\r' || 0x20 <= r && r <= 0x7E || 0xA1 <= r && r <= 0xFF) {
			return invalid(field, s, descriptionRule)
		}
	}
	return nil
}

// checkMaxSessionDuration checks a role's maximum session length in
// seconds; 0 means unset.
func checkMaxSessionDuration(seconds int) error {
	if seconds != 0 && (seconds < 3600 || seconds > 43200) {
		return invalid("MaxSessionDuration", fmt.Sprint(seconds), sessionDurationRule)
	}
	return nil
}

// checkPolicyARN checks a managed policy ARN:
// arn:PARTITION:iam::ACCOUNT:policy/PATH/NAME, where ACCOUNT is a
// 12-digit account ID or "aws" for AWS managed policies. It is required.
func checkPolicyARN(field, arn string) error {
	if arn == "" {
		return invalid(field, arn, requiredRule+"; "+policyARNRule)
	}
	if len(arn) < 20 || len(arn) > 2048 {
		return invalid(field, arn, policyARNRule)
	}
	parts := strings.SplitN(arn, ":", 6)
	if len(parts) != 6 || parts[0] != "arn" || parts[2] != "iam" || parts[3] != "" {
		return invalid(field, arn, policyARNRule)
	}
	if !isPartition(parts[1]) || !(parts[4] == "aws" || isAccountID(parts[4])) {
		return invalid(field, arn, policyARNRule)
	}
	rest, ok := strings.CutPrefix(parts[5], "policy/")
	if !ok || strings.HasPrefix(rest, "/") || strings.Contains(rest, "//") {
		return invalid(field, arn, policyARNRule)
	}
	slash := strings.LastIndexByte(rest, '/')
	path, name := "/", rest
	if slash >= 0 {
		path, name = "/"+rest[:slash+1], rest[slash+1:]
	}
	if checkPath(field, path) != nil || checkPolicyName(field, name) != nil {
		return invalid(field, arn, policyARNRule)
	}
	return nil
}

// checkOptionalPolicyARN checks a managed policy ARN that may be left
// unset, such as a permissions boundary.
func checkOptionalPolicyARN(field, arn string) error {
	if arn == "" {
		return nil
	}
	return checkPolicyARN(field, arn)
}

// isPartition accepts the partition names AWS uses: lowercase letters and
// digits separated by hyphens ("aws", "aws-cn", "aws-us-gov", "aws-iso-b").
func isPartition(s string) bool {
	if s == "" || s[0] == '-' || s[len(s)-1] == '-' {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !('a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '-') {
			return false
		}
	}
	return true
}

func isAccountID(s string) bool {
	if len(s) != 12 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// checkVersionID checks a policy version ID such as "v3".
func checkVersionID(id string) error {
	if id == "" {
		return invalid("VersionId", id, requiredRule+"; "+versionIDRule)
	}
	if len(id) < 2 || id[0] != 'v' || id[1] < '1' || id[1] > '9' {
		return invalid("VersionId", id, versionIDRule)
	}
	i := 2
	for i < len(id) && '0' <= id[i] && id[i] <= '9' {
		i++
	}
	if i == len(id) {
		return nil
	}
	if id[i] != '.' {
		return invalid("VersionId", id, versionIDRule)
	}
	for _, c := range []byte(id[i+1:]) {
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '-') {
			return invalid("VersionId", id, versionIDRule)
		}
	}
	return nil
}

// checkOneOf checks an optional enumerated argument.
func checkOneOf(field, value string, allowed ...string) error {
	if value == "" {
		return nil
	}
	for _, a := range allowed {
		if value == a {
			return nil
		}
	}
	return invalid(field, value, "must be one of "+strings.Join(allowed, ", "))
}
