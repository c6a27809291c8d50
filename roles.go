package iam

import (
	"context"
	"iter"
	"time"

	"github.com/iamkit/iam/internal/policy"
)

// Role is an IAM role.
//
// CreateRole and GetRole fill every field IAM sends. ListRoles leaves
// Tags, PermissionsBoundary and RoleLastUsed empty, because IAM does not
// return them there; the roles inside an InstanceProfile are like
// ListRoles'.
type Role struct {
	Path       string
	RoleName   string
	RoleID     string
	ARN        string
	CreateDate time.Time
	// Description is empty when the role has none.
	Description string
	// MaxSessionDuration is the longest session, in seconds, that
	// AssumeRole grants for this role (3600 by default).
	MaxSessionDuration int
	// AssumeRolePolicy is the trust policy, parsed. It is nil when the
	// answer did not carry one.
	AssumeRolePolicy *PolicyDocument
	// AssumeRolePolicyJSON is the trust policy's JSON text, URL-decoded
	// once.
	AssumeRolePolicyJSON string
	// RawAssumeRolePolicy is the AssumeRolePolicyDocument element as sent
	// on the wire, percent-encoded.
	RawAssumeRolePolicy string
	// PermissionsBoundary is set by GetRole when the role has one.
	PermissionsBoundary PermissionsBoundary
	// Tags are returned by GetRole and CreateRole only; see ListRoleTags.
	Tags []Tag
	// RoleLastUsed is filled by GetRole; zero when the role was never used
	// in the tracking period.
	RoleLastUsed RoleLastUsed

	source
}

// RoleLastUsed says when and where a role was last assumed.
type RoleLastUsed struct {
	LastUsedDate time.Time
	Region       string
}

func readRole(n Node, resp *Response) (Role, error) {
	f := fields{n: n}
	r := Role{
		Path:               f.str("Path"),
		RoleName:           f.str("RoleName"),
		RoleID:             f.str("RoleId"),
		ARN:                f.str("Arn"),
		CreateDate:         f.time("CreateDate"),
		Description:        f.str("Description"),
		MaxSessionDuration: fieldInt(&f, "MaxSessionDuration"),
		PermissionsBoundary: PermissionsBoundary{
			Type: n.Path("PermissionsBoundary.PermissionsBoundaryType").String(),
			ARN:  n.Path("PermissionsBoundary.PermissionsBoundaryArn").String(),
		},
		Tags:   f.tags(),
		source: source{node: n, resp: resp},
	}
	if lu := n.Path("RoleLastUsed"); lu.Exists() {
		lf := fields{n: lu}
		r.RoleLastUsed = RoleLastUsed{LastUsedDate: lf.time("LastUsedDate"), Region: lf.str("Region")}
		if f.err == nil {
			f.err = lf.err
		}
	}
	r.AssumeRolePolicy, r.AssumeRolePolicyJSON, r.RawAssumeRolePolicy = fieldDocument(&f, "AssumeRolePolicyDocument")
	return r, f.err
}

// CreateRoleOptions are the optional settings of CreateRole.
type CreateRoleOptions struct {
	// Path is the role's path, "/" by default.
	Path string
	// Description is at most 1000 characters.
	Description string
	// MaxSessionDuration is in seconds, 3600 to 43200; 0 leaves IAM's
	// default of one hour.
	MaxSessionDuration int
	// PermissionsBoundary is the ARN of a managed policy that bounds the
	// role's permissions.
	PermissionsBoundary string
	// Tags are attached to the new role (at most 50).
	Tags []Tag
}

// CreateRole creates a role that the principals of trust may assume. The
// trust policy is checked before sending (at least one statement, Effect
// "Allow" or "Deny", IAM's 2,048-character quota for trust policies, ...)
// and refused with an error naming the problem. To send JSON text as it
// is, use CreateRoleJSON.
func (c *Client) CreateRole(ctx context.Context, name string, trust *PolicyDocument, opts *CreateRoleOptions) (*Role, error) {
	return c.createRole(ctx, name, notNilDoc(trust), "", opts)
}

// CreateRoleJSON is CreateRole for a trust policy given as JSON text,
// which is checked the same way and then sent unchanged.
func (c *Client) CreateRoleJSON(ctx context.Context, name, trust string, opts *CreateRoleOptions) (*Role, error) {
	return c.createRole(ctx, name, nil, trust, opts)
}

func (c *Client) createRole(ctx context.Context, name string, doc *PolicyDocument, text string, opts *CreateRoleOptions) (*Role, error) {
	const action = "CreateRole"
	o := orDefaults(opts)
	if err := checkAll(
		checkRoleName("RoleName", name),
		checkPath("Path", o.Path),
		checkDescription("Description", o.Description),
		checkMaxSessionDuration(o.MaxSessionDuration),
		checkOptionalPolicyARN("PermissionsBoundary", o.PermissionsBoundary),
		checkTags(o.Tags, false),
	); err != nil {
		return nil, validationFailed(action, err)
	}
	body, err := policyText("AssumeRolePolicyDocument", policy.KindTrust, doc, text)
	if err != nil {
		return nil, validationFailed(action, err)
	}
	p := Params{"RoleName": name, "AssumeRolePolicyDocument": body}
	setString(p, "Path", o.Path)
	setString(p, "Description", o.Description)
	setString(p, "PermissionsBoundary", o.PermissionsBoundary)
	if o.MaxSessionDuration != 0 {
		p["MaxSessionDuration"] = o.MaxSessionDuration
	}
	setList(p, "Tags", o.Tags)
	return callElement(ctx, c, action, p, "Role", readRole)
}

// GetRole returns a role with its trust policy decoded, its tags,
// permissions boundary and last use. A missing role answers an error for
// which IsNotFound is true.
func (c *Client) GetRole(ctx context.Context, name string) (*Role, error) {
	const action = "GetRole"
	if err := checkRoleName("RoleName", name); err != nil {
		return nil, validationFailed(action, err)
	}
	return callElement(ctx, c, action, Params{"RoleName": name}, "Role", readRole)
}

// UpdateRoleOptions are the changes UpdateRole makes; a zero field is left
// as it is.
type UpdateRoleOptions struct {
	// Description replaces the role's description. An empty value is not
	// sent (it means "leave as it is"), so this cannot clear one.
	Description string
	// MaxSessionDuration, in seconds (3600 to 43200); 0 is not sent.
	MaxSessionDuration int
}

// UpdateRole changes a role's description or maximum session duration.
func (c *Client) UpdateRole(ctx context.Context, name string, opts *UpdateRoleOptions) error {
	const action = "UpdateRole"
	o := orDefaults(opts)
	if err := checkAll(
		checkRoleName("RoleName", name),
		checkDescription("Description", o.Description),
		checkMaxSessionDuration(o.MaxSessionDuration),
	); err != nil {
		return validationFailed(action, err)
	}
	p := Params{"RoleName": name}
	setString(p, "Description", o.Description)
	if o.MaxSessionDuration != 0 {
		p["MaxSessionDuration"] = o.MaxSessionDuration
	}
	_, err := c.Call(ctx, action, p)
	return err
}

// UpdateRoleDescription replaces a role's description and returns the
// role as IAM answers it. The description is required by this action.
func (c *Client) UpdateRoleDescription(ctx context.Context, name, description string) (*Role, error) {
	const action = "UpdateRoleDescription"
	descErr := checkDescription("Description", description)
	if description == "" {
		descErr = invalid("Description", "", requiredRule+"; "+descriptionRule)
	}
	if err := checkAll(checkRoleName("RoleName", name), descErr); err != nil {
		return nil, validationFailed(action, err)
	}
	return callElement(ctx, c, action, Params{"RoleName": name, "Description": description}, "Role", readRole)
}

// UpdateAssumeRolePolicy replaces a role's trust policy, checked like
// CreateRole's.
func (c *Client) UpdateAssumeRolePolicy(ctx context.Context, roleName string, trust *PolicyDocument) error {
	return c.updateAssumeRolePolicy(ctx, roleName, notNilDoc(trust), "")
}

// UpdateAssumeRolePolicyJSON is UpdateAssumeRolePolicy for a trust policy
// given as JSON text.
func (c *Client) UpdateAssumeRolePolicyJSON(ctx context.Context, roleName, trust string) error {
	return c.updateAssumeRolePolicy(ctx, roleName, nil, trust)
}

func (c *Client) updateAssumeRolePolicy(ctx context.Context, roleName string, doc *PolicyDocument, text string) error {
	const action = "UpdateAssumeRolePolicy"
	if err := checkRoleName("RoleName", roleName); err != nil {
		return validationFailed(action, err)
	}
	body, err := policyText("PolicyDocument", policy.KindTrust, doc, text)
	if err != nil {
		return validationFailed(action, err)
	}
	_, err = c.Call(ctx, action, Params{"RoleName": roleName, "PolicyDocument": body})
	return err
}

// DeleteRole deletes a role. IAM refuses (ErrDeleteConflict) while the
// role is in an instance profile or has policies; DeleteRoleCascade
// removes those first.
func (c *Client) DeleteRole(ctx context.Context, name string) error {
	return c.idAction(ctx, "DeleteRole", "RoleName", name, checkRoleName)
}

// ListRolesOptions filter and page ListRoles.
type ListRolesOptions struct {
	// PathPrefix keeps roles whose path begins with it.
	PathPrefix string
	PageOptions
}

// ListRolesOutput is one page of ListRoles.
type ListRolesOutput struct {
	// Roles carry their trust policy but no Tags, PermissionsBoundary or
	// RoleLastUsed.
	Roles []Role
	PageInfo
	source
}

// ListRoles returns one page of roles. See ListRolesAll.
func (c *Client) ListRoles(ctx context.Context, opts *ListRolesOptions) (*ListRolesOutput, error) {
	const action = "ListRoles"
	o := orDefaults(opts)
	p := Params{}
	if err := addPageParams(p, action, "PathPrefix", o.PathPrefix, pathPrefixCheck, &o.PageOptions); err != nil {
		return nil, err
	}
	pg, err := listPage(ctx, c, action, p, "Roles", readRole)
	if err != nil {
		return nil, err
	}
	return &ListRolesOutput{Roles: pg.entries, PageInfo: pg.PageInfo, source: pg.source}, nil
}

// ListRolesAll iterates over every role, page by page. An error ends the
// iteration and is yielded once.
func (c *Client) ListRolesAll(ctx context.Context, opts *ListRolesOptions) iter.Seq2[Role, error] {
	return allPages(ctx, "ListRoles", opts, pageOf(c.ListRoles, func(o *ListRolesOutput) []Role { return o.Roles }))
}

// TagRole adds tags to a role, replacing the value of a key it already
// has.
func (c *Client) TagRole(ctx context.Context, name string, tags []Tag) error {
	return c.tagResource(ctx, "TagRole", "RoleName", name, checkRoleName, tags)
}

// UntagRole removes the tags with the given keys from a role.
func (c *Client) UntagRole(ctx context.Context, name string, keys []string) error {
	return c.untagResource(ctx, "UntagRole", "RoleName", name, checkRoleName, keys)
}

// ListRoleTags returns one page of a role's tags.
func (c *Client) ListRoleTags(ctx context.Context, name string, opts *PageOptions) (*ListTagsOutput, error) {
	return c.listResourceTags(ctx, "ListRoleTags", "RoleName", name, checkRoleName, opts)
}

// ListRoleTagsAll iterates over every tag of a role.
func (c *Client) ListRoleTagsAll(ctx context.Context, name string, opts *PageOptions) iter.Seq2[Tag, error] {
	return c.allResourceTags(ctx, "ListRoleTags", "RoleName", name, checkRoleName, opts)
}
