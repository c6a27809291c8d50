package iam

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// fakeIAM holds one user, group or role with its dependents, answers the
// calls the cascades make, and refuses (DeleteConflict) to delete the
// entity while any dependent is left: a cascade only succeeds if every
// step before the final delete ran.
type fakeIAM struct {
	mu      sync.Mutex
	t       *testing.T
	exists  bool
	deps    map[string][]string // kind -> IDs, kinds named after the list action
	actions []string            // every action received, in order
	// faults answers an error code to an action (optionally only for one
	// target); missing answers NoSuchEntity to a delete of that target
	// while deleting it anyway, as if another client got there first.
	faults  map[string]string
	missing map[string]bool
}

func newFakeIAM(t *testing.T, deps map[string][]string) (*fakeIAM, *Client) {
	f := &fakeIAM{t: t, exists: true, deps: deps, faults: map[string]string{}, missing: map[string]bool{}}
	c := newTestClient(t, f.serve, WithRetryPolicy(RetryPolicy{MaxAttempts: 1}))
	return f, c
}

// deleteOf maps each delete action to the dependent kind it removes and
// the form field naming the target.
var deleteOf = map[string][2]string{
	"DeleteLoginProfile":              {"LoginProfile", "UserName"},
	"DeleteAccessKey":                 {"ListAccessKeys", "AccessKeyId"},
	"DeleteSigningCertificate":        {"ListSigningCertificates", "CertificateId"},
	"DeleteSSHPublicKey":              {"ListSSHPublicKeys", "SSHPublicKeyId"},
	"DeleteServiceSpecificCredential": {"ListServiceSpecificCredentials", "ServiceSpecificCredentialId"},
	"DeactivateMFADevice":             {"ListMFADevices", "SerialNumber"},
	"DeleteVirtualMFADevice":          {"VirtualMFADevices", "SerialNumber"},
	"DeleteUserPolicy":                {"ListUserPolicies", "PolicyName"},
	"DetachUserPolicy":                {"ListAttachedUserPolicies", "PolicyArn"},
	"RemoveUserFromGroup":             {"ListGroupsForUser", "GroupName"},
	"DeleteGroupPolicy":               {"ListGroupPolicies", "PolicyName"},
	"DetachGroupPolicy":               {"ListAttachedGroupPolicies", "PolicyArn"},
	"RemoveRoleFromInstanceProfile":   {"ListInstanceProfilesForRole", "InstanceProfileName"},
	"DeleteRolePolicy":                {"ListRolePolicies", "PolicyName"},
	"DetachRolePolicy":                {"ListAttachedRolePolicies", "PolicyArn"},
}

// members renders the list members of one listing.
var members = map[string]struct {
	list string
	item func(id string) string
}{
	"ListAccessKeys": {"AccessKeyMetadata", func(id string) string {
		return "<UserName>Bob</UserName><AccessKeyId>" + id + "</AccessKeyId><Status>Active</Status><CreateDate>2024-01-02T03:04:05Z</CreateDate>"
	}},
	"ListSigningCertificates":        {"Certificates", func(id string) string { return "<UserName>Bob</UserName><CertificateId>" + id + "</CertificateId>" }},
	"ListSSHPublicKeys":              {"SSHPublicKeys", func(id string) string { return "<UserName>Bob</UserName><SSHPublicKeyId>" + id + "</SSHPublicKeyId>" }},
	"ListServiceSpecificCredentials": {"ServiceSpecificCredentials", func(id string) string { return "<ServiceSpecificCredentialId>" + id + "</ServiceSpecificCredentialId>" }},
	"ListMFADevices": {"MFADevices", func(id string) string {
		return "<UserName>Bob</UserName><SerialNumber>" + id + "</SerialNumber><EnableDate>2024-01-02T03:04:05Z</EnableDate>"
	}},
	"ListUserPolicies":          {"PolicyNames", func(id string) string { return id }},
	"ListGroupPolicies":         {"PolicyNames", func(id string) string { return id }},
	"ListRolePolicies":          {"PolicyNames", func(id string) string { return id }},
	"ListAttachedUserPolicies":  {"AttachedPolicies", attachedMember},
	"ListAttachedGroupPolicies": {"AttachedPolicies", attachedMember},
	"ListAttachedRolePolicies":  {"AttachedPolicies", attachedMember},
	"ListGroupsForUser": {"Groups", func(id string) string {
		return "<GroupName>" + id + "</GroupName><GroupId>AGPA" + id + "</GroupId><Path>/</Path><Arn>arn:aws:iam::123456789012:group/" + id + "</Arn>"
	}},
	"GetGroup": {"Users", func(id string) string { return "<UserName>" + id + "</UserName><Path>/</Path>" }},
	"ListInstanceProfilesForRole": {"InstanceProfiles", func(id string) string {
		return "<InstanceProfileName>" + id + "</InstanceProfileName><Path>/</Path><Roles/>"
	}},
}

func attachedMember(arn string) string {
	return "<PolicyName>" + arn[strings.LastIndexByte(arn, '/')+1:] + "</PolicyName><PolicyArn>" + arn + "</PolicyArn>"
}

func (f *fakeIAM) serve(w http.ResponseWriter, r *http.Request) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if !assert.NoError(f.t, r.ParseForm()) {
		return
	}
	action := r.PostForm.Get("Action")
	f.actions = append(f.actions, action)
	failWith := func(status int, code, msg string) {
		xmlReply(w, status, `<ErrorResponse><Error><Type>Sender</Type><Code>`+code+`</Code><Message>`+msg+`</Message></Error><RequestId>r</RequestId></ErrorResponse>`)
	}
	fail := func(status int, code string) { failWith(status, code, action) }
	if code, ok := f.faults[action]; ok {
		fail(403, code)
		return
	}
	if !f.exists {
		fail(404, CodeNoSuchEntity)
		return
	}
	if m, ok := members[action]; ok {
		var b strings.Builder
		fmt.Fprintf(&b, "<%sResponse><%sResult>", action, action)
		if action == "GetGroup" {
			b.WriteString("<Group><GroupName>Ops</GroupName></Group>")
		}
		fmt.Fprintf(&b, "<%s>", m.list)
		for _, id := range f.deps[action] {
			b.WriteString("<member>" + m.item(id) + "</member>")
		}
		fmt.Fprintf(&b, "</%s><IsTruncated>false</IsTruncated></%sResult></%sResponse>", m.list, action, action)
		xmlReply(w, 200, b.String())
		return
	}
	d, ok := deleteOf[action]
	if _, group := f.deps["GetGroup"]; group && action == "RemoveUserFromGroup" {
		// DeleteGroupCascade removes the group's members, by UserName.
		d = [2]string{"GetGroup", "UserName"}
	}
	if ok {
		target := r.PostForm.Get(d[1])
		if d[0] == "LoginProfile" {
			target = "profile"
		}
		before := len(f.deps[d[0]])
		f.deps[d[0]] = slices.DeleteFunc(f.deps[d[0]], func(id string) bool { return id == target })
		if before == len(f.deps[d[0]]) || f.missing[target] {
			fail(404, CodeNoSuchEntity)
			return
		}
		xmlReply(w, 200, emptyResult(action))
		return
	}
	switch action {
	case "DeleteUser", "DeleteGroup", "DeleteRole":
		for kind, ids := range f.deps {
			if len(ids) > 0 {
				failWith(409, CodeDeleteConflict, "Cannot delete entity, must remove "+kind+" first.")
				return
			}
		}
		f.exists = false
		xmlReply(w, 200, emptyResult(action))
		return
	}
	f.t.Errorf("unexpected action %s", action)
	fail(400, "InvalidAction")
}

// deletes returns the actions received that change something, in order.
func (f *fakeIAM) deletes() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []string
	for _, a := range f.actions {
		if !strings.HasPrefix(a, "List") && a != "GetGroup" {
			out = append(out, a)
		}
	}
	return out
}

const virtualMFA = "arn:aws:iam::123456789012:mfa/Bob"

func bobDeps() map[string][]string {
	return map[string][]string{
		"LoginProfile":                   {"profile"},
		"ListAccessKeys":                 {"AKIAIOSFODNN7EXAMPLE", "AKIAI44QH8DHBEXAMPLE"},
		"ListSigningCertificates":        {"TA7SMP42TDN5Z26OBPJE7EXAMPLE"},
		"ListSSHPublicKeys":              {"APKAEIBAERJR2EXAMPLE"},
		"ListServiceSpecificCredentials": {"ACCA12345ABCDEXAMPLE"},
		"ListMFADevices":                 {virtualMFA, "GAHT12345678"},
		"VirtualMFADevices":              {virtualMFA},
		"ListUserPolicies":               {"AllAccess", "S3Read"},
		"ListAttachedUserPolicies":       {readOnlyARN},
		"ListGroupsForUser":              {"Admins", "Dev"},
	}
}

func TestDeleteUserCascadeOrder(t *testing.T) {
	f, c := newFakeIAM(t, bobDeps())
	require.NoError(t, c.DeleteUserCascade(context.Background(), "Bob"))
	assert.Equal(t, []string{
		"DeleteLoginProfile",
		"DeleteAccessKey", "DeleteAccessKey",
		"DeleteSigningCertificate",
		"DeleteSSHPublicKey",
		"DeleteServiceSpecificCredential",
		"DeactivateMFADevice", "DeleteVirtualMFADevice", "DeactivateMFADevice",
		"DeleteUserPolicy", "DeleteUserPolicy",
		"DetachUserPolicy",
		"RemoveUserFromGroup", "RemoveUserFromGroup",
		"DeleteUser",
	}, f.deletes(), "IAM's documented order; the hardware MFA device is only deactivated")
	assert.False(t, f.exists)
}

func TestDeleteUserCascadeSkipsNoSuchEntity(t *testing.T) {
	deps := bobDeps()
	deps["LoginProfile"] = nil // no console password: DeleteLoginProfile answers NoSuchEntity
	f, c := newFakeIAM(t, deps)
	f.missing["AKIAIOSFODNN7EXAMPLE"] = true // deleted by someone else meanwhile
	f.faults["ListSSHPublicKeys"] = CodeNoSuchEntity
	f.deps["ListSSHPublicKeys"] = nil
	require.NoError(t, c.DeleteUserCascade(context.Background(), "Bob"))
	assert.False(t, f.exists)
}

func TestDeleteUserCascadeFailureNamesStepAndReRunFinishes(t *testing.T) {
	f, c := newFakeIAM(t, bobDeps())
	f.faults["DetachUserPolicy"] = CodeAccessDenied
	err := c.DeleteUserCascade(context.Background(), "Bob")
	require.Error(t, err)
	var ce *CascadeError
	require.ErrorAs(t, err, &ce)
	assert.Equal(t, "DetachUserPolicy", ce.Step)
	assert.Equal(t, readOnlyARN, ce.Target)
	assert.ErrorIs(t, err, ErrAccessDenied)
	var oe *OperationError
	require.ErrorAs(t, err, &oe)
	assert.Equal(t, "DeleteUserCascade", oe.Action)
	assert.Contains(t, err.Error(), "step DetachUserPolicy ("+readOnlyARN+")")
	assert.True(t, f.exists)
	assert.Empty(t, f.deps["ListAccessKeys"], "the steps before the failure ran")
	assert.Len(t, f.deps["ListGroupsForUser"], 2, "the steps after it did not")

	delete(f.faults, "DetachUserPolicy")
	f.actions = nil
	require.NoError(t, c.DeleteUserCascade(context.Background(), "Bob"))
	assert.Equal(t, []string{"DeleteLoginProfile", "DetachUserPolicy", "RemoveUserFromGroup", "RemoveUserFromGroup", "DeleteUser"}, f.deletes(),
		"the re-run skips what is gone (the login profile answers NoSuchEntity)")
}

func TestDeleteUserCascadeConflictIsReported(t *testing.T) {
	// A dependent the cascade does not know about (here: one the listing
	// hides) keeps DeleteUser failing with DeleteConflict.
	f, c := newFakeIAM(t, map[string][]string{"Unlisted": {"x"}})
	err := c.DeleteUserCascade(context.Background(), "Bob")
	var ce *CascadeError
	require.ErrorAs(t, err, &ce)
	assert.Equal(t, "DeleteUser", ce.Step)
	assert.ErrorIs(t, err, ErrDeleteConflict)
	assert.True(t, f.exists)
}

func TestDeleteUserCascadeOnMissingUser(t *testing.T) {
	f, c := newFakeIAM(t, map[string][]string{})
	f.exists = false
	err := c.DeleteUserCascade(context.Background(), "Bob")
	require.Error(t, err)
	assert.True(t, IsNotFound(err), "a user that does not exist is reported")
	var ce *CascadeError
	require.ErrorAs(t, err, &ce)
	assert.Equal(t, "DeleteUser", ce.Step)

	requireValidation(t, neverCalled(t).DeleteUserCascade(context.Background(), ""), "DeleteUserCascade", "UserName")
}

func TestDeleteGroupCascade(t *testing.T) {
	f, c := newFakeIAM(t, map[string][]string{
		"GetGroup":                  {"Alice", "Bob"},
		"ListGroupPolicies":         {"Inline"},
		"ListAttachedGroupPolicies": {readOnlyARN, "arn:aws:iam::aws:policy/ReadOnlyAccess"},
	})
	require.NoError(t, c.DeleteGroupCascade(context.Background(), "Ops"))
	assert.Equal(t, []string{
		"RemoveUserFromGroup", "RemoveUserFromGroup",
		"DeleteGroupPolicy",
		"DetachGroupPolicy", "DetachGroupPolicy",
		"DeleteGroup",
	}, f.deletes())
	assert.False(t, f.exists)
}

func TestDeleteRoleCascade(t *testing.T) {
	f, c := newFakeIAM(t, map[string][]string{
		"ListInstanceProfilesForRole": {"Webserver"},
		"ListRolePolicies":            {"Inline1", "Inline2"},
		"ListAttachedRolePolicies":    {readOnlyARN},
	})
	require.NoError(t, c.DeleteRoleCascade(context.Background(), "S3Access"))
	assert.Equal(t, []string{
		"RemoveRoleFromInstanceProfile",
		"DeleteRolePolicy", "DeleteRolePolicy",
		"DetachRolePolicy",
		"DeleteRole",
	}, f.deletes())

	t.Run("listing failure names the listing", func(t *testing.T) {
		f, c := newFakeIAM(t, map[string][]string{})
		f.faults["ListRolePolicies"] = CodeAccessDenied
		err := c.DeleteRoleCascade(context.Background(), "S3Access")
		var ce *CascadeError
		require.ErrorAs(t, err, &ce)
		assert.Equal(t, "ListRolePolicies", ce.Step)
		assert.True(t, errors.Is(err, ErrAccessDenied))
	})
}

func TestIsVirtualMFASerial(t *testing.T) {
	assert.True(t, isVirtualMFASerial("arn:aws:iam::123456789012:mfa/Bob"))
	assert.False(t, isVirtualMFASerial("GAHT12345678"))
	assert.False(t, isVirtualMFASerial("arn:aws:iam::123456789012:u2f/user/Bob/key-ABC"))
}
