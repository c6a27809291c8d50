package iam

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const readOnlyARN = "arn:aws:iam::123456789012:policy/ops/ReadOnly"

func TestAttachDetach(t *testing.T) {
	ctx := context.Background()
	tests := map[string]struct {
		param string
		call  func(c *Client) func(context.Context, string, string) error
	}{
		"AttachUserPolicy":  {"UserName", func(c *Client) func(context.Context, string, string) error { return c.AttachUserPolicy }},
		"AttachGroupPolicy": {"GroupName", func(c *Client) func(context.Context, string, string) error { return c.AttachGroupPolicy }},
		"AttachRolePolicy":  {"RoleName", func(c *Client) func(context.Context, string, string) error { return c.AttachRolePolicy }},
		"DetachUserPolicy":  {"UserName", func(c *Client) func(context.Context, string, string) error { return c.DetachUserPolicy }},
		"DetachGroupPolicy": {"GroupName", func(c *Client) func(context.Context, string, string) error { return c.DetachGroupPolicy }},
		"DetachRolePolicy":  {"RoleName", func(c *Client) func(context.Context, string, string) error { return c.DetachRolePolicy }},
	}
	for action, tc := range tests {
		t.Run(action, func(t *testing.T) {
			c, _ := expectForm(t, form(action, tc.param, "Ops", "PolicyArn", readOnlyARN), 200, emptyResult(action))
			require.NoError(t, tc.call(c)(ctx, "Ops", readOnlyARN))
			err := tc.call(neverCalled(t))(ctx, "Ops", "ReadOnly")
			requireValidation(t, err, action, "PolicyArn")
			err = tc.call(neverCalled(t))(ctx, "", readOnlyARN)
			requireValidation(t, err, action, tc.param)
		})
	}
}

func TestListAttachedPolicies(t *testing.T) {
	tests := map[string]struct {
		fixture   string
		opts      *ListAttachedPoliciesOptions
		sent      []string
		arns      []string
		truncated bool
	}{
		"zero": {"listattacheduserpolicies-0.xml", nil, nil, []string{}, false},
		"one":  {"listattacheduserpolicies-1.xml", &ListAttachedPoliciesOptions{PathPrefix: "/"}, []string{"PathPrefix", "/"}, []string{"arn:aws:iam::aws:policy/AdministratorAccess"}, false},
		"many": {"listattacheduserpolicies-many.xml", &ListAttachedPoliciesOptions{PageOptions: PageOptions{MaxItems: 2}}, []string{"MaxItems", "2"},
			[]string{"arn:aws:iam::aws:policy/AdministratorAccess", readOnlyARN}, true},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			c, _ := expectForm(t, form("ListAttachedUserPolicies", append([]string{"UserName", "Bob"}, tc.sent...)...), 200, typedFixture(t, tc.fixture))
			out, err := c.ListAttachedUserPolicies(context.Background(), "Bob", tc.opts)
			require.NoError(t, err)
			arns := []string{}
			for _, p := range out.AttachedPolicies {
				arns = append(arns, p.PolicyARN)
				assert.NotEmpty(t, p.PolicyName)
			}
			assert.Equal(t, tc.arns, arns)
			assert.Equal(t, tc.truncated, out.IsTruncated)
		})
	}
	t.Run("group and role", func(t *testing.T) {
		c, _ := expectForm(t, form("ListAttachedGroupPolicies", "GroupName", "Ops"), 200, typedFixture(t, "listattachedgrouppolicies-1.xml"))
		out, err := c.ListAttachedGroupPolicies(context.Background(), "Ops", nil)
		require.NoError(t, err)
		assert.Equal(t, "ReadOnly", out.AttachedPolicies[0].PolicyName)

		c, _ = expectForm(t, form("ListAttachedRolePolicies", "RoleName", "Ops"), 200, typedFixture(t, "listattachedrolepolicies-1.xml"))
		var n int
		for p, err := range c.ListAttachedRolePoliciesAll(context.Background(), "Ops", nil) {
			require.NoError(t, err)
			assert.Equal(t, readOnlyARN, p.PolicyARN)
			n++
		}
		assert.Equal(t, 1, n)
	})
	t.Run("all pages", func(t *testing.T) {
		var markers []string
		c := twoPageServer(t, "ListAttachedUserPolicies", typedFixture(t, "listattacheduserpolicies-many.xml"), typedFixture(t, "listattacheduserpolicies-0.xml"), &markers)
		var n int
		for _, err := range c.ListAttachedUserPoliciesAll(context.Background(), "Bob", nil) {
			require.NoError(t, err)
			n++
		}
		assert.Equal(t, 2, n)
		assert.Equal(t, []string{"", "attached-page-2"}, markers)
	})
}

func TestListEntitiesForPolicy(t *testing.T) {
	type ent struct{ typ, name, id string }
	tests := map[string]struct {
		fixture   string
		opts      *ListEntitiesForPolicyOptions
		sent      []string
		want      []ent
		truncated bool
	}{
		"zero": {"listentitiesforpolicy-0.xml", nil, nil, []ent{}, false},
		"one": {"listentitiesforpolicy-1.xml",
			&ListEntitiesForPolicyOptions{EntityFilter: EntityUser, PathPrefix: "/", PolicyUsageFilter: PolicyUsagePermissionsBoundary},
			[]string{"EntityFilter", "User", "PathPrefix", "/", "PolicyUsageFilter", "PermissionsBoundary"},
			[]ent{{"User", "Alice", "AIDACKCEVSQ6C2EXAMPLE"}}, false},
		"many": {"listentitiesforpolicy-many.xml", &ListEntitiesForPolicyOptions{PageOptions: PageOptions{MaxItems: 4}}, []string{"MaxItems", "4"},
			[]ent{{"Group", "Admins", "AGPACKCEVSQ6C2EXAMPLE"}, {"User", "Alice", "AIDACKCEVSQ6C2EXAMPLE"}, {"User", "Bob", "AIDAJQABLZS4A3QDU576Q"}, {"Role", "S3Access", "AROADBQP57FF2AEXAMPLE"}}, true},
		"other lists left out": {"listentitiesforpolicy-usersonly.xml", &ListEntitiesForPolicyOptions{EntityFilter: EntityUser}, []string{"EntityFilter", "User"},
			[]ent{{"User", "Alice", "AIDACKCEVSQ6C2EXAMPLE"}}, false},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			c, _ := expectForm(t, form("ListEntitiesForPolicy", append([]string{"PolicyArn", readOnlyARN}, tc.sent...)...), 200, typedFixture(t, tc.fixture))
			out, err := c.ListEntitiesForPolicy(context.Background(), readOnlyARN, tc.opts)
			require.NoError(t, err)
			got := []ent{}
			for _, e := range out.Entities() {
				got = append(got, ent{e.Type, e.Name, e.ID})
			}
			assert.Equal(t, tc.want, got)
			assert.NotNil(t, out.PolicyGroups)
			assert.NotNil(t, out.PolicyUsers)
			assert.NotNil(t, out.PolicyRoles)
			assert.Equal(t, tc.truncated, out.IsTruncated)
		})
	}
	t.Run("all pages", func(t *testing.T) {
		var markers []string
		c := twoPageServer(t, "ListEntitiesForPolicy", typedFixture(t, "listentitiesforpolicy-many.xml"), typedFixture(t, "listentitiesforpolicy-1.xml"), &markers)
		var names []string
		for e, err := range c.ListEntitiesForPolicyAll(context.Background(), readOnlyARN, nil) {
			require.NoError(t, err)
			names = append(names, e.Name)
		}
		assert.Equal(t, []string{"Admins", "Alice", "Bob", "S3Access", "Alice"}, names)
		assert.Equal(t, []string{"", "entities-page-2"}, markers)
	})
	t.Run("bad filter refused", func(t *testing.T) {
		_, err := neverCalled(t).ListEntitiesForPolicy(context.Background(), readOnlyARN, &ListEntitiesForPolicyOptions{EntityFilter: "user"})
		requireValidation(t, err, "ListEntitiesForPolicy", "EntityFilter")
	})
	t.Run("list that is not a list", func(t *testing.T) {
		c, _ := expectForm(t, form("ListEntitiesForPolicy", "PolicyArn", readOnlyARN), 200,
			`<ListEntitiesForPolicyResponse><ListEntitiesForPolicyResult><PolicyUsers><UserName>x</UserName></PolicyUsers></ListEntitiesForPolicyResult></ListEntitiesForPolicyResponse>`)
		_, err := c.ListEntitiesForPolicy(context.Background(), readOnlyARN, nil)
		require.Error(t, err)
		assert.Contains(t, err.Error(), "PolicyUsers")
	})
}

func TestPermissionsBoundaries(t *testing.T) {
	ctx := context.Background()
	t.Run("PutUserPermissionsBoundary", func(t *testing.T) {
		c, _ := expectForm(t, form("PutUserPermissionsBoundary", "UserName", "Bob", "PermissionsBoundary", readOnlyARN), 200, emptyResult("PutUserPermissionsBoundary"))
		require.NoError(t, c.PutUserPermissionsBoundary(ctx, "Bob", readOnlyARN))
	})
	t.Run("PutRolePermissionsBoundary", func(t *testing.T) {
		c, _ := expectForm(t, form("PutRolePermissionsBoundary", "RoleName", "S3Access", "PermissionsBoundary", readOnlyARN), 200, emptyResult("PutRolePermissionsBoundary"))
		require.NoError(t, c.PutRolePermissionsBoundary(ctx, "S3Access", readOnlyARN))
	})
	t.Run("DeleteUserPermissionsBoundary", func(t *testing.T) {
		c, _ := expectForm(t, form("DeleteUserPermissionsBoundary", "UserName", "Bob"), 200, emptyResult("DeleteUserPermissionsBoundary"))
		require.NoError(t, c.DeleteUserPermissionsBoundary(ctx, "Bob"))
	})
	t.Run("DeleteRolePermissionsBoundary", func(t *testing.T) {
		c, _ := expectForm(t, form("DeleteRolePermissionsBoundary", "RoleName", "S3Access"), 200, emptyResult("DeleteRolePermissionsBoundary"))
		require.NoError(t, c.DeleteRolePermissionsBoundary(ctx, "S3Access"))
	})
	t.Run("refused", func(t *testing.T) {
		c := neverCalled(t)
		requireValidation(t, c.PutUserPermissionsBoundary(ctx, "Bob", ""), "PutUserPermissionsBoundary", "PermissionsBoundary")
		requireValidation(t, c.DeleteRolePermissionsBoundary(ctx, "bad role"), "DeleteRolePermissionsBoundary", "RoleName")
	})
}
