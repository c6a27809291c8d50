package server

import (
	"encoding/base32"
	"encoding/base64"
	"slices"
	"strings"
	"testing"

	"github.com/iamkit/iam/internal/server/testclient"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// walkStep is one call of TestEveryAction. Values may name variables as
// $name, filled from earlier answers (save) or by before.
type walkStep struct {
	action string
	kv     []string
	// want is an element the answer must hold ("" for actions without a
	// result).
	want string
	// save maps a variable to the element whose text it takes.
	save map[string]string
	// before runs first, to compute variables.
	before func(vars map[string]string)
	// asUser signs with the key saved as $ak/$sk instead of root.
	asUser bool
}

func trustDoc(svc string) string {
	return `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"` + svc + `"},"Action":"sts:AssumeRole"}]}`
}

func sshBody() string {
	blob := append([]byte{0, 0, 0, 11}, "ssh-ed25519"...)
	blob = append(blob, 0, 0, 0, 32)
	blob = append(blob, make([]byte, 32)...)
	return "ssh-ed25519 " + base64.StdEncoding.EncodeToString(blob) + " walker@host"
}

// TestEveryAction walks the whole surface once, from an empty account
// back to an empty account, and checks that it called every registered
// action: a new action without a test fails here.
func TestEveryAction(t *testing.T) {
	e := newEnv(t)
	cert, key := selfSigned(t)
	meta := `<EntityDescriptor xmlns="urn:oasis:names:tc:SAML:2.0:metadata" entityID="x">` + strings.Repeat("<!-- pad -->", 90) + `</EntityDescriptor>`
	tp := strings.Repeat("0f", 20)
	doc := allowAll
	conditional := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iam:Get*","Resource":"*","Condition":{"Bool":{"aws:SecureTransport":"true"}}}]}`
	totpCodes := func(vars map[string]string) {
		b32, _ := base64.StdEncoding.DecodeString(vars["seed"])
		seed, _ := base32.StdEncoding.WithPadding(base32.NoPadding).DecodeString(string(b32))
		step := e.clock.now().Unix() / 30
		vars["code1"], vars["code2"] = totp(seed, step-1), totp(seed, step)
	}
	steps := []walkStep{
		{action: "CreateUser", kv: []string{"UserName", "walker", "Path", "/w/"}, want: "User", save: map[string]string{"uarn": "Arn"}},
		{action: "GetUser", kv: []string{"UserName", "walker"}, want: "UserId"},
		{action: "ListUsers", kv: []string{"PathPrefix", "/w/"}, want: "Users"},
		{action: "UpdateUser", kv: []string{"UserName", "walker", "NewPath", "/w/"}},
		{action: "TagUser", kv: []string{"UserName", "walker", "Tags.member.1.Key", "a", "Tags.member.1.Value", "b"}},
		{action: "ListUserTags", kv: []string{"UserName", "walker"}, want: "Tags"},
		{action: "UntagUser", kv: []string{"UserName", "walker", "TagKeys.member.1", "a"}},
		{action: "CreateGroup", kv: []string{"GroupName", "g"}, want: "Group"},
		{action: "GetGroup", kv: []string{"GroupName", "g"}, want: "Group"},
		{action: "ListGroups", want: "Groups"},
		{action: "UpdateGroup", kv: []string{"GroupName", "g", "NewPath", "/g/"}},
		{action: "AddUserToGroup", kv: []string{"GroupName", "g", "UserName", "walker"}},
		{action: "ListGroupsForUser", kv: []string{"UserName", "walker"}, want: "Groups"},
		{action: "PutUserPolicy", kv: []string{"UserName", "walker", "PolicyName", "up", "PolicyDocument", doc}},
		{action: "GetUserPolicy", kv: []string{"UserName", "walker", "PolicyName", "up"}, want: "PolicyDocument"},
		{action: "ListUserPolicies", kv: []string{"UserName", "walker"}, want: "PolicyNames"},
		{action: "PutGroupPolicy", kv: []string{"GroupName", "g", "PolicyName", "gp", "PolicyDocument", doc}},
		{action: "GetGroupPolicy", kv: []string{"GroupName", "g", "PolicyName", "gp"}, want: "PolicyDocument"},
		{action: "ListGroupPolicies", kv: []string{"GroupName", "g"}, want: "PolicyNames"},
		{action: "CreateAccessKey", kv: []string{"UserName", "walker"}, want: "AccessKey", save: map[string]string{"ak": "AccessKeyId", "sk": "SecretAccessKey"}},
		{action: "ListAccessKeys", kv: []string{"UserName", "walker"}, want: "AccessKeyMetadata"},
		{action: "UpdateAccessKey", kv: []string{"UserName", "walker", "AccessKeyId", "$ak", "Status", "Active"}},
		{action: "GetAccessKeyLastUsed", kv: []string{"AccessKeyId", "$ak"}, want: "AccessKeyLastUsed"},
		{action: "CreateLoginProfile", kv: []string{"UserName", "walker", "Password", "Walk-er-1"}, want: "LoginProfile"},
		{action: "GetLoginProfile", kv: []string{"UserName", "walker"}, want: "LoginProfile"},
		{action: "UpdateLoginProfile", kv: []string{"UserName", "walker", "PasswordResetRequired", "false"}},
		{action: "ChangePassword", kv: []string{"OldPassword", "Walk-er-1", "NewPassword", "Walk-er-2"}, asUser: true},
		{action: "CreatePolicy", kv: []string{"PolicyName", "mp", "PolicyDocument", doc}, want: "Policy", save: map[string]string{"parn": "Arn"}},
		{action: "GetPolicy", kv: []string{"PolicyArn", "$parn"}, want: "Policy"},
		{action: "ListPolicies", kv: []string{"Scope", "Local"}, want: "Policies"},
		{action: "CreatePolicyVersion", kv: []string{"PolicyArn", "$parn", "PolicyDocument", conditional}, want: "PolicyVersion"},
		{action: "ListPolicyVersions", kv: []string{"PolicyArn", "$parn"}, want: "Versions"},
		{action: "GetPolicyVersion", kv: []string{"PolicyArn", "$parn", "VersionId", "v2"}, want: "Document"},
		{action: "SetDefaultPolicyVersion", kv: []string{"PolicyArn", "$parn", "VersionId", "v2"}},
		{action: "DeletePolicyVersion", kv: []string{"PolicyArn", "$parn", "VersionId", "v1"}},
		{action: "TagPolicy", kv: []string{"PolicyArn", "$parn", "Tags.member.1.Key", "a", "Tags.member.1.Value", "b"}},
		{action: "ListPolicyTags", kv: []string{"PolicyArn", "$parn"}, want: "Tags"},
		{action: "UntagPolicy", kv: []string{"PolicyArn", "$parn", "TagKeys.member.1", "a"}},
		{action: "AttachGroupPolicy", kv: []string{"GroupName", "g", "PolicyArn", "$parn"}},
		{action: "ListAttachedGroupPolicies", kv: []string{"GroupName", "g"}, want: "AttachedPolicies"},
		{action: "ListEntitiesForPolicy", kv: []string{"PolicyArn", "$parn"}, want: "PolicyGroups"},
		{action: "DetachGroupPolicy", kv: []string{"GroupName", "g", "PolicyArn", "$parn"}},
		{action: "AttachUserPolicy", kv: []string{"UserName", "walker", "PolicyArn", "$parn"}},
		{action: "ListAttachedUserPolicies", kv: []string{"UserName", "walker"}, want: "AttachedPolicies"},
		{action: "DetachUserPolicy", kv: []string{"UserName", "walker", "PolicyArn", "$parn"}},
		{action: "PutUserPermissionsBoundary", kv: []string{"UserName", "walker", "PermissionsBoundary", "$parn"}},
		{action: "DeleteUserPermissionsBoundary", kv: []string{"UserName", "walker"}},
		{action: "CreateRole", kv: []string{"RoleName", "r", "AssumeRolePolicyDocument", trustDoc("ec2.amazonaws.com")}, want: "Role", save: map[string]string{"rarn": "Arn"}},
		{action: "GetRole", kv: []string{"RoleName", "r"}, want: "Role"},
		{action: "ListRoles", want: "Roles"},
		{action: "UpdateRole", kv: []string{"RoleName", "r", "MaxSessionDuration", "7200"}},
		{action: "UpdateRoleDescription", kv: []string{"RoleName", "r", "Description", "walk"}, want: "Role"},
		{action: "UpdateAssumeRolePolicy", kv: []string{"RoleName", "r", "PolicyDocument", trustDoc("lambda.amazonaws.com")}},
		{action: "TagRole", kv: []string{"RoleName", "r", "Tags.member.1.Key", "a", "Tags.member.1.Value", "b"}},
		{action: "ListRoleTags", kv: []string{"RoleName", "r"}, want: "Tags"},
		{action: "UntagRole", kv: []string{"RoleName", "r", "TagKeys.member.1", "a"}},
		{action: "PutRolePolicy", kv: []string{"RoleName", "r", "PolicyName", "rp", "PolicyDocument", doc}},
		{action: "GetRolePolicy", kv: []string{"RoleName", "r", "PolicyName", "rp"}, want: "PolicyDocument"},
		{action: "ListRolePolicies", kv: []string{"RoleName", "r"}, want: "PolicyNames"},
		{action: "DeleteRolePolicy", kv: []string{"RoleName", "r", "PolicyName", "rp"}},
		{action: "AttachRolePolicy", kv: []string{"RoleName", "r", "PolicyArn", "$parn"}},
		{action: "ListAttachedRolePolicies", kv: []string{"RoleName", "r"}, want: "AttachedPolicies"},
		{action: "DetachRolePolicy", kv: []string{"RoleName", "r", "PolicyArn", "$parn"}},
		{action: "PutRolePermissionsBoundary", kv: []string{"RoleName", "r", "PermissionsBoundary", "$parn"}},
		{action: "DeleteRolePermissionsBoundary", kv: []string{"RoleName", "r"}},
		{action: "CreateInstanceProfile", kv: []string{"InstanceProfileName", "ip"}, want: "InstanceProfile"},
		{action: "GetInstanceProfile", kv: []string{"InstanceProfileName", "ip"}, want: "InstanceProfile"},
		{action: "ListInstanceProfiles", want: "InstanceProfiles"},
		{action: "AddRoleToInstanceProfile", kv: []string{"InstanceProfileName", "ip", "RoleName", "r"}},
		{action: "ListInstanceProfilesForRole", kv: []string{"RoleName", "r"}, want: "InstanceProfileName"},
		{action: "TagInstanceProfile", kv: []string{"InstanceProfileName", "ip", "Tags.member.1.Key", "a", "Tags.member.1.Value", "b"}},
		{action: "ListInstanceProfileTags", kv: []string{"InstanceProfileName", "ip"}, want: "Tags"},
		{action: "UntagInstanceProfile", kv: []string{"InstanceProfileName", "ip", "TagKeys.member.1", "a"}},
		{action: "RemoveRoleFromInstanceProfile", kv: []string{"InstanceProfileName", "ip", "RoleName", "r"}},
		{action: "DeleteInstanceProfile", kv: []string{"InstanceProfileName", "ip"}},
		{action: "SimulatePrincipalPolicy", kv: []string{"PolicySourceArn", "$uarn", "ActionNames.member.1", "iam:GetUser"}, want: "EvalDecision"},
		{action: "SimulateCustomPolicy", kv: []string{"PolicyInputList.member.1", doc, "ActionNames.member.1", "s3:GetObject"}, want: "EvalDecision"},
		{action: "GetContextKeysForCustomPolicy", kv: []string{"PolicyInputList.member.1", conditional}, want: "ContextKeyNames"},
		{action: "GetContextKeysForPrincipalPolicy", kv: []string{"PolicySourceArn", "$rarn"}, want: "ContextKeyNames"},
		{action: "DeleteRole", kv: []string{"RoleName", "r"}},
		{action: "CreateServiceLinkedRole", kv: []string{"AWSServiceName", "autoscaling.amazonaws.com"}, want: "Role", save: map[string]string{"slr": "RoleName"}},
		{action: "DeleteServiceLinkedRole", kv: []string{"RoleName", "$slr"}, want: "DeletionTaskId", save: map[string]string{"task": "DeletionTaskId"}},
		{action: "GetServiceLinkedRoleDeletionStatus", kv: []string{"DeletionTaskId", "$task"}, want: "Status"},
		{action: "CreateVirtualMFADevice", kv: []string{"VirtualMFADeviceName", "walkmfa"}, want: "QRCodePNG", save: map[string]string{"serial": "SerialNumber", "seed": "Base32StringSeed"}},
		{action: "EnableMFADevice", kv: []string{"UserName", "walker", "SerialNumber", "$serial", "AuthenticationCode1", "$code1", "AuthenticationCode2", "$code2"}, before: totpCodes},
		{action: "ListMFADevices", kv: []string{"UserName", "walker"}, want: "MFADevices"},
		{action: "GetMFADevice", kv: []string{"UserName", "walker", "SerialNumber", "$serial"}, want: "EnableDate"},
		{action: "ListVirtualMFADevices", want: "VirtualMFADevices"},
		{action: "ResyncMFADevice", kv: []string{"UserName", "walker", "SerialNumber", "$serial", "AuthenticationCode1", "$code1", "AuthenticationCode2", "$code2"}, before: totpCodes},
		{action: "TagMFADevice", kv: []string{"SerialNumber", "$serial", "Tags.member.1.Key", "a", "Tags.member.1.Value", "b"}},
		{action: "ListMFADeviceTags", kv: []string{"SerialNumber", "$serial"}, want: "Tags"},
		{action: "UntagMFADevice", kv: []string{"SerialNumber", "$serial", "TagKeys.member.1", "a"}},
		{action: "DeactivateMFADevice", kv: []string{"UserName", "walker", "SerialNumber", "$serial"}},
		{action: "DeleteVirtualMFADevice", kv: []string{"SerialNumber", "$serial"}},
		{action: "UploadSigningCertificate", kv: []string{"UserName", "walker", "CertificateBody", cert}, want: "Certificate", save: map[string]string{"certid": "CertificateId"}},
		{action: "ListSigningCertificates", kv: []string{"UserName", "walker"}, want: "Certificates"},
		{action: "UpdateSigningCertificate", kv: []string{"UserName", "walker", "CertificateId", "$certid", "Status", "Inactive"}},
		{action: "DeleteSigningCertificate", kv: []string{"UserName", "walker", "CertificateId", "$certid"}},
		{action: "UploadServerCertificate", kv: []string{"ServerCertificateName", "sc", "CertificateBody", cert, "PrivateKey", key}, want: "ServerCertificateMetadata"},
		{action: "GetServerCertificate", kv: []string{"ServerCertificateName", "sc"}, want: "ServerCertificate"},
		{action: "ListServerCertificates", want: "ServerCertificateMetadataList"},
		{action: "UpdateServerCertificate", kv: []string{"ServerCertificateName", "sc", "NewPath", "/tls/"}},
		{action: "TagServerCertificate", kv: []string{"ServerCertificateName", "sc", "Tags.member.1.Key", "a", "Tags.member.1.Value", "b"}},
		{action: "ListServerCertificateTags", kv: []string{"ServerCertificateName", "sc"}, want: "Tags"},
		{action: "UntagServerCertificate", kv: []string{"ServerCertificateName", "sc", "TagKeys.member.1", "a"}},
		{action: "DeleteServerCertificate", kv: []string{"ServerCertificateName", "sc"}},
		{action: "UploadSSHPublicKey", kv: []string{"UserName", "walker", "SSHPublicKeyBody", sshBody()}, want: "SSHPublicKey", save: map[string]string{"sshid": "SSHPublicKeyId"}},
		{action: "GetSSHPublicKey", kv: []string{"UserName", "walker", "SSHPublicKeyId", "$sshid", "Encoding", "SSH"}, want: "Fingerprint"},
		{action: "ListSSHPublicKeys", kv: []string{"UserName", "walker"}, want: "SSHPublicKeys"},
		{action: "UpdateSSHPublicKey", kv: []string{"UserName", "walker", "SSHPublicKeyId", "$sshid", "Status", "Inactive"}},
		{action: "DeleteSSHPublicKey", kv: []string{"UserName", "walker", "SSHPublicKeyId", "$sshid"}},
		{action: "CreateServiceSpecificCredential", kv: []string{"UserName", "walker", "ServiceName", "codecommit.amazonaws.com"}, want: "ServicePassword", save: map[string]string{"scid": "ServiceSpecificCredentialId"}},
		{action: "ListServiceSpecificCredentials", kv: []string{"UserName", "walker"}, want: "ServiceSpecificCredentials"},
		{action: "UpdateServiceSpecificCredential", kv: []string{"UserName", "walker", "ServiceSpecificCredentialId", "$scid", "Status", "Inactive"}},
		{action: "ResetServiceSpecificCredential", kv: []string{"UserName", "walker", "ServiceSpecificCredentialId", "$scid"}, want: "ServicePassword"},
		{action: "DeleteServiceSpecificCredential", kv: []string{"UserName", "walker", "ServiceSpecificCredentialId", "$scid"}},
		{action: "CreateAccountAlias", kv: []string{"AccountAlias", "walk-corp"}},
		{action: "ListAccountAliases", want: "AccountAliases"},
		{action: "DeleteAccountAlias", kv: []string{"AccountAlias", "walk-corp"}},
		{action: "UpdateAccountPasswordPolicy", kv: []string{"MinimumPasswordLength", "8"}},
		{action: "GetAccountPasswordPolicy", want: "PasswordPolicy"},
		{action: "DeleteAccountPasswordPolicy"},
		{action: "GetAccountSummary", want: "SummaryMap"},
		{action: "GetAccountAuthorizationDetails", want: "UserDetailList"},
		{action: "GenerateCredentialReport", want: "State"},
		{action: "GetCredentialReport", want: "Content"},
		{action: "CreateOpenIDConnectProvider", kv: []string{"Url", "https://oidc.example.com", "ThumbprintList.member.1", tp}, want: "OpenIDConnectProviderArn", save: map[string]string{"oarn": "OpenIDConnectProviderArn"}},
		{action: "GetOpenIDConnectProvider", kv: []string{"OpenIDConnectProviderArn", "$oarn"}, want: "Url"},
		{action: "ListOpenIDConnectProviders", want: "OpenIDConnectProviderList"},
		{action: "AddClientIDToOpenIDConnectProvider", kv: []string{"OpenIDConnectProviderArn", "$oarn", "ClientID", "app"}},
		{action: "RemoveClientIDFromOpenIDConnectProvider", kv: []string{"OpenIDConnectProviderArn", "$oarn", "ClientID", "app"}},
		{action: "UpdateOpenIDConnectProviderThumbprint", kv: []string{"OpenIDConnectProviderArn", "$oarn", "ThumbprintList.member.1", tp}},
		{action: "TagOpenIDConnectProvider", kv: []string{"OpenIDConnectProviderArn", "$oarn", "Tags.member.1.Key", "a", "Tags.member.1.Value", "b"}},
		{action: "ListOpenIDConnectProviderTags", kv: []string{"OpenIDConnectProviderArn", "$oarn"}, want: "Tags"},
		{action: "UntagOpenIDConnectProvider", kv: []string{"OpenIDConnectProviderArn", "$oarn", "TagKeys.member.1", "a"}},
		{action: "DeleteOpenIDConnectProvider", kv: []string{"OpenIDConnectProviderArn", "$oarn"}},
		{action: "CreateSAMLProvider", kv: []string{"Name", "idp", "SAMLMetadataDocument", meta}, want: "SAMLProviderArn", save: map[string]string{"sarn": "SAMLProviderArn"}},
		{action: "GetSAMLProvider", kv: []string{"SAMLProviderArn", "$sarn"}, want: "SAMLMetadataDocument"},
		{action: "ListSAMLProviders", want: "SAMLProviderList"},
		{action: "UpdateSAMLProvider", kv: []string{"SAMLProviderArn", "$sarn", "SAMLMetadataDocument", meta}, want: "SAMLProviderArn"},
		{action: "DeleteSAMLProvider", kv: []string{"SAMLProviderArn", "$sarn"}},
		{action: "DeleteLoginProfile", kv: []string{"UserName", "walker"}},
		{action: "DeleteAccessKey", kv: []string{"UserName", "walker", "AccessKeyId", "$ak"}},
		{action: "RemoveUserFromGroup", kv: []string{"GroupName", "g", "UserName", "walker"}},
		{action: "DeleteUserPolicy", kv: []string{"UserName", "walker", "PolicyName", "up"}},
		{action: "DeleteGroupPolicy", kv: []string{"GroupName", "g", "PolicyName", "gp"}},
		{action: "DeleteGroup", kv: []string{"GroupName", "g"}},
		{action: "DeletePolicy", kv: []string{"PolicyArn", "$parn"}},
		{action: "DeleteUser", kv: []string{"UserName", "walker"}},
	}

	vars := map[string]string{}
	called := map[string]bool{}
	for i, st := range steps {
		if st.before != nil {
			st.before(vars)
		}
		kv := make([]string, len(st.kv))
		for j, v := range st.kv {
			if strings.HasPrefix(v, "$") {
				got, ok := vars[v[1:]]
				require.True(t, ok, "step %d %s: variable %s unset", i, st.action, v)
				v = got
			}
			kv[j] = v
		}
		var c *testclient.Client = e.root
		if st.asUser {
			c = e.client(vars["ak"], vars["sk"])
		}
		r := mustDo(t, c, st.action, kv...)
		require.Equal(t, 200, r.Status, "step %d %s: %s", i, st.action, r.Body)
		assert.Contains(t, string(r.Body), "<"+st.action+"Response ", st.action)
		if st.want != "" {
			assert.Contains(t, string(r.Body), "<"+st.want+">", "step %d %s", i, st.action)
		} else {
			assert.NotContains(t, string(r.Body), st.action+"Result", "step %d %s", i, st.action)
		}
		for name, elem := range st.save {
			vars[name] = values(t, r.Body, elem)[0]
		}
		called[st.action] = true
	}
	var missing []string
	for _, a := range Actions() {
		if !called[a] {
			missing = append(missing, a)
		}
	}
	assert.Empty(t, missing, "actions not walked")

	r := e.ok("GetAccountSummary")
	for _, k := range []string{"Users", "Groups", "Roles", "Policies", "InstanceProfiles", "ServerCertificates", "MFADevices", "Providers"} {
		assert.Contains(t, string(r.Body), "<key>"+k+"</key><value>0</value>", "%s left behind", k)
	}
	assert.Equal(t, len(Actions()), len(called), "steps: %d", len(steps))
	assert.True(t, slices.IsSorted(Actions()))
}
