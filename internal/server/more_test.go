package server

import (
	"crypto/sha256"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/iamkit/iam/internal/query"
	"github.com/iamkit/iam/internal/sign"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestAttachedPolicyAndCertificateLimits(t *testing.T) {
	e := newEnv(t)
	e.ok("CreateUser", "UserName", "bob")
	for i := range 10 {
		r := e.ok("CreatePolicy", "PolicyName", fmt.Sprintf("p%d", i), "PolicyDocument", allowAll)
		e.ok("AttachUserPolicy", "UserName", "bob", "PolicyArn", value(t, r.Body, "Arn"))
	}
	r := e.ok("CreatePolicy", "PolicyName", "p10", "PolicyDocument", allowAll)
	e.fail(409, CodeLimitExceeded, "AttachUserPolicy", "UserName", "bob", "PolicyArn", value(t, r.Body, "Arn"))
	e.fail(404, CodeNoSuchEntity, "AttachUserPolicy", "UserName", "bob", "PolicyArn", "arn:aws:iam::123456789012:policy/missing")

	for range 2 {
		cert, _ := selfSigned(t)
		e.ok("UploadSigningCertificate", "UserName", "bob", "CertificateBody", cert)
	}
	cert, _ := selfSigned(t)
	e.fail(409, CodeLimitExceeded, "UploadSigningCertificate", "UserName", "bob", "CertificateBody", cert)
}

func TestExplicitDenyAndBoundary(t *testing.T) {
	e := newEnv(t)
	e.ok("CreateUser", "UserName", "bob")
	r := e.ok("CreateAccessKey", "UserName", "bob")
	bob := e.client(value(t, r.Body, "AccessKeyId"), value(t, r.Body, "SecretAccessKey"))
	e.ok("PutUserPolicy", "UserName", "bob", "PolicyName", "all", "PolicyDocument", allowAll)
	assert.Equal(t, 200, mustDo(t, bob, "ListUsers").Status)

	e.ok("CreateGroup", "GroupName", "nolist")
	e.ok("AddUserToGroup", "GroupName", "nolist", "UserName", "bob")
	e.ok("PutGroupPolicy", "GroupName", "nolist", "PolicyName", "deny", "PolicyDocument",
		`{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"iam:List*","Resource":"*"}]}`)
	r = mustDo(t, bob, "ListUsers")
	requireError(t, r, 403, CodeAccessDenied)
	assert.Contains(t, value(t, r.Body, "Message"), "with an explicit deny")
	e.ok("RemoveUserFromGroup", "GroupName", "nolist", "UserName", "bob")

	// A boundary that allows only Get* caps the Allow-all policy.
	r = e.ok("CreatePolicy", "PolicyName", "getonly", "PolicyDocument",
		`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iam:Get*","Resource":"*"}]}`)
	e.ok("PutUserPermissionsBoundary", "UserName", "bob", "PermissionsBoundary", value(t, r.Body, "Arn"))
	requireError(t, mustDo(t, bob, "ListUsers"), 403, CodeAccessDenied)
	assert.Equal(t, 200, mustDo(t, bob, "GetUser").Status)
	e.ok("DeleteUserPermissionsBoundary", "UserName", "bob")
	assert.Equal(t, 200, mustDo(t, bob, "ListUsers").Status)
}

func TestLoginProfileAndChangePassword(t *testing.T) {
	e := newEnv(t)
	e.ok("CreateUser", "UserName", "bob")
	r := e.ok("CreateAccessKey", "UserName", "bob")
	bob := e.client(value(t, r.Body, "AccessKeyId"), value(t, r.Body, "SecretAccessKey"))
	e.ok("AttachUserPolicy", "UserName", "bob", "PolicyArn", "arn:aws:iam::aws:policy/IAMUserChangePassword")
	e.fail(404, CodeNoSuchEntity, "GetLoginProfile", "UserName", "bob")
	r = e.ok("CreateLoginProfile", "UserName", "bob", "Password", "first-Passw0rd", "PasswordResetRequired", "true")
	assert.Equal(t, "true", value(t, r.Body, "PasswordResetRequired"))
	assert.NotContains(t, string(r.Body), "first-Passw0rd")
	e.fail(409, CodeEntityAlreadyExists, "CreateLoginProfile", "UserName", "bob", "Password", "x")

	r = mustDo(t, bob, "ChangePassword", "OldPassword", "wrong", "NewPassword", "second-Passw0rd")
	requireError(t, r, 403, CodeAccessDenied)
	assert.NotContains(t, string(r.Body), "second-Passw0rd")
	r = mustDo(t, bob, "ChangePassword", "OldPassword", "first-Passw0rd", "NewPassword", "second-Passw0rd")
	require.Equal(t, 200, r.Status, "%s", r.Body)
	r = e.ok("GetLoginProfile", "UserName", "bob")
	assert.Equal(t, "false", value(t, r.Body, "PasswordResetRequired"))
	e.fail(400, CodeInvalidUserType, "ChangePassword", "OldPassword", "a", "NewPassword", "b")
	e.fail(409, CodeDeleteConflict, "DeleteUser", "UserName", "bob")
	e.ok("DeleteLoginProfile", "UserName", "bob")
}

func TestRenameKeepsReferences(t *testing.T) {
	e := newEnv(t)
	e.ok("CreateUser", "UserName", "bob")
	e.ok("CreateGroup", "GroupName", "devs")
	e.ok("AddUserToGroup", "GroupName", "devs", "UserName", "bob")
	r := e.ok("CreateAccessKey", "UserName", "bob")
	ak, sk := value(t, r.Body, "AccessKeyId"), value(t, r.Body, "SecretAccessKey")
	e.ok("UpdateUser", "UserName", "bob", "NewUserName", "robert", "NewPath", "/staff/")
	e.ok("UpdateGroup", "GroupName", "devs", "NewGroupName", "engineers")
	r = e.ok("GetGroup", "GroupName", "engineers")
	assert.Equal(t, []string{"robert"}, values(t, r.Body, "UserName"))
	assert.Contains(t, values(t, r.Body, "Arn"), "arn:aws:iam::123456789012:user/staff/robert")
	r = e.ok("ListAccessKeys", "UserName", "robert")
	assert.Equal(t, []string{ak}, values(t, r.Body, "AccessKeyId"))
	e.fail(404, CodeNoSuchEntity, "GetUser", "UserName", "bob")
	e.ok("CreateUser", "UserName", "bob")
	e.fail(409, CodeEntityAlreadyExists, "UpdateUser", "UserName", "robert", "NewUserName", "BOB")
	// The key still signs for the renamed user.
	r = mustDo(t, e.client(ak, sk), "GetUser")
	requireError(t, r, 403, CodeAccessDenied)
	assert.Contains(t, value(t, r.Body, "Message"), "user/staff/robert")
}

// boto 2 signs SigV2 with the bare host name even on a non-default port;
// the server accepts that as well as the host with its port.
func TestSigV2BareHost(t *testing.T) {
	e := newEnv(t)
	u, err := url.Parse(e.hs.URL)
	require.NoError(t, err)
	vals := query.Values{
		{Key: "Action", Value: "ListUsers"}, {Key: "Version", Value: APIVersion},
		{Key: "AWSAccessKeyId", Value: testAK}, {Key: "SignatureMethod", Value: sign.HmacSHA256},
		{Key: "SignatureVersion", Value: "2"}, {Key: "Timestamp", Value: e.clock.now().Format(sign.V2TimeFormat)},
	}
	vals.Sort()
	sts := sign.AppendStringToSignV2(nil, http.MethodPost, u.Hostname(), "/", vals.AppendEncode(nil))
	sig, _ := sign.SignatureV2(testSK, sign.HmacSHA256, sts)
	vals.Add("Signature", sig)
	resp, err := http.Post(e.hs.URL+"/", "application/x-www-form-urlencoded", strings.NewReader(string(vals.AppendEncode(nil))))
	require.NoError(t, err)
	defer resp.Body.Close()
	body := readAll(t, resp)
	assert.Equal(t, 200, resp.StatusCode, "%s", body)
}

func TestRootAccessKeys(t *testing.T) {
	e := newEnv(t)
	r := e.ok("ListAccessKeys")
	assert.Equal(t, []string{testAK}, values(t, r.Body, "AccessKeyId"))
	r = e.ok("CreateAccessKey")
	ak, sk := value(t, r.Body, "AccessKeyId"), value(t, r.Body, "SecretAccessKey")
	e.fail(409, CodeLimitExceeded, "CreateAccessKey")
	r = mustDo(t, e.client(ak, sk), "GetUser")
	assert.Equal(t, "arn:aws:iam::123456789012:root", value(t, r.Body, "Arn"))
	e.fail(400, CodeUnmodifiableEntity, "DeleteAccessKey", "AccessKeyId", testAK)
	e.ok("DeleteAccessKey", "AccessKeyId", ak)
}

func TestSigV4ScopedToOtherService(t *testing.T) {
	e := newEnv(t)
	req, err := http.NewRequest(http.MethodPost, e.hs.URL+"/", strings.NewReader(form("ListUsers")))
	require.NoError(t, err)
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	body := []byte(form("ListUsers"))
	// A valid HMAC, but scoped to s3: IAM refuses it.
	signS3(req, body, e)
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	b := readAll(t, resp)
	assert.Equal(t, 403, resp.StatusCode, "%s", b)
	assert.Equal(t, CodeSignatureDoesNotMatch, value(t, b, "Code"))
}

// signS3 signs req with SigV4 for service s3.
func signS3(req *http.Request, body []byte, e *env) {
	t := e.clock.now()
	amzDate := string(sign.AppendAmzDate(nil, t))
	req.Header.Set("X-Amz-Date", amzDate)
	headers := []sign.Header{
		{Name: "content-type", Values: []string{req.Header.Get("Content-Type")}},
		{Name: "host", Values: []string{req.URL.Host}},
		{Name: "x-amz-date", Values: []string{amzDate}},
	}
	sr := sign.Request{Method: req.Method, Path: "/", Headers: headers, PayloadHash: sha256.Sum256(body)}
	scope := sign.Scope{Date: amzDate[:8], Region: "us-east-1", Service: "s3"}
	sts := sign.AppendStringToSign(nil, amzDate, scope, sign.AppendCanonicalRequest(nil, &sr))
	sig := sign.Signature(sign.DeriveKey(testSK, scope), sts)
	req.Header.Set("Authorization", string(sign.AppendAuthorization(nil, testAK, scope,
		string(sign.AppendSignedHeaders(nil, headers)), sig)))
}

func TestOnRequest(t *testing.T) {
	var logs []RequestLog
	e := newEnv(t, func(c *Config) { c.OnRequest = func(rl RequestLog) { logs = append(logs, rl) } })
	e.ok("CreateUser", "UserName", "bob")
	e.fail(404, CodeNoSuchEntity, "GetUser", "UserName", "nobody")
	requireError(t, mustDo(t, e.client(testAK, "wrong"), "ListUsers"), 403, CodeSignatureDoesNotMatch)
	require.Len(t, logs, 3)
	assert.Equal(t, RequestLog{RequestID: logs[0].RequestID, Action: "CreateUser", Status: 200,
		Caller: "arn:aws:iam::123456789012:root", Duration: logs[0].Duration}, logs[0])
	assert.Equal(t, CodeNoSuchEntity, logs[1].Code)
	assert.Equal(t, 404, logs[1].Status)
	assert.Equal(t, CodeSignatureDoesNotMatch, logs[2].Code)
	assert.Empty(t, logs[2].Caller)
	for _, l := range logs {
		assert.NotContains(t, fmt.Sprintf("%+v", l), testSK)
	}
}

// Attribute-based access: bob may manage users tagged team=blue only.
func TestResourceTagCondition(t *testing.T) {
	e := newEnv(t)
	e.ok("CreateUser", "UserName", "bob")
	r := e.ok("CreateAccessKey", "UserName", "bob")
	bob := e.client(value(t, r.Body, "AccessKeyId"), value(t, r.Body, "SecretAccessKey"))
	e.ok("PutUserPolicy", "UserName", "bob", "PolicyName", "abac", "PolicyDocument",
		`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iam:GetUser","Resource":"*",`+
			`"Condition":{"StringEquals":{"iam:ResourceTag/team":"blue"}}}]}`)
	e.ok("CreateUser", "UserName", "blue1", "Tags.member.1.Key", "team", "Tags.member.1.Value", "blue")
	e.ok("CreateUser", "UserName", "red1", "Tags.member.1.Key", "team", "Tags.member.1.Value", "red")
	assert.Equal(t, 200, mustDo(t, bob, "GetUser", "UserName", "blue1").Status)
	requireError(t, mustDo(t, bob, "GetUser", "UserName", "red1"), 403, CodeAccessDenied)
}
