package iam

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestAccountAlias(t *testing.T) {
	ctx := context.Background()
	c, _ := expectForm(t, form("CreateAccountAlias", "AccountAlias", "example-corporation"), 200, emptyResult("CreateAccountAlias"))
	require.NoError(t, c.CreateAccountAlias(ctx, "example-corporation"))
	c2, _ := expectForm(t, form("DeleteAccountAlias", "AccountAlias", "example-corporation"), 200, emptyResult("DeleteAccountAlias"))
	require.NoError(t, c2.DeleteAccountAlias(ctx, "example-corporation"))

	for name, alias := range map[string]string{
		"empty": "", "too short": "ab", "upper case": "Example", "double hyphen": "ex--ample",
		"leading hyphen": "-example", "trailing hyphen": "example-", "underscore": "ex_ample",
		"too long": strings.Repeat("a", 64),
	} {
		t.Run("refused: "+name, func(t *testing.T) {
			requireValidation(t, neverCalled(t).CreateAccountAlias(ctx, alias), "CreateAccountAlias", "AccountAlias")
		})
	}
}

func TestListAccountAliases(t *testing.T) {
	ctx := context.Background()
	tests := map[string]struct {
		fixture string
		aliases []string
		more    bool
	}{
		"zero": {"listaccountaliases-0.xml", []string{}, false},
		"one":  {"listaccountaliases-1.xml", []string{"example-corporation"}, false},
		"many": {"listaccountaliases-many.xml", []string{"example-corporation", "example-legacy"}, true},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			c, _ := expectForm(t, form("ListAccountAliases"), 200, typedFixture(t, tc.fixture))
			out, err := c.ListAccountAliases(ctx, nil)
			require.NoError(t, err)
			assert.Equal(t, tc.aliases, out.AccountAliases)
			assert.Equal(t, tc.more, out.IsTruncated)
		})
	}
	t.Run("iterator over two pages", func(t *testing.T) {
		c, markers := pagedForms(t, form("ListAccountAliases"), map[string]string{
			"":             typedFixture(t, "listaccountaliases-many.xml"),
			"alias-page-2": typedFixture(t, "listaccountaliases-1.xml"),
		})
		var got []string
		for a, err := range c.ListAccountAliasesAll(ctx, nil) {
			require.NoError(t, err)
			got = append(got, a)
		}
		assert.Equal(t, []string{"example-corporation", "example-legacy", "example-corporation"}, got)
		assert.Equal(t, []string{"", "alias-page-2"}, *markers)
	})
}

func TestGetAccountSummary(t *testing.T) {
	ctx := context.Background()
	c, _ := expectForm(t, form("GetAccountSummary"), 200, typedFixture(t, "getaccountsummary.xml"))
	s, err := c.GetAccountSummary(ctx)
	require.NoError(t, err)
	assert.Len(t, s.SummaryMap, 9)
	assert.Equal(t, 31, s.SummaryMap["Groups"])
	assert.Equal(t, 150, s.SummaryMap["UsersQuota"])
	assert.Equal(t, 0, s.SummaryMap["AccountMFAEnabled"])
	_, ok := s.SummaryMap["AccountMFAEnabled"]
	assert.True(t, ok, "a zero value is still present")

	bad := map[string]struct{ body, want string }{
		"bad value":     {`<entry><key>Users</key><value>many</value></entry>`, "Users"},
		"missing value": {`<entry><key>Users</key></entry>`, "want key and value"},
	}
	for name, tc := range bad {
		t.Run(name, func(t *testing.T) {
			c, _ := expectForm(t, form("GetAccountSummary"), 200,
				`<GetAccountSummaryResponse><GetAccountSummaryResult><SummaryMap>`+tc.body+`</SummaryMap></GetAccountSummaryResult></GetAccountSummaryResponse>`)
			_, err := c.GetAccountSummary(ctx)
			require.Error(t, err)
			assert.Contains(t, err.Error(), tc.want)
		})
	}
	t.Run("missing map", func(t *testing.T) {
		c, _ := expectForm(t, form("GetAccountSummary"), 200, `<GetAccountSummaryResponse><GetAccountSummaryResult/></GetAccountSummaryResponse>`)
		_, err := c.GetAccountSummary(ctx)
		require.Error(t, err)
		assert.Contains(t, err.Error(), "SummaryMap")
	})
}

func TestGetAccountPasswordPolicy(t *testing.T) {
	ctx := context.Background()
	c, _ := expectForm(t, form("GetAccountPasswordPolicy"), 200, typedFixture(t, "getaccountpasswordpolicy.xml"))
	pp, err := c.GetAccountPasswordPolicy(ctx)
	require.NoError(t, err)
	assert.Equal(t, 12, pp.MinimumPasswordLength)
	assert.True(t, pp.RequireSymbols)
	assert.False(t, pp.RequireNumbers)
	assert.True(t, pp.RequireUppercaseCharacters)
	assert.True(t, pp.RequireLowercaseCharacters)
	assert.True(t, pp.AllowUsersToChangePassword)
	assert.True(t, pp.ExpirePasswords)
	assert.Equal(t, 90, pp.MaxPasswordAge)
	assert.Equal(t, 12, pp.PasswordReusePrevention)
	assert.False(t, pp.HardExpiry)

	t.Run("none is not found", func(t *testing.T) {
		c, _ := expectForm(t, form("GetAccountPasswordPolicy"), 404, fixture(t, "errors/nosuchentity.xml"))
		_, err := c.GetAccountPasswordPolicy(ctx)
		assert.True(t, IsNotFound(err))
	})
	for name, body := range map[string]string{
		"bad int":  "<MinimumPasswordLength>twelve</MinimumPasswordLength>",
		"bad bool": "<HardExpiry>yes</HardExpiry>",
	} {
		t.Run(name, func(t *testing.T) {
			c, _ := expectForm(t, form("GetAccountPasswordPolicy"), 200,
				`<GetAccountPasswordPolicyResponse><GetAccountPasswordPolicyResult><PasswordPolicy>`+body+`</PasswordPolicy></GetAccountPasswordPolicyResult></GetAccountPasswordPolicyResponse>`)
			_, err := c.GetAccountPasswordPolicy(ctx)
			require.Error(t, err)
		})
	}
}

func TestUpdateAccountPasswordPolicy(t *testing.T) {
	ctx := context.Background()
	tests := map[string]struct {
		in   *UpdateAccountPasswordPolicyInput
		want []string
	}{
		"nil is IAM's defaults": {nil, nil},
		// boto 2 dropped a lone boolean; it must be sent, false included.
		"a lone false boolean": {&UpdateAccountPasswordPolicyInput{RequireSymbols: new(false)}, []string{"RequireSymbols", "false"}},
		"a lone true boolean":  {&UpdateAccountPasswordPolicyInput{HardExpiry: new(true)}, []string{"HardExpiry", "true"}},
		"all nine settings": {&UpdateAccountPasswordPolicyInput{
			MinimumPasswordLength:      14,
			RequireSymbols:             new(true),
			RequireNumbers:             new(false),
			RequireUppercaseCharacters: new(true),
			RequireLowercaseCharacters: new(false),
			AllowUsersToChangePassword: new(true),
			MaxPasswordAge:             90,
			PasswordReusePrevention:    24,
			HardExpiry:                 new(false),
		}, []string{
			"MinimumPasswordLength", "14", "RequireSymbols", "true", "RequireNumbers", "false",
			"RequireUppercaseCharacters", "true", "RequireLowercaseCharacters", "false",
			"AllowUsersToChangePassword", "true", "MaxPasswordAge", "90", "PasswordReusePrevention", "24",
			"HardExpiry", "false",
		}},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			c, hits := expectForm(t, form("UpdateAccountPasswordPolicy", tc.want...), 200, emptyResult("UpdateAccountPasswordPolicy"))
			require.NoError(t, c.UpdateAccountPasswordPolicy(ctx, tc.in))
			assert.Equal(t, int32(1), hits.Load())
		})
	}
	refused := map[string]struct {
		in    UpdateAccountPasswordPolicyInput
		field string
	}{
		"length 5":    {UpdateAccountPasswordPolicyInput{MinimumPasswordLength: 5}, "MinimumPasswordLength"},
		"length 129":  {UpdateAccountPasswordPolicyInput{MinimumPasswordLength: 129}, "MinimumPasswordLength"},
		"age 1096":    {UpdateAccountPasswordPolicyInput{MaxPasswordAge: 1096}, "MaxPasswordAge"},
		"negative":    {UpdateAccountPasswordPolicyInput{MaxPasswordAge: -1}, "MaxPasswordAge"},
		"reuse of 25": {UpdateAccountPasswordPolicyInput{PasswordReusePrevention: 25}, "PasswordReusePrevention"},
	}
	for name, tc := range refused {
		t.Run("refused: "+name, func(t *testing.T) {
			requireValidation(t, neverCalled(t).UpdateAccountPasswordPolicy(ctx, &tc.in), "UpdateAccountPasswordPolicy", tc.field)
		})
	}
	t.Run("DeleteAccountPasswordPolicy", func(t *testing.T) {
		c, _ := expectForm(t, form("DeleteAccountPasswordPolicy"), 200, emptyResult("DeleteAccountPasswordPolicy"))
		require.NoError(t, c.DeleteAccountPasswordPolicy(ctx))
	})
}

func TestConsoleSignInURL(t *testing.T) {
	tests := map[string]struct{ partition, who, want string }{
		"aws alias":        {"aws", "example-corporation", "https://example-corporation.signin.aws.amazon.com/console"},
		"aws account ID":   {"aws", "123456789012", "https://123456789012.signin.aws.amazon.com/console"},
		"aws-cn alias":     {"aws-cn", "example-corporation", "https://example-corporation.signin.amazonaws.cn/console"},
		"aws-us-gov alias": {"aws-us-gov", "example-gov", "https://example-gov.signin.amazonaws-us-gov.com/console"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			got, err := ConsoleSignInURL(tc.partition, tc.who)
			require.NoError(t, err)
			assert.Equal(t, tc.want, got)
		})
	}
	for name, tc := range map[string]struct{ partition, who, field string }{
		"unknown partition": {"aws-iso", "example", "Partition"},
		"bad alias":         {"aws", "Example.com/evil", "AccountAlias"},
		"two digits":        {"aws", "12", "AccountAlias"},
	} {
		t.Run("refused: "+name, func(t *testing.T) {
			_, err := ConsoleSignInURL(tc.partition, tc.who)
			var ve *ValidationError
			require.ErrorAs(t, err, &ve)
			assert.Equal(t, tc.field, ve.Field)
		})
	}
}

func TestGetAccountAuthorizationDetails(t *testing.T) {
	ctx := context.Background()
	t.Run("zero", func(t *testing.T) {
		c, _ := expectForm(t, form("GetAccountAuthorizationDetails"), 200, typedFixture(t, "getaccountauthorizationdetails-0.xml"))
		out, err := c.GetAccountAuthorizationDetails(ctx, nil)
		require.NoError(t, err)
		assert.Empty(t, out.UserDetailList)
		assert.Empty(t, out.GroupDetailList)
		assert.Empty(t, out.RoleDetailList)
		assert.Empty(t, out.Policies)
		assert.False(t, out.IsTruncated)
	})
	t.Run("one user; a policy's %25 decoded exactly once", func(t *testing.T) {
		c, _ := expectForm(t, form("GetAccountAuthorizationDetails", "Filter.member.1", "User"), 200, typedFixture(t, "getaccountauthorizationdetails-1.xml"))
		out, err := c.GetAccountAuthorizationDetails(ctx, &GetAccountAuthorizationDetailsOptions{Filter: []string{EntityUser}})
		require.NoError(t, err)
		require.Len(t, out.UserDetailList, 1)
		u := out.UserDetailList[0]
		assert.Equal(t, "alice", u.UserName)
		assert.Equal(t, []string{"Admins"}, u.GroupList)
		assert.Empty(t, u.AttachedManagedPolicies)
		require.Len(t, u.UserPolicyList, 1)
		p := u.UserPolicyList[0]
		assert.Equal(t, "ReadReports", p.PolicyName)
		assert.Contains(t, p.DocumentJSON, `"arn:aws:s3:::reports/100%25/*"`)
		assert.Contains(t, p.RawDocument, "100%2525")
		require.NotNil(t, p.Document)
		assert.Equal(t, []string{"arn:aws:s3:::reports/100%25/*"}, p.Document.Statement[0].Resource.Values)
		assert.Empty(t, out.GroupDetailList, "lists a filter leaves out are empty")
	})
	t.Run("many: every kind, every document decoded", func(t *testing.T) {
		c, _ := expectForm(t, form("GetAccountAuthorizationDetails", "Filter.member.1", "User", "Filter.member.2", "Group",
			"Filter.member.3", "Role", "Filter.member.4", "AWSManagedPolicy", "MaxItems", "10"), 200, typedFixture(t, "getaccountauthorizationdetails-many.xml"))
		out, err := c.GetAccountAuthorizationDetails(ctx, &GetAccountAuthorizationDetailsOptions{
			Filter:      []string{EntityUser, EntityGroup, EntityRole, EntityAWSManagedPolicy},
			PageOptions: PageOptions{MaxItems: 10},
		})
		require.NoError(t, err)
		assert.True(t, out.IsTruncated)
		assert.Equal(t, "details-page-2", out.Marker)

		require.Len(t, out.UserDetailList, 3)
		assert.Equal(t, []string{"Admins", "Dev"}, out.UserDetailList[0].GroupList)
		assert.Empty(t, out.UserDetailList[1].GroupList)
		assert.Equal(t, []AttachedPolicy{{PolicyName: "ReadOnlyAccess", PolicyARN: "arn:aws:iam::aws:policy/ReadOnlyAccess"}},
			stripSources(out.UserDetailList[1].AttachedManagedPolicies))
		assert.Empty(t, out.UserDetailList[2].UserPolicyList)

		require.Len(t, out.GroupDetailList, 1)
		g := out.GroupDetailList[0]
		assert.Equal(t, "Admins", g.GroupName)
		require.Len(t, g.GroupPolicyList, 1)
		assert.Equal(t, "Deny", g.GroupPolicyList[0].Document.Statement[0].Effect)
		assert.Equal(t, "AdministratorAccess", g.AttachedManagedPolicies[0].PolicyName)

		require.Len(t, out.RoleDetailList, 1)
		r := out.RoleDetailList[0]
		assert.Equal(t, "web", r.RoleName)
		require.NotNil(t, r.AssumeRolePolicy)
		assert.Contains(t, r.AssumeRolePolicyJSON, `"ec2.amazonaws.com"`)
		require.Len(t, r.InstanceProfileList, 1)
		assert.Equal(t, "web", r.InstanceProfileList[0].InstanceProfileName)
		require.Len(t, r.InstanceProfileList[0].Roles, 1)
		assert.NotNil(t, r.InstanceProfileList[0].Roles[0].AssumeRolePolicy)
		assert.Equal(t, []Tag{{"tier", "front"}}, r.Tags)
		assert.Equal(t, "us-west-2", r.RoleLastUsed.Region)
		assert.Empty(t, r.RolePolicyList)

		require.Len(t, out.Policies, 1)
		mp := out.Policies[0]
		assert.Equal(t, "v2", mp.DefaultVersionID)
		assert.Equal(t, 1, mp.AttachmentCount)
		require.Len(t, mp.PolicyVersionList, 2)
		assert.True(t, mp.PolicyVersionList[0].IsDefaultVersion)
		assert.Equal(t, "Allow", mp.PolicyVersionList[0].Document.Statement[0].Effect)
		assert.Equal(t, "Deny", mp.PolicyVersionList[1].Document.Statement[0].Effect)
		assert.Equal(t, time.Date(2015, 2, 6, 18, 39, 46, 0, time.UTC), mp.PolicyVersionList[1].CreateDate)
	})
	t.Run("iterator yields every entry of both pages in order", func(t *testing.T) {
		c, markers := pagedForms(t, form("GetAccountAuthorizationDetails"), map[string]string{
			"":               typedFixture(t, "getaccountauthorizationdetails-many.xml"),
			"details-page-2": typedFixture(t, "getaccountauthorizationdetails-1.xml"),
		})
		var kinds []string
		for d, err := range c.GetAccountAuthorizationDetailsAll(ctx, nil) {
			require.NoError(t, err)
			switch {
			case d.User != nil:
				kinds = append(kinds, "user:"+d.User.UserName)
			case d.Group != nil:
				kinds = append(kinds, "group:"+d.Group.GroupName)
			case d.Role != nil:
				kinds = append(kinds, "role:"+d.Role.RoleName)
			case d.Policy != nil:
				kinds = append(kinds, "policy:"+d.Policy.PolicyName)
			}
		}
		assert.Equal(t, []string{"user:alice", "user:bob", "user:carol", "group:Admins", "role:web",
			"policy:AdministratorAccess", "user:alice"}, kinds)
		assert.Equal(t, []string{"", "details-page-2"}, *markers)
	})
	t.Run("a document that is not percent-encoded JSON is an error naming it", func(t *testing.T) {
		body := strings.Replace(typedFixture(t, "getaccountauthorizationdetails-1.xml"), "%7B%22Version", "%ZZ%22Version", 1)
		c, _ := expectForm(t, form("GetAccountAuthorizationDetails"), 200, body)
		_, err := c.GetAccountAuthorizationDetails(ctx, nil)
		require.Error(t, err)
		assert.Contains(t, err.Error(), "UserDetailList[0]")
		assert.Contains(t, err.Error(), "PolicyDocument")
	})
	t.Run("bad filter refused", func(t *testing.T) {
		_, err := neverCalled(t).GetAccountAuthorizationDetails(ctx, &GetAccountAuthorizationDetailsOptions{Filter: []string{"User", "Users"}})
		requireValidation(t, err, "GetAccountAuthorizationDetails", "Filter[1]")
	})
}

// stripSources drops the response references so values compare by their
// fields alone.
func stripSources(in []AttachedPolicy) []AttachedPolicy {
	out := make([]AttachedPolicy, len(in))
	for i, p := range in {
		out[i] = AttachedPolicy{PolicyName: p.PolicyName, PolicyARN: p.PolicyARN}
	}
	return out
}

// TestAccountEndToEnd runs the account calls against the local server.
func TestAccountEndToEnd(t *testing.T) {
	ctx := context.Background()
	c := newLocalClient(t, testTime)

	require.NoError(t, c.CreateAccountAlias(ctx, "example-corporation"))
	aliases, err := c.ListAccountAliases(ctx, nil)
	require.NoError(t, err)
	assert.Equal(t, []string{"example-corporation"}, aliases.AccountAliases)
	require.NoError(t, c.DeleteAccountAlias(ctx, "example-corporation"))
	aliases, err = c.ListAccountAliases(ctx, nil)
	require.NoError(t, err)
	assert.Empty(t, aliases.AccountAliases)

	_, err = c.CreateUser(ctx, "alice", nil)
	require.NoError(t, err)
	sum, err := c.GetAccountSummary(ctx)
	require.NoError(t, err)
	assert.Equal(t, 1, sum.SummaryMap["Users"])
	assert.Positive(t, sum.SummaryMap["UsersQuota"])

	_, err = c.GetAccountPasswordPolicy(ctx)
	assert.True(t, IsNotFound(err), "no policy yet: %v", err)
	require.NoError(t, c.UpdateAccountPasswordPolicy(ctx, &UpdateAccountPasswordPolicyInput{
		MinimumPasswordLength: 14, RequireSymbols: new(true), RequireNumbers: new(false), MaxPasswordAge: 90,
	}))
	pp, err := c.GetAccountPasswordPolicy(ctx)
	require.NoError(t, err)
	assert.Equal(t, 14, pp.MinimumPasswordLength)
	assert.True(t, pp.RequireSymbols)
	assert.False(t, pp.RequireNumbers)
	assert.True(t, pp.ExpirePasswords)
	assert.Equal(t, 90, pp.MaxPasswordAge)
	require.NoError(t, c.DeleteAccountPasswordPolicy(ctx))
	_, err = c.GetAccountPasswordPolicy(ctx)
	assert.True(t, IsNotFound(err))

	require.NoError(t, c.PutUserPolicyJSON(ctx, "alice", "reports",
		`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::r/100%25/*"}]}`))
	var users []string
	for d, err := range c.GetAccountAuthorizationDetailsAll(ctx, &GetAccountAuthorizationDetailsOptions{Filter: []string{EntityUser}}) {
		require.NoError(t, err)
		require.NotNil(t, d.User)
		users = append(users, d.User.UserName)
		require.Len(t, d.User.UserPolicyList, 1)
		assert.Equal(t, []string{"arn:aws:s3:::r/100%25/*"}, d.User.UserPolicyList[0].Document.Statement[0].Resource.Values)
	}
	assert.Equal(t, []string{"alice"}, users)
}

func ExampleConsoleSignInURL() {
	u, err := ConsoleSignInURL(PartitionAWS, "example-corporation")
	if err != nil {
		panic(err)
	}
	fmt.Println(u)
	// Output: https://example-corporation.signin.aws.amazon.com/console
}

// BenchmarkDecodeAuthorizationDetails measures the typed decoding of a
// page with every kind of entry (tree walk and policy decoding), without
// the HTTP round trip.
func BenchmarkDecodeAuthorizationDetails(b *testing.B) {
	body := []byte(benchFixture(b, "getaccountauthorizationdetails-many.xml"))
	b.ReportAllocs()
	for b.Loop() {
		resp, err := parseResponse(body)
		if err != nil {
			b.Fatal(err)
		}
		result := resp.Path("GetAccountAuthorizationDetailsResult")
		if _, err := readAuthorizationDetails(result, resp); err != nil {
			b.Fatal(err)
		}
	}
}
