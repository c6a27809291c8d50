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

const (
	examplePolicyARN = "arn:aws:iam::123456789012:policy/S3-read-only-example-bucket"
	s3ListAll        = `{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:ListAllMyBuckets","Resource":"arn:aws:s3:::*"}}`
)

func TestCheckPolicyARN(t *testing.T) {
	valid := []string{
		"arn:aws:iam::aws:policy/AdministratorAccess",
		"arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole",
		"arn:aws:iam::123456789012:policy/ops/team/ReadOnly",
		"arn:aws-cn:iam::123456789012:policy/P",
		"arn:aws-us-gov:iam::aws:policy/ReadOnlyAccess",
	}
	for _, arn := range valid {
		assert.NoError(t, checkPolicyARN("PolicyArn", arn), arn)
	}
	invalidARNs := map[string]string{
		"empty":           "",
		"role not policy": "arn:aws:iam::123456789012:role/ReadOnly",
		"not iam":         "arn:aws:s3:::123456789012:policy/P",
		"region set":      "arn:aws:iam:us-east-1:123456789012:policy/P",
		"short account":   "arn:aws:iam::12345:policy/ReadOnly",
		"no name":         "arn:aws:iam::123456789012:policy/ops/",
		"bad name":        "arn:aws:iam::123456789012:policy/Read Only",
		"bad partition":   "arn:AWS:iam::123456789012:policy/P",
		"not an arn":      "policy/AdministratorAccess-xxxxxxxxxxxx",
		"empty segment":   "arn:aws:iam::123456789012:policy//P",
	}
	for name, arn := range invalidARNs {
		t.Run(name, func(t *testing.T) {
			err := checkPolicyARN("PolicyArn", arn)
			require.Error(t, err)
			assert.Contains(t, err.Error(), "PolicyArn")
		})
	}
}

func TestCheckVersionID(t *testing.T) {
	for _, id := range []string{"v1", "v12", "v2.abc-1"} {
		assert.NoError(t, checkVersionID(id), id)
	}
	for _, id := range []string{"", "v", "v0", "1", "v1x", "v1.a_b"} {
		assert.Error(t, checkVersionID(id), id)
	}
}

func TestCreateManagedPolicy(t *testing.T) {
	ctx := context.Background()
	t.Run("document and options", func(t *testing.T) {
		doc, err := ParsePolicyDocument(s3ListAll)
		require.NoError(t, err)
		c, _ := expectForm(t, form("CreatePolicy", "PolicyName", "S3-read-only-example-bucket", "PolicyDocument", s3ListAll,
			"Path", "/", "Description", "read the example bucket", "Tags.member.1.Key", "owner", "Tags.member.1.Value", "data"),
			200, typedFixture(t, "createpolicy.xml"))
		p, err := c.CreatePolicy(ctx, "S3-read-only-example-bucket", doc, &CreatePolicyOptions{Path: "/", Description: "read the example bucket", Tags: []Tag{{"owner", "data"}}})
		require.NoError(t, err)
		assert.Equal(t, examplePolicyARN, p.ARN)
		assert.Equal(t, "ANPAJ2UCCR6DPCEXAMPLE", p.PolicyID)
		assert.Equal(t, "v1", p.DefaultVersionID)
		assert.True(t, p.IsAttachable)
		assert.Equal(t, "read the example bucket", p.Description)
		assert.Equal(t, []Tag{{"owner", "data"}}, p.Tags)
		assert.Equal(t, time.Date(2014, 9, 15, 17, 36, 14, 673000000, time.UTC), p.CreateDate)
		assert.Equal(t, time.Date(2014, 9, 15, 20, 31, 47, 0, time.UTC), p.UpdateDate)
	})
	t.Run("raw JSON, no options", func(t *testing.T) {
		c, _ := expectForm(t, form("CreatePolicy", "PolicyName", "P", "PolicyDocument", s3ListAll), 200, typedFixture(t, "createpolicy.xml"))
		_, err := c.CreatePolicyJSON(ctx, "P", s3ListAll, nil)
		require.NoError(t, err)
	})
	t.Run("refused", func(t *testing.T) {
		c := neverCalled(t)
		_, err := c.CreatePolicyJSON(ctx, "P", `{"Statement":[{"Effect":"Allow","Action":"s3","Resource":"*"}]}`, nil)
		requireValidation(t, err, "CreatePolicy", "PolicyDocument")
		_, err = c.CreatePolicy(ctx, "P", nil, nil)
		requireValidation(t, err, "CreatePolicy", "PolicyDocument")
		_, err = c.CreatePolicyJSON(ctx, strings.Repeat("p", 129), s3ListAll, nil)
		requireValidation(t, err, "CreatePolicy", "PolicyName")
		_, err = c.CreatePolicyJSON(ctx, "P", s3ListAll, &CreatePolicyOptions{Description: strings.Repeat("d", 1001)})
		requireValidation(t, err, "CreatePolicy", "Description")
	})
}

func TestGetManagedPolicy(t *testing.T) {
	ctx := context.Background()
	c, _ := expectForm(t, form("GetPolicy", "PolicyArn", examplePolicyARN), 200, typedFixture(t, "getpolicy.xml"))
	p, err := c.GetPolicy(ctx, examplePolicyARN)
	require.NoError(t, err)
	assert.Equal(t, 3, p.AttachmentCount)
	assert.Equal(t, 2, p.PermissionsBoundaryUsageCount)
	assert.Equal(t, "v3", p.DefaultVersionID)

	c, _ = expectForm(t, form("GetPolicy", "PolicyArn", examplePolicyARN), 200, typedFixture(t, "getpolicy-badcount.xml"))
	_, err = c.GetPolicy(ctx, examplePolicyARN)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "three")

	_, err = neverCalled(t).GetPolicy(ctx, "arn:aws:iam::123456789012:user/Bob")
	requireValidation(t, err, "GetPolicy", "PolicyArn")
}

func TestDeleteManagedPolicy(t *testing.T) {
	c, _ := expectForm(t, form("DeletePolicy", "PolicyArn", examplePolicyARN), 200, emptyResult("DeletePolicy"))
	require.NoError(t, c.DeletePolicy(context.Background(), examplePolicyARN))
}

func TestListManagedPolicies(t *testing.T) {
	tests := map[string]struct {
		fixture   string
		opts      *ListPoliciesOptions
		sent      []string
		names     []string
		counts    []int
		truncated bool
		marker    string
	}{
		"zero, nil options": {"listpolicies-0.xml", nil, nil, []string{}, []int{}, false, ""},
		"one, every filter": {"listpolicies-1.xml",
			&ListPoliciesOptions{Scope: PolicyScopeLocal, OnlyAttached: true, PathPrefix: "/ops/", PolicyUsageFilter: PolicyUsagePermissionsPolicy},
			[]string{"Scope", "Local", "OnlyAttached", "true", "PathPrefix", "/ops/", "PolicyUsageFilter", "PermissionsPolicy"},
			[]string{"ExamplePolicy"}, []int{2}, false, ""},
		"many, AWS scope": {"listpolicies-many.xml", &ListPoliciesOptions{Scope: PolicyScopeAWS, PageOptions: PageOptions{MaxItems: 3}},
			[]string{"Scope", "AWS", "MaxItems", "3"},
			[]string{"ExamplePolicy", "AWSLambdaBasicExecutionRole", "PowerUserAccess"}, []int{2, 7, 0}, true, "policies-page-2"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			c, _ := expectForm(t, form("ListPolicies", tc.sent...), 200, typedFixture(t, tc.fixture))
			out, err := c.ListPolicies(context.Background(), tc.opts)
			require.NoError(t, err)
			names, counts := []string{}, []int{}
			for _, p := range out.Policies {
				names = append(names, p.PolicyName)
				counts = append(counts, p.AttachmentCount)
			}
			assert.Equal(t, tc.names, names)
			assert.Equal(t, tc.counts, counts)
			assert.Equal(t, tc.truncated, out.IsTruncated)
			assert.Equal(t, tc.marker, out.Marker)
		})
	}
	t.Run("bad scope and usage refused", func(t *testing.T) {
		c := neverCalled(t)
		_, err := c.ListPolicies(context.Background(), &ListPoliciesOptions{Scope: "local"})
		requireValidation(t, err, "ListPolicies", "Scope")
		_, err = c.ListPolicies(context.Background(), &ListPoliciesOptions{PolicyUsageFilter: "Boundary"})
		requireValidation(t, err, "ListPolicies", "PolicyUsageFilter")
	})
}

func TestListPoliciesAllKeepsFilters(t *testing.T) {
	var calls int
	c := newTestClient(t, func(w http.ResponseWriter, r *http.Request) {
		require.NoError(t, r.ParseForm())
		calls++
		assert.Equal(t, "Local", r.PostForm.Get("Scope"), "every page keeps the filter")
		if r.PostForm.Get("Marker") == "" {
			xmlReply(w, 200, typedFixture(t, "listpolicies-many.xml"))
			return
		}
		assert.Equal(t, "policies-page-2", r.PostForm.Get("Marker"))
		xmlReply(w, 200, typedFixture(t, "listpolicies-1.xml"))
	})
	opts := &ListPoliciesOptions{Scope: PolicyScopeLocal}
	var n int
	for _, err := range c.ListPoliciesAll(context.Background(), opts) {
		require.NoError(t, err)
		n++
	}
	assert.Equal(t, 4, n)
	assert.Equal(t, 2, calls)
	assert.Empty(t, opts.Marker, "the caller's options are not changed")
}

func TestCreatePolicyVersion(t *testing.T) {
	ctx := context.Background()
	doc, err := ParsePolicyDocument(s3ListAll)
	require.NoError(t, err)
	c, _ := expectForm(t, form("CreatePolicyVersion", "PolicyArn", examplePolicyARN, "PolicyDocument", s3ListAll, "SetAsDefault", "true"), 200, typedFixture(t, "createpolicyversion.xml"))
	v, err := c.CreatePolicyVersion(ctx, examplePolicyARN, doc, &CreatePolicyVersionOptions{SetAsDefault: true})
	require.NoError(t, err)
	assert.Equal(t, "v2", v.VersionID)
	assert.True(t, v.IsDefaultVersion)
	assert.Nil(t, v.Document)

	c, _ = expectForm(t, form("CreatePolicyVersion", "PolicyArn", examplePolicyARN, "PolicyDocument", s3ListAll), 200, typedFixture(t, "createpolicyversion.xml"))
	_, err = c.CreatePolicyVersionJSON(ctx, examplePolicyARN, s3ListAll, &CreatePolicyVersionOptions{})
	require.NoError(t, err)
}

func TestGetPolicyVersion(t *testing.T) {
	ctx := context.Background()
	c, _ := expectForm(t, form("GetPolicyVersion", "PolicyArn", examplePolicyARN, "VersionId", "v2"), 200, typedFixture(t, "getpolicyversion.xml"))
	v, err := c.GetPolicyVersion(ctx, examplePolicyARN, "v2")
	require.NoError(t, err)
	assert.Equal(t, "v2", v.VersionID)
	assert.False(t, v.IsDefaultVersion)
	assert.Equal(t, s3ListAll, v.DocumentJSON)
	assert.True(t, strings.HasPrefix(v.RawDocument, "%7B%22Version"))
	require.NotNil(t, v.Document)
	assert.Equal(t, []string{"s3:ListAllMyBuckets"}, v.Document.Statement[0].Action.Values)
	assert.True(t, v.Document.SingleStatement(), "the statement's form is kept")

	_, err = neverCalled(t).GetPolicyVersion(ctx, examplePolicyARN, "2")
	requireValidation(t, err, "GetPolicyVersion", "VersionId")
}

func TestListPolicyVersions(t *testing.T) {
	tests := map[string]struct {
		fixture  string
		versions []string
		defaults []bool
	}{
		"zero": {"listpolicyversions-0.xml", []string{}, []bool{}},
		"one":  {"listpolicyversions-1.xml", []string{"v1"}, []bool{true}},
		"many": {"listpolicyversions-many.xml", []string{"v3", "v2", "v1"}, []bool{true, false, false}},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			c, _ := expectForm(t, form("ListPolicyVersions", "PolicyArn", examplePolicyARN), 200, typedFixture(t, tc.fixture))
			out, err := c.ListPolicyVersions(context.Background(), examplePolicyARN, nil)
			require.NoError(t, err)
			ids, defaults := []string{}, []bool{}
			for _, v := range out.Versions {
				ids = append(ids, v.VersionID)
				defaults = append(defaults, v.IsDefaultVersion)
			}
			assert.Equal(t, tc.versions, ids)
			assert.Equal(t, tc.defaults, defaults)
		})
	}
	t.Run("all", func(t *testing.T) {
		var markers []string
		c := twoPageServer(t, "ListPolicyVersions", typedFixture(t, "listpolicyversions-many.xml"), typedFixture(t, "listpolicyversions-1.xml"), &markers)
		var ids []string
		for v, err := range c.ListPolicyVersionsAll(context.Background(), examplePolicyARN, nil) {
			require.NoError(t, err)
			ids = append(ids, v.VersionID)
		}
		assert.Equal(t, []string{"v3", "v2", "v1", "v1"}, ids)
		assert.Equal(t, []string{"", "versions-page-2"}, markers)
	})
}

func TestPolicyVersionActions(t *testing.T) {
	ctx := context.Background()
	for _, action := range []string{"DeletePolicyVersion", "SetDefaultPolicyVersion"} {
		t.Run(action, func(t *testing.T) {
			c, _ := expectForm(t, form(action, "PolicyArn", examplePolicyARN, "VersionId", "v2"), 200, emptyResult(action))
			call := c.DeletePolicyVersion
			if action == "SetDefaultPolicyVersion" {
				call = c.SetDefaultPolicyVersion
			}
			require.NoError(t, call(ctx, examplePolicyARN, "v2"))
		})
	}
}
