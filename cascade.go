package iam

import (
	"context"
	"errors"
	"iter"
	"strings"
)

// IAM refuses to delete a user, group or role that still has anything
// attached (ErrDeleteConflict); the console removes the dependents first,
// the API leaves that to the caller. The cascades do it in the order IAM
// documents, so that each delete meets nothing that blocks it.
//
// Every listing is read in full before anything is deleted: deleting
// entries while paging through them would shift later pages and skip
// some. A step that answers NoSuchEntity (the thing, or the user itself,
// is already gone) is skipped, so a cascade interrupted halfway can simply
// be run again.

// CascadeError is the failure of one step of a cascading delete. It
// reaches the caller inside an *OperationError naming the cascade; find it
// with errors.As. It unwraps to the step's own error.
type CascadeError struct {
	// Step is the IAM action that failed, e.g. "DeleteAccessKey" or
	// "ListAttachedUserPolicies".
	Step string
	// Target is what the step acted on (a key ID, a policy ARN, a group
	// name, ...), empty for the listings and the final delete.
	Target string
	Err    error
}

// Error names the step, its target when it has one, and the cause.
func (e *CascadeError) Error() string {
	if e.Target != "" {
		return "step " + e.Step + " (" + e.Target + "): " + e.Err.Error()
	}
	return "step " + e.Step + ": " + e.Err.Error()
}

// Unwrap returns the step's own error, for errors.Is and errors.As.
func (e *CascadeError) Unwrap() error { return e.Err }

// cascade runs the steps of one cascading delete and remembers its name
// for errors.
type cascade struct {
	action string
}

// step runs one step; a NoSuchEntity answer counts as done.
func (k *cascade) step(step, target string, err error) error {
	if err == nil || errors.Is(err, ErrNoSuchEntity) {
		return nil
	}
	return &OperationError{Action: k.action, Err: &CascadeError{Step: step, Target: target, Err: err}}
}

// each collects every entry of a listing, then applies del to each one.
// A listing that answers NoSuchEntity has nothing to delete.
func each[T any](k *cascade, listStep string, seq iter.Seq2[T, error], delStep string, del func(T) (target string, err error)) error {
	var items []T
	for it, err := range seq {
		if err != nil {
			return k.step(listStep, "", err)
		}
		items = append(items, it)
	}
	for _, it := range items {
		target, err := del(it)
		if err := k.step(delStep, target, err); err != nil {
			return err
		}
	}
	return nil
}

// DeleteUserCascade deletes a user and everything that blocks its
// deletion, in the order IAM documents: login profile, access keys,
// signing certificates, SSH public keys, service-specific credentials, MFA
// devices (deactivated, then deleted when virtual), inline policies,
// attached managed policies and group memberships, then the user.
//
// A dependent already gone is skipped, so a re-run after a failure picks
// up where it stopped. A failure is an *OperationError wrapping a
// *CascadeError that names the step. If the user itself no longer exists,
// the final DeleteUser step's NoSuchEntity is returned (IsNotFound is
// true), so a mistyped name does not pass for a deletion.
func (c *Client) DeleteUserCascade(ctx context.Context, userName string) error {
	const action = "DeleteUserCascade"
	if err := checkUserName("UserName", userName); err != nil {
		return validationFailed(action, err)
	}
	k := &cascade{action: action}

	if err := k.step("DeleteLoginProfile", "", c.DeleteLoginProfile(ctx, userName)); err != nil {
		return err
	}
	if err := each(k, "ListAccessKeys", c.ListAccessKeysAll(ctx, userName, nil), "DeleteAccessKey", func(m AccessKeyMetadata) (string, error) {
		return m.AccessKeyID, c.DeleteAccessKey(ctx, userName, m.AccessKeyID)
	}); err != nil {
		return err
	}
	if err := each(k, "ListSigningCertificates", c.ListSigningCertificatesAll(ctx, userName, nil), "DeleteSigningCertificate", func(cert SigningCertificate) (string, error) {
		return cert.CertificateID, c.DeleteSigningCertificate(ctx, userName, cert.CertificateID)
	}); err != nil {
		return err
	}
	if err := each(k, "ListSSHPublicKeys", c.ListSSHPublicKeysAll(ctx, userName, nil), "DeleteSSHPublicKey", func(key SSHPublicKeyMetadata) (string, error) {
		return key.SSHPublicKeyID, c.DeleteSSHPublicKey(ctx, userName, key.SSHPublicKeyID)
	}); err != nil {
		return err
	}
	if err := each(k, "ListServiceSpecificCredentials", c.ListServiceSpecificCredentialsAll(ctx, userName, nil), "DeleteServiceSpecificCredential", func(cred ServiceSpecificCredentialMetadata) (string, error) {
		return cred.ServiceSpecificCredentialID, c.DeleteServiceSpecificCredential(ctx, userName, cred.ServiceSpecificCredentialID)
	}); err != nil {
		return err
	}
	var devices []MFADevice
	for d, err := range c.ListMFADevicesAll(ctx, userName, nil) {
		if err != nil {
			if err := k.step("ListMFADevices", "", err); err != nil {
				return err
			}
			break
		}
		devices = append(devices, d)
	}
	for _, d := range devices {
		if err := k.step("DeactivateMFADevice", d.SerialNumber, c.DeactivateMFADevice(ctx, userName, d.SerialNumber)); err != nil {
			return err
		}
		if isVirtualMFASerial(d.SerialNumber) {
			if err := k.step("DeleteVirtualMFADevice", d.SerialNumber, c.DeleteVirtualMFADevice(ctx, d.SerialNumber)); err != nil {
				return err
			}
		}
	}
	if err := each(k, "ListUserPolicies", c.ListUserPoliciesAll(ctx, userName, nil), "DeleteUserPolicy", func(name string) (string, error) {
		return name, c.DeleteUserPolicy(ctx, userName, name)
	}); err != nil {
		return err
	}
	if err := each(k, "ListAttachedUserPolicies", c.ListAttachedUserPoliciesAll(ctx, userName, nil), "DetachUserPolicy", func(p AttachedPolicy) (string, error) {
		return p.PolicyARN, c.DetachUserPolicy(ctx, userName, p.PolicyARN)
	}); err != nil {
		return err
	}
	if err := each(k, "ListGroupsForUser", c.ListGroupsForUserAll(ctx, userName, nil), "RemoveUserFromGroup", func(g Group) (string, error) {
		return g.GroupName, c.RemoveUserFromGroup(ctx, g.GroupName, userName)
	}); err != nil {
		return err
	}
	return k.final("DeleteUser", c.DeleteUser(ctx, userName))
}

// DeleteGroupCascade deletes a group after removing its members, its
// inline policies and its attached managed policies. Errors and re-runs
// behave as DeleteUserCascade's.
func (c *Client) DeleteGroupCascade(ctx context.Context, groupName string) error {
	const action = "DeleteGroupCascade"
	if err := checkGroupName("GroupName", groupName); err != nil {
		return validationFailed(action, err)
	}
	k := &cascade{action: action}
	if err := each(k, "GetGroup", c.GetGroupAll(ctx, groupName, nil), "RemoveUserFromGroup", func(u User) (string, error) {
		return u.UserName, c.RemoveUserFromGroup(ctx, groupName, u.UserName)
	}); err != nil {
		return err
	}
	if err := each(k, "ListGroupPolicies", c.ListGroupPoliciesAll(ctx, groupName, nil), "DeleteGroupPolicy", func(name string) (string, error) {
		return name, c.DeleteGroupPolicy(ctx, groupName, name)
	}); err != nil {
		return err
	}
	if err := each(k, "ListAttachedGroupPolicies", c.ListAttachedGroupPoliciesAll(ctx, groupName, nil), "DetachGroupPolicy", func(p AttachedPolicy) (string, error) {
		return p.PolicyARN, c.DetachGroupPolicy(ctx, groupName, p.PolicyARN)
	}); err != nil {
		return err
	}
	return k.final("DeleteGroup", c.DeleteGroup(ctx, groupName))
}

// DeleteRoleCascade deletes a role after taking it out of its instance
// profiles (the profiles themselves are kept) and removing its inline and
// attached managed policies. Errors and re-runs behave as
// DeleteUserCascade's.
func (c *Client) DeleteRoleCascade(ctx context.Context, roleName string) error {
	const action = "DeleteRoleCascade"
	if err := checkRoleName("RoleName", roleName); err != nil {
		return validationFailed(action, err)
	}
	k := &cascade{action: action}
	if err := each(k, "ListInstanceProfilesForRole", c.ListInstanceProfilesForRoleAll(ctx, roleName, nil), "RemoveRoleFromInstanceProfile", func(ip InstanceProfile) (string, error) {
		return ip.InstanceProfileName, c.RemoveRoleFromInstanceProfile(ctx, ip.InstanceProfileName, roleName)
	}); err != nil {
		return err
	}
	if err := each(k, "ListRolePolicies", c.ListRolePoliciesAll(ctx, roleName, nil), "DeleteRolePolicy", func(name string) (string, error) {
		return name, c.DeleteRolePolicy(ctx, roleName, name)
	}); err != nil {
		return err
	}
	if err := each(k, "ListAttachedRolePolicies", c.ListAttachedRolePoliciesAll(ctx, roleName, nil), "DetachRolePolicy", func(p AttachedPolicy) (string, error) {
		return p.PolicyARN, c.DetachRolePolicy(ctx, roleName, p.PolicyARN)
	}); err != nil {
		return err
	}
	return k.final("DeleteRole", c.DeleteRole(ctx, roleName))
}

// final runs the last delete. Unlike the other steps, NoSuchEntity is
// returned: the entity the caller named does not exist.
func (k *cascade) final(step string, err error) error {
	if err == nil {
		return nil
	}
	return &OperationError{Action: k.action, Err: &CascadeError{Step: step, Err: err}}
}

// isVirtualMFASerial tells a virtual MFA device, whose serial number is
// an ARN of the form arn:aws:iam::ACCOUNT:mfa/NAME, from a hardware token
// or security key, which must not be passed to DeleteVirtualMFADevice.
func isVirtualMFASerial(serial string) bool {
	return strings.HasPrefix(serial, "arn:") && strings.Contains(serial, ":mfa/")
}
