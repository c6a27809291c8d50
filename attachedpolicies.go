package iam

import (
	"context"
	"fmt"
	"iter"
)

// AttachedPolicy is a managed policy attached to a user, group or role.
type AttachedPolicy struct {
	PolicyName string
	PolicyARN  string

	source
}

// attachTarget is the entity kind a managed policy is attached to.
type attachTarget struct {
	entity string // "User", "Group" or "Role": the action infix
	check  func(field, name string) error
}

var (
	attachUser  = attachTarget{"User", checkUserName}
	attachGroup = attachTarget{"Group", checkGroupName}
	attachRole  = attachTarget{"Role", checkRoleName}
)

func (t attachTarget) nameParam() string { return t.entity + "Name" }

func (c *Client) attachmentAction(ctx context.Context, action string, t attachTarget, name, policyARN string) error {
	if err := checkAll(t.check(t.nameParam(), name), checkPolicyARN("PolicyArn", policyARN)); err != nil {
		return validationFailed(action, err)
	}
	_, err := c.Call(ctx, action, Params{t.nameParam(): name, "PolicyArn": policyARN})
	return err
}

// AttachUserPolicy attaches a managed policy to a user.
func (c *Client) AttachUserPolicy(ctx context.Context, userName, policyARN string) error {
	return c.attachmentAction(ctx, "AttachUserPolicy", attachUser, userName, policyARN)
}

// AttachGroupPolicy attaches a managed policy to a group.
func (c *Client) AttachGroupPolicy(ctx context.Context, groupName, policyARN string) error {
	return c.attachmentAction(ctx, "AttachGroupPolicy", attachGroup, groupName, policyARN)
}

// AttachRolePolicy attaches a managed policy to a role.
func (c *Client) AttachRolePolicy(ctx context.Context, roleName, policyARN string) error {
	return c.attachmentAction(ctx, "AttachRolePolicy", attachRole, roleName, policyARN)
}

// DetachUserPolicy detaches a managed policy from a user.
func (c *Client) DetachUserPolicy(ctx context.Context, userName, policyARN string) error {
	return c.attachmentAction(ctx, "DetachUserPolicy", attachUser, userName, policyARN)
}

// DetachGroupPolicy detaches a managed policy from a group.
func (c *Client) DetachGroupPolicy(ctx context.Context, groupName, policyARN string) error {
	return c.attachmentAction(ctx, "DetachGroupPolicy", attachGroup, groupName, policyARN)
}

// DetachRolePolicy detaches a managed policy from a role.
func (c *Client) DetachRolePolicy(ctx context.Context, roleName, policyARN string) error {
	return c.attachmentAction(ctx, "DetachRolePolicy", attachRole, roleName, policyARN)
}

// ListAttachedPoliciesOptions filter and page the ListAttached*Policies
// calls.
type ListAttachedPoliciesOptions struct {
	// PathPrefix keeps policies whose path begins with it.
	PathPrefix string
	PageOptions
}

// ListAttachedPoliciesOutput is one page of ListAttachedUserPolicies,
// ListAttachedGroupPolicies or ListAttachedRolePolicies.
type ListAttachedPoliciesOutput struct {
	AttachedPolicies []AttachedPolicy
	PageInfo
	source
}

func (c *Client) listAttached(ctx context.Context, t attachTarget, name string, opts *ListAttachedPoliciesOptions) (*ListAttachedPoliciesOutput, error) {
	action := "ListAttached" + t.entity + "Policies"
	o := orDefaults(opts)
	p := Params{}
	if err := checkAll(t.check(t.nameParam(), name), checkPathPrefix(o.PathPrefix), o.params(p)); err != nil {
		return nil, validationFailed(action, err)
	}
	p[t.nameParam()] = name
	setString(p, "PathPrefix", o.PathPrefix)
	pg, err := listPage(ctx, c, action, p, "AttachedPolicies", func(n Node, resp *Response) (AttachedPolicy, error) {
		return AttachedPolicy{
			PolicyName: n.Path("PolicyName").String(),
			PolicyARN:  n.Path("PolicyArn").String(),
			source:     source{node: n, resp: resp},
		}, nil
	})
	if err != nil {
		return nil, err
	}
	return &ListAttachedPoliciesOutput{AttachedPolicies: pg.entries, PageInfo: pg.PageInfo, source: pg.source}, nil
}

func (c *Client) listAttachedAll(ctx context.Context, t attachTarget, name string, opts *ListAttachedPoliciesOptions) iter.Seq2[AttachedPolicy, error] {
	return allPages(ctx, "ListAttached"+t.entity+"Policies", opts, pageOf(bind2(c.listAttached, t, name), func(o *ListAttachedPoliciesOutput) []AttachedPolicy { return o.AttachedPolicies }))
}

// ListAttachedUserPolicies returns one page of the managed policies
// attached to a user.
func (c *Client) ListAttachedUserPolicies(ctx context.Context, userName string, opts *ListAttachedPoliciesOptions) (*ListAttachedPoliciesOutput, error) {
	return c.listAttached(ctx, attachUser, userName, opts)
}

// ListAttachedUserPoliciesAll iterates over every managed policy attached
// to a user.
func (c *Client) ListAttachedUserPoliciesAll(ctx context.Context, userName string, opts *ListAttachedPoliciesOptions) iter.Seq2[AttachedPolicy, error] {
	return c.listAttachedAll(ctx, attachUser, userName, opts)
}

// ListAttachedGroupPolicies returns one page of the managed policies
// attached to a group.
func (c *Client) ListAttachedGroupPolicies(ctx context.Context, groupName string, opts *ListAttachedPoliciesOptions) (*ListAttachedPoliciesOutput, error) {
	return c.listAttached(ctx, attachGroup, groupName, opts)
}

// ListAttachedGroupPoliciesAll iterates over every managed policy
// attached to a group.
func (c *Client) ListAttachedGroupPoliciesAll(ctx context.Context, groupName string, opts *ListAttachedPoliciesOptions) iter.Seq2[AttachedPolicy, error] {
	return c.listAttachedAll(ctx, attachGroup, groupName, opts)
}

// ListAttachedRolePolicies returns one page of the managed policies
// attached to a role.
func (c *Client) ListAttachedRolePolicies(ctx context.Context, roleName string, opts *ListAttachedPoliciesOptions) (*ListAttachedPoliciesOutput, error) {
	return c.listAttached(ctx, attachRole, roleName, opts)
}

// ListAttachedRolePoliciesAll iterates over every managed policy attached
// to a role.
func (c *Client) ListAttachedRolePoliciesAll(ctx context.Context, roleName string, opts *ListAttachedPoliciesOptions) iter.Seq2[AttachedPolicy, error] {
	return c.listAttachedAll(ctx, attachRole, roleName, opts)
}

// Values of ListEntitiesForPolicyOptions.EntityFilter.
const (
	EntityUser               = "User"
	EntityRole               = "Role"
	EntityGroup              = "Group"
	EntityLocalManagedPolicy = "LocalManagedPolicy"
	EntityAWSManagedPolicy   = "AWSManagedPolicy"
)

// ListEntitiesForPolicyOptions filter and page ListEntitiesForPolicy.
type ListEntitiesForPolicyOptions struct {
	// EntityFilter keeps one kind of entity: EntityUser, EntityRole or
	// EntityGroup (IAM also accepts the two policy kinds).
	EntityFilter string
	// PathPrefix keeps entities whose path begins with it.
	PathPrefix string
	// PolicyUsageFilter keeps entities that use the policy as
	// PolicyUsagePermissionsPolicy or PolicyUsagePermissionsBoundary.
	PolicyUsageFilter string
	PageOptions
}

// PolicyEntity is a user, group or role a managed policy is attached to.
type PolicyEntity struct {
	// Type is EntityUser, EntityGroup or EntityRole.
	Type string
	// Name and ID are the entity's UserName/UserId, GroupName/GroupId or
	// RoleName/RoleId.
	Name string
	ID   string

	source
}

// ListEntitiesForPolicyOutput is one page of ListEntitiesForPolicy: the
// groups, users and roles of the page, each kind in its list.
type ListEntitiesForPolicyOutput struct {
	PolicyGroups []PolicyEntity
	PolicyUsers  []PolicyEntity
	PolicyRoles  []PolicyEntity
	PageInfo
	source
}

// Entities returns the page's groups, users and roles in one list, in
// that order.
func (o *ListEntitiesForPolicyOutput) Entities() []PolicyEntity {
	out := make([]PolicyEntity, 0, len(o.PolicyGroups)+len(o.PolicyUsers)+len(o.PolicyRoles))
	out = append(out, o.PolicyGroups...)
	out = append(out, o.PolicyUsers...)
	return append(out, o.PolicyRoles...)
}

// ListEntitiesForPolicy returns one page of the users, groups and roles a
// managed policy is attached to.
func (c *Client) ListEntitiesForPolicy(ctx context.Context, policyARN string, opts *ListEntitiesForPolicyOptions) (*ListEntitiesForPolicyOutput, error) {
	const action = "ListEntitiesForPolicy"
	o := orDefaults(opts)
	p := Params{}
	if err := checkAll(
		checkPolicyARN("PolicyArn", policyARN),
		checkOneOf("EntityFilter", o.EntityFilter, EntityUser, EntityRole, EntityGroup, EntityLocalManagedPolicy, EntityAWSManagedPolicy),
		checkPathPrefix(o.PathPrefix),
		checkOneOf("PolicyUsageFilter", o.PolicyUsageFilter, PolicyUsagePermissionsPolicy, PolicyUsagePermissionsBoundary),
		o.params(p),
	); err != nil {
		return nil, validationFailed(action, err)
	}
	p["PolicyArn"] = policyARN
	setString(p, "EntityFilter", o.EntityFilter)
	setString(p, "PathPrefix", o.PathPrefix)
	setString(p, "PolicyUsageFilter", o.PolicyUsageFilter)
	resp, result, err := c.callResult(ctx, action, p)
	if err != nil {
		return nil, err
	}
	out := &ListEntitiesForPolicyOutput{source: source{result, resp}}
	if out.PageInfo, err = readPageInfo(result); err != nil {
		return nil, decodeFailed(action, resp, err)
	}
	for _, k := range []struct {
		list, typ string
		dst       *[]PolicyEntity
	}{
		{"PolicyGroups", EntityGroup, &out.PolicyGroups},
		{"PolicyUsers", EntityUser, &out.PolicyUsers},
		{"PolicyRoles", EntityRole, &out.PolicyRoles},
	} {
		if *k.dst, err = readEntities(result, k.list, k.typ, resp); err != nil {
			return nil, decodeFailed(action, resp, err)
		}
	}
	return out, nil
}

// readEntities reads one entity list of ListEntitiesForPolicy. A missing
// list is empty rather than an error: with an EntityFilter, compatible
// servers leave out the kinds that were not asked for.
func readEntities(result Node, list, typ string, resp *Response) ([]PolicyEntity, error) {
	c := result.Path(list)
	if !c.Exists() {
		return []PolicyEntity{}, nil
	}
	if !c.IsList() {
		return nil, fmt.Errorf("iam: response element %s.%s is not a list", result.Name(), list)
	}
	members := c.Members()
	out := make([]PolicyEntity, len(members))
	for i, m := range members {
		out[i] = PolicyEntity{
			Type:   typ,
			Name:   m.Path(typ + "Name").String(),
			ID:     m.Path(typ + "Id").String(),
			source: source{node: m, resp: resp},
		}
	}
	return out, nil
}

// ListEntitiesForPolicyAll iterates over every user, group and role a
// managed policy is attached to (each page's groups, then users, then
// roles).
func (c *Client) ListEntitiesForPolicyAll(ctx context.Context, policyARN string, opts *ListEntitiesForPolicyOptions) iter.Seq2[PolicyEntity, error] {
	return allPages(ctx, "ListEntitiesForPolicy", opts, pageOf(bind(c.ListEntitiesForPolicy, policyARN), (*ListEntitiesForPolicyOutput).Entities))
}

// PutUserPermissionsBoundary sets the managed policy that bounds a user's
// permissions, replacing any other.
func (c *Client) PutUserPermissionsBoundary(ctx context.Context, userName, policyARN string) error {
	return c.putBoundary(ctx, attachUser, userName, policyARN)
}

// DeleteUserPermissionsBoundary removes a user's permissions boundary.
func (c *Client) DeleteUserPermissionsBoundary(ctx context.Context, userName string) error {
	return c.deleteBoundary(ctx, attachUser, userName)
}

// PutRolePermissionsBoundary sets the managed policy that bounds a role's
// permissions, replacing any other.
func (c *Client) PutRolePermissionsBoundary(ctx context.Context, roleName, policyARN string) error {
	return c.putBoundary(ctx, attachRole, roleName, policyARN)
}

// DeleteRolePermissionsBoundary removes a role's permissions boundary.
func (c *Client) DeleteRolePermissionsBoundary(ctx context.Context, roleName string) error {
	return c.deleteBoundary(ctx, attachRole, roleName)
}

func (c *Client) putBoundary(ctx context.Context, t attachTarget, name, policyARN string) error {
	action := "Put" + t.entity + "PermissionsBoundary"
	if err := checkAll(t.check(t.nameParam(), name), checkPolicyARN("PermissionsBoundary", policyARN)); err != nil {
		return validationFailed(action, err)
	}
	_, err := c.Call(ctx, action, Params{t.nameParam(): name, "PermissionsBoundary": policyARN})
	return err
}

func (c *Client) deleteBoundary(ctx context.Context, t attachTarget, name string) error {
	action := "Delete" + t.entity + "PermissionsBoundary"
	if err := t.check(t.nameParam(), name); err != nil {
		return validationFailed(action, err)
	}
	_, err := c.Call(ctx, action, Params{t.nameParam(): name})
	return err
}
