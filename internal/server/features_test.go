package server

import (
	"bytes"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/base32"
	"encoding/base64"
	"encoding/pem"
	"image/png"
	"math/big"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestSimulateSimpleDBReadOnly(t *testing.T) {
	e := newEnv(t)
	e.ok("CreateGroup", "GroupName", "sdb-readers")
	e.ok("PutGroupPolicy", "GroupName", "sdb-readers", "PolicyName", "ro", "PolicyDocument",
		`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["sdb:Select","sdb:GetAttributes"],"Resource":"arn:aws:sdb:us-east-1:123456789012:domain/mydomain"}]}`)
	e.ok("CreateUser", "UserName", "ann")
	e.ok("AddUserToGroup", "GroupName", "sdb-readers", "UserName", "ann")

	r := e.ok("SimulatePrincipalPolicy",
		"PolicySourceArn", "arn:aws:iam::123456789012:user/ann",
		"ActionNames.member.1", "sdb:Select",
		"ActionNames.member.2", "sdb:PutAttributes",
		"ResourceArns.member.1", "arn:aws:sdb:us-east-1:123456789012:domain/mydomain",
		"ResourceArns.member.2", "arn:aws:sdb:us-east-1:123456789012:domain/other")
	assert.Equal(t, []string{"sdb:Select", "sdb:Select", "sdb:PutAttributes", "sdb:PutAttributes"}, values(t, r.Body, "EvalActionName"))
	assert.Equal(t, []string{"allowed", "implicitDeny", "implicitDeny", "implicitDeny"}, values(t, r.Body, "EvalDecision"))
	assert.Equal(t, []string{"ro"}, values(t, r.Body, "SourcePolicyId"))
	assert.Equal(t, []string{"group"}, values(t, r.Body, "SourcePolicyType"))
	assert.Equal(t, []string{"1", "1"}, values(t, r.Body, "Line"))
	assert.Equal(t, []string{"38", "163"}, values(t, r.Body, "Column"))

	r = e.ok("SimulateCustomPolicy",
		"PolicyInputList.member.1", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"},{"Effect":"Deny","Action":"s3:DeleteBucket","Resource":"*"}]}`,
		"ActionNames.member.1", "s3:GetObject",
		"ActionNames.member.2", "s3:DeleteBucket")
	assert.Equal(t, []string{"allowed", "explicitDeny"}, values(t, r.Body, "EvalDecision"))
	e.fail(400, CodeMalformedPolicyDocument, "SimulateCustomPolicy", "PolicyInputList.member.1", "{", "ActionNames.member.1", "s3:GetObject")
	r = e.fail(400, CodeValidationError, "SimulateCustomPolicy", "PolicyInputList.member.1", allowAll, "ActionNames.member.1", "s3:GetObject",
		"ContextEntries.member.1.ContextKeyName", "aws:username", "ContextEntries.member.1.ContextKeyType", "text")
	assert.Contains(t, string(r.Body), "Value 'text' at 'contextEntries.1.member.contextKeyType' failed to satisfy constraint: Member must satisfy enum value set: "+
		"[string, stringList, numeric, numericList, boolean, booleanList, ip, ipList, binary, binaryList, date, dateList]")
	e.fail(404, CodeNoSuchEntity, "SimulatePrincipalPolicy", "PolicySourceArn", "arn:aws:iam::123456789012:user/nobody", "ActionNames.member.1", "iam:GetUser")
}

func TestManagedPolicies(t *testing.T) {
	e := newEnv(t)
	r := e.ok("CreatePolicy", "PolicyName", "ro", "Path", "/team/", "PolicyDocument", allowAll)
	arn := value(t, r.Body, "Arn")
	assert.Equal(t, "arn:aws:iam::123456789012:policy/team/ro", arn)
	assert.Regexp(t, "^ANPA[A-Z2-7]{17}$", value(t, r.Body, "PolicyId"))
	e.ok("CreateUser", "UserName", "bob")
	e.ok("AttachUserPolicy", "UserName", "bob", "PolicyArn", arn)
	e.ok("AttachUserPolicy", "UserName", "bob", "PolicyArn", "arn:aws:iam::aws:policy/IAMReadOnlyAccess")
	r = e.ok("ListAttachedUserPolicies", "UserName", "bob")
	assert.Equal(t, []string{"ro", "IAMReadOnlyAccess"}, values(t, r.Body, "PolicyName"))
	e.fail(409, CodeDeleteConflict, "DeletePolicy", "PolicyArn", arn)
	e.fail(409, CodeDeleteConflict, "DeleteUser", "UserName", "bob")
	r = e.ok("ListEntitiesForPolicy", "PolicyArn", arn)
	assert.Equal(t, []string{"bob"}, values(t, r.Body, "UserName"))

	for i := 2; i <= 5; i++ {
		e.ok("CreatePolicyVersion", "PolicyArn", arn, "PolicyDocument", allowAll, "SetAsDefault", "true")
	}
	e.fail(409, CodeLimitExceeded, "CreatePolicyVersion", "PolicyArn", arn, "PolicyDocument", allowAll)
	e.fail(409, CodeDeleteConflict, "DeletePolicyVersion", "PolicyArn", arn, "VersionId", "v5")
	e.ok("DeletePolicyVersion", "PolicyArn", arn, "VersionId", "v1")
	r = e.ok("GetPolicy", "PolicyArn", arn)
	assert.Equal(t, "v5", value(t, r.Body, "DefaultVersionId"))
	assert.Equal(t, "1", value(t, r.Body, "AttachmentCount"))
	r = e.ok("ListPolicies", "Scope", "Local")
	assert.Equal(t, []string{"ro"}, values(t, r.Body, "PolicyName"))
	r = e.ok("ListPolicies", "MaxItems", "3")
	assert.Len(t, values(t, r.Body, "PolicyName"), 3)
	r = e.ok("ListPolicies", "MaxItems", "3", "Marker", value(t, r.Body, "Marker"))
	assert.Equal(t, []string{"PowerUserAccess", "ro"}, values(t, r.Body, "PolicyName")[1:])

	e.ok("DetachUserPolicy", "UserName", "bob", "PolicyArn", arn)
	e.fail(409, CodeDeleteConflict, "DeletePolicy", "PolicyArn", arn)
	for _, v := range []string{"v2", "v3", "v4"} {
		e.ok("DeletePolicyVersion", "PolicyArn", arn, "VersionId", v)
	}
	e.ok("DeletePolicy", "PolicyArn", arn)
	e.fail(404, CodeNoSuchEntity, "GetPolicy", "PolicyArn", arn)
}

func TestRolesAndInstanceProfiles(t *testing.T) {
	e := newEnv(t)
	trust := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}`
	r := e.ok("CreateRole", "RoleName", "web", "AssumeRolePolicyDocument", trust)
	assert.Regexp(t, "^AROA", value(t, r.Body, "RoleId"))
	e.fail(400, CodeMalformedPolicyDocument, "CreateRole", "RoleName", "x", "AssumeRolePolicyDocument", allowAll)
	r = e.ok("CreateInstanceProfile", "InstanceProfileName", "web")
	assert.Regexp(t, "^AIPA", value(t, r.Body, "InstanceProfileId"))
	e.ok("AddRoleToInstanceProfile", "InstanceProfileName", "web", "RoleName", "web")
	e.fail(409, CodeDeleteConflict, "DeleteRole", "RoleName", "web")
	e.fail(409, CodeDeleteConflict, "DeleteInstanceProfile", "InstanceProfileName", "web")
	r = e.ok("ListInstanceProfilesForRole", "RoleName", "web")
	assert.Equal(t, []string{"web"}, values(t, r.Body, "InstanceProfileName"))
	e.ok("RemoveRoleFromInstanceProfile", "InstanceProfileName", "web", "RoleName", "web")
	e.ok("DeleteInstanceProfile", "InstanceProfileName", "web")
	e.ok("PutRolePolicy", "RoleName", "web", "PolicyName", "p", "PolicyDocument", allowAll)
	e.fail(409, CodeDeleteConflict, "DeleteRole", "RoleName", "web")
	e.ok("DeleteRolePolicy", "RoleName", "web", "PolicyName", "p")
	e.ok("DeleteRole", "RoleName", "web")
}

func TestVirtualMFA(t *testing.T) {
	e := newEnv(t)
	e.ok("CreateUser", "UserName", "bob")
	r := e.ok("CreateVirtualMFADevice", "VirtualMFADeviceName", "bob")
	serial := value(t, r.Body, "SerialNumber")
	assert.Equal(t, "arn:aws:iam::123456789012:mfa/bob", serial)
	b32, err := base64.StdEncoding.DecodeString(value(t, r.Body, "Base32StringSeed"))
	require.NoError(t, err)
	seed, err := base32.StdEncoding.WithPadding(base32.NoPadding).DecodeString(string(b32))
	require.NoError(t, err)
	pngBytes, err := base64.StdEncoding.DecodeString(value(t, r.Body, "QRCodePNG"))
	require.NoError(t, err)
	_, err = png.Decode(bytes.NewReader(pngBytes))
	require.NoError(t, err)

	step := e.clock.now().Unix() / 30
	e.fail(403, CodeInvalidAuthenticationCode, "EnableMFADevice", "UserName", "bob", "SerialNumber", serial,
		"AuthenticationCode1", totp(seed, step), "AuthenticationCode2", totp(seed, step+2))
	e.ok("EnableMFADevice", "UserName", "bob", "SerialNumber", serial,
		"AuthenticationCode1", totp(seed, step-1), "AuthenticationCode2", totp(seed, step))
	r = e.ok("ListMFADevices", "UserName", "bob")
	assert.Equal(t, []string{serial}, values(t, r.Body, "SerialNumber"))
	e.fail(409, CodeDeleteConflict, "DeleteVirtualMFADevice", "SerialNumber", serial)
	e.fail(409, CodeDeleteConflict, "DeleteUser", "UserName", "bob")
	e.ok("DeactivateMFADevice", "UserName", "bob", "SerialNumber", serial)
	r = e.ok("ListVirtualMFADevices", "AssignmentStatus", "Unassigned")
	assert.Equal(t, []string{serial}, values(t, r.Body, "SerialNumber"))
	e.ok("DeleteVirtualMFADevice", "SerialNumber", serial)
	e.ok("DeleteUser", "UserName", "bob")
}

// RFC 6238 appendix B, SHA-1 rows, last six digits.
func TestTOTPVectors(t *testing.T) {
	seed := []byte("12345678901234567890")
	for ts, want := range map[int64]string{59: "287082", 1111111109: "081804", 1234567890: "005924", 20000000000: "353130"} {
		assert.Equal(t, want, totp(seed, ts/30), "t=%d", ts)
	}
}

// selfSigned returns a PEM certificate and its PEM private key.
func selfSigned(t *testing.T) (string, string) {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	require.NoError(t, err)
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "test"},
		NotBefore: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), NotAfter: time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC)}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	require.NoError(t, err)
	kder, err := x509.MarshalECPrivateKey(key)
	require.NoError(t, err)
	return string(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der})),
		string(pem.EncodeToMemory(&pem.Block{Type: "EC PRIVATE KEY", Bytes: kder}))
}

func TestCertificates(t *testing.T) {
	e := newEnv(t)
	e.ok("CreateUser", "UserName", "bob")
	cert, key := selfSigned(t)
	_, otherKey := selfSigned(t)
	r := e.ok("UploadSigningCertificate", "UserName", "bob", "CertificateBody", cert)
	id := value(t, r.Body, "CertificateId")
	e.fail(409, CodeDuplicateCertificate, "UploadSigningCertificate", "UserName", "bob", "CertificateBody", cert)
	e.fail(400, CodeMalformedCertificate, "UploadSigningCertificate", "UserName", "bob", "CertificateBody", "garbage")
	e.fail(409, CodeDeleteConflict, "DeleteUser", "UserName", "bob")
	e.ok("UpdateSigningCertificate", "UserName", "bob", "CertificateId", id, "Status", "Inactive")
	r = e.ok("ListSigningCertificates", "UserName", "bob")
	assert.Equal(t, []string{"Inactive"}, values(t, r.Body, "Status"))
	e.ok("DeleteSigningCertificate", "UserName", "bob", "CertificateId", id)

	e.fail(400, CodeKeyPairMismatch, "UploadServerCertificate", "ServerCertificateName", "web", "CertificateBody", cert, "PrivateKey", otherKey)
	r = e.ok("UploadServerCertificate", "ServerCertificateName", "web", "CertificateBody", cert, "PrivateKey", key)
	assert.Regexp(t, "^ASCA", value(t, r.Body, "ServerCertificateId"))
	assert.Equal(t, "2027-01-01T00:00:00Z", value(t, r.Body, "Expiration"))
	r = e.ok("GetServerCertificate", "ServerCertificateName", "web")
	assert.Equal(t, cert, value(t, r.Body, "CertificateBody"))
	assert.NotContains(t, string(r.Body), "PRIVATE")
	e.ok("DeleteServerCertificate", "ServerCertificateName", "web")
}

func TestSSHKeysAndServiceCredentials(t *testing.T) {
	e := newEnv(t)
	e.ok("CreateUser", "UserName", "bob")
	// ssh-ed25519 blob: string "ssh-ed25519" and a 32-byte key.
	blob := append([]byte{0, 0, 0, 11}, "ssh-ed25519"...)
	blob = append(blob, 0, 0, 0, 32)
	blob = append(blob, make([]byte, 32)...)
	body := "ssh-ed25519 " + base64.StdEncoding.EncodeToString(blob) + " bob@host"
	r := e.ok("UploadSSHPublicKey", "UserName", "bob", "SSHPublicKeyBody", body)
	assert.Regexp(t, "^APKA", value(t, r.Body, "SSHPublicKeyId"))
	assert.Regexp(t, "^([0-9a-f]{2}:){15}[0-9a-f]{2}$", value(t, r.Body, "Fingerprint"))
	e.fail(400, CodeDuplicateSSHPublicKey, "UploadSSHPublicKey", "UserName", "bob", "SSHPublicKeyBody", body)
	e.fail(400, CodeInvalidPublicKey, "UploadSSHPublicKey", "UserName", "bob", "SSHPublicKeyBody", "ssh-rsa AAAA")

	r = e.ok("CreateServiceSpecificCredential", "UserName", "bob", "ServiceName", "codecommit.amazonaws.com")
	assert.Equal(t, "bob-at-123456789012", value(t, r.Body, "ServiceUserName"))
	assert.NotEmpty(t, value(t, r.Body, "ServicePassword"))
	e.fail(404, CodeNotSupportedService, "CreateServiceSpecificCredential", "UserName", "bob", "ServiceName", "s3.amazonaws.com")
	r = e.ok("ListServiceSpecificCredentials", "UserName", "bob")
	assert.Empty(t, values(t, r.Body, "ServicePassword"))
}

func TestAccountActions(t *testing.T) {
	e := newEnv(t)
	e.fail(400, CodeValidationError, "CreateAccountAlias", "AccountAlias", "Bad--Alias")
	e.ok("CreateAccountAlias", "AccountAlias", "my-corp")
	r := e.ok("ListAccountAliases")
	assert.Equal(t, []string{"my-corp"}, values(t, r.Body, "member"))
	e.fail(404, CodeNoSuchEntity, "GetAccountPasswordPolicy")
	e.ok("UpdateAccountPasswordPolicy", "MinimumPasswordLength", "12", "RequireNumbers", "true")
	r = e.ok("GetAccountPasswordPolicy")
	assert.Equal(t, "12", value(t, r.Body, "MinimumPasswordLength"))
	e.ok("CreateUser", "UserName", "bob")
	e.fail(400, CodePasswordPolicyViolation, "CreateLoginProfile", "UserName", "bob", "Password", "short1")
	e.fail(400, CodePasswordPolicyViolation, "CreateLoginProfile", "UserName", "bob", "Password", "longbutnodigits")
	e.ok("CreateLoginProfile", "UserName", "bob", "Password", "long-enough-1")
	r = e.ok("GetAccountSummary")
	keys := values(t, r.Body, "key")
	vals := values(t, r.Body, "value")
	require.Equal(t, len(keys), len(vals))
	summary := map[string]string{}
	for i := range keys {
		summary[keys[i]] = vals[i]
	}
	assert.Equal(t, "1", summary["Users"])
	assert.Equal(t, "2", summary["AccessKeysPerUserQuota"])
}

func TestServiceLinkedRole(t *testing.T) {
	e := newEnv(t)
	r := e.ok("CreateServiceLinkedRole", "AWSServiceName", "elasticbeanstalk.amazonaws.com")
	assert.Equal(t, "AWSServiceRoleForElasticbeanstalk", value(t, r.Body, "RoleName"))
	assert.Equal(t, "/aws-service-role/elasticbeanstalk.amazonaws.com/", value(t, r.Body, "Path"))
	e.fail(400, CodeInvalidInput, "CreateServiceLinkedRole", "AWSServiceName", "elasticbeanstalk.amazonaws.com")
	r = e.ok("DeleteServiceLinkedRole", "RoleName", "AWSServiceRoleForElasticbeanstalk")
	task := value(t, r.Body, "DeletionTaskId")
	r = e.ok("GetServiceLinkedRoleDeletionStatus", "DeletionTaskId", task)
	assert.Equal(t, "SUCCEEDED", value(t, r.Body, "Status"))
	e.fail(404, CodeNoSuchEntity, "GetRole", "RoleName", "AWSServiceRoleForElasticbeanstalk")
}

func TestVirtualMFALongName(t *testing.T) {
	e := newEnv(t)
	r := e.ok("CreateVirtualMFADevice", "VirtualMFADeviceName", strings.Repeat("m", 226))
	assert.NotEmpty(t, value(t, r.Body, "QRCodePNG"))
}
