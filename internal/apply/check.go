package apply

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/iamkit/iam/internal/policy"
)

// Check validates the spec as a whole before anything is sent: names
// present and unique (IAM compares them case-insensitively), references to
// groups, roles and managed policies resolvable, access key counts within
// IAM's two, paths well formed, and every policy document parsed and
// validated against IAM's rules for its kind. It returns a *SpecError
// listing every problem.
func (s *Spec) Check() error {
	var probs []string
	add := func(format string, args ...any) { probs = append(probs, fmt.Sprintf(format, args...)) }

	names := func(kind string, max, n int, name func(i int) string, path func(i int) string) map[string]bool {
		seen := map[string]bool{}
		for i := range n {
			nm := name(i)
			where := fmt.Sprintf("%s[%d]", kind, i)
			switch {
			case nm == "":
				add("%s: name is required", where)
			case !validName(nm, max):
				add("%s: name %q: use letters, digits and +=,.@_- only, at most %d characters", where, nm, max)
			case seen[strings.ToLower(nm)]:
				add("%s: name %q is declared twice (IAM names are case-insensitive)", where, nm)
			}
			seen[strings.ToLower(nm)] = true
			if p := path(i); p != "" && !validPath(p) {
				add("%s %q: path %q must begin and end with /, in printable ASCII without spaces, at most 512 characters", kind, nm, p)
			}
		}
		return seen
	}
	// IAM's lengths: 64 for user and role names, 128 for the others.
	groups := names("groups", 128, len(s.Groups), func(i int) string { return s.Groups[i].Name }, func(i int) string { return s.Groups[i].Path })
	names("users", 64, len(s.Users), func(i int) string { return s.Users[i].Name }, func(i int) string { return s.Users[i].Path })
	policies := names("policies", 128, len(s.Policies), func(i int) string { return s.Policies[i].Name }, func(i int) string { return s.Policies[i].Path })
	roles := names("roles", 64, len(s.Roles), func(i int) string { return s.Roles[i].Name }, func(i int) string { return s.Roles[i].Path })
	names("instance_profiles", 128, len(s.InstanceProfiles), func(i int) string { return s.InstanceProfiles[i].Name }, func(i int) string { return s.InstanceProfiles[i].Path })

	doc := func(where string, d Document, kind policy.Kind) {
		if d.IsZero() {
			add("%s: document is required", where)
			return
		}
		if _, err := d.parse(kind); err != nil {
			add("%s: %v", where, err)
		}
	}
	inline := func(owner string, ps []InlinePolicy, kind policy.Kind) {
		seen := map[string]bool{}
		for i, p := range ps {
			where := fmt.Sprintf("%s: policies[%d]", owner, i)
			if p.Name == "" {
				add("%s: name is required", where)
			} else if !validName(p.Name, 128) {
				add("%s: name %q: use letters, digits and +=,.@_- only, at most 128 characters", where, p.Name)
			} else if seen[strings.ToLower(p.Name)] {
				add("%s: inline policy %q is declared twice", where, p.Name)
			}
			seen[strings.ToLower(p.Name)] = true
			doc(fmt.Sprintf("%s: inline policy %q", owner, p.Name), p.Document, kind)
		}
	}
	managed := func(owner string, refs []string) {
		for _, r := range refs {
			switch {
			case strings.HasPrefix(r, "arn:"):
				if !validPolicyARN(r) {
					add("%s: managed policy %q: an ARN must read arn:PARTITION:iam::ACCOUNT:policy/[PATH/]NAME (ACCOUNT is \"aws\" for AWS managed policies)", owner, r)
				}
			case !policies[strings.ToLower(r)]:
				add("%s: managed policy %q is neither an ARN nor a policy the spec declares", owner, r)
			}
		}
	}

	for _, p := range s.Policies {
		doc(fmt.Sprintf("policy %q", p.Name), p.Document, policy.KindManaged)
		if utf8.RuneCountInString(p.Description) > 1000 {
			add("policy %q: description: at most 1000 characters", p.Name)
		}
	}
	for _, g := range s.Groups {
		owner := fmt.Sprintf("group %q", g.Name)
		inline(owner, g.Policies, policy.KindGroupInline)
		managed(owner, g.ManagedPolicies)
	}
	for _, u := range s.Users {
		owner := fmt.Sprintf("user %q", u.Name)
		for _, g := range u.Groups {
			if !groups[strings.ToLower(g)] {
				add("%s: group %q is not declared in the spec", owner, g)
			}
		}
		inline(owner, u.Policies, policy.KindUserInline)
		managed(owner, u.ManagedPolicies)
		if u.AccessKeys != nil && (*u.AccessKeys < 0 || *u.AccessKeys > 2) {
			add("%s: access_keys is %d; IAM allows 0 to 2", owner, *u.AccessKeys)
		}
	}
	for _, r := range s.Roles {
		owner := fmt.Sprintf("role %q", r.Name)
		doc(owner+": trust_policy", r.TrustPolicy, policy.KindTrust)
		if !validRoleDescription(r.Description) {
			add("%s: description: at most 1000 characters of tab, newline, carriage return, \\u0020-\\u007E or \\u00A1-\\u00FF", owner)
		}
		inline(owner, r.Policies, policy.KindRoleInline)
		managed(owner, r.ManagedPolicies)
	}
	for _, ip := range s.InstanceProfiles {
		owner := fmt.Sprintf("instance profile %q", ip.Name)
		if len(ip.Roles) > 1 {
			add("%s: IAM allows one role per instance profile, not %d", owner, len(ip.Roles))
		}
		for _, r := range ip.Roles {
			if !roles[strings.ToLower(r)] {
				add("%s: role %q is not declared in the spec", owner, r)
			}
		}
	}
	if len(probs) > 0 {
		return &SpecError{Problems: probs}
	}
	return nil
}

// validName is IAM's rule for user, group, role, policy and profile
// names: [\w+=,.@-]+, at most max characters (64 for users and roles,
// 128 for the others).
func validName(s string, max int) bool {
	if len(s) > max {
		return false
	}
	for _, r := range s {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9':
		case strings.ContainsRune("_+=,.@-", r):
		default:
			return false
		}
	}
	return true
}

// validPath is IAM's rule for paths: "/" or "/.../", printable ASCII
// (\u0021-\u007E, so no spaces), at most 512 characters.
func validPath(p string) bool {
	if len(p) > 512 || !strings.HasPrefix(p, "/") || !strings.HasSuffix(p, "/") {
		return false
	}
	for i := 0; i < len(p); i++ {
		if p[i] < 0x21 || p[i] > 0x7E {
			return false
		}
	}
	return true
}

// validRoleDescription is IAM's rule for a role's description: at most
// 1000 characters of tab, newline, carriage return, U+0020-U+007E or
// U+00A1-U+00FF.
func validRoleDescription(d string) bool {
	if utf8.RuneCountInString(d) > 1000 {
		return false
	}
	for _, r := range d {
		switch {
		case r == '\t', r == '\n', r == '\r', r >= 0x20 && r <= 0x7E, r >= 0xA1 && r <= 0xFF:
		default:
			return false
		}
	}
	return true
}

// validPolicyARN checks the shape of a managed policy's ARN:
// arn:PARTITION:iam::ACCOUNT:policy/[PATH/]NAME, ACCOUNT 12 digits or
// "aws", at most 2048 characters (IAM's limit on PolicyArn).
func validPolicyARN(arn string) bool {
	parts := strings.SplitN(arn, ":", 6)
	if len(arn) > 2048 || len(parts) != 6 || parts[0] != "arn" || parts[1] == "" || parts[2] != "iam" || parts[3] != "" {
		return false
	}
	if parts[4] != "aws" && !isAccountID(parts[4]) {
		return false
	}
	res, ok := strings.CutPrefix(parts[5], "policy/")
	if !ok {
		return false
	}
	name := res[strings.LastIndex(res, "/")+1:]
	return name != "" && validName(name, 128)
}
