package iam

import (
	"context"
	"iter"
	"time"
)

// InstanceProfile is an IAM instance profile: the container that passes
// a role to an EC2 instance.
//
// Every call that returns instance profiles fills every field but Tags,
// which only CreateInstanceProfile and GetInstanceProfile return.
type InstanceProfile struct {
	Path                string
	InstanceProfileName string
	InstanceProfileID   string
	ARN                 string
	CreateDate          time.Time
	// Roles is always a list, never nil: empty for a profile without a
	// role, one entry otherwise (IAM allows one role per profile). The
	// roles carry their trust policy, like ListRoles'.
	Roles []Role
	Tags  []Tag

	source
}

func readInstanceProfile(n Node, resp *Response) (InstanceProfile, error) {
	f := fields{n: n}
	ip := InstanceProfile{
		Path:                f.str("Path"),
		InstanceProfileName: f.str("InstanceProfileName"),
		InstanceProfileID:   f.str("InstanceProfileId"),
		ARN:                 f.str("Arn"),
		CreateDate:          f.time("CreateDate"),
		Tags:                f.tags(),
		source:              source{node: n, resp: resp},
	}
	members := f.list("Roles")
	if f.err != nil {
		return ip, f.err
	}
	ip.Roles = make([]Role, len(members))
	for i, m := range members {
		r, err := readRole(m, resp)
		if err != nil {
			return ip, err
		}
		ip.Roles[i] = r
	}
	return ip, nil
}

// CreateInstanceProfileOptions are the optional settings of
// CreateInstanceProfile.
type CreateInstanceProfileOptions struct {
	// Path is the profile's path, "/" by default.
	Path string
	// Tags are attached to the new profile (at most 50).
	Tags []Tag
}

// CreateInstanceProfile creates an instance profile without a role; add
// one with AddRoleToInstanceProfile.
func (c *Client) CreateInstanceProfile(ctx context.Context, name string, opts *CreateInstanceProfileOptions) (*InstanceProfile, error) {
	const action = "CreateInstanceProfile"
	o := orDefaults(opts)
	if err := checkAll(
		checkInstanceProfileName("InstanceProfileName", name),
		checkPath("Path", o.Path),
		checkTags(o.Tags, false),
	); err != nil {
		return nil, validationFailed(action, err)
	}
	p := Params{"InstanceProfileName": name}
	setString(p, "Path", o.Path)
	setList(p, "Tags", o.Tags)
	return callElement(ctx, c, action, p, "InstanceProfile", readInstanceProfile)
}

// GetInstanceProfile returns an instance profile and its role, if any. A
// missing profile answers an error for which IsNotFound is true.
func (c *Client) GetInstanceProfile(ctx context.Context, name string) (*InstanceProfile, error) {
	const action = "GetInstanceProfile"
	if err := checkInstanceProfileName("InstanceProfileName", name); err != nil {
		return nil, validationFailed(action, err)
	}
	return callElement(ctx, c, action, Params{"InstanceProfileName": name}, "InstanceProfile", readInstanceProfile)
}

// DeleteInstanceProfile deletes an instance profile. IAM refuses
// (ErrDeleteConflict) while it still holds a role.
func (c *Client) DeleteInstanceProfile(ctx context.Context, name string) error {
	return c.idAction(ctx, "DeleteInstanceProfile", "InstanceProfileName", name, checkInstanceProfileName)
}

// ListInstanceProfilesOptions filter and page ListInstanceProfiles.
type ListInstanceProfilesOptions struct {
	// PathPrefix keeps profiles whose path begins with it.
	PathPrefix string
	PageOptions
}

// ListInstanceProfilesOutput is one page of ListInstanceProfiles or
// ListInstanceProfilesForRole.
type ListInstanceProfilesOutput struct {
	InstanceProfiles []InstanceProfile
	PageInfo
	source
}

// ListInstanceProfiles returns one page of instance profiles. See
// ListInstanceProfilesAll.
func (c *Client) ListInstanceProfiles(ctx context.Context, opts *ListInstanceProfilesOptions) (*ListInstanceProfilesOutput, error) {
	const action = "ListInstanceProfiles"
	o := orDefaults(opts)
	p := Params{}
	if err := addPageParams(p, action, "PathPrefix", o.PathPrefix, pathPrefixCheck, &o.PageOptions); err != nil {
		return nil, err
	}
	return c.listInstanceProfiles(ctx, action, p)
}

func (c *Client) listInstanceProfiles(ctx context.Context, action string, p Params) (*ListInstanceProfilesOutput, error) {
	pg, err := listPage(ctx, c, action, p, "InstanceProfiles", readInstanceProfile)
	if err != nil {
		return nil, err
	}
	return &ListInstanceProfilesOutput{InstanceProfiles: pg.entries, PageInfo: pg.PageInfo, source: pg.source}, nil
}

// ListInstanceProfilesAll iterates over every instance profile.
func (c *Client) ListInstanceProfilesAll(ctx context.Context, opts *ListInstanceProfilesOptions) iter.Seq2[InstanceProfile, error] {
	return allPages(ctx, "ListInstanceProfiles", opts, pageOf(c.ListInstanceProfiles, func(o *ListInstanceProfilesOutput) []InstanceProfile { return o.InstanceProfiles }))
}

// ListInstanceProfilesForRole returns one page of the instance profiles
// that hold a role.
func (c *Client) ListInstanceProfilesForRole(ctx context.Context, roleName string, opts *PageOptions) (*ListInstanceProfilesOutput, error) {
	const action = "ListInstanceProfilesForRole"
	p := Params{}
	if err := addPageParams(p, action, "RoleName", roleName, checkRoleName, opts); err != nil {
		return nil, err
	}
	return c.listInstanceProfiles(ctx, action, p)
}

// ListInstanceProfilesForRoleAll iterates over every instance profile
// that holds a role.
func (c *Client) ListInstanceProfilesForRoleAll(ctx context.Context, roleName string, opts *PageOptions) iter.Seq2[InstanceProfile, error] {
	return allPages(ctx, "ListInstanceProfilesForRole", opts, pageOf(bind(c.ListInstanceProfilesForRole, roleName), func(o *ListInstanceProfilesOutput) []InstanceProfile { return o.InstanceProfiles }))
}

// AddRoleToInstanceProfile puts a role in an instance profile. A profile
// holds one role; adding a second answers ErrLimitExceeded.
func (c *Client) AddRoleToInstanceProfile(ctx context.Context, profileName, roleName string) error {
	return c.profileRole(ctx, "AddRoleToInstanceProfile", profileName, roleName)
}

// RemoveRoleFromInstanceProfile takes a role out of an instance profile.
func (c *Client) RemoveRoleFromInstanceProfile(ctx context.Context, profileName, roleName string) error {
	return c.profileRole(ctx, "RemoveRoleFromInstanceProfile", profileName, roleName)
}

func (c *Client) profileRole(ctx context.Context, action, profileName, roleName string) error {
	if err := checkAll(checkInstanceProfileName("InstanceProfileName", profileName), checkRoleName("RoleName", roleName)); err != nil {
		return validationFailed(action, err)
	}
	_, err := c.Call(ctx, action, Params{"InstanceProfileName": profileName, "RoleName": roleName})
	return err
}
