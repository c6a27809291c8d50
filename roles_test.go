package iam

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const ec2Trust = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}`

func ec2TrustDoc(t *testing.T) *PolicyDocument {
	t.Helper()
	doc, err := ParsePolicyDocument(ec2Trust)
	require.NoError(t, err)
	return doc
}

func TestCreateRole(t *testing.T) {
	ctx := context.Background()
	t.Run("document and every option", func(t *testing.T) {
		c, _ := expectForm(t, form("CreateRole",
			"RoleName", "S3Access",
			"AssumeRolePolicyDocument", ec2Trust,
			"Path", "/application_abc/component_xyz/",
			"Description", "S3 reader for the xyz component",
			"MaxSessionDuration", "43200",
			"PermissionsBoundary", "arn:aws:iam::123456789012:policy/Boundary",
			"Tags.member.1.Key", "team", "Tags.member.1.Value", "storage",
		), 200, typedFixture(t, "createrole.xml"))
		r, err := c.CreateRole(ctx, "S3Access", ec2TrustDoc(t), &CreateRoleOptions{
			Path:                "/application_abc/component_xyz/",
			Description:         "S3 reader for the xyz component",
			MaxSessionDuration:  43200,
			PermissionsBoundary: "arn:aws:iam::123456789012:policy/Boundary",
			Tags:                []Tag{{"team", "storage"}},
		})
		require.NoError(t, err)
		assert.Equal(t, "S3Access", r.RoleName)
		assert.Equal(t, "AROADBQP57FF2AEXAMPLE", r.RoleID)
		assert.Equal(t, "arn:aws:iam::123456789012:role/application_abc/component_xyz/S3Access", r.ARN)
		assert.Equal(t, time.Date(2012, 5, 9, 15, 45, 35, 0, time.UTC), r.CreateDate)
		assert.Equal(t, 3600, r.MaxSessionDuration)
		assert.Equal(t, []Tag{{"team", "storage"}}, r.Tags)
		assert.Equal(t, ec2Trust, r.AssumeRolePolicyJSON)
		require.NotNil(t, r.AssumeRolePolicy)
		assert.Equal(t, "sts:AssumeRole", r.AssumeRolePolicy.Statement[0].Action.Values[0])
		assert.Equal(t, "4a93ceee-9966-11e1-b624-b1aEXAMPLE", r.Response().RequestID())
	})
	t.Run("raw JSON sent unchanged, options absent", func(t *testing.T) {
		spaced := strings.ReplaceAll(ec2Trust, ",", ", ")
		c, _ := expectForm(t, form("CreateRole", "RoleName", "S3Access", "AssumeRolePolicyDocument", spaced), 200, typedFixture(t, "createrole.xml"))
		_, err := c.CreateRoleJSON(ctx, "S3Access", spaced, nil)
		require.NoError(t, err)
	})
}

func TestCreateRoleRefusesBadInput(t *testing.T) {
	ctx := context.Background()
	c := neverCalled(t)
	tests := map[string]struct {
		name  string
		trust string
		opts  *CreateRoleOptions
		field string
	}{
		"empty name":            {"", ec2Trust, nil, "RoleName"},
		"name too long":         {strings.Repeat("r", 65), ec2Trust, nil, "RoleName"},
		"session too short":     {"r", ec2Trust, &CreateRoleOptions{MaxSessionDuration: 3599}, "MaxSessionDuration"},
		"session too long":      {"r", ec2Trust, &CreateRoleOptions{MaxSessionDuration: 43201}, "MaxSessionDuration"},
		"bad path":              {"r", ec2Trust, &CreateRoleOptions{Path: "no-slashes"}, "Path"},
		"bad boundary":          {"r", ec2Trust, &CreateRoleOptions{PermissionsBoundary: "arn:aws:iam::123456789012:role/NotAPolicy"}, "PermissionsBoundary"},
		"description too long":  {"r", ec2Trust, &CreateRoleOptions{Description: strings.Repeat("d", 1001)}, "Description"},
		"description bad chars": {"r", ec2Trust, &CreateRoleOptions{Description: "bell\a"}, "Description"},
		"bad tag":               {"r", ec2Trust, &CreateRoleOptions{Tags: []Tag{{"aws:x", "y"}}}, "Tags[0].Key"},
		"empty trust":           {"r", "", nil, "AssumeRolePolicyDocument"},
		"trust not JSON":        {"r", "{", nil, "AssumeRolePolicyDocument"},
		"trust bad effect":      {"r", `{"Statement":[{"Effect":"Maybe","Principal":"*","Action":"sts:AssumeRole"}]}`, nil, "AssumeRolePolicyDocument"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			_, err := c.CreateRoleJSON(ctx, tc.name, tc.trust, tc.opts)
			requireValidation(t, err, "CreateRole", tc.field)
		})
	}
	t.Run("nil document", func(t *testing.T) {
		_, err := c.CreateRole(ctx, "r", nil, nil)
		requireValidation(t, err, "CreateRole", "AssumeRolePolicyDocument")
	})
	t.Run("bounds accepted", func(t *testing.T) {
		for _, d := range []int{3600, 43200} {
			assert.NoError(t, checkMaxSessionDuration(d))
		}
	})
}

func TestGetRole(t *testing.T) {
	c, _ := expectForm(t, form("GetRole", "RoleName", "S3Access"), 200, typedFixture(t, "getrole.xml"))
	r, err := c.GetRole(context.Background(), "S3Access")
	require.NoError(t, err)
	assert.Equal(t, "/application_abc/component_xyz/", r.Path)
	assert.Equal(t, "S3 reader for the xyz component", r.Description)
	assert.Equal(t, 7200, r.MaxSessionDuration)
	assert.Equal(t, PermissionsBoundary{Type: "PermissionsBoundaryPolicy", ARN: "arn:aws:iam::123456789012:policy/Boundary"}, r.PermissionsBoundary)
	assert.Equal(t, []Tag{{"team", "storage"}, {"env", "prod"}}, r.Tags)
	assert.Equal(t, RoleLastUsed{LastUsedDate: time.Date(2019, 11, 20, 17, 9, 20, 0, time.UTC), Region: "us-east-1"}, r.RoleLastUsed)
	// Decoded exactly once: the wire's %2525 is the policy's literal %25,
	// and '+' stays a plus.
	assert.Contains(t, r.AssumeRolePolicyJSON, `"sts:ExternalId":"a%25b c+d"`)
	assert.Contains(t, r.RawAssumeRolePolicy, "a%2525b%20c%2Bd")
	require.NotNil(t, r.AssumeRolePolicy)
	st := r.AssumeRolePolicy.Statement[0]
	require.NotNil(t, st.Principal)
	assert.Equal(t, "AWS", st.Principal.Entries[0].Type)
	assert.Equal(t, "S3Access", r.Element().Get("RoleName").String())
}

func TestGetRoleStrictDecoding(t *testing.T) {
	tests := map[string]struct{ fixture, want string }{
		"trust policy not JSON":   {"getrole-baddoc.xml", "AssumeRolePolicyDocument"},
		"session not an integer":  {"getrole-badduration.xml", "an hour"},
		"no Role element":         {"", "Role"},
		"throttled is not a role": {"throttled", "Throttling"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			status, body := 200, `<GetRoleResponse><GetRoleResult/></GetRoleResponse>`
			switch tc.fixture {
			case "":
			case "throttled":
				status, body = 400, fixture(t, "errors/throttling.xml")
			default:
				body = typedFixture(t, tc.fixture)
			}
			c, _ := expectForm(t, form("GetRole", "RoleName", "S3Access"), status, body, WithRetryPolicy(RetryPolicy{MaxAttempts: 1}))
			r, err := c.GetRole(context.Background(), "S3Access")
			assert.Nil(t, r)
			require.Error(t, err)
			assert.Contains(t, err.Error(), tc.want)
		})
	}
}

func TestGetRoleNotFound(t *testing.T) {
	c, _ := expectForm(t, form("GetRole", "RoleName", "Gone"), 404, fixture(t, "errors/nosuchentity.xml"))
	_, err := c.GetRole(context.Background(), "Gone")
	assert.True(t, IsNotFound(err))
}

func TestUpdateRole(t *testing.T) {
	ctx := context.Background()
	tests := map[string]struct {
		opts *UpdateRoleOptions
		sent []string
	}{
		"nil options":  {nil, nil},
		"description":  {&UpdateRoleOptions{Description: "d"}, []string{"Description", "d"}},
		"session only": {&UpdateRoleOptions{MaxSessionDuration: 7200}, []string{"MaxSessionDuration", "7200"}},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			c, _ := expectForm(t, form("UpdateRole", append([]string{"RoleName", "r"}, tc.sent...)...), 200, emptyResult("UpdateRole"))
			require.NoError(t, c.UpdateRole(ctx, "r", tc.opts))
		})
	}
	t.Run("session refused", func(t *testing.T) {
		err := neverCalled(t).UpdateRole(ctx, "r", &UpdateRoleOptions{MaxSessionDuration: 60})
		requireValidation(t, err, "UpdateRole", "MaxSessionDuration")
	})
}

func TestUpdateRoleDescription(t *testing.T) {
	c, _ := expectForm(t, form("UpdateRoleDescription", "RoleName", "S3Access", "Description", "new words"), 200, typedFixture(t, "updateroledescription.xml"))
	r, err := c.UpdateRoleDescription(context.Background(), "S3Access", "new words")
	require.NoError(t, err)
	assert.Equal(t, "new words", r.Description)

	_, err = neverCalled(t).UpdateRoleDescription(context.Background(), "S3Access", "")
	requireValidation(t, err, "UpdateRoleDescription", "Description")
}

func TestUpdateAssumeRolePolicy(t *testing.T) {
	ctx := context.Background()
	c, hits := expectForm(t, form("UpdateAssumeRolePolicy", "RoleName", "r", "PolicyDocument", ec2Trust), 200, emptyResult("UpdateAssumeRolePolicy"))
	require.NoError(t, c.UpdateAssumeRolePolicy(ctx, "r", ec2TrustDoc(t)))
	require.NoError(t, c.UpdateAssumeRolePolicyJSON(ctx, "r", ec2Trust))
	assert.EqualValues(t, 2, hits.Load())

	big := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole","Sid":"` + strings.Repeat("x", 2100) + `"}]}`
	err := neverCalled(t).UpdateAssumeRolePolicyJSON(ctx, "r", big)
	requireValidation(t, err, "UpdateAssumeRolePolicy", "PolicyDocument")
}

func TestDeleteRole(t *testing.T) {
	c, _ := expectForm(t, form("DeleteRole", "RoleName", "r"), 200, emptyResult("DeleteRole"))
	require.NoError(t, c.DeleteRole(context.Background(), "r"))
	requireValidation(t, neverCalled(t).DeleteRole(context.Background(), "bad name"), "DeleteRole", "RoleName")
}

func TestListRoles(t *testing.T) {
	tests := map[string]struct {
		fixture   string
		opts      *ListRolesOptions
		sent      []string
		names     []string
		truncated bool
		marker    string
	}{
		"zero": {"listroles-0.xml", nil, nil, []string{}, false, ""},
		"one":  {"listroles-1.xml", &ListRolesOptions{PathPrefix: "/application_abc/"}, []string{"PathPrefix", "/application_abc/"}, []string{"S3Access"}, false, ""},
		"many": {"listroles-many.xml", &ListRolesOptions{PageOptions: PageOptions{MaxItems: 3, Marker: "m1"}}, []string{"MaxItems", "3", "Marker", "m1"},
			[]string{"S3Access", "SDBAccess", "EC2Admin"}, true, "roles-page-2"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			c, _ := expectForm(t, form("ListRoles", tc.sent...), 200, typedFixture(t, tc.fixture))
			out, err := c.ListRoles(context.Background(), tc.opts)
			require.NoError(t, err)
			names := []string{}
			for _, r := range out.Roles {
				names = append(names, r.RoleName)
				assert.NotNil(t, r.AssumeRolePolicy, "list members carry the trust policy")
			}
			assert.Equal(t, tc.names, names)
			assert.Equal(t, tc.truncated, out.IsTruncated)
			assert.Equal(t, tc.marker, out.Marker)
		})
	}
	t.Run("MaxItems refused", func(t *testing.T) {
		_, err := neverCalled(t).ListRoles(context.Background(), &ListRolesOptions{PageOptions: PageOptions{MaxItems: 1001}})
		requireValidation(t, err, "ListRoles", "MaxItems")
	})
}

// twoPageServer answers the first request of action with first and any
// request carrying a Marker with rest, recording the markers sent.
func twoPageServer(t *testing.T, action, first, rest string, markers *[]string) *Client {
	t.Helper()
	return newTestClient(t, func(w http.ResponseWriter, r *http.Request) {
		require.NoError(t, r.ParseForm())
		assert.Equal(t, action, r.PostForm.Get("Action"))
		*markers = append(*markers, r.PostForm.Get("Marker"))
		if r.PostForm.Get("Marker") == "" {
			xmlReply(w, 200, first)
			return
		}
		xmlReply(w, 200, rest)
	})
}

func TestListRolesAll(t *testing.T) {
	var markers []string
	c := twoPageServer(t, "ListRoles", typedFixture(t, "listroles-many.xml"), typedFixture(t, "listroles-1.xml"), &markers)
	var names []string
	for r, err := range c.ListRolesAll(context.Background(), nil) {
		require.NoError(t, err)
		names = append(names, r.RoleName)
	}
	assert.Equal(t, []string{"S3Access", "SDBAccess", "EC2Admin", "S3Access"}, names)
	assert.Equal(t, []string{"", "roles-page-2"}, markers)
}

func TestRoleTags(t *testing.T) {
	ctx := context.Background()
	t.Run("TagRole", func(t *testing.T) {
		c, _ := expectForm(t, form("TagRole", "RoleName", "r", "Tags.member.1.Key", "a", "Tags.member.1.Value", "1", "Tags.member.2.Key", "b", "Tags.member.2.Value", ""), 200, emptyResult("TagRole"))
		require.NoError(t, c.TagRole(ctx, "r", []Tag{{"a", "1"}, {"b", ""}}))
		requireValidation(t, neverCalled(t).TagRole(ctx, "r", nil), "TagRole", "Tags")
	})
	t.Run("UntagRole", func(t *testing.T) {
		c, _ := expectForm(t, form("UntagRole", "RoleName", "r", "TagKeys.member.1", "a", "TagKeys.member.2", "b"), 200, emptyResult("UntagRole"))
		require.NoError(t, c.UntagRole(ctx, "r", []string{"a", "b"}))
		requireValidation(t, neverCalled(t).UntagRole(ctx, "r", nil), "UntagRole", "TagKeys")
	})
	t.Run("ListRoleTags zero", func(t *testing.T) {
		c, _ := expectForm(t, form("ListRoleTags", "RoleName", "r"), 200, typedFixture(t, "listroletags-0.xml"))
		out, err := c.ListRoleTags(ctx, "r", nil)
		require.NoError(t, err)
		assert.Equal(t, []Tag{}, out.Tags)
	})
	t.Run("ListRoleTags many", func(t *testing.T) {
		c, _ := expectForm(t, form("ListRoleTags", "RoleName", "r", "MaxItems", "3"), 200, typedFixture(t, "listroletags-many.xml"))
		out, err := c.ListRoleTags(ctx, "r", &PageOptions{MaxItems: 3})
		require.NoError(t, err)
		assert.Equal(t, []Tag{{"team", "storage"}, {"env", "prod"}, {"cost-center", "1234"}}, out.Tags)
		assert.True(t, out.IsTruncated)
		assert.Equal(t, "tags-page-2", out.Marker)
	})
	t.Run("ListRoleTagsAll", func(t *testing.T) {
		var markers []string
		c := twoPageServer(t, "ListRoleTags", typedFixture(t, "listroletags-many.xml"), typedFixture(t, "listroletags-0.xml"), &markers)
		var keys []string
		for tag, err := range c.ListRoleTagsAll(ctx, "r", nil) {
			require.NoError(t, err)
			keys = append(keys, tag.Key)
		}
		assert.Equal(t, []string{"team", "env", "cost-center"}, keys)
		assert.Equal(t, []string{"", "tags-page-2"}, markers)
	})
}
