package iam

import (
	"context"
	"errors"
	"net/http"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestCreateGroup(t *testing.T) {
	ctx := context.Background()
	t.Run("with path", func(t *testing.T) {
		c, _ := expectForm(t, form("CreateGroup", "GroupName", "Admins", "Path", "/admins/"), 200, typedFixture(t, "creategroup.xml"))
		g, err := c.CreateGroup(ctx, "Admins", &CreateGroupOptions{Path: "/admins/"})
		require.NoError(t, err)
		assert.Equal(t, "/admins/", g.Path)
		assert.Equal(t, "Admins", g.GroupName)
		assert.Equal(t, "AGPACKCEVSQ6C2EXAMPLE", g.GroupID)
		assert.Equal(t, "arn:aws:iam::123456789012:group/admins/Admins", g.ARN)
		assert.Equal(t, time.Date(2012, 5, 10, 20, 13, 51, 0, time.UTC), g.CreateDate)
		assert.Equal(t, "7a62c49f-347e-4fc4-9331-6e8eEXAMPLE", g.Response().RequestID())
	})
	t.Run("nil options", func(t *testing.T) {
		c, _ := expectForm(t, form("CreateGroup", "GroupName", "Admins"), 200, typedFixture(t, "creategroup.xml"))
		_, err := c.CreateGroup(ctx, "Admins", nil)
		require.NoError(t, err)
	})
}

func TestGetGroup(t *testing.T) {
	ctx := context.Background()
	tests := map[string]struct {
		fixture   string
		opts      *PageOptions
		sent      []string
		group     string
		members   []string
		truncated bool
		marker    string
	}{
		"zero members": {"getgroup-0.xml", nil, nil, "Empty", []string{}, false, ""},
		"one member":   {"getgroup-1.xml", &PageOptions{}, nil, "Admins", []string{"Bob"}, false, ""},
		"many members": {"getgroup-many.xml", &PageOptions{MaxItems: 2}, []string{"MaxItems", "2"}, "Admins", []string{"Bob", "Susan"}, true, "group-page-2"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			c, _ := expectForm(t, form("GetGroup", append([]string{"GroupName", tc.group}, tc.sent...)...), 200, typedFixture(t, tc.fixture))
			out, err := c.GetGroup(ctx, tc.group, tc.opts)
			require.NoError(t, err)
			assert.Equal(t, tc.group, out.Group.GroupName)
			members := []string{}
			for _, u := range out.Users {
				members = append(members, u.UserName)
			}
			assert.Equal(t, tc.members, members)
			assert.Equal(t, tc.truncated, out.IsTruncated)
			assert.Equal(t, tc.marker, out.Marker)
		})
	}
}

func TestGetGroupThrottledIsAnErrorNotAnEmptyGroup(t *testing.T) {
	var hits atomic.Int32
	c := newTestClient(t, func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		xmlReply(w, 400, fixture(t, "errors/throttling.xml"))
	})
	out, err := c.GetGroup(context.Background(), "Admins", nil)
	assert.Nil(t, out)
	require.Error(t, err)
	assert.True(t, errors.Is(err, ErrThrottling))
	assert.EqualValues(t, fastRetries.MaxAttempts, hits.Load(), "throttling is retried first")

	var members []User
	var iterErr error
	for u, err := range c.GetGroupAll(context.Background(), "Admins", nil) {
		if err != nil {
			iterErr = err
			break
		}
		members = append(members, u)
	}
	assert.Empty(t, members)
	assert.True(t, errors.Is(iterErr, ErrThrottling))
}

func TestGetGroupWithoutUsersElementIsAnError(t *testing.T) {
	c, _ := expectForm(t, form("GetGroup", "GroupName", "Admins"), 200,
		`<GetGroupResponse><GetGroupResult><Group><GroupName>Admins</GroupName></Group><IsTruncated>false</IsTruncated></GetGroupResult></GetGroupResponse>`)
	_, err := c.GetGroup(context.Background(), "Admins", nil)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "Users")
}

func TestGetGroupAllWalksMembers(t *testing.T) {
	var markers []string
	c := newTestClient(t, func(w http.ResponseWriter, r *http.Request) {
		require.NoError(t, r.ParseForm())
		assert.Equal(t, "Admins", r.PostForm.Get("GroupName"))
		markers = append(markers, r.PostForm.Get("Marker"))
		if r.PostForm.Get("Marker") == "" {
			xmlReply(w, 200, typedFixture(t, "getgroup-many.xml"))
			return
		}
		xmlReply(w, 200, typedFixture(t, "getgroup-1.xml"))
	})
	var names []string
	for u, err := range c.GetGroupAll(context.Background(), "Admins", nil) {
		require.NoError(t, err)
		names = append(names, u.UserName)
	}
	assert.Equal(t, []string{"Bob", "Susan", "Bob"}, names)
	assert.Equal(t, []string{"", "group-page-2"}, markers)
}

func TestUpdateDeleteGroup(t *testing.T) {
	ctx := context.Background()
	t.Run("update both", func(t *testing.T) {
		c, _ := expectForm(t, form("UpdateGroup", "GroupName", "Admins", "NewGroupName", "Admins2", "NewPath", "/x/"), 200, emptyResult("UpdateGroup"))
		require.NoError(t, c.UpdateGroup(ctx, "Admins", &UpdateGroupOptions{NewGroupName: "Admins2", NewPath: "/x/"}))
	})
	t.Run("update nothing", func(t *testing.T) {
		c, _ := expectForm(t, form("UpdateGroup", "GroupName", "Admins"), 200, emptyResult("UpdateGroup"))
		require.NoError(t, c.UpdateGroup(ctx, "Admins", nil))
	})
	t.Run("delete", func(t *testing.T) {
		c, hits := expectForm(t, form("DeleteGroup", "GroupName", "Admins"), 200, emptyResult("DeleteGroup"))
		require.NoError(t, c.DeleteGroup(ctx, "Admins"))
		assert.EqualValues(t, 1, hits.Load())
	})
}

func TestListGroups(t *testing.T) {
	ctx := context.Background()
	t.Run("zero", func(t *testing.T) {
		c, _ := expectForm(t, form("ListGroups"), 200, typedFixture(t, "listgroups-0.xml"))
		out, err := c.ListGroups(ctx, nil)
		require.NoError(t, err)
		assert.NotNil(t, out.Groups)
		assert.Empty(t, out.Groups)
	})
	t.Run("one with filter", func(t *testing.T) {
		c, _ := expectForm(t, form("ListGroups", "PathPrefix", "/division_abc/", "MaxItems", "1000"), 200, typedFixture(t, "listgroups-1.xml"))
		out, err := c.ListGroups(ctx, &ListGroupsOptions{PathPrefix: "/division_abc/", PageOptions: PageOptions{MaxItems: 1000}})
		require.NoError(t, err)
		require.Len(t, out.Groups, 1)
		assert.Equal(t, "Admins", out.Groups[0].GroupName)
	})
	t.Run("all", func(t *testing.T) {
		c, _ := expectForm(t, form("ListGroups"), 200, typedFixture(t, "listgroups-1.xml"))
		n := 0
		for g, err := range c.ListGroupsAll(ctx, nil) {
			require.NoError(t, err)
			assert.Equal(t, "Admins", g.GroupName)
			n++
		}
		assert.Equal(t, 1, n)
	})
}

func TestGroupMembership(t *testing.T) {
	ctx := context.Background()
	t.Run("add", func(t *testing.T) {
		c, _ := expectForm(t, form("AddUserToGroup", "GroupName", "Admins", "UserName", "Bob"), 200, emptyResult("AddUserToGroup"))
		require.NoError(t, c.AddUserToGroup(ctx, "Admins", "Bob"))
	})
	t.Run("remove", func(t *testing.T) {
		c, _ := expectForm(t, form("RemoveUserFromGroup", "GroupName", "Admins", "UserName", "Bob"), 200, emptyResult("RemoveUserFromGroup"))
		require.NoError(t, c.RemoveUserFromGroup(ctx, "Admins", "Bob"))
	})
	t.Run("groups for user", func(t *testing.T) {
		c, _ := expectForm(t, form("ListGroupsForUser", "UserName", "Bob"), 200, typedFixture(t, "listgroupsforuser-many.xml"))
		out, err := c.ListGroupsForUser(ctx, "Bob", nil)
		require.NoError(t, err)
		var names []string
		for _, g := range out.Groups {
			names = append(names, g.GroupName)
		}
		assert.Equal(t, []string{"Admins", "Dev", "OnCall"}, names)
		assert.Equal(t, "/ops/", out.Groups[2].Path)
	})
	t.Run("groups for user, all", func(t *testing.T) {
		c, _ := expectForm(t, form("ListGroupsForUser", "UserName", "Bob"), 200, typedFixture(t, "listgroupsforuser-many.xml"))
		n := 0
		for _, err := range c.ListGroupsForUserAll(ctx, "Bob", nil) {
			require.NoError(t, err)
			n++
		}
		assert.Equal(t, 3, n)
	})
}

func TestGroupMethodsRefuseInvalidInput(t *testing.T) {
	ctx := context.Background()
	c := neverCalled(t)
	long := string(make([]byte, 129))
	tests := map[string]struct {
		call   func() error
		action string
		field  string
	}{
		"CreateGroup bad name":    {func() error { _, err := c.CreateGroup(ctx, "a b", nil); return err }, "CreateGroup", "GroupName"},
		"CreateGroup bad path":    {func() error { _, err := c.CreateGroup(ctx, "a", &CreateGroupOptions{Path: "x"}); return err }, "CreateGroup", "Path"},
		"GetGroup empty":          {func() error { _, err := c.GetGroup(ctx, "", nil); return err }, "GetGroup", "GroupName"},
		"GetGroup too long":       {func() error { _, err := c.GetGroup(ctx, long, nil); return err }, "GetGroup", "GroupName"},
		"GetGroup MaxItems":       {func() error { _, err := c.GetGroup(ctx, "a", &PageOptions{MaxItems: 5000}); return err }, "GetGroup", "MaxItems"},
		"UpdateGroup bad new":     {func() error { return c.UpdateGroup(ctx, "a", &UpdateGroupOptions{NewGroupName: "b c"}) }, "UpdateGroup", "NewGroupName"},
		"DeleteGroup empty":       {func() error { return c.DeleteGroup(ctx, "") }, "DeleteGroup", "GroupName"},
		"ListGroups prefix":       {func() error { _, err := c.ListGroups(ctx, &ListGroupsOptions{PathPrefix: "nope"}); return err }, "ListGroups", "PathPrefix"},
		"AddUserToGroup user":     {func() error { return c.AddUserToGroup(ctx, "Admins", "") }, "AddUserToGroup", "UserName"},
		"RemoveUserFromGroup grp": {func() error { return c.RemoveUserFromGroup(ctx, "", "Bob") }, "RemoveUserFromGroup", "GroupName"},
		"ListGroupsForUser user":  {func() error { _, err := c.ListGroupsForUser(ctx, "", nil); return err }, "ListGroupsForUser", "UserName"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			requireValidation(t, tc.call(), tc.action, tc.field)
		})
	}
}
