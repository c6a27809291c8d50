package iam

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestCreateUser(t *testing.T) {
	ctx := context.Background()
	t.Run("all options", func(t *testing.T) {
		c, hits := expectForm(t, form("CreateUser",
			"UserName", "Bob",
			"Path", "/division_abc/subdivision_xyz/",
			"PermissionsBoundary", "arn:aws:iam::123456789012:policy/Boundary",
			"Tags.member.1.Key", "Dept", "Tags.member.1.Value", "Accounting",
			"Tags.member.2.Key", "CostCenter", "Tags.member.2.Value", "12345",
		), 200, typedFixture(t, "createuser.xml"))
		u, err := c.CreateUser(ctx, "Bob", &CreateUserOptions{
			Path:                "/division_abc/subdivision_xyz/",
			PermissionsBoundary: "arn:aws:iam::123456789012:policy/Boundary",
			Tags:                []Tag{{"Dept", "Accounting"}, {"CostCenter", "12345"}},
		})
		require.NoError(t, err)
		assert.EqualValues(t, 1, hits.Load())
		assert.Equal(t, "/division_abc/subdivision_xyz/", u.Path)
		assert.Equal(t, "Bob", u.UserName)
		assert.Equal(t, "AIDACKCEVSQ6C2EXAMPLE", u.UserID)
		assert.Equal(t, "arn:aws:iam::123456789012:user/division_abc/subdivision_xyz/Bob", u.ARN)
		assert.Equal(t, time.Date(2013, 1, 17, 20, 32, 27, 0, time.UTC), u.CreateDate)
		assert.True(t, u.PasswordLastUsed.IsZero())
		assert.Equal(t, PermissionsBoundary{Type: "PermissionsBoundaryPolicy", ARN: "arn:aws:iam::123456789012:policy/Boundary"}, u.PermissionsBoundary)
		assert.Equal(t, []Tag{{"Dept", "Accounting"}, {"CostCenter", "12345"}}, u.Tags)
		assert.Equal(t, "7a62c49f-347e-4fc4-9331-6e8eEXAMPLE", u.Response().RequestID())
		assert.Equal(t, "User", u.Element().Name())
	})
	t.Run("nil options send only the name", func(t *testing.T) {
		c, _ := expectForm(t, form("CreateUser", "UserName", "Bob"), 200, typedFixture(t, "createuser.xml"))
		_, err := c.CreateUser(ctx, "Bob", nil)
		require.NoError(t, err)
	})
	t.Run("zero options send only the name", func(t *testing.T) {
		c, _ := expectForm(t, form("CreateUser", "UserName", "Bob"), 200, typedFixture(t, "createuser.xml"))
		_, err := c.CreateUser(ctx, "Bob", &CreateUserOptions{Tags: []Tag{}})
		require.NoError(t, err)
	})
}

func TestGetUser(t *testing.T) {
	ctx := context.Background()
	t.Run("named", func(t *testing.T) {
		c, _ := expectForm(t, form("GetUser", "UserName", "Bob"), 200, typedFixture(t, "getuser.xml"))
		u, err := c.GetUser(ctx, "Bob")
		require.NoError(t, err)
		assert.Equal(t, "Bob", u.UserName)
		assert.Equal(t, time.Date(2024, 3, 2, 11, 22, 33, 123e6, time.UTC), u.PasswordLastUsed)
		assert.Empty(t, u.Tags)
		assert.Equal(t, PermissionsBoundary{}, u.PermissionsBoundary)
	})
	t.Run("empty name is the caller and sends no UserName", func(t *testing.T) {
		c, _ := expectForm(t, form("GetUser"), 200, typedFixture(t, "getuser.xml"))
		u, err := c.GetUser(ctx, "")
		require.NoError(t, err)
		assert.Equal(t, "Bob", u.UserName)
	})
	t.Run("malformed date is an error, not a zero time", func(t *testing.T) {
		c, _ := expectForm(t, form("GetUser", "UserName", "Bob"), 200, typedFixture(t, "getuser-baddate.xml"))
		u, err := c.GetUser(ctx, "Bob")
		require.Error(t, err)
		assert.Nil(t, u)
		assert.Contains(t, err.Error(), "CreateDate")
		assert.Contains(t, err.Error(), "yesterday")
	})
	t.Run("fields the type does not carry stay reachable", func(t *testing.T) {
		body := strings.Replace(typedFixture(t, "getuser.xml"), "<Tags/>", "<Tags/><SomeNewField>42</SomeNewField>", 1)
		c, _ := expectForm(t, form("GetUser", "UserName", "Bob"), 200, body)
		u, err := c.GetUser(ctx, "Bob")
		require.NoError(t, err)
		assert.Equal(t, "42", u.Element().Get("SomeNewField").String())
		assert.Equal(t, "42", u.Response().Get("SomeNewField").String())
	})
	t.Run("not found", func(t *testing.T) {
		c, _ := expectForm(t, form("GetUser", "UserName", "bob"), 404, fixture(t, "errors/nosuchentity.xml"))
		_, err := c.GetUser(ctx, "bob")
		assert.True(t, IsNotFound(err))
	})
}

func TestUpdateUser(t *testing.T) {
	ctx := context.Background()
	tests := map[string]struct {
		opts *UpdateUserOptions
		want []string
	}{
		"nil":      {nil, nil},
		"new name": {&UpdateUserOptions{NewUserName: "Robert"}, []string{"NewUserName", "Robert"}},
		"new path": {&UpdateUserOptions{NewPath: "/ops/"}, []string{"NewPath", "/ops/"}},
		"both":     {&UpdateUserOptions{NewUserName: "Robert", NewPath: "/ops/"}, []string{"NewUserName", "Robert", "NewPath", "/ops/"}},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			c, hits := expectForm(t, form("UpdateUser", append([]string{"UserName", "Bob"}, tc.want...)...), 200, emptyResult("UpdateUser"))
			require.NoError(t, c.UpdateUser(ctx, "Bob", tc.opts))
			assert.EqualValues(t, 1, hits.Load())
		})
	}
}

func TestDeleteUser(t *testing.T) {
	c, hits := expectForm(t, form("DeleteUser", "UserName", "Bob"), 200, emptyResult("DeleteUser"))
	require.NoError(t, c.DeleteUser(context.Background(), "Bob"))
	assert.EqualValues(t, 1, hits.Load())
}

func TestListUsers(t *testing.T) {
	ctx := context.Background()
	tests := map[string]struct {
		fixture   string
		opts      *ListUsersOptions
		sent      []string
		names     []string
		truncated bool
		marker    string
	}{
		"zero members": {"listusers-0.xml", nil, nil, []string{}, false, ""},
		"one member": {"listusers-1.xml", &ListUsersOptions{PathPrefix: "/division_abc/"},
			[]string{"PathPrefix", "/division_abc/"}, []string{"Andrew"}, false, ""},
		"many members": {"listusers-many.xml", &ListUsersOptions{PageOptions: PageOptions{MaxItems: 3, Marker: "AAEAAQ-prev"}},
			[]string{"MaxItems", "3", "Marker", "AAEAAQ-prev"}, []string{"Andrew", "Jackie", "Bob"}, true, "AAEAAQ-next-page"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			c, _ := expectForm(t, form("ListUsers", tc.sent...), 200, typedFixture(t, tc.fixture))
			out, err := c.ListUsers(ctx, tc.opts)
			require.NoError(t, err)
			names := []string{}
			for _, u := range out.Users {
				names = append(names, u.UserName)
				assert.Nil(t, u.Tags, "lists carry no tags")
			}
			assert.Equal(t, tc.names, names)
			assert.Equal(t, tc.truncated, out.IsTruncated)
			assert.Equal(t, tc.marker, out.Marker)
			assert.NotNil(t, out.Users)
			assert.Equal(t, "7a62c49f-347e-4fc4-9331-6e8eEXAMPLE", out.Response().RequestID())
		})
	}
	t.Run("member fields", func(t *testing.T) {
		c, _ := expectForm(t, form("ListUsers"), 200, typedFixture(t, "listusers-many.xml"))
		out, err := c.ListUsers(ctx, nil)
		require.NoError(t, err)
		u := out.Users[0]
		assert.Equal(t, "AID2MAB8DPLSRHEXAMPLE", u.UserID)
		assert.Equal(t, time.Date(2014, 9, 8, 21, 47, 36, 0, time.UTC), u.PasswordLastUsed)
		assert.True(t, out.Users[1].PasswordLastUsed.IsZero())
		assert.Equal(t, "member", u.Element().Name())
	})
	t.Run("malformed IsTruncated is an error", func(t *testing.T) {
		c, _ := expectForm(t, form("ListUsers"), 200, typedFixture(t, "listusers-badtruncated.xml"))
		_, err := c.ListUsers(ctx, nil)
		require.Error(t, err)
		assert.Contains(t, err.Error(), "IsTruncated")
	})
	t.Run("missing Users element is an error", func(t *testing.T) {
		c, _ := expectForm(t, form("ListUsers"), 200,
			`<ListUsersResponse><ListUsersResult><IsTruncated>false</IsTruncated></ListUsersResult></ListUsersResponse>`)
		_, err := c.ListUsers(ctx, nil)
		require.Error(t, err)
		assert.Contains(t, err.Error(), "Users")
	})
}

func TestTagUntagListUserTags(t *testing.T) {
	ctx := context.Background()
	t.Run("TagUser", func(t *testing.T) {
		c, _ := expectForm(t, form("TagUser", "UserName", "Bob",
			"Tags.member.1.Key", "Dept", "Tags.member.1.Value", "Accounting",
			"Tags.member.2.Key", "Empty", "Tags.member.2.Value", ""), 200, emptyResult("TagUser"))
		require.NoError(t, c.TagUser(ctx, "Bob", []Tag{{"Dept", "Accounting"}, {"Empty", ""}}))
	})
	t.Run("UntagUser", func(t *testing.T) {
		c, _ := expectForm(t, form("UntagUser", "UserName", "Bob",
			"TagKeys.member.1", "Dept", "TagKeys.member.2", "Empty"), 200, emptyResult("UntagUser"))
		require.NoError(t, c.UntagUser(ctx, "Bob", []string{"Dept", "Empty"}))
	})
	t.Run("ListUserTags", func(t *testing.T) {
		c, _ := expectForm(t, form("ListUserTags", "UserName", "Bob", "MaxItems", "10"), 200, typedFixture(t, "listusertags.xml"))
		out, err := c.ListUserTags(ctx, "Bob", &PageOptions{MaxItems: 10})
		require.NoError(t, err)
		assert.Equal(t, []Tag{{"Dept", "Accounting"}, {"Empty", ""}}, out.Tags)
		assert.False(t, out.IsTruncated)
	})
	t.Run("ListUserTagsAll", func(t *testing.T) {
		c, _ := expectForm(t, form("ListUserTags", "UserName", "Bob"), 200, typedFixture(t, "listusertags.xml"))
		var got []Tag
		for tag, err := range c.ListUserTagsAll(ctx, "Bob", nil) {
			require.NoError(t, err)
			got = append(got, tag)
		}
		assert.Equal(t, []Tag{{"Dept", "Accounting"}, {"Empty", ""}}, got)
	})
}

func TestUserMethodsRefuseInvalidInput(t *testing.T) {
	ctx := context.Background()
	c := neverCalled(t)
	tests := map[string]struct {
		call   func() error
		action string
		field  string
	}{
		"CreateUser bad name": {func() error { _, err := c.CreateUser(ctx, "bad name!", nil); return err }, "CreateUser", "UserName"},
		"CreateUser no name":  {func() error { _, err := c.CreateUser(ctx, "", nil); return err }, "CreateUser", "UserName"},
		"CreateUser bad path": {func() error {
			_, err := c.CreateUser(ctx, "Bob", &CreateUserOptions{Path: "no-slashes"})
			return err
		}, "CreateUser", "Path"},
		"CreateUser bad boundary": {func() error {
			_, err := c.CreateUser(ctx, "Bob", &CreateUserOptions{PermissionsBoundary: "Boundary"})
			return err
		}, "CreateUser", "PermissionsBoundary"},
		"CreateUser aws: tag": {func() error {
			_, err := c.CreateUser(ctx, "Bob", &CreateUserOptions{Tags: []Tag{{"ok", "1"}, {"AWS:x", "1"}}})
			return err
		}, "CreateUser", "Tags[1].Key"},
		"GetUser bad name":        {func() error { _, err := c.GetUser(ctx, "Bob/x"); return err }, "GetUser", "UserName"},
		"UpdateUser bad new name": {func() error { return c.UpdateUser(ctx, "Bob", &UpdateUserOptions{NewUserName: "a b"}) }, "UpdateUser", "NewUserName"},
		"UpdateUser bad new path": {func() error { return c.UpdateUser(ctx, "Bob", &UpdateUserOptions{NewPath: "/x"}) }, "UpdateUser", "NewPath"},
		"DeleteUser no name":      {func() error { return c.DeleteUser(ctx, "") }, "DeleteUser", "UserName"},
		"ListUsers MaxItems 0-1": {func() error {
			_, err := c.ListUsers(ctx, &ListUsersOptions{PageOptions: PageOptions{MaxItems: -1}})
			return err
		}, "ListUsers", "MaxItems"},
		"ListUsers MaxItems 1001": {func() error {
			_, err := c.ListUsers(ctx, &ListUsersOptions{PageOptions: PageOptions{MaxItems: 1001}})
			return err
		}, "ListUsers", "MaxItems"},
		"ListUsers bad prefix": {func() error { _, err := c.ListUsers(ctx, &ListUsersOptions{PathPrefix: "x"}); return err }, "ListUsers", "PathPrefix"},
		"TagUser no tags":      {func() error { return c.TagUser(ctx, "Bob", nil) }, "TagUser", "Tags"},
		"UntagUser no keys":    {func() error { return c.UntagUser(ctx, "Bob", nil) }, "UntagUser", "TagKeys"},
		"UntagUser bad key":    {func() error { return c.UntagUser(ctx, "Bob", []string{"a", "b!"}) }, "UntagUser", "TagKeys[1]"},
		"ListUserTags no name": {func() error { _, err := c.ListUserTags(ctx, "", nil); return err }, "ListUserTags", "UserName"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			requireValidation(t, tc.call(), tc.action, tc.field)
		})
	}
}

func TestValidationErrorMessage(t *testing.T) {
	_, err := neverCalled(t).CreateUser(context.Background(), "bad name!", nil)
	assert.EqualError(t, err, `iam CreateUser: UserName "bad name!": must match [\w+=,.@-]+ (1-64 characters)`)
}
