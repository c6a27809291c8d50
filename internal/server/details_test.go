package server

import (
	"encoding/base64"
	"encoding/csv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestAccountAuthorizationDetails(t *testing.T) {
	e := newEnv(t)
	e.ok("CreateUser", "UserName", "bob")
	e.ok("PutUserPolicy", "UserName", "bob", "PolicyName", "inline", "PolicyDocument", allowAll)
	e.ok("CreateGroup", "GroupName", "devs")
	e.ok("AddUserToGroup", "GroupName", "devs", "UserName", "bob")
	e.ok("AttachGroupPolicy", "GroupName", "devs", "PolicyArn", "arn:aws:iam::aws:policy/IAMReadOnlyAccess")
	r := e.ok("GetAccountAuthorizationDetails")
	assert.Equal(t, []string{"bob"}, values(t, r.Body, "UserName"))
	assert.Equal(t, []string{"inline"}, values(t, r.Body, "PolicyName")[:1])
	assert.Contains(t, values(t, r.Body, "PolicyArn"), "arn:aws:iam::aws:policy/IAMReadOnlyAccess")
	assert.Equal(t, []string{"ANPAJKSO7NDY4T57MWDSQ"}, values(t, r.Body, "PolicyId"), "only the AWS managed policies in use")
	r = e.ok("GetAccountAuthorizationDetails", "Filter.member.1", "Group", "MaxItems", "1")
	assert.Equal(t, []string{"devs"}, values(t, r.Body, "GroupName"))
	assert.Equal(t, "false", value(t, r.Body, "IsTruncated"))
	e.fail(400, CodeValidationError, "GetAccountAuthorizationDetails", "Filter.member.1", "Nope")
}

func TestCredentialReport(t *testing.T) {
	e := newEnv(t)
	e.fail(410, CodeReportNotPresent, "GetCredentialReport")
	e.ok("CreateUser", "UserName", "a,b")
	e.ok("CreateAccessKey", "UserName", "a,b")
	r := e.ok("GenerateCredentialReport")
	assert.Equal(t, "STARTED", value(t, r.Body, "State"))
	r = e.ok("GenerateCredentialReport")
	assert.Equal(t, "COMPLETE", value(t, r.Body, "State"))
	r = e.ok("GetCredentialReport")
	raw, err := base64.StdEncoding.DecodeString(value(t, r.Body, "Content"))
	require.NoError(t, err)
	rows, err := csv.NewReader(strings.NewReader(string(raw))).ReadAll()
	require.NoError(t, err)
	require.Len(t, rows, 3)
	assert.Equal(t, "<root_account>", rows[1][0])
	assert.Equal(t, "a,b", rows[2][0])
	assert.Equal(t, "true", rows[2][8], "access_key_1_active")
	e.clock.advance(5 * 3600e9)
	e.fail(410, CodeReportExpired, "GetCredentialReport")
}

func TestContextKeys(t *testing.T) {
	e := newEnv(t)
	doc := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*",` +
		`"Condition":{"IpAddress":{"aws:SourceIp":"10.0.0.0/8"},"Bool":{"aws:SecureTransport":"true","AWS:SourceIP":"false"}}}]}`
	r := e.ok("GetContextKeysForCustomPolicy", "PolicyInputList.member.1", doc)
	assert.Equal(t, []string{"aws:SourceIp", "aws:SecureTransport"}, values(t, r.Body, "member"))
	e.ok("CreateUser", "UserName", "bob")
	e.ok("PutUserPolicy", "UserName", "bob", "PolicyName", "p", "PolicyDocument", doc)
	r = e.ok("GetContextKeysForPrincipalPolicy", "PolicySourceArn", "arn:aws:iam::123456789012:user/bob")
	assert.Equal(t, []string{"aws:SourceIp", "aws:SecureTransport"}, values(t, r.Body, "member"))
	e.fail(400, CodeMalformedPolicyDocument, "GetContextKeysForCustomPolicy", "PolicyInputList.member.1", "{")
}
