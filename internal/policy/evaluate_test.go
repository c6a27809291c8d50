package policy

import (
	"os"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// loadFixture compiles a testdata policy under its file name.
func loadFixture(t testing.TB, name string) *Policy {
	t.Helper()
	data, err := os.ReadFile("testdata/" + name)
	require.NoError(t, err)
	doc, err := Parse(data)
	require.NoError(t, err)
	return Compile(name, doc)
}

func compileJSON(t testing.TB, id, doc string) *Policy {
	t.Helper()
	d, err := Parse([]byte(doc))
	require.NoError(t, err)
	return Compile(id, d)
}

type evalCase struct {
	name string
	req  Request
	want Decision
}

func runEval(t *testing.T, policies []*Policy, cases []evalCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			res := Evaluate(policies, tc.req)
			assert.Equal(t, tc.want, res.Decision, "Evaluate")
			assert.Equal(t, tc.want, Decide(policies, tc.req), "Decide")
		})
	}
}

func TestSimpleDBScenario(t *testing.T) {
	group := loadFixture(t, "simpledb-group.json")
	const domain = "arn:aws:sdb:us-east-1:123456789012:domain/mydomain"
	runEval(t, []*Policy{group}, []evalCase{
		{"select on mydomain", Request{Action: "sdb:Select", Resource: domain}, Allowed},
		{"get attributes", Request{Action: "sdb:GetAttributes", Resource: domain}, Allowed},
		{"action case-insensitive", Request{Action: "SDB:select", Resource: domain}, Allowed},
		{"put attributes", Request{Action: "sdb:PutAttributes", Resource: domain}, ImplicitDeny},
		{"select on another domain", Request{Action: "sdb:Select", Resource: "arn:aws:sdb:us-east-1:123456789012:domain/other"}, ImplicitDeny},
		{"resource case-sensitive", Request{Action: "sdb:Select", Resource: "arn:aws:sdb:us-east-1:123456789012:domain/MyDomain"}, ImplicitDeny},
		{"create user", Request{Action: "iam:CreateUser", Resource: "arn:aws:iam::123456789012:user/bob"}, ImplicitDeny},
	})
	res := Evaluate([]*Policy{group}, Request{Action: "sdb:Select", Resource: domain})
	assert.Equal(t, []MatchedStatement{{PolicyID: "simpledb-group.json", Index: 0, Sid: "SdbReadOnly", Effect: "Allow",
		Start: Position{Line: 3, Column: 16}, End: Position{Line: 8, Column: 3}}}, res.Matched)
	assert.Empty(t, Evaluate([]*Policy{group}, Request{Action: "sdb:PutAttributes", Resource: domain}).Matched)
}

func TestS3BucketScenario(t *testing.T) {
	p := loadFixture(t, "s3-bucket-prefix.json")
	list := func(prefix string) map[string][]string { return map[string][]string{"s3:prefix": {prefix}} }
	runEval(t, []*Policy{p}, []evalCase{
		{"list marketing", Request{Action: "s3:ListBucket", Resource: "arn:aws:s3:::bucket", Context: list("marketing/2026/")}, Allowed},
		{"list root prefix", Request{Action: "s3:ListBucket", Resource: "arn:aws:s3:::bucket", Context: list("")}, Allowed},
		{"list finance", Request{Action: "s3:ListBucket", Resource: "arn:aws:s3:::bucket", Context: list("finance/")}, ImplicitDeny},
		{"list without prefix key", Request{Action: "s3:ListBucket", Resource: "arn:aws:s3:::bucket"}, ImplicitDeny},
		{"list too many keys", Request{Action: "s3:ListBucket", Resource: "arn:aws:s3:::bucket",
			Context: map[string][]string{"s3:prefix": {"marketing/"}, "s3:max-keys": {"1000"}}}, ImplicitDeny},
		{"list on object arn", Request{Action: "s3:ListBucket", Resource: "arn:aws:s3:::bucket/x", Context: list("marketing/")}, ImplicitDeny},
		{"get object", Request{Action: "s3:GetObject", Resource: "arn:aws:s3:::bucket/a/b.txt"}, Allowed},
		{"object key with colon", Request{Action: "s3:PutObject", Resource: "arn:aws:s3:::bucket/a:b"}, Allowed},
		{"get object on bucket arn", Request{Action: "s3:GetObject", Resource: "arn:aws:s3:::bucket"}, ImplicitDeny},
		{"other bucket", Request{Action: "s3:GetObject", Resource: "arn:aws:s3:::bucket2/a"}, ImplicitDeny},
		{"get acl", Request{Action: "s3:GetObjectAcl", Resource: "arn:aws:s3:::bucket/a"}, ImplicitDeny},
	})
}

func TestDenyWins(t *testing.T) {
	allow := compileJSON(t, "allow", `{"Statement":[{"Sid":"All","Effect":"Allow","Action":"*","Resource":"*"}]}`)
	deny := compileJSON(t, "deny", `{"Statement":[{"Sid":"NoUsers","Effect":"Deny","Action":"iam:*User","Resource":"*"},
		{"Sid":"NoKeys","Effect":"Deny","Action":"iam:CreateAccessKey","Resource":"*"}]}`)
	for name, order := range map[string][]*Policy{"deny last": {allow, deny}, "deny first": {deny, allow}} {
		t.Run(name, func(t *testing.T) {
			res := Evaluate(order, Request{Action: "iam:CreateUser", Resource: "arn:aws:iam::123456789012:user/bob"})
			assert.Equal(t, ExplicitDeny, res.Decision)
			assert.Equal(t, "explicitDeny", res.Decision.String())
			require.Len(t, res.Matched, 1, "only the statements that decided are reported")
			m := res.Matched[0]
			assert.Equal(t, "deny", m.PolicyID)
			assert.Equal(t, 0, m.Index)
			assert.Equal(t, "NoUsers", m.Sid)
			assert.Equal(t, "Deny", m.Effect)

			res = Evaluate(order, Request{Action: "iam:GetGroup", Resource: "*"})
			assert.Equal(t, Allowed, res.Decision)
			assert.Equal(t, []MatchedStatement{{PolicyID: "allow", Index: 0, Sid: "All", Effect: "Allow",
				Start: Position{Line: 1, Column: 15}, End: Position{Line: 1, Column: 72}}}, res.Matched)
		})
	}
	assert.Equal(t, "implicitDeny", Decide(nil, Request{Action: "iam:GetUser"}).String())
	assert.Equal(t, "allowed", Allowed.String())
	assert.Equal(t, ImplicitDeny, Decision(0), "the zero Decision never grants")
}

func TestNotActionNotResource(t *testing.T) {
	p := loadFixture(t, "admin-except-iam.json")
	runEval(t, []*Policy{p}, []evalCase{
		{"ec2 allowed by NotAction", Request{Action: "ec2:RunInstances", Resource: "*"}, Allowed},
		{"iam excluded", Request{Action: "iam:CreateUser", Resource: "*"}, ImplicitDeny},
		{"organizations excluded", Request{Action: "organizations:ListAccounts", Resource: "*"}, ImplicitDeny},
		{"list roles outside admin path", Request{Action: "iam:ListRoles", Resource: "arn:aws:iam::123456789012:role/app/r1"}, Allowed},
		{"list roles on admin path", Request{Action: "iam:ListRoles", Resource: "arn:aws:iam::123456789012:role/admin/r1"}, ImplicitDeny},
	})

	// NotAction in a Deny: everything except the listed actions is denied.
	selfManage := loadFixture(t, "self-manage-credentials.json")
	allowAll := compileJSON(t, "all", `{"Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}`)
	noMFA := map[string][]string{"aws:username": {"alice"}, "aws:MultiFactorAuthPresent": {"false"}}
	mfa := map[string][]string{"aws:username": {"alice"}, "aws:MultiFactorAuthPresent": {"true"}}
	runEval(t, []*Policy{allowAll, selfManage}, []evalCase{
		{"no mfa: ec2 denied", Request{Action: "ec2:RunInstances", Resource: "*", Context: noMFA}, ExplicitDeny},
		{"no mfa: enable mfa allowed", Request{Action: "iam:EnableMFADevice", Resource: "*", Context: noMFA}, Allowed},
		{"mfa: ec2 allowed", Request{Action: "ec2:RunInstances", Resource: "*", Context: mfa}, Allowed},
		{"mfa key missing: denied (BoolIfExists)", Request{Action: "ec2:RunInstances", Resource: "*"}, ExplicitDeny},
	})
}

func TestPolicyVariablesInResource(t *testing.T) {
	p := loadFixture(t, "self-manage-credentials.json")
	alice := map[string][]string{"aws:username": {"alice"}, "aws:MultiFactorAuthPresent": {"true"}}
	runEval(t, []*Policy{p}, []evalCase{
		{"own keys", Request{Action: "iam:CreateAccessKey", Resource: "arn:aws:iam::123456789012:user/alice", Context: alice}, Allowed},
		{"someone else's keys", Request{Action: "iam:CreateAccessKey", Resource: "arn:aws:iam::123456789012:user/bob", Context: alice}, ImplicitDeny},
		{"no username", Request{Action: "iam:CreateAccessKey", Resource: "arn:aws:iam::123456789012:user/alice",
			Context: map[string][]string{"aws:MultiFactorAuthPresent": {"true"}}}, ImplicitDeny},
	})

	// Variables are text in 2008-10-17 documents.
	old := compileJSON(t, "old", `{"Version":"2008-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/${aws:username}"}]}`)
	runEval(t, []*Policy{old}, []evalCase{
		{"literal text", Request{Action: "s3:GetObject", Resource: "arn:aws:s3:::b/${aws:username}", Context: alice}, Allowed},
		{"not expanded", Request{Action: "s3:GetObject", Resource: "arn:aws:s3:::b/alice", Context: alice}, ImplicitDeny},
	})

	// A Deny whose variable cannot be filled applies (fail closed).
	deny := compileJSON(t, "deny", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"},
		{"Effect":"Deny","Action":"s3:DeleteObject","NotResource":"arn:aws:s3:::home/${aws:username}/*"}]}`)
	runEval(t, []*Policy{deny}, []evalCase{
		{"own home", Request{Action: "s3:DeleteObject", Resource: "arn:aws:s3:::home/alice/f", Context: alice}, Allowed},
		{"other home", Request{Action: "s3:DeleteObject", Resource: "arn:aws:s3:::home/bob/f", Context: alice}, ExplicitDeny},
		{"unknown user", Request{Action: "s3:DeleteObject", Resource: "arn:aws:s3:::home/alice/f"}, ExplicitDeny},
	})
}

func TestResourceMatching(t *testing.T) {
	p := compileJSON(t, "r", `{"Statement":[{"Effect":"Allow","Action":"iam:GetUser","Resource":[
		"arn:aws:iam::123456789012:user/division/*","arn:aws:iam::*:user/ops/?ob"]}]}`)
	runEval(t, []*Policy{p}, []evalCase{
		{"path wildcard", Request{Action: "iam:GetUser", Resource: "arn:aws:iam::123456789012:user/division/alice"}, Allowed},
		{"nested path", Request{Action: "iam:GetUser", Resource: "arn:aws:iam::123456789012:user/division/sub/alice"}, Allowed},
		{"other account", Request{Action: "iam:GetUser", Resource: "arn:aws:iam::999999999999:user/division/alice"}, ImplicitDeny},
		{"account wildcard and ?", Request{Action: "iam:GetUser", Resource: "arn:aws:iam::999999999999:user/ops/bob"}, Allowed},
		{"? is one character", Request{Action: "iam:GetUser", Resource: "arn:aws:iam::999999999999:user/ops/blob"}, ImplicitDeny},
		{"empty resource is *", Request{Action: "iam:GetUser"}, ImplicitDeny},
		{"wildcard cannot cross component", Request{Action: "iam:GetUser", Resource: "arn:aws:iam::1:2:user/ops/bob"}, ImplicitDeny},
	})
	star := compileJSON(t, "s", `{"Statement":[{"Effect":"Allow","Action":"iam:List*","Resource":"*"}]}`)
	runEval(t, []*Policy{star}, []evalCase{
		{"star matches no resource", Request{Action: "iam:ListUsers"}, Allowed},
		{"star matches arn", Request{Action: "iam:ListUsers", Resource: "arn:aws:iam::1:user/x"}, Allowed},
	})
}

func TestTrustPolicyPrincipals(t *testing.T) {
	ec2 := loadFixture(t, "trust-ec2.json")
	cross := loadFixture(t, "trust-cross-account-mfa.json")
	mfa := map[string][]string{"aws:MultiFactorAuthPresent": {"true"}, "sts:ExternalId": {"Unique-Id-1234"}}
	runEval(t, []*Policy{ec2}, []evalCase{
		{"ec2 service", Request{Action: "sts:AssumeRole", PrincipalType: "Service", Principal: "ec2.amazonaws.com"}, Allowed},
		{"lambda service", Request{Action: "sts:AssumeRole", PrincipalType: "Service", Principal: "lambda.amazonaws.com"}, ImplicitDeny},
		{"user", Request{Action: "sts:AssumeRole", Principal: "arn:aws:iam::111122223333:user/a"}, ImplicitDeny},
	})
	runEval(t, []*Policy{cross}, []evalCase{
		{"user of trusted account", Request{Action: "sts:AssumeRole", Principal: "arn:aws:iam::111122223333:user/a", Context: mfa}, Allowed},
		{"account ID form", Request{Action: "sts:AssumeRole", Principal: "arn:aws:iam::444455556666:role/r", Context: mfa}, Allowed},
		{"other account", Request{Action: "sts:AssumeRole", Principal: "arn:aws:iam::999999999999:user/a", Context: mfa}, ImplicitDeny},
		{"no mfa", Request{Action: "sts:AssumeRole", Principal: "arn:aws:iam::111122223333:user/a",
			Context: map[string][]string{"sts:ExternalId": {"Unique-Id-1234"}}}, ImplicitDeny},
		{"wrong action", Request{Action: "sts:AssumeRoleWithSAML", Principal: "arn:aws:iam::111122223333:user/a", Context: mfa}, ImplicitDeny},
	})
	notP := compileJSON(t, "np", `{"Statement":[{"Effect":"Deny","NotPrincipal":{"AWS":"arn:aws:iam::1:user/admin"},"Action":"*","Resource":"*"},
		{"Effect":"Allow","Principal":"*","Action":"*","Resource":"*"}]}`)
	runEval(t, []*Policy{notP}, []evalCase{
		{"admin exempt", Request{Action: "s3:GetObject", Resource: "*", Principal: "arn:aws:iam::1:user/admin"}, Allowed},
		{"others denied", Request{Action: "s3:GetObject", Resource: "*", Principal: "arn:aws:iam::1:user/bob"}, ExplicitDeny},
	})
}

func TestMissingContextKeys(t *testing.T) {
	p := loadFixture(t, "time-window.json")
	res := Evaluate([]*Policy{p}, Request{Action: "ec2:RunInstances", Resource: "*", Context: map[string][]string{"aws:securetransport": {"true"}}})
	assert.Equal(t, ImplicitDeny, res.Decision)
	assert.Equal(t, []string{"aws:CurrentTime"}, res.MissingContextKeys)

	res = Evaluate([]*Policy{p}, Request{Action: "ec2:RunInstances", Resource: "*", Context: map[string][]string{
		"aws:CurrentTime": {"2026-11-29T13:00:00Z"}, "aws:SecureTransport": {"true"}}})
	assert.Equal(t, Allowed, res.Decision)
	assert.Empty(t, res.MissingContextKeys)

	// Statements whose action does not match are not asked for keys.
	res = Evaluate([]*Policy{p}, Request{Action: "s3:GetObject", Resource: "*"})
	assert.Empty(t, res.MissingContextKeys)
}

func TestCompileSnapshotsDocument(t *testing.T) {
	doc := MustParse(`{"Statement":[{"Effect":"Allow","Action":"iam:GetUser","Resource":"*"}]}`)
	p := Compile("p", doc)
	doc.Statement[0].Effect = "Deny"
	doc.Statement[0].Action.Values[0] = "iam:DeleteUser"
	assert.Equal(t, Allowed, Decide([]*Policy{p}, Request{Action: "iam:GetUser", Resource: "*"}))
}

func TestMalformedEffect(t *testing.T) {
	for effect, want := range map[string]Decision{"Allow": Allowed, "allow": ImplicitDeny, "Permit": ImplicitDeny, "deny": ExplicitDeny} {
		t.Run(effect, func(t *testing.T) {
			base := compileJSON(t, "base", `{"Statement":[{"Effect":"Allow","Action":"iam:ListUsers","Resource":"*"}]}`)
			p := compileJSON(t, "p", `{"Statement":[{"Effect":"`+effect+`","Action":"*","Resource":"*"}]}`)
			req := Request{Action: "iam:GetUser", Resource: "*"}
			got := Decide([]*Policy{p}, req)
			if want == ExplicitDeny {
				got = Decide([]*Policy{base, p}, req)
			}
			assert.Equal(t, want, got)
		})
	}
}
