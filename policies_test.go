package iam

import (
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// fixtureDocument is the policy in the Get*Policy fixtures, as stored: the
// Resource holds a literal "%25" and a "+", which must survive decoding.
const fixtureDocument = `{"Version":"2012-10-17","Statement":[{"Sid":"Pct","Effect":"Allow",` +
	`"Action":["s3:GetObject","s3:ListBucket"],"Resource":"arn:aws:s3:::bucket/100%25 done+more/*",` +
	`"Condition":{"StringLike":{"s3:prefix":["home/${aws:username}/*"]}}}]}`

func readOnlyDoc() *PolicyDocument {
	return &PolicyDocument{
		Version: PolicyVersion,
		Statement: []Statement{{
			Sid:      "Read",
			Effect:   "Allow",
			Action:   StringList("s3:GetObject", "s3:ListBucket"),
			Resource: StringValue("arn:aws:s3:::bucket/*"),
		}},
	}
}

const readOnlyJSON = `{"Version":"2012-10-17","Statement":[{"Sid":"Read","Effect":"Allow","Action":["s3:GetObject","s3:ListBucket"],"Resource":"arn:aws:s3:::bucket/*"}]}`

func TestPutPolicyWithDocument(t *testing.T) {
	ctx := context.Background()
	tests := map[string]struct {
		action string
		entity string
		call   func(c *Client) error
	}{
		"user":  {"PutUserPolicy", "UserName", func(c *Client) error { return c.PutUserPolicy(ctx, "Bob", "ReadOnly", readOnlyDoc()) }},
		"group": {"PutGroupPolicy", "GroupName", func(c *Client) error { return c.PutGroupPolicy(ctx, "Bob", "ReadOnly", readOnlyDoc()) }},
		"role":  {"PutRolePolicy", "RoleName", func(c *Client) error { return c.PutRolePolicy(ctx, "Bob", "ReadOnly", readOnlyDoc()) }},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			c, hits := expectForm(t, form(tc.action, tc.entity, "Bob", "PolicyName", "ReadOnly", "PolicyDocument", readOnlyJSON), 200, emptyResult(tc.action))
			require.NoError(t, tc.call(c))
			assert.EqualValues(t, 1, hits.Load())
		})
	}
}

func TestPutPolicyJSONIsSentUnchanged(t *testing.T) {
	ctx := context.Background()
	text := "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": {\"Effect\": \"Deny\", \"Action\": \"iam:*\", \"Resource\": \"*\"}\n}\n"
	tests := map[string]struct {
		action, entity string
		call           func(c *Client) error
	}{
		"user":  {"PutUserPolicy", "UserName", func(c *Client) error { return c.PutUserPolicyJSON(ctx, "Bob", "NoIAM", text) }},
		"group": {"PutGroupPolicy", "GroupName", func(c *Client) error { return c.PutGroupPolicyJSON(ctx, "Bob", "NoIAM", text) }},
		"role":  {"PutRolePolicy", "RoleName", func(c *Client) error { return c.PutRolePolicyJSON(ctx, "Bob", "NoIAM", text) }},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			c, _ := expectForm(t, form(tc.action, tc.entity, "Bob", "PolicyName", "NoIAM", "PolicyDocument", text), 200, emptyResult(tc.action))
			require.NoError(t, tc.call(c))
		})
	}
}

func TestPutPolicyRefusesInvalidDocuments(t *testing.T) {
	ctx := context.Background()
	c := neverCalled(t)
	big := func(n int) string {
		res := make([]string, n)
		for i := range res {
			res[i] = fmt.Sprintf(`"arn:aws:s3:::bucket-%04d/*"`, i)
		}
		return `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":[` + strings.Join(res, ",") + `]}]}`
	}
	tests := map[string]struct {
		call    func() error
		problem string
	}{
		"not JSON": {func() error { return c.PutUserPolicyJSON(ctx, "Bob", "P", `{"Version": "2012-10-17",`) }, "JSON"},
		"empty":    {func() error { return c.PutUserPolicyJSON(ctx, "Bob", "P", "  ") }, "required"},
		"no statement": {func() error {
			return c.PutGroupPolicyJSON(ctx, "G", "P", `{"Version":"2012-10-17","Statement":[]}`)
		}, "Statement"},
		"nil document":   {func() error { return c.PutUserPolicy(ctx, "Bob", "P", nil) }, "Statement"},
		"empty document": {func() error { return c.PutRolePolicy(ctx, "R", "P", &PolicyDocument{Version: PolicyVersion}) }, "Statement"},
		"bad effect": {func() error {
			d := readOnlyDoc()
			d.Statement[0].Effect = "Permit"
			return c.PutUserPolicy(ctx, "Bob", "P", d)
		}, "Effect"},
		"bad action": {func() error {
			d := readOnlyDoc()
			d.Statement[0].Action = StringValue("s3GetObject")
			return c.PutGroupPolicy(ctx, "G", "P", d)
		}, "s3GetObject"},
		"unknown element": {func() error {
			return c.PutRolePolicyJSON(ctx, "R", "P", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*","Bogus":1}]}`)
		}, "Bogus"},
		"user quota 2048": {func() error { return c.PutUserPolicyJSON(ctx, "Bob", "P", big(80)) }, "2048"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			err := tc.call()
			ve := requireValidation(t, err, errAction(err), "PolicyDocument")
			assert.Contains(t, ve.Rule, tc.problem)
		})
	}

	t.Run("the same document fits a role's quota", func(t *testing.T) {
		c, _ := expectForm(t, form("PutRolePolicy", "RoleName", "R", "PolicyName", "P", "PolicyDocument", big(80)), 200, emptyResult("PutRolePolicy"))
		require.NoError(t, c.PutRolePolicyJSON(ctx, "R", "P", big(80)))
	})
}

// errAction returns the action an *OperationError names.
func errAction(err error) string {
	if oe, ok := err.(*OperationError); ok {
		return oe.Action
	}
	return ""
}

func TestPolicyMethodsRefuseInvalidNames(t *testing.T) {
	ctx := context.Background()
	c := neverCalled(t)
	tests := map[string]struct {
		call   func() error
		action string
		field  string
	}{
		"put user name":     {func() error { return c.PutUserPolicy(ctx, "a b", "P", readOnlyDoc()) }, "PutUserPolicy", "UserName"},
		"put policy name":   {func() error { return c.PutGroupPolicy(ctx, "G", "", readOnlyDoc()) }, "PutGroupPolicy", "PolicyName"},
		"put role 65":       {func() error { return c.PutRolePolicy(ctx, strings.Repeat("r", 65), "P", readOnlyDoc()) }, "PutRolePolicy", "RoleName"},
		"get group name":    {func() error { _, err := c.GetGroupPolicy(ctx, "", "P"); return err }, "GetGroupPolicy", "GroupName"},
		"get role policy":   {func() error { _, err := c.GetRolePolicy(ctx, "R", "P/x"); return err }, "GetRolePolicy", "PolicyName"},
		"delete user":       {func() error { return c.DeleteUserPolicy(ctx, "", "P") }, "DeleteUserPolicy", "UserName"},
		"list role MaxItem": {func() error { _, err := c.ListRolePolicies(ctx, "R", &PageOptions{MaxItems: 1001}); return err }, "ListRolePolicies", "MaxItems"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			requireValidation(t, tc.call(), tc.action, tc.field)
		})
	}
}

func TestGetPolicyDecodesOnce(t *testing.T) {
	ctx := context.Background()
	tests := map[string]struct {
		action, entity, fixture string
		call                    func(c *Client) (*InlinePolicy, error)
		owner                   func(p *InlinePolicy) string
	}{
		"user": {"GetUserPolicy", "UserName", "getuserpolicy.xml",
			func(c *Client) (*InlinePolicy, error) { return c.GetUserPolicy(ctx, "Bob", "AllAccessPolicy") },
			func(p *InlinePolicy) string { return p.UserName }},
		"group": {"GetGroupPolicy", "GroupName", "getgrouppolicy.xml",
			func(c *Client) (*InlinePolicy, error) { return c.GetGroupPolicy(ctx, "Bob", "AllAccessPolicy") },
			func(p *InlinePolicy) string { return p.GroupName }},
		"role": {"GetRolePolicy", "RoleName", "getrolepolicy.xml",
			func(c *Client) (*InlinePolicy, error) { return c.GetRolePolicy(ctx, "Bob", "AllAccessPolicy") },
			func(p *InlinePolicy) string { return p.RoleName }},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			body := typedFixture(t, tc.fixture)
			c, _ := expectForm(t, form(tc.action, tc.entity, "Bob", "PolicyName", "AllAccessPolicy"), 200, body)
			p, err := tc.call(c)
			require.NoError(t, err)
			assert.Equal(t, "Bob", tc.owner(p))
			assert.Equal(t, "AllAccessPolicy", p.PolicyName)
			assert.Equal(t, fixtureDocument, p.DocumentJSON, "decoded exactly once: %%2525 gives %%25, + stays +")
			assert.Contains(t, body, p.RawDocument)
			assert.Contains(t, p.RawDocument, "%2525")
			require.NotNil(t, p.Document)
			st := p.Document.Statement[0]
			assert.Equal(t, []string{"s3:GetObject", "s3:ListBucket"}, st.Action.Values)
			assert.Equal(t, []string{"arn:aws:s3:::bucket/100%25 done+more/*"}, st.Resource.Values)
			out, err := json.Marshal(p.Document)
			require.NoError(t, err)
			assert.JSONEq(t, fixtureDocument, string(out), "the parsed document round-trips")
			assert.Equal(t, "7e7cd8bc-99ef-11e1-a4c3-27EXAMPLE804", p.Response().RequestID())
		})
	}
}

func TestGetPolicyBadWireText(t *testing.T) {
	ctx := context.Background()
	tests := map[string]string{
		"bad escape":  "%7B%ZZ",
		"not JSON":    "hello%20world",
		"not policy":  "%7B%22Bogus%22%3A1%7D",
		"empty":       "",
		"double JSON": "%7B%7D%7B%7D",
	}
	for name, wire := range tests {
		t.Run(name, func(t *testing.T) {
			c, _ := expectForm(t, form("GetUserPolicy", "UserName", "Bob", "PolicyName", "P"), 200,
				`<GetUserPolicyResponse><GetUserPolicyResult><UserName>Bob</UserName><PolicyName>P</PolicyName><PolicyDocument>`+
					wire+`</PolicyDocument></GetUserPolicyResult></GetUserPolicyResponse>`)
			_, err := c.GetUserPolicy(ctx, "Bob", "P")
			require.Error(t, err)
			var de *DecodeError
			require.ErrorAs(t, err, &de)
			assert.Contains(t, err.Error(), "PolicyDocument")
		})
	}
}

func TestDeletePolicy(t *testing.T) {
	ctx := context.Background()
	for _, entity := range []string{"User", "Group", "Role"} {
		t.Run(entity, func(t *testing.T) {
			action := "Delete" + entity + "Policy"
			c, hits := expectForm(t, form(action, entity+"Name", "Bob", "PolicyName", "P"), 200, emptyResult(action))
			var err error
			switch entity {
			case "User":
				err = c.DeleteUserPolicy(ctx, "Bob", "P")
			case "Group":
				err = c.DeleteGroupPolicy(ctx, "Bob", "P")
			case "Role":
				err = c.DeleteRolePolicy(ctx, "Bob", "P")
			}
			require.NoError(t, err)
			assert.EqualValues(t, 1, hits.Load())
		})
	}
}

func TestListPolicies(t *testing.T) {
	ctx := context.Background()
	t.Run("user, zero", func(t *testing.T) {
		c, _ := expectForm(t, form("ListUserPolicies", "UserName", "Bob"), 200, typedFixture(t, "listuserpolicies-0.xml"))
		out, err := c.ListUserPolicies(ctx, "Bob", nil)
		require.NoError(t, err)
		assert.Equal(t, []string{}, out.PolicyNames)
	})
	t.Run("group, one", func(t *testing.T) {
		c, _ := expectForm(t, form("ListGroupPolicies", "GroupName", "Admins", "MaxItems", "5"), 200, typedFixture(t, "listgrouppolicies-1.xml"))
		out, err := c.ListGroupPolicies(ctx, "Admins", &PageOptions{MaxItems: 5})
		require.NoError(t, err)
		assert.Equal(t, []string{"AllAccessPolicy"}, out.PolicyNames)
	})
	t.Run("role, many", func(t *testing.T) {
		c, _ := expectForm(t, form("ListRolePolicies", "RoleName", "Ops"), 200, typedFixture(t, "listrolepolicies-many.xml"))
		out, err := c.ListRolePolicies(ctx, "Ops", nil)
		require.NoError(t, err)
		assert.Equal(t, []string{"AllAccessPolicy", "KeyPolicy", "S3ReadOnly"}, out.PolicyNames)
	})
	iterators := map[string]struct {
		action, entity, fixture string
		seq                     func(c *Client) func(func(string, error) bool)
		want                    []string
	}{
		"user": {"ListUserPolicies", "UserName", "listuserpolicies-0.xml",
			func(c *Client) func(func(string, error) bool) { return c.ListUserPoliciesAll(ctx, "X", nil) }, nil},
		"group": {"ListGroupPolicies", "GroupName", "listgrouppolicies-1.xml",
			func(c *Client) func(func(string, error) bool) { return c.ListGroupPoliciesAll(ctx, "X", nil) }, []string{"AllAccessPolicy"}},
		"role": {"ListRolePolicies", "RoleName", "listrolepolicies-many.xml",
			func(c *Client) func(func(string, error) bool) { return c.ListRolePoliciesAll(ctx, "X", nil) }, []string{"AllAccessPolicy", "KeyPolicy", "S3ReadOnly"}},
	}
	for name, tc := range iterators {
		t.Run(name+" all", func(t *testing.T) {
			c, _ := expectForm(t, form(tc.action, tc.entity, "X"), 200, typedFixture(t, tc.fixture))
			var got []string
			for n, err := range tc.seq(c) {
				require.NoError(t, err)
				got = append(got, n)
			}
			assert.Equal(t, tc.want, got)
		})
	}
}

func TestParsePolicyDocumentForms(t *testing.T) {
	doc, err := ParsePolicyDocument(`{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:*","Resource":["*"]}}`)
	require.NoError(t, err)
	require.Len(t, doc.Statement, 1)
	assert.True(t, doc.Statement[0].Action.IsSingle())
	assert.False(t, doc.Statement[0].Resource.IsSingle())
	out, err := doc.MarshalJSON()
	require.NoError(t, err)
	assert.Equal(t, `{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:*","Resource":["*"]}}`, string(out))

	_, err = ParsePolicyDocument(`[1,2]`)
	assert.Error(t, err)
}

// TestGetPolicyRoundTripsRealPolicies serves the real-world policies of
// internal/policy's fixtures percent-encoded as IAM sends them, and checks
// that each comes back as the same text and, parsed and marshalled again,
// as the same JSON.
func TestGetPolicyRoundTripsRealPolicies(t *testing.T) {
	files, err := filepath.Glob("internal/policy/testdata/*.json")
	require.NoError(t, err)
	require.GreaterOrEqual(t, len(files), 5)
	for _, file := range files {
		t.Run(filepath.Base(file), func(t *testing.T) {
			text, err := os.ReadFile(file)
			require.NoError(t, err)
			wire := strings.ReplaceAll(url.QueryEscape(string(text)), "+", "%20")
			c, _ := expectForm(t, form("GetRolePolicy", "RoleName", "R", "PolicyName", "P"), 200,
				`<GetRolePolicyResponse><GetRolePolicyResult><RoleName>R</RoleName><PolicyName>P</PolicyName><PolicyDocument>`+
					wire+`</PolicyDocument></GetRolePolicyResult></GetRolePolicyResponse>`)
			p, err := c.GetRolePolicy(context.Background(), "R", "P")
			require.NoError(t, err)
			assert.Equal(t, string(text), p.DocumentJSON)
			out, err := p.Document.MarshalJSON()
			require.NoError(t, err)
			assert.JSONEq(t, string(text), string(out))
		})
	}
}
