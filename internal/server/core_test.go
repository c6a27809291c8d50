package server

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const allowAll = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}`

func TestPagination(t *testing.T) {
	e := newEnv(t)
	for i := range 25 {
		e.ok("CreateUser", "UserName", fmt.Sprintf("user%02d", i))
	}
	var names []string
	marker := ""
	pages := 0
	for {
		kv := []string{"MaxItems", "10"}
		if marker != "" {
			kv = append(kv, "Marker", marker)
		}
		r := e.ok("ListUsers", kv...)
		pages++
		names = append(names, values(t, r.Body, "UserName")...)
		if value(t, r.Body, "IsTruncated") == "false" {
			assert.Empty(t, values(t, r.Body, "Marker"))
			break
		}
		marker = value(t, r.Body, "Marker")
	}
	assert.Equal(t, 3, pages)
	require.Len(t, names, 25)
	assert.Equal(t, "user00", names[0])
	assert.Equal(t, "user24", names[24])

	for _, bad := range []string{"0", "1001", "x"} {
		e.fail(http.StatusBadRequest, CodeValidationError, "ListUsers", "MaxItems", bad)
	}
	e.fail(http.StatusBadRequest, CodeValidationError, "ListUsers", "Marker", "!!!")
}

func TestPaginationOfSlices(t *testing.T) {
	e := newEnv(t)
	e.ok("CreateGroup", "GroupName", "g")
	for i := range 5 {
		e.ok("CreateUser", "UserName", fmt.Sprintf("u%d", i))
		e.ok("AddUserToGroup", "GroupName", "g", "UserName", fmt.Sprintf("u%d", i))
		e.ok("PutGroupPolicy", "GroupName", "g", "PolicyName", fmt.Sprintf("p%d", i), "PolicyDocument", allowAll)
	}
	r := e.ok("GetGroup", "GroupName", "g", "MaxItems", "2")
	assert.Equal(t, []string{"u0", "u1"}, values(t, r.Body, "UserName"))
	r = e.ok("GetGroup", "GroupName", "g", "MaxItems", "2", "Marker", value(t, r.Body, "Marker"))
	assert.Equal(t, []string{"u2", "u3"}, values(t, r.Body, "UserName"))
	r = e.ok("GetGroup", "GroupName", "g", "MaxItems", "2", "Marker", value(t, r.Body, "Marker"))
	assert.Equal(t, []string{"u4"}, values(t, r.Body, "UserName"))
	assert.Equal(t, "false", value(t, r.Body, "IsTruncated"))

	r = e.ok("ListGroupPolicies", "GroupName", "g", "MaxItems", "3")
	assert.Equal(t, []string{"p0", "p1", "p2"}, values(t, r.Body, "member"))
	assert.Equal(t, "true", value(t, r.Body, "IsTruncated"))
}

func TestErrorCodes(t *testing.T) {
	e := newEnv(t)
	e.ok("CreateUser", "UserName", "bob")
	e.ok("CreateGroup", "GroupName", "devs")
	e.ok("AddUserToGroup", "GroupName", "devs", "UserName", "bob")

	cases := map[string]struct {
		status int
		code   string
		action string
		kv     []string
	}{
		"no such user":         {404, CodeNoSuchEntity, "GetUser", []string{"UserName", "nobody"}},
		"no such group":        {404, CodeNoSuchEntity, "GetGroup", []string{"GroupName", "nobody"}},
		"duplicate group":      {409, CodeEntityAlreadyExists, "CreateGroup", []string{"GroupName", "DEVS"}},
		"delete user in group": {409, CodeDeleteConflict, "DeleteUser", []string{"UserName", "bob"}},
		"delete group members": {409, CodeDeleteConflict, "DeleteGroup", []string{"GroupName", "devs"}},
		"bad policy json":      {400, CodeMalformedPolicyDocument, "PutUserPolicy", []string{"UserName", "bob", "PolicyName", "p", "PolicyDocument", "{not json"}},
		"policy no statement":  {400, CodeMalformedPolicyDocument, "PutUserPolicy", []string{"UserName", "bob", "PolicyName", "p", "PolicyDocument", `{"Version":"2012-10-17"}`}},
		"bad user name":        {400, CodeValidationError, "CreateUser", []string{"UserName", "bad name"}},
		"long user name":       {400, CodeValidationError, "CreateUser", []string{"UserName", strings.Repeat("a", 65)}},
		"missing user name":    {400, CodeValidationError, "CreateUser", nil},
		"bad path":             {400, CodeValidationError, "CreateUser", []string{"UserName", "x", "Path", "nopath"}},
		"unknown action":       {400, CodeInvalidAction, "FlyToTheMoon", nil},
		"bad arn":              {400, CodeInvalidInput, "GetPolicy", []string{"PolicyArn", "not-an-arn-but-long-enough"}},
		"duplicate tag keys":   {400, CodeInvalidInput, "TagUser", []string{"UserName", "bob", "Tags.member.1.Key", "k", "Tags.member.1.Value", "1", "Tags.member.2.Key", "K", "Tags.member.2.Value", "2"}},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			e.fail(tc.status, tc.code, tc.action, tc.kv...)
		})
	}
}

func TestVersionRequired(t *testing.T) {
	e := newEnv(t)
	for name, body := range map[string]string{
		"missing": "Action=ListUsers",
		"other":   "Action=ListUsers&Version=2009-01-01",
	} {
		t.Run(name, func(t *testing.T) {
			rec := e.direct(body)
			require.Equal(t, 400, rec.Code)
			assert.Equal(t, CodeInvalidAction, value(t, rec.Body.Bytes(), "Code"))
		})
	}
}

func TestLimits(t *testing.T) {
	e := newEnv(t)
	e.ok("CreateUser", "UserName", "bob")
	e.ok("CreateAccessKey", "UserName", "bob")
	e.ok("CreateAccessKey", "UserName", "bob")
	e.fail(409, CodeLimitExceeded, "CreateAccessKey", "UserName", "bob")
	for i := range 10 {
		e.ok("CreateGroup", "GroupName", fmt.Sprintf("g%d", i))
		e.ok("AddUserToGroup", "GroupName", fmt.Sprintf("g%d", i), "UserName", "bob")
	}
	e.ok("CreateGroup", "GroupName", "g10")
	e.fail(409, CodeLimitExceeded, "AddUserToGroup", "GroupName", "g10", "UserName", "bob")
	big := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iam:Get*","Resource":"arn:aws:iam::123456789012:user/` + strings.Repeat("x", 2100) + `"}]}`
	e.fail(409, CodeLimitExceeded, "PutUserPolicy", "UserName", "bob", "PolicyName", "big", "PolicyDocument", big)
}

func TestAccessKeysAndAuth(t *testing.T) {
	e := newEnv(t)
	e.ok("CreateUser", "UserName", "bob")
	r := e.ok("CreateAccessKey", "UserName", "bob")
	ak, sk := value(t, r.Body, "AccessKeyId"), value(t, r.Body, "SecretAccessKey")
	assert.True(t, strings.HasPrefix(ak, "AKIA"))
	assert.Len(t, ak, 20)
	assert.Len(t, sk, 40)

	bob := e.client(ak, sk)
	// No policy: bob may not even list users.
	r = mustDo(t, bob, "ListUsers")
	requireError(t, r, 403, CodeAccessDenied)
	assert.Contains(t, value(t, r.Body, "Message"),
		"User: arn:aws:iam::123456789012:user/bob is not authorized to perform: iam:ListUsers on resource: *")
	// But GetUser on himself needs a policy too, as in IAM.
	e.ok("PutUserPolicy", "UserName", "bob", "PolicyName", "self",
		"PolicyDocument", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["iam:GetUser","iam:*AccessKey*"],"Resource":"arn:aws:iam::123456789012:user/${aws:username}"}]}`)
	r = mustDo(t, bob, "GetUser")
	require.Equal(t, 200, r.Status, "%s", r.Body)
	assert.Equal(t, "bob", value(t, r.Body, "UserName"))
	requireError(t, mustDo(t, bob, "GetUser", "UserName", "root"), 403, CodeAccessDenied)
	r = mustDo(t, bob, "ListAccessKeys")
	require.Equal(t, 200, r.Status, "%s", r.Body)
	assert.Equal(t, []string{ak}, values(t, r.Body, "AccessKeyId"))

	r = e.ok("GetAccessKeyLastUsed", "AccessKeyId", ak)
	assert.Equal(t, "iam", value(t, r.Body, "ServiceName"))
	assert.Equal(t, "us-east-1", value(t, r.Body, "Region"))

	// Inactive and deleted keys are refused.
	e.ok("UpdateAccessKey", "UserName", "bob", "AccessKeyId", ak, "Status", "Inactive")
	requireError(t, mustDo(t, bob, "GetUser"), 403, CodeInvalidClientTokenID)
	e.ok("UpdateAccessKey", "UserName", "bob", "AccessKeyId", ak, "Status", "Active")
	e.ok("DeleteAccessKey", "UserName", "bob", "AccessKeyId", ak)
	requireError(t, mustDo(t, bob, "GetUser"), 403, CodeInvalidClientTokenID)
}

func TestSignatureRefusal(t *testing.T) {
	e := newEnv(t)
	requireError(t, mustDo(t, e.client(testAK, "wrong"), "ListUsers"), 403, CodeSignatureDoesNotMatch)
	requireError(t, mustDo(t, e.client("AKIAUNKNOWNKEY000000", testSK), "ListUsers"), 403, CodeInvalidClientTokenID)

	stale := e.client(testAK, testSK)
	stale.Now = func() time.Time { return e.clock.now().Add(-16 * time.Minute) }
	requireError(t, mustDo(t, stale, "ListUsers"), 403, CodeSignatureDoesNotMatch)

	resp, err := http.PostForm(e.hs.URL, url.Values{"Action": {"ListUsers"}, "Version": {APIVersion}})
	require.NoError(t, err)
	resp.Body.Close()
	assert.Equal(t, 403, resp.StatusCode)

	v2 := e.client(testAK, testSK)
	v2.V2 = true
	r := mustDo(t, v2, "ListUsers")
	assert.Equal(t, 200, r.Status, "%s", r.Body)
	v2.SecretAccessKey = "wrong"
	requireError(t, mustDo(t, v2, "ListUsers"), 403, CodeSignatureDoesNotMatch)
}

func TestPropagationDelay(t *testing.T) {
	e := newEnv(t, func(c *Config) { c.PropagationDelay = 5 * time.Second })
	e.ok("CreateUser", "UserName", "bob")
	e.fail(404, CodeNoSuchEntity, "GetUser", "UserName", "bob")
	r := e.ok("CreateAccessKey", "UserName", "bob")
	bob := e.client(value(t, r.Body, "AccessKeyId"), value(t, r.Body, "SecretAccessKey"))
	requireError(t, mustDo(t, bob, "GetUser"), 403, CodeInvalidClientTokenID)
	e.clock.advance(5 * time.Second)
	e.ok("GetUser", "UserName", "bob")
	requireError(t, mustDo(t, bob, "GetUser"), 403, CodeAccessDenied)
}

func TestPolicyDocumentsURLEncoded(t *testing.T) {
	e := newEnv(t)
	e.ok("CreateUser", "UserName", "bob")
	doc := `{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "iam:Get*", "Resource": "arn:aws:iam::123456789012:user/a+b"}}`
	e.ok("PutUserPolicy", "UserName", "bob", "PolicyName", "p", "PolicyDocument", doc)
	r := e.ok("GetUserPolicy", "UserName", "bob", "PolicyName", "p")
	enc := value(t, r.Body, "PolicyDocument")
	// RFC 3986 percent-encoding, as IAM sends: a space is %20, never '+'.
	assert.True(t, strings.HasPrefix(enc, "%7B%22Version%22%3A%20%222012-10-17%22"), enc)
	assert.NotContains(t, enc, "+")
	// Clients decode with a plain percent-decoder (botocore's unquote).
	dec, err := url.PathUnescape(enc)
	require.NoError(t, err)
	assert.Equal(t, doc, dec)
}
