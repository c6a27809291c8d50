package apply

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/iamkit/iam"
)

// checkState asserts, through the library's typed calls (not this
// package's own reader), that the account holds exactly what s declares:
// no entity missing, none extra, none duplicated.
func checkState(t *testing.T, c *iam.Client, s *Spec) {
	t.Helper()
	ctx := context.Background()
	me, err := c.GetUser(ctx, "")
	require.NoError(t, err)
	account := accountOf(me.ARN)
	arnOf := func(ref string) string {
		if strings.HasPrefix(ref, "arn:") {
			return ref
		}
		for _, p := range s.Policies {
			if strings.EqualFold(p.Name, ref) {
				return "arn:aws:iam::" + account + ":policy" + pathOr(p.Path) + p.Name
			}
		}
		t.Fatalf("no policy %s", ref)
		return ""
	}
	arns := func(refs []string) []string {
		out := []string{}
		for _, r := range refs {
			out = append(out, arnOf(r))
		}
		slices.Sort(out)
		return out
	}
	collect := func(seq func(yield func(string, error) bool)) []string {
		out := []string{}
		for v, err := range seq {
			require.NoError(t, err)
			out = append(out, v)
		}
		slices.Sort(out)
		return out
	}
	names := func(ps []InlinePolicy) []string {
		out := []string{}
		for _, p := range ps {
			out = append(out, p.Name)
		}
		slices.Sort(out)
		return out
	}
	mapSeq := func(seq func(yield func(iam.AttachedPolicy, error) bool)) func(yield func(string, error) bool) {
		return func(yield func(string, error) bool) {
			for p, err := range seq {
				if !yield(p.PolicyARN, err) {
					return
				}
			}
		}
	}

	// Users.
	paths := map[string]string{}
	var gotUsers []string
	for u, err := range c.ListUsersAll(ctx, nil) {
		require.NoError(t, err)
		gotUsers = append(gotUsers, u.UserName)
		paths[u.UserName] = u.Path
	}
	var wantUsers []string
	for _, u := range s.Users {
		wantUsers = append(wantUsers, u.Name)
		assert.Equal(t, pathOr(u.Path), paths[u.Name], "path of user %s", u.Name)
		var groups []string
		for g, err := range c.ListGroupsForUserAll(ctx, u.Name, nil) {
			require.NoError(t, err)
			groups = append(groups, g.GroupName)
		}
		assert.ElementsMatch(t, u.Groups, groups, "groups of user %s", u.Name)
		assert.Equal(t, names(u.Policies), collect(c.ListUserPoliciesAll(ctx, u.Name, nil)), "inline policies of user %s", u.Name)
		for _, p := range u.Policies {
			got, err := c.GetUserPolicy(ctx, u.Name, p.Name)
			require.NoError(t, err)
			assert.True(t, sameMeaning(p.Document.JSON, got.DocumentJSON), "policy %s of user %s", p.Name, u.Name)
		}
		assert.Equal(t, arns(u.ManagedPolicies), collect(mapSeq(c.ListAttachedUserPoliciesAll(ctx, u.Name, nil))), "managed policies of user %s", u.Name)
		if u.AccessKeys != nil {
			n := 0
			for _, err := range c.ListAccessKeysAll(ctx, u.Name, nil) {
				require.NoError(t, err)
				n++
			}
			assert.Equal(t, *u.AccessKeys, n, "access keys of user %s", u.Name)
		}
	}
	assert.ElementsMatch(t, wantUsers, gotUsers, "users")

	// Groups.
	var gotGroups, wantGroups []string
	for g, err := range c.ListGroupsAll(ctx, nil) {
		require.NoError(t, err)
		gotGroups = append(gotGroups, g.GroupName)
	}
	for _, g := range s.Groups {
		wantGroups = append(wantGroups, g.Name)
		assert.Equal(t, names(g.Policies), collect(c.ListGroupPoliciesAll(ctx, g.Name, nil)), "inline policies of group %s", g.Name)
		for _, p := range g.Policies {
			got, err := c.GetGroupPolicy(ctx, g.Name, p.Name)
			require.NoError(t, err)
			assert.True(t, sameMeaning(p.Document.JSON, got.DocumentJSON), "policy %s of group %s", p.Name, g.Name)
		}
		assert.Equal(t, arns(g.ManagedPolicies), collect(mapSeq(c.ListAttachedGroupPoliciesAll(ctx, g.Name, nil))), "managed policies of group %s", g.Name)
	}
	assert.ElementsMatch(t, wantGroups, gotGroups, "groups")

	// Customer managed policies.
	var gotPolicies, wantPolicies []string
	for p, err := range c.ListPoliciesAll(ctx, &iam.ListPoliciesOptions{Scope: iam.PolicyScopeLocal}) {
		require.NoError(t, err)
		gotPolicies = append(gotPolicies, p.PolicyName)
	}
	for _, p := range s.Policies {
		wantPolicies = append(wantPolicies, p.Name)
		mp, err := c.GetPolicy(ctx, arnOf(p.Name))
		require.NoError(t, err)
		v, err := c.GetPolicyVersion(ctx, mp.ARN, mp.DefaultVersionID)
		require.NoError(t, err)
		assert.True(t, sameMeaning(p.Document.JSON, v.DocumentJSON), "policy %s", p.Name)
	}
	assert.ElementsMatch(t, wantPolicies, gotPolicies, "managed policies")

	// Roles and instance profiles.
	var gotRoles, wantRoles []string
	for r, err := range c.ListRolesAll(ctx, nil) {
		require.NoError(t, err)
		gotRoles = append(gotRoles, r.RoleName)
	}
	for _, r := range s.Roles {
		wantRoles = append(wantRoles, r.Name)
		got, err := c.GetRole(ctx, r.Name)
		require.NoError(t, err)
		assert.True(t, sameMeaning(r.TrustPolicy.JSON, got.AssumeRolePolicyJSON), "trust of role %s", r.Name)
		assert.Equal(t, names(r.Policies), collect(c.ListRolePoliciesAll(ctx, r.Name, nil)), "inline policies of role %s", r.Name)
		assert.Equal(t, arns(r.ManagedPolicies), collect(mapSeq(c.ListAttachedRolePoliciesAll(ctx, r.Name, nil))), "managed policies of role %s", r.Name)
	}
	assert.ElementsMatch(t, wantRoles, gotRoles, "roles")
	var gotProfiles, wantProfiles []string
	for p, err := range c.ListInstanceProfilesAll(ctx, nil) {
		require.NoError(t, err)
		gotProfiles = append(gotProfiles, p.InstanceProfileName)
		var roles []string
		for _, r := range p.Roles {
			roles = append(roles, r.RoleName)
		}
		for _, ip := range s.InstanceProfiles {
			if ip.Name == p.InstanceProfileName {
				assert.ElementsMatch(t, ip.Roles, roles, "roles of instance profile %s", ip.Name)
			}
		}
	}
	for _, ip := range s.InstanceProfiles {
		wantProfiles = append(wantProfiles, ip.Name)
	}
	assert.ElementsMatch(t, wantProfiles, gotProfiles, "instance profiles")
}

// IAM percent-encodes documents per RFC 3986, not as a form: a '+' it
// leaves as it is means '+' (an S3 key "a+b"), never a space, or the
// stored document would differ from the spec on every plan.
func TestUnescapePolicyText(t *testing.T) {
	tests := map[string]string{
		"%7B%22Resource%22%3A%22arn%3Aaws%3As3%3A%3A%3Aa+b%2F%2A%22%7D": `{"Resource":"arn:aws:s3:::a+b/*"}`,
		"%7B%22Sid%22%3A%22a%20b%22%7D":                                 `{"Sid":"a b"}`,
		"%2525":                                                         "%25",
	}
	for in, want := range tests {
		got, err := unescape(in)
		require.NoError(t, err)
		assert.Equal(t, want, got, in)
	}
	_, err := unescape("%zz")
	assert.Error(t, err)
}
