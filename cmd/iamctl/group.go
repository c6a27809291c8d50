package main

import (
	"context"
	"flag"

	"github.com/iamkit/iam"
)

func init() {
	register(typedCommand("group", "create, list and delete groups; add and remove members", []subcommand{
		{"create", "NAME", "create a group", groupCreate},
		{"add-user", "GROUP USER", "make a user a member of a group", groupMember(true)},
		{"remove-user", "GROUP USER", "end a user's membership of a group", groupMember(false)},
		{"list", "", "list groups (--user: the groups of one user)", groupList},
		{"delete", "NAME", "delete a group (--cascade: with its members and policies)", groupDelete},
	}))
}

type groupJSON struct {
	GroupName  string
	GroupID    string `json:"GroupId"`
	Arn        string
	Path       string
	CreateDate string
}

func toGroupJSON(g iam.Group) groupJSON {
	return groupJSON{GroupName: g.GroupName, GroupID: g.GroupID, Arn: g.ARN, Path: g.Path, CreateDate: when(g.CreateDate)}
}

func groupTable(gs ...iam.Group) table {
	t := table{header: []string{"NAME", "ID", "PATH", "CREATED", "ARN"}}
	for _, g := range gs {
		t.add(g.GroupName, g.GroupID, g.Path, when(g.CreateDate), g.ARN)
	}
	return t
}

func groupCreate(fs *flag.FlagSet) run {
	path := fs.String("path", "", "the group's path (default /)")
	return func(ctx context.Context, x *env, args []string) error {
		if err := wantArgs(args, "NAME"); err != nil {
			return err
		}
		g, err := x.c.CreateGroup(ctx, args[0], &iam.CreateGroupOptions{Path: *path})
		if err != nil {
			return err
		}
		return x.render(groupTable(*g), toGroupJSON(*g))
	}
}

func groupMember(add bool) func(fs *flag.FlagSet) run {
	return func(fs *flag.FlagSet) run {
		return func(ctx context.Context, x *env, args []string) error {
			if err := wantArgs(args, "GROUP", "USER"); err != nil {
				return err
			}
			change, verb := x.c.AddUserToGroup, "added"
			if !add {
				change, verb = x.c.RemoveUserFromGroup, "removed"
			}
			if err := change(ctx, args[0], args[1]); err != nil {
				return err
			}
			return x.render(table{header: []string{"GROUP", "USER", "MEMBERSHIP"}, rows: [][]string{{args[0], args[1], verb}}},
				map[string]string{"GroupName": args[0], "UserName": args[1], "Membership": verb})
		}
	}
}

func groupList(fs *flag.FlagSet) run {
	prefix := fs.String("path-prefix", "", "only groups whose path begins with this")
	user := fs.String("user", "", "list the groups this user belongs to")
	return func(ctx context.Context, x *env, args []string) error {
		if err := wantArgs(args); err != nil {
			return err
		}
		seq := x.c.ListGroupsAll(ctx, &iam.ListGroupsOptions{PathPrefix: *prefix})
		if *user != "" {
			if *prefix != "" {
				return usageErrorf("--user and --path-prefix do not combine")
			}
			seq = x.c.ListGroupsForUserAll(ctx, *user, nil)
		}
		var gs []iam.Group
		js := []groupJSON{}
		for g, err := range seq {
			if err != nil {
				return err
			}
			gs = append(gs, g)
			js = append(js, toGroupJSON(g))
		}
		return x.render(groupTable(gs...), js)
	}
}

func groupDelete(fs *flag.FlagSet) run {
	cascade := fs.Bool("cascade", false, "first remove its members, inline policies and attached policies")
	return func(ctx context.Context, x *env, args []string) error {
		if err := wantArgs(args, "NAME"); err != nil {
			return err
		}
		del := x.c.DeleteGroup
		if *cascade {
			del = x.c.DeleteGroupCascade
		}
		if err := del(ctx, args[0]); err != nil {
			return err
		}
		return x.render(table{header: []string{"DELETED"}, rows: [][]string{{"group " + args[0]}}},
			map[string]string{"Deleted": "group", "GroupName": args[0]})
	}
}
