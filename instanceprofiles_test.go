package iam

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestCreateInstanceProfile(t *testing.T) {
	ctx := context.Background()
	t.Run("with options", func(t *testing.T) {
		c, _ := expectForm(t, form("CreateInstanceProfile", "InstanceProfileName", "Webserver", "Path", "/application_abc/component_xyz/",
			"Tags.member.1.Key", "tier", "Tags.member.1.Value", "web"), 200, typedFixture(t, "createinstanceprofile.xml"))
		ip, err := c.CreateInstanceProfile(ctx, "Webserver", &CreateInstanceProfileOptions{Path: "/application_abc/component_xyz/", Tags: []Tag{{"tier", "web"}}})
		require.NoError(t, err)
		assert.Equal(t, "Webserver", ip.InstanceProfileName)
		assert.Equal(t, "AIPAD5ARO2C5EXAMPLE3G", ip.InstanceProfileID)
		assert.Equal(t, time.Date(2012, 5, 9, 16, 11, 10, 0, time.UTC), ip.CreateDate)
		assert.NotNil(t, ip.Roles)
		assert.Empty(t, ip.Roles)
	})
	t.Run("nil options", func(t *testing.T) {
		c, _ := expectForm(t, form("CreateInstanceProfile", "InstanceProfileName", "Webserver"), 200, typedFixture(t, "createinstanceprofile.xml"))
		_, err := c.CreateInstanceProfile(ctx, "Webserver", nil)
		require.NoError(t, err)
	})
	t.Run("bad name", func(t *testing.T) {
		_, err := neverCalled(t).CreateInstanceProfile(ctx, "web server", nil)
		requireValidation(t, err, "CreateInstanceProfile", "InstanceProfileName")
	})
}

func TestGetInstanceProfileRolesAreAlwaysAList(t *testing.T) {
	tests := map[string]struct {
		fixture string
		roles   []string
		tags    []Tag
	}{
		"zero roles": {"getinstanceprofile-0.xml", []string{}, nil},
		"one role":   {"getinstanceprofile-1.xml", []string{"S3Access"}, []Tag{{"tier", "web"}}},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			c, _ := expectForm(t, form("GetInstanceProfile", "InstanceProfileName", "Webserver"), 200, typedFixture(t, tc.fixture))
			ip, err := c.GetInstanceProfile(context.Background(), "Webserver")
			require.NoError(t, err)
			require.NotNil(t, ip.Roles)
			names := []string{}
			for _, r := range ip.Roles {
				names = append(names, r.RoleName)
				assert.Equal(t, ec2Trust, r.AssumeRolePolicyJSON)
			}
			assert.Equal(t, tc.roles, names)
			assert.Equal(t, tc.tags, ip.Tags)
		})
	}
	t.Run("missing Roles element is an error", func(t *testing.T) {
		c, _ := expectForm(t, form("GetInstanceProfile", "InstanceProfileName", "Webserver"), 200, typedFixture(t, "getinstanceprofile-noroles.xml"))
		_, err := c.GetInstanceProfile(context.Background(), "Webserver")
		require.Error(t, err)
		assert.Contains(t, err.Error(), "Roles")
	})
}

func TestDeleteInstanceProfile(t *testing.T) {
	c, _ := expectForm(t, form("DeleteInstanceProfile", "InstanceProfileName", "Webserver"), 200, emptyResult("DeleteInstanceProfile"))
	require.NoError(t, c.DeleteInstanceProfile(context.Background(), "Webserver"))
}

func TestListInstanceProfiles(t *testing.T) {
	tests := map[string]struct {
		fixture   string
		opts      *ListInstanceProfilesOptions
		sent      []string
		names     []string
		roleCount []int
		truncated bool
	}{
		"zero": {"listinstanceprofiles-0.xml", nil, nil, []string{}, []int{}, false},
		"one":  {"listinstanceprofiles-1.xml", &ListInstanceProfilesOptions{PathPrefix: "/application_abc/"}, []string{"PathPrefix", "/application_abc/"}, []string{"Webserver"}, []int{1}, false},
		"many": {"listinstanceprofiles-many.xml", &ListInstanceProfilesOptions{PageOptions: PageOptions{MaxItems: 3}}, []string{"MaxItems", "3"},
			[]string{"Database", "Webserver", "Batch"}, []int{0, 1, 1}, true},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			c, _ := expectForm(t, form("ListInstanceProfiles", tc.sent...), 200, typedFixture(t, tc.fixture))
			out, err := c.ListInstanceProfiles(context.Background(), tc.opts)
			require.NoError(t, err)
			names, counts := []string{}, []int{}
			for _, ip := range out.InstanceProfiles {
				names = append(names, ip.InstanceProfileName)
				counts = append(counts, len(ip.Roles))
			}
			assert.Equal(t, tc.names, names)
			assert.Equal(t, tc.roleCount, counts)
			assert.Equal(t, tc.truncated, out.IsTruncated)
		})
	}
}

func TestListInstanceProfilesAll(t *testing.T) {
	var markers []string
	c := twoPageServer(t, "ListInstanceProfiles", typedFixture(t, "listinstanceprofiles-many.xml"), typedFixture(t, "listinstanceprofiles-0.xml"), &markers)
	var names []string
	for ip, err := range c.ListInstanceProfilesAll(context.Background(), nil) {
		require.NoError(t, err)
		names = append(names, ip.InstanceProfileName)
	}
	assert.Equal(t, []string{"Database", "Webserver", "Batch"}, names)
	assert.Equal(t, []string{"", "ip-page-2"}, markers)
}

func TestListInstanceProfilesForRole(t *testing.T) {
	c, _ := expectForm(t, form("ListInstanceProfilesForRole", "RoleName", "S3Access", "Marker", "m"), 200, typedFixture(t, "listinstanceprofilesforrole-1.xml"))
	out, err := c.ListInstanceProfilesForRole(context.Background(), "S3Access", &PageOptions{Marker: "m"})
	require.NoError(t, err)
	require.Len(t, out.InstanceProfiles, 1)
	assert.Equal(t, "S3Access", out.InstanceProfiles[0].Roles[0].RoleName)

	c, _ = expectForm(t, form("ListInstanceProfilesForRole", "RoleName", "S3Access"), 200, typedFixture(t, "listinstanceprofilesforrole-1.xml"))
	var n int
	for _, err := range c.ListInstanceProfilesForRoleAll(context.Background(), "S3Access", nil) {
		require.NoError(t, err)
		n++
	}
	assert.Equal(t, 1, n)
}

func TestInstanceProfileRole(t *testing.T) {
	ctx := context.Background()
	for _, action := range []string{"AddRoleToInstanceProfile", "RemoveRoleFromInstanceProfile"} {
		t.Run(action, func(t *testing.T) {
			c, _ := expectForm(t, form(action, "InstanceProfileName", "Webserver", "RoleName", "S3Access"), 200, emptyResult(action))
			call := c.AddRoleToInstanceProfile
			if action == "RemoveRoleFromInstanceProfile" {
				call = c.RemoveRoleFromInstanceProfile
			}
			require.NoError(t, call(ctx, "Webserver", "S3Access"))
		})
	}
	requireValidation(t, neverCalled(t).AddRoleToInstanceProfile(ctx, "Webserver", ""), "AddRoleToInstanceProfile", "RoleName")
}
