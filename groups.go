package iam

import (
	"context"
	"iter"
	"time"
)

// Group is an IAM group. Every call that returns groups (CreateGroup,
// GetGroup, ListGroups, ListGroupsForUser) fills every field.
type Group struct {
	Path       string
	GroupName  string
	GroupID    string
	ARN        string
	CreateDate time.Time

	source
}

func readGroup(n Node, resp *Response) (Group, error) {
	f := fields{n: n}
	g := Group{source: source{node: n, resp: resp}}
	for c := n.firstChild(); c.Exists(); c = c.nextSibling() {
		switch c.Name() {
		case "Path":
			g.Path = c.String()
		case "GroupName":
			g.GroupName = c.String()
		case "GroupId":
			g.GroupID = c.String()
		case "Arn":
			g.ARN = c.String()
		case "CreateDate":
			g.CreateDate = f.timeOf(c)
		}
	}
	return g, f.err
}

// CreateGroupOptions are the optional settings of CreateGroup.
type CreateGroupOptions struct {
	// Path is the group's path, "/" by default.
	Path string
}

// CreateGroup creates a group.
func (c *Client) CreateGroup(ctx context.Context, name string, opts *CreateGroupOptions) (*Group, error) {
	const action = "CreateGroup"
	o := orDefaults(opts)
	if err := checkAll(checkGroupName("GroupName", name), checkPath("Path", o.Path)); err != nil {
		return nil, validationFailed(action, err)
	}
	p := Params{"GroupName": name}
	setString(p, "Path", o.Path)
	return callElement(ctx, c, action, p, "Group", readGroup)
}

// GetGroupOutput is one page of GetGroup: the group and a page of its
// members.
type GetGroupOutput struct {
	Group Group
	// Users are the members on this page; they carry no Tags or
	// PermissionsBoundary.
	Users []User
	PageInfo
	source
}

// GetGroup returns a group and one page of its members; GetGroupAll walks
// every member. Any failure, throttling included, is an error: a failed
// call never looks like an empty group.
func (c *Client) GetGroup(ctx context.Context, name string, opts *PageOptions) (*GetGroupOutput, error) {
	const action = "GetGroup"
	p := Params{}
	if err := addPageParams(p, action, "GroupName", name, checkGroupName, opts); err != nil {
		return nil, err
	}
	resp, result, err := c.callResult(ctx, action, p)
	if err != nil {
		return nil, err
	}
	g, err := readElement(action, resp, result, "Group", readGroup)
	if err != nil {
		return nil, err
	}
	users, info, err := decodeList(result, "Users", func(n Node) (User, error) { return readUser(n, resp) })
	if err != nil {
		return nil, decodeFailed(action, resp, err)
	}
	return &GetGroupOutput{Group: *g, Users: users, PageInfo: info, source: source{result, resp}}, nil
}

// GetGroupAll iterates over every member of a group.
func (c *Client) GetGroupAll(ctx context.Context, name string, opts *PageOptions) iter.Seq2[User, error] {
	return allPages(ctx, "GetGroup", opts, pageOf(bind(c.GetGroup, name), func(o *GetGroupOutput) []User { return o.Users }))
}

// UpdateGroupOptions are the changes UpdateGroup makes; an empty field is
// left as it is.
type UpdateGroupOptions struct {
	NewGroupName string
	NewPath      string
}

// UpdateGroup renames a group or moves it to another path.
func (c *Client) UpdateGroup(ctx context.Context, name string, opts *UpdateGroupOptions) error {
	const action = "UpdateGroup"
	o := orDefaults(opts)
	newName := error(nil)
	if o.NewGroupName != "" {
		newName = checkGroupName("NewGroupName", o.NewGroupName)
	}
	if err := checkAll(checkGroupName("GroupName", name), newName, checkPath("NewPath", o.NewPath)); err != nil {
		return validationFailed(action, err)
	}
	p := Params{"GroupName": name}
	setString(p, "NewGroupName", o.NewGroupName)
	setString(p, "NewPath", o.NewPath)
	_, err := c.Call(ctx, action, p)
	return err
}

// DeleteGroup deletes a group. IAM refuses (ErrDeleteConflict) while it
// still has members or policies.
func (c *Client) DeleteGroup(ctx context.Context, name string) error {
	return c.idAction(ctx, "DeleteGroup", "GroupName", name, checkGroupName)
}

// ListGroupsOptions filter and page ListGroups.
type ListGroupsOptions struct {
	// PathPrefix keeps groups whose path begins with it.
	PathPrefix string
	PageOptions
}

// ListGroupsOutput is one page of ListGroups or ListGroupsForUser.
type ListGroupsOutput struct {
	Groups []Group
	PageInfo
	source
}

// ListGroups returns one page of groups. See ListGroupsAll.
func (c *Client) ListGroups(ctx context.Context, opts *ListGroupsOptions) (*ListGroupsOutput, error) {
	const action = "ListGroups"
	o := orDefaults(opts)
	p := Params{}
	if err := addPageParams(p, action, "PathPrefix", o.PathPrefix, pathPrefixCheck, &o.PageOptions); err != nil {
		return nil, err
	}
	return c.listGroups(ctx, action, p)
}

func (c *Client) listGroups(ctx context.Context, action string, p Params) (*ListGroupsOutput, error) {
	pg, err := listPage(ctx, c, action, p, "Groups", readGroup)
	if err != nil {
		return nil, err
	}
	return &ListGroupsOutput{Groups: pg.entries, PageInfo: pg.PageInfo, source: pg.source}, nil
}

// ListGroupsAll iterates over every group.
func (c *Client) ListGroupsAll(ctx context.Context, opts *ListGroupsOptions) iter.Seq2[Group, error] {
	return allPages(ctx, "ListGroups", opts, pageOf(c.ListGroups, func(o *ListGroupsOutput) []Group { return o.Groups }))
}

// AddUserToGroup makes a user a member of a group.
func (c *Client) AddUserToGroup(ctx context.Context, groupName, userName string) error {
	return c.groupMember(ctx, "AddUserToGroup", groupName, userName)
}

// RemoveUserFromGroup ends a user's membership of a group.
func (c *Client) RemoveUserFromGroup(ctx context.Context, groupName, userName string) error {
	return c.groupMember(ctx, "RemoveUserFromGroup", groupName, userName)
}

func (c *Client) groupMember(ctx context.Context, action, groupName, userName string) error {
	if err := checkAll(checkGroupName("GroupName", groupName), checkUserName("UserName", userName)); err != nil {
		return validationFailed(action, err)
	}
	_, err := c.Call(ctx, action, Params{"GroupName": groupName, "UserName": userName})
	return err
}

// ListGroupsForUser returns one page of the groups a user belongs to.
func (c *Client) ListGroupsForUser(ctx context.Context, userName string, opts *PageOptions) (*ListGroupsOutput, error) {
	const action = "ListGroupsForUser"
	p := Params{}
	if err := addPageParams(p, action, "UserName", userName, checkUserName, opts); err != nil {
		return nil, err
	}
	return c.listGroups(ctx, action, p)
}

// ListGroupsForUserAll iterates over every group a user belongs to.
func (c *Client) ListGroupsForUserAll(ctx context.Context, userName string, opts *PageOptions) iter.Seq2[Group, error] {
	return allPages(ctx, "ListGroupsForUser", opts, pageOf(bind(c.ListGroupsForUser, userName), func(o *ListGroupsOutput) []Group { return o.Groups }))
}
