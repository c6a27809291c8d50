package main

import (
	"context"
	"flag"
	"strings"

	"github.com/iamkit/iam"
)

func init() {
	register(typedCommand("user", "create, get, list and delete users", []subcommand{
		{"create", "NAME", "create a user", userCreate},
		{"get", "NAME", "show a user", userGet},
		{"list", "", "list users", userList},
		{"delete", "NAME", "delete a user (--cascade: with its keys, policies, memberships, ...)", userDelete},
	}))
}

// userJSON is a user as iamctl prints it in JSON.
type userJSON struct {
	UserName   string
	UserID     string `json:"UserId"`
	Arn        string
	Path       string
	CreateDate string
	Tags       []iam.Tag `json:",omitempty"`
}

func toUserJSON(u iam.User) userJSON {
	return userJSON{UserName: u.UserName, UserID: u.UserID, Arn: u.ARN, Path: u.Path, CreateDate: when(u.CreateDate), Tags: u.Tags}
}

func userTable(us ...iam.User) table {
	t := table{header: []string{"NAME", "ID", "PATH", "CREATED", "ARN"}}
	for _, u := range us {
		t.add(u.UserName, u.UserID, u.Path, when(u.CreateDate), u.ARN)
	}
	return t
}

// tagsFlag collects repeated --tag Key=Value flags.
type tagsFlag []iam.Tag

func (f *tagsFlag) String() string { return "" }

func (f *tagsFlag) Set(s string) error {
	k, v, ok := strings.Cut(s, "=")
	if !ok || k == "" {
		return usageErrorf("--tag %q: want Key=Value", s)
	}
	*f = append(*f, iam.Tag{Key: k, Value: v})
	return nil
}

func userCreate(fs *flag.FlagSet) run {
	path := fs.String("path", "", "the user's path (default /)")
	boundary := fs.String("permissions-boundary", "", "ARN of a managed policy that bounds the user")
	var tags tagsFlag
	fs.Var(&tags, "tag", "a tag Key=Value (repeatable)")
	return func(ctx context.Context, x *env, args []string) error {
		if err := wantArgs(args, "NAME"); err != nil {
			return err
		}
		u, err := x.c.CreateUser(ctx, args[0], &iam.CreateUserOptions{Path: *path, PermissionsBoundary: *boundary, Tags: tags})
		if err != nil {
			return err
		}
		return x.render(userTable(*u), toUserJSON(*u))
	}
}

func userGet(fs *flag.FlagSet) run {
	return func(ctx context.Context, x *env, args []string) error {
		if err := wantArgs(args, "NAME"); err != nil {
			return err
		}
		u, err := x.c.GetUser(ctx, args[0])
		if err != nil {
			return err
		}
		return x.render(userTable(*u), toUserJSON(*u))
	}
}

func userList(fs *flag.FlagSet) run {
	prefix := fs.String("path-prefix", "", "only users whose path begins with this")
	return func(ctx context.Context, x *env, args []string) error {
		if err := wantArgs(args); err != nil {
			return err
		}
		var us []iam.User
		js := []userJSON{}
		for u, err := range x.c.ListUsersAll(ctx, &iam.ListUsersOptions{PathPrefix: *prefix}) {
			if err != nil {
				return err
			}
			us = append(us, u)
			js = append(js, toUserJSON(u))
		}
		return x.render(userTable(us...), js)
	}
}

func userDelete(fs *flag.FlagSet) run {
	cascade := fs.Bool("cascade", false, "first delete what IAM requires gone: access keys, login profile, inline policies, attachments, group memberships, MFA devices")
	return func(ctx context.Context, x *env, args []string) error {
		if err := wantArgs(args, "NAME"); err != nil {
			return err
		}
		del := x.c.DeleteUser
		if *cascade {
			del = x.c.DeleteUserCascade
		}
		if err := del(ctx, args[0]); err != nil {
			return err
		}
		return x.render(table{header: []string{"DELETED"}, rows: [][]string{{"user " + args[0]}}},
			map[string]string{"Deleted": "user", "UserName": args[0]})
	}
}
