package policy

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// ctx builds a request context from key, values... pairs.
type ctx = map[string][]string

// holds reports whether an Allow statement with the given Condition JSON
// grants a request carrying the given context.
func holds(t *testing.T, cond string, c ctx) bool {
	t.Helper()
	doc, err := Parse([]byte(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*","Condition":` + cond + `}]}`))
	require.NoError(t, err)
	p := Compile("p", doc)
	req := Request{Action: "iam:GetUser", Resource: "*", Context: c}
	d := Decide([]*Policy{p}, req)
	require.Equal(t, d, Evaluate([]*Policy{p}, req).Decision, "Decide and Evaluate agree")
	return d == Allowed
}

type condCase struct {
	name string
	cond string
	ctx  ctx
	want bool
}

func runCond(t *testing.T, cases []condCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, holds(t, tc.cond, tc.ctx), tc.cond)
		})
	}
}

func TestStringOperators(t *testing.T) {
	alice := ctx{"aws:username": {"alice"}}
	runCond(t, []condCase{
		{"equals", `{"StringEquals":{"aws:username":"alice"}}`, alice, true},
		{"equals other", `{"StringEquals":{"aws:username":"bob"}}`, alice, false},
		{"equals is case-sensitive", `{"StringEquals":{"aws:username":"Alice"}}`, alice, false},
		{"equals any of values", `{"StringEquals":{"aws:username":["bob","alice"]}}`, alice, true},
		{"equals star is literal", `{"StringEquals":{"aws:username":"*"}}`, alice, false},
		{"key is case-insensitive", `{"StringEquals":{"AWS:UserName":"alice"}}`, alice, true},
		{"context key case-insensitive", `{"StringEquals":{"aws:username":"alice"}}`, ctx{"AWS:USERNAME": {"alice"}}, true},
		{"equals missing", `{"StringEquals":{"aws:username":"alice"}}`, nil, false},
		{"not equals", `{"StringNotEquals":{"aws:username":"bob"}}`, alice, true},
		{"not equals same", `{"StringNotEquals":{"aws:username":["bob","alice"]}}`, alice, false},
		{"not equals missing key is true", `{"StringNotEquals":{"aws:username":"bob"}}`, nil, true},
		{"ignore case", `{"StringEqualsIgnoreCase":{"aws:username":"ALICE"}}`, alice, true},
		{"not ignore case", `{"StringNotEqualsIgnoreCase":{"aws:username":"ALICE"}}`, alice, false},
		{"not ignore case missing", `{"StringNotEqualsIgnoreCase":{"aws:username":"ALICE"}}`, nil, true},
		{"like", `{"StringLike":{"aws:username":"al*"}}`, alice, true},
		{"like ?", `{"StringLike":{"aws:username":"al?ce"}}`, alice, true},
		{"like no", `{"StringLike":{"aws:username":"b*"}}`, alice, false},
		{"like case-sensitive", `{"StringLike":{"aws:username":"AL*"}}`, alice, false},
		{"not like", `{"StringNotLike":{"aws:username":"b*"}}`, alice, true},
		{"not like matching", `{"StringNotLike":{"aws:username":"a*"}}`, alice, false},
		{"not like missing", `{"StringNotLike":{"aws:username":"a*"}}`, nil, true},
		{"variable in value", `{"StringEquals":{"s3:prefix":"home/${aws:username}"}}`, ctx{"aws:username": {"alice"}, "s3:prefix": {"home/alice"}}, true},
		{"variable unresolved", `{"StringEquals":{"s3:prefix":"home/${aws:username}"}}`, ctx{"s3:prefix": {"home/"}}, false},
		{"ifexists present", `{"StringEqualsIfExists":{"aws:username":"bob"}}`, alice, false},
		{"ifexists missing", `{"StringEqualsIfExists":{"aws:username":"bob"}}`, nil, true},
		{"two keys AND", `{"StringEquals":{"aws:username":"alice","aws:userid":"AID1"}}`, alice, false},
		{"two keys AND both", `{"StringEquals":{"aws:username":"alice","aws:userid":"AID1"}}`, ctx{"aws:username": {"alice"}, "aws:userid": {"AID1"}}, true},
		{"two operators AND", `{"StringEquals":{"aws:username":"alice"},"StringLike":{"aws:username":"b*"}}`, alice, false},
	})
}

func TestNumericOperators(t *testing.T) {
	ten := ctx{"s3:max-keys": {"10"}}
	runCond(t, []condCase{
		{"equals", `{"NumericEquals":{"s3:max-keys":"10"}}`, ten, true},
		{"equals json number", `{"NumericEquals":{"s3:max-keys":10}}`, ten, true},
		{"equals decimal", `{"NumericEquals":{"s3:max-keys":"10.0"}}`, ten, true},
		{"not equals", `{"NumericNotEquals":{"s3:max-keys":"11"}}`, ten, true},
		{"not equals same", `{"NumericNotEquals":{"s3:max-keys":"10"}}`, ten, false},
		{"not equals missing", `{"NumericNotEquals":{"s3:max-keys":"10"}}`, nil, true},
		{"less", `{"NumericLessThan":{"s3:max-keys":"11"}}`, ten, true},
		{"less equal boundary", `{"NumericLessThan":{"s3:max-keys":"10"}}`, ten, false},
		{"less equals", `{"NumericLessThanEquals":{"s3:max-keys":"10"}}`, ten, true},
		{"greater", `{"NumericGreaterThan":{"s3:max-keys":"9.5"}}`, ten, true},
		{"greater no", `{"NumericGreaterThan":{"s3:max-keys":"10"}}`, ten, false},
		{"greater equals", `{"NumericGreaterThanEquals":{"s3:max-keys":"10"}}`, ten, true},
		{"missing", `{"NumericLessThan":{"s3:max-keys":"11"}}`, nil, false},
		{"missing ifexists", `{"NumericLessThanIfExists":{"s3:max-keys":"11"}}`, nil, true},
		{"present ifexists", `{"NumericLessThanIfExists":{"s3:max-keys":"5"}}`, ten, false},
		{"request not a number", `{"NumericLessThan":{"s3:max-keys":"11"}}`, ctx{"s3:max-keys": {"ten"}}, false},
		{"policy not a number", `{"NumericLessThan":{"s3:max-keys":"eleven"}}`, ten, false},
		{"variable", `{"NumericLessThan":{"s3:max-keys":"${my:limit}"}}`, ctx{"s3:max-keys": {"10"}, "my:limit": {"20"}}, true},
	})
}

func TestDateOperators(t *testing.T) {
	now := ctx{"aws:CurrentTime": {"2026-11-29T13:00:00Z"}}
	runCond(t, []condCase{
		{"equals", `{"DateEquals":{"aws:CurrentTime":"2026-11-29T13:00:00Z"}}`, now, true},
		{"equals other zone", `{"DateEquals":{"aws:CurrentTime":"2026-11-29T14:00:00+01:00"}}`, now, true},
		{"equals epoch", `{"DateEquals":{"aws:CurrentTime":"1795957200"}}`, now, true},
		{"not equals", `{"DateNotEquals":{"aws:CurrentTime":"2026-11-29"}}`, now, true},
		{"not equals missing", `{"DateNotEquals":{"aws:CurrentTime":"2026-11-29"}}`, nil, true},
		{"less", `{"DateLessThan":{"aws:CurrentTime":"2026-12-01"}}`, now, true},
		{"less no", `{"DateLessThan":{"aws:CurrentTime":"2026-11-29T13:00:00Z"}}`, now, false},
		{"less equals", `{"DateLessThanEquals":{"aws:CurrentTime":"2026-11-29T13:00:00Z"}}`, now, true},
		{"greater", `{"DateGreaterThan":{"aws:CurrentTime":"2026-11-29T12:59Z"}}`, now, true},
		{"greater equals", `{"DateGreaterThanEquals":{"aws:CurrentTime":"2026-11-30"}}`, now, false},
		{"request epoch", `{"DateGreaterThan":{"aws:CurrentTime":"2026-01-01T00:00:00Z"}}`, ctx{"aws:CurrentTime": {"1795957200"}}, true},
		{"fractional seconds", `{"DateLessThan":{"aws:CurrentTime":"2026-11-29T13:00:00.5Z"}}`, now, true},
		{"missing", `{"DateLessThan":{"aws:CurrentTime":"2030-01-01"}}`, nil, false},
		{"missing ifexists", `{"DateLessThanIfExists":{"aws:CurrentTime":"2020-01-01"}}`, nil, true},
		{"request garbage", `{"DateLessThan":{"aws:CurrentTime":"2030-01-01"}}`, ctx{"aws:CurrentTime": {"soon"}}, false},
	})
}

func TestBoolBinaryIPOperators(t *testing.T) {
	secure := ctx{"aws:SecureTransport": {"true"}}
	ip := ctx{"aws:SourceIp": {"203.0.113.7"}}
	runCond(t, []condCase{
		{"bool", `{"Bool":{"aws:SecureTransport":"true"}}`, secure, true},
		{"bool json", `{"Bool":{"aws:SecureTransport":true}}`, secure, true},
		{"bool case", `{"Bool":{"aws:SecureTransport":"TRUE"}}`, secure, true},
		{"bool false", `{"Bool":{"aws:SecureTransport":"false"}}`, secure, false},
		{"bool missing", `{"Bool":{"aws:SecureTransport":"false"}}`, nil, false},
		{"bool ifexists missing", `{"BoolIfExists":{"aws:MultiFactorAuthPresent":"false"}}`, nil, true},
		{"bool ifexists present", `{"BoolIfExists":{"aws:MultiFactorAuthPresent":"false"}}`, ctx{"aws:MultiFactorAuthPresent": {"true"}}, false},
		{"binary", `{"BinaryEquals":{"k":"aGVsbG8="}}`, ctx{"k": {"aGVsbG8="}}, true},
		{"binary other", `{"BinaryEquals":{"k":"aGVsbG8="}}`, ctx{"k": {"aGVsbG9v"}}, false},
		{"ip in cidr", `{"IpAddress":{"aws:SourceIp":"203.0.113.0/24"}}`, ip, true},
		{"ip single", `{"IpAddress":{"aws:SourceIp":"203.0.113.7"}}`, ip, true},
		{"ip outside", `{"IpAddress":{"aws:SourceIp":["192.0.2.0/24","198.51.100.0/24"]}}`, ip, false},
		{"ip unaligned cidr", `{"IpAddress":{"aws:SourceIp":"203.0.113.9/24"}}`, ip, true},
		{"ipv6", `{"IpAddress":{"aws:SourceIp":"2001:db8::/32"}}`, ctx{"aws:SourceIp": {"2001:db8::1"}}, true},
		{"ipv4 mapped", `{"IpAddress":{"aws:SourceIp":"203.0.113.0/24"}}`, ctx{"aws:SourceIp": {"::ffff:203.0.113.7"}}, true},
		{"not ip", `{"NotIpAddress":{"aws:SourceIp":"192.0.2.0/24"}}`, ip, true},
		{"not ip inside", `{"NotIpAddress":{"aws:SourceIp":"203.0.113.0/24"}}`, ip, false},
		{"not ip missing", `{"NotIpAddress":{"aws:SourceIp":"203.0.113.0/24"}}`, nil, true},
		{"ip missing", `{"IpAddress":{"aws:SourceIp":"0.0.0.0/0"}}`, nil, false},
		{"ip garbage request", `{"IpAddress":{"aws:SourceIp":"0.0.0.0/0"}}`, ctx{"aws:SourceIp": {"localhost"}}, false},
	})
}

func TestArnOperators(t *testing.T) {
	alice := ctx{"aws:PrincipalArn": {"arn:aws:iam::123456789012:user/division/alice"}}
	runCond(t, []condCase{
		{"equals exact", `{"ArnEquals":{"aws:PrincipalArn":"arn:aws:iam::123456789012:user/division/alice"}}`, alice, true},
		{"like", `{"ArnLike":{"aws:PrincipalArn":"arn:aws:iam::*:user/division/*"}}`, alice, true},
		{"like case-sensitive", `{"ArnLike":{"aws:PrincipalArn":"arn:aws:iam::*:user/Division/*"}}`, alice, false},
		{"star stays in its component", `{"ArnLike":{"aws:PrincipalArn":"arn:aws:iam::*:user/*"}}`, ctx{"aws:PrincipalArn": {"arn:aws:iam::1:2:user/x"}}, false},
		{"five-part pattern matches nothing", `{"ArnLike":{"aws:PrincipalArn":"arn:aws:*:123456789012:user/division/alice"}}`, alice, false},
		{"bare star", `{"ArnLike":{"aws:PrincipalArn":"*"}}`, alice, true},
		{"not like", `{"ArnNotLike":{"aws:PrincipalArn":"arn:aws:iam::*:role/*"}}`, alice, true},
		{"not equals same", `{"ArnNotEquals":{"aws:PrincipalArn":"arn:aws:iam::123456789012:user/division/alice"}}`, alice, false},
		{"not like missing", `{"ArnNotLike":{"aws:PrincipalArn":"arn:aws:iam::*:role/*"}}`, nil, true},
		{"like missing", `{"ArnLike":{"aws:PrincipalArn":"arn:*:*:*:*:*"}}`, nil, false},
		{"request not an arn", `{"ArnLike":{"aws:PrincipalArn":"arn:*:*:*:*:*"}}`, ctx{"aws:PrincipalArn": {"alice"}}, false},
		{"variable", `{"ArnLike":{"aws:PrincipalArn":"arn:aws:iam::${aws:PrincipalAccount}:user/*"}}`,
			ctx{"aws:PrincipalArn": {"arn:aws:iam::123456789012:user/x"}, "aws:PrincipalAccount": {"123456789012"}}, true},
	})
}

func TestNullOperator(t *testing.T) {
	runCond(t, []condCase{
		{"absent true", `{"Null":{"aws:TokenIssueTime":"true"}}`, nil, true},
		{"absent json bool", `{"Null":{"aws:TokenIssueTime":true}}`, nil, true},
		{"present true", `{"Null":{"aws:TokenIssueTime":"true"}}`, ctx{"aws:TokenIssueTime": {"x"}}, false},
		{"present false", `{"Null":{"aws:TokenIssueTime":"false"}}`, ctx{"aws:TokenIssueTime": {"x"}}, true},
		{"absent false", `{"Null":{"aws:TokenIssueTime":"false"}}`, nil, false},
		{"empty list is absent", `{"Null":{"aws:TokenIssueTime":"true"}}`, ctx{"aws:TokenIssueTime": {}}, true},
	})
}

func TestSetOperators(t *testing.T) {
	tags := ctx{"aws:TagKeys": {"Department", "CostCenter"}}
	runCond(t, []condCase{
		{"all values subset", `{"ForAllValues:StringEquals":{"aws:TagKeys":["Department","CostCenter","Project"]}}`, tags, true},
		{"all values not subset", `{"ForAllValues:StringEquals":{"aws:TagKeys":["Department"]}}`, tags, false},
		{"all values missing is vacuous", `{"ForAllValues:StringEquals":{"aws:TagKeys":["Department"]}}`, nil, true},
		{"all values empty is vacuous", `{"ForAllValues:StringEquals":{"aws:TagKeys":["Department"]}}`, ctx{"aws:TagKeys": {}}, true},
		{"any value", `{"ForAnyValue:StringEquals":{"aws:TagKeys":["CostCenter","Other"]}}`, tags, true},
		{"any value none", `{"ForAnyValue:StringEquals":{"aws:TagKeys":["Other"]}}`, tags, false},
		{"any value missing", `{"ForAnyValue:StringEquals":{"aws:TagKeys":["Other"]}}`, nil, false},
		{"any value like", `{"ForAnyValue:StringLike":{"aws:TagKeys":"Cost*"}}`, tags, true},
		{"all values not equals: none listed", `{"ForAllValues:StringNotEquals":{"aws:TagKeys":["Secret","Admin"]}}`, tags, true},
		{"all values not equals: one listed", `{"ForAllValues:StringNotEquals":{"aws:TagKeys":["Department"]}}`, tags, false},
		{"any value not equals: one unlisted", `{"ForAnyValue:StringNotEquals":{"aws:TagKeys":["Department"]}}`, tags, true},
		{"any value not equals: all listed", `{"ForAnyValue:StringNotEquals":{"aws:TagKeys":["Department","CostCenter"]}}`, tags, false},
		{"plain equals on multivalued: any", `{"StringEquals":{"aws:TagKeys":"CostCenter"}}`, tags, true},
		{"plain not equals on multivalued: none", `{"StringNotEquals":{"aws:TagKeys":"CostCenter"}}`, tags, false},
		{"any value ifexists missing", `{"ForAnyValue:StringEqualsIfExists":{"aws:TagKeys":"x"}}`, nil, true},
		{"all values numeric", `{"ForAllValues:NumericLessThan":{"n":"10"}}`, ctx{"n": {"1", "9"}}, true},
		{"all values numeric one over", `{"ForAllValues:NumericLessThan":{"n":"10"}}`, ctx{"n": {"1", "19"}}, false},
	})
}

func TestUnknownOperatorFailsClosed(t *testing.T) {
	const unknown = `"Condition":{"StringSortOf":{"aws:username":"alice"}}`
	allowAll := Compile("allow", MustParse(`{"Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}`))
	allowUnknown := Compile("u", MustParse(`{"Statement":[{"Effect":"Allow","Action":"*","Resource":"*",`+unknown+`}]}`))
	denyUnknown := Compile("d", MustParse(`{"Statement":[{"Sid":"D","Effect":"Deny","Action":"*","Resource":"*",`+unknown+`}]}`))
	denyUnknownButFalse := Compile("d2", MustParse(`{"Statement":[{"Effect":"Deny","Action":"*","Resource":"*",
		"Condition":{"StringSortOf":{"k":"v"},"StringEquals":{"aws:username":"bob"}}}]}`))
	req := Request{Action: "iam:GetUser", Resource: "*", Context: ctx{"aws:username": {"alice"}}}

	tests := map[string]struct {
		policies []*Policy
		want     Decision
	}{
		"allow with unknown operator grants nothing": {[]*Policy{allowUnknown}, ImplicitDeny},
		"deny with unknown operator denies":          {[]*Policy{allowAll, denyUnknown}, ExplicitDeny},
		"deny whose known condition is false":        {[]*Policy{allowAll, denyUnknownButFalse}, Allowed},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			assert.Equal(t, tc.want, Decide(tc.policies, req))
			assert.Equal(t, tc.want, Evaluate(tc.policies, req).Decision)
		})
	}
}
