package iam

import (
	"context"
	"iter"
	"time"
)

// User is an IAM user.
//
// CreateUser and GetUser fill every field IAM sends; ListUsers and
// GetGroup's member list leave PermissionsBoundary and Tags empty, because
// IAM does not return them there. PasswordLastUsed is zero when the user
// never signed in with a password (or the call does not report it).
type User struct {
	Path       string
	UserName   string
	UserID     string
	ARN        string
	CreateDate time.Time
	// PasswordLastUsed is when the user last signed in to the console.
	PasswordLastUsed time.Time
	// PermissionsBoundary is set by GetUser (and CreateUser) when the user
	// has one.
	PermissionsBoundary PermissionsBoundary
	// Tags are returned by GetUser and CreateUser only; use ListUserTags
	// for more than that response carries.
	Tags []Tag

	source
}

// PermissionsBoundary is the managed policy that bounds a user's or role's
// permissions. The zero value means none.
type PermissionsBoundary struct {
	// Type is "PermissionsBoundaryPolicy", the only kind IAM has.
	Type string
	ARN  string
}

func readUser(n Node, resp *Response) (User, error) {
	f := fields{n: n}
	u := User{source: source{node: n, resp: resp}}
	for c := n.firstChild(); c.Exists(); c = c.nextSibling() {
		switch c.Name() {
		case "Path":
			u.Path = c.String()
		case "UserName":
			u.UserName = c.String()
		case "UserId":
			u.UserID = c.String()
		case "Arn":
			u.ARN = c.String()
		case "CreateDate":
			u.CreateDate = f.timeOf(c)
		case "PasswordLastUsed":
			u.PasswordLastUsed = f.timeOf(c)
		case "PermissionsBoundary":
			u.PermissionsBoundary = PermissionsBoundary{
				Type: c.Path("PermissionsBoundaryType").String(),
				ARN:  c.Path("PermissionsBoundaryArn").String(),
			}
		case "Tags":
			u.Tags = f.tags()
		}
	}
	return u, f.err
}

// CreateUserOptions are the optional settings of CreateUser.
type CreateUserOptions struct {
	// Path is the user's path, "/" by default.
	Path string
	// PermissionsBoundary is the ARN of a managed policy that bounds the
	// user's permissions.
	PermissionsBoundary string
	// Tags are attached to the new user (at most 50).
	Tags []Tag
}

// CreateUser creates a user. Names are unique case-insensitively in an
// account; a taken name answers ErrEntityAlreadyExists.
func (c *Client) CreateUser(ctx context.Context, name string, opts *CreateUserOptions) (*User, error) {
	const action = "CreateUser"
	o := orDefaults(opts)
	if err := checkAll(
		checkUserName("UserName", name),
		checkPath("Path", o.Path),
		checkARN("PermissionsBoundary", o.PermissionsBoundary),
		checkTags(o.Tags, false),
	); err != nil {
		return nil, validationFailed(action, err)
	}
	p := Params{"UserName": name}
	setString(p, "Path", o.Path)
	setString(p, "PermissionsBoundary", o.PermissionsBoundary)
	setList(p, "Tags", o.Tags)
	return callElement(ctx, c, action, p, "User", readUser)
}

// GetUser returns a user with its tags and permissions boundary. An empty
// name means the user whose credentials sign the request, and then no
// UserName is sent. A missing user answers an error for which IsNotFound
// is true.
func (c *Client) GetUser(ctx context.Context, name string) (*User, error) {
	const action = "GetUser"
	if err := checkOptionalUserName(name); err != nil {
		return nil, validationFailed(action, err)
	}
	p := Params{}
	setString(p, "UserName", name)
	return callElement(ctx, c, action, p, "User", readUser)
}

// UpdateUserOptions are the changes UpdateUser makes; an empty field is
// left as it is.
type UpdateUserOptions struct {
	NewUserName string
	NewPath     string
}

// UpdateUser renames a user or moves it to another path.
func (c *Client) UpdateUser(ctx context.Context, name string, opts *UpdateUserOptions) error {
	const action = "UpdateUser"
	o := orDefaults(opts)
	newName := error(nil)
	if o.NewUserName != "" {
		newName = checkUserName("NewUserName", o.NewUserName)
	}
	if err := checkAll(checkUserName("UserName", name), newName, checkPath("NewPath", o.NewPath)); err != nil {
		return validationFailed(action, err)
	}
	p := Params{"UserName": name}
	setString(p, "NewUserName", o.NewUserName)
	setString(p, "NewPath", o.NewPath)
	_, err := c.Call(ctx, action, p)
	return err
}

// DeleteUser deletes a user. IAM refuses (ErrDeleteConflict) while the
// user still has keys, a login profile, policies, groups or devices.
func (c *Client) DeleteUser(ctx context.Context, name string) error {
	return c.idAction(ctx, "DeleteUser", "UserName", name, checkUserName)
}

// ListUsersOptions filter and page ListUsers.
type ListUsersOptions struct {
	// PathPrefix keeps users whose path begins with it, e.g. "/division/".
	PathPrefix string
	PageOptions
}

// ListUsersOutput is one page of ListUsers.
type ListUsersOutput struct {
	// Users carry no Tags or PermissionsBoundary: IAM lists leave them out.
	Users []User
	PageInfo
	source
}

// ListUsers returns one page of users. See ListUsersAll to walk them all.
func (c *Client) ListUsers(ctx context.Context, opts *ListUsersOptions) (*ListUsersOutput, error) {
	const action = "ListUsers"
	o := orDefaults(opts)
	p := Params{}
	if err := addPageParams(p, action, "PathPrefix", o.PathPrefix, pathPrefixCheck, &o.PageOptions); err != nil {
		return nil, err
	}
	pg, err := listPage(ctx, c, action, p, "Users", readUser)
	if err != nil {
		return nil, err
	}
	return &ListUsersOutput{Users: pg.entries, PageInfo: pg.PageInfo, source: pg.source}, nil
}

// ListUsersAll iterates over every user, page by page; opts gives the
// filter and the first page's Marker and MaxItems. An error ends the
// iteration and is yielded once.
func (c *Client) ListUsersAll(ctx context.Context, opts *ListUsersOptions) iter.Seq2[User, error] {
	return allPages(ctx, "ListUsers", opts, pageOf(c.ListUsers, func(o *ListUsersOutput) []User { return o.Users }))
}

// TagUser adds tags to a user, replacing the value of a key it already
// has.
func (c *Client) TagUser(ctx context.Context, name string, tags []Tag) error {
	return c.tagResource(ctx, "TagUser", "UserName", name, checkUserName, tags)
}

// UntagUser removes the tags with the given keys from a user; keys it
// does not have are ignored by IAM.
func (c *Client) UntagUser(ctx context.Context, name string, keys []string) error {
	return c.untagResource(ctx, "UntagUser", "UserName", name, checkUserName, keys)
}

// ListUserTags returns one page of a user's tags.
func (c *Client) ListUserTags(ctx context.Context, name string, opts *PageOptions) (*ListTagsOutput, error) {
	return c.listResourceTags(ctx, "ListUserTags", "UserName", name, checkUserName, opts)
}

// ListUserTagsAll iterates over every tag of a user.
func (c *Client) ListUserTagsAll(ctx context.Context, name string, opts *PageOptions) iter.Seq2[Tag, error] {
	return c.allResourceTags(ctx, "ListUserTags", "UserName", name, checkUserName, opts)
}
