package main

import (
	"context"
	"flag"

	"github.com/iamkit/iam"
)

func init() {
	register(typedCommand("key", "create, list, rotate, disable and delete access keys", []subcommand{
		{"create", "USER", "create an access key; the secret is printed this once", keyCreate},
		{"list", "USER", "list a user's access keys", keyList},
		{"rotate", "USER", "create a new key; --deactivate-old/--delete-old retire the old one", keyRotate},
		{"disable", "USER KEY-ID", "deactivate an access key", keyDisable},
		{"delete", "USER KEY-ID", "delete an access key", keyDelete},
	}))
}

// newKeyJSON is a new key as printed: unlike everywhere else, the secret
// is shown, because this is the only time the API returns it and the
// caller asked for the key.
type newKeyJSON struct {
	UserName        string
	AccessKeyID     string `json:"AccessKeyId"`
	Status          string
	SecretAccessKey string
	CreateDate      string
}

func newKeyOutput(k *iam.AccessKey) (table, newKeyJSON) {
	t := table{header: []string{"USER", "ACCESS KEY ID", "STATUS", "SECRET ACCESS KEY (shown once)"}}
	t.add(k.UserName, k.AccessKeyID, string(k.Status), k.Secret())
	return t, newKeyJSON{UserName: k.UserName, AccessKeyID: k.AccessKeyID, Status: string(k.Status),
		SecretAccessKey: k.Secret(), CreateDate: when(k.CreateDate)}
}

type keyJSON struct {
	UserName    string
	AccessKeyID string `json:"AccessKeyId"`
	Status      string
	CreateDate  string
}

func keyCreate(fs *flag.FlagSet) run {
	return func(ctx context.Context, x *env, args []string) error {
		if err := wantArgs(args, "USER"); err != nil {
			return err
		}
		k, err := x.c.CreateAccessKey(ctx, args[0])
		if err != nil {
			return err
		}
		t, js := newKeyOutput(k)
		return x.render(t, js)
	}
}

func listKeys(ctx context.Context, c *iam.Client, user string) ([]iam.AccessKeyMetadata, error) {
	var ks []iam.AccessKeyMetadata
	for k, err := range c.ListAccessKeysAll(ctx, user, nil) {
		if err != nil {
			return nil, err
		}
		ks = append(ks, k)
	}
	return ks, nil
}

func keyList(fs *flag.FlagSet) run {
	return func(ctx context.Context, x *env, args []string) error {
		if err := wantArgs(args, "USER"); err != nil {
			return err
		}
		ks, err := listKeys(ctx, x.c, args[0])
		if err != nil {
			return err
		}
		t := table{header: []string{"USER", "ACCESS KEY ID", "STATUS", "CREATED"}}
		js := []keyJSON{}
		for _, k := range ks {
			t.add(k.UserName, k.AccessKeyID, string(k.Status), when(k.CreateDate))
			js = append(js, keyJSON{UserName: k.UserName, AccessKeyID: k.AccessKeyID, Status: string(k.Status), CreateDate: when(k.CreateDate)})
		}
		return x.render(t, js)
	}
}

// keyRotate creates the new key first, so the user is never without one,
// and touches the old key only when asked: deactivating it first lets a
// caller find what still uses it before deleting it for good.
func keyRotate(fs *flag.FlagSet) run {
	old := fs.String("old-key", "", "the key being replaced (default: the user's only key)")
	deactivate := fs.Bool("deactivate-old", false, "deactivate the old key after creating the new one")
	del := fs.Bool("delete-old", false, "deactivate, then delete the old key after creating the new one")
	return func(ctx context.Context, x *env, args []string) error {
		if err := wantArgs(args, "USER"); err != nil {
			return err
		}
		user := args[0]
		ks, err := listKeys(ctx, x.c, user)
		if err != nil {
			return err
		}
		oldID := *old
		if oldID == "" && (*deactivate || *del) {
			if len(ks) == 0 {
				return usageErrorf("user %s has no access key to replace; give it one with iamctl key create", user)
			}
			if len(ks) != 1 {
				return usageErrorf("user %s has %d access keys; name the one to replace with --old-key", user, len(ks))
			}
			oldID = ks[0].AccessKeyID
		}
		if oldID != "" {
			found := false
			for _, k := range ks {
				found = found || k.AccessKeyID == oldID
			}
			if !found {
				return usageErrorf("user %s has no access key %s", user, oldID)
			}
		}
		k, err := x.c.CreateAccessKey(ctx, user)
		if err != nil {
			return err
		}
		t, js := newKeyOutput(k)
		if err := x.render(t, js); err != nil {
			return err
		}
		if oldID == "" || !(*deactivate || *del) {
			return nil
		}
		if err := x.c.UpdateAccessKey(ctx, user, oldID, iam.StatusInactive); err != nil {
			return err
		}
		x.note("deactivated old access key %s of user %s", oldID, user)
		if *del {
			if err := x.c.DeleteAccessKey(ctx, user, oldID); err != nil {
				return err
			}
			x.note("deleted old access key %s of user %s", oldID, user)
		}
		return nil
	}
}

func keyDisable(fs *flag.FlagSet) run {
	return func(ctx context.Context, x *env, args []string) error {
		if err := wantArgs(args, "USER", "KEY-ID"); err != nil {
			return err
		}
		if err := x.c.UpdateAccessKey(ctx, args[0], args[1], iam.StatusInactive); err != nil {
			return err
		}
		return x.render(table{header: []string{"USER", "ACCESS KEY ID", "STATUS"}, rows: [][]string{{args[0], args[1], string(iam.StatusInactive)}}},
			keyJSON{UserName: args[0], AccessKeyID: args[1], Status: string(iam.StatusInactive)})
	}
}

func keyDelete(fs *flag.FlagSet) run {
	return func(ctx context.Context, x *env, args []string) error {
		if err := wantArgs(args, "USER", "KEY-ID"); err != nil {
			return err
		}
		if err := x.c.DeleteAccessKey(ctx, args[0], args[1]); err != nil {
			return err
		}
		return x.render(table{header: []string{"DELETED"}, rows: [][]string{{"access key " + args[1] + " of user " + args[0]}}},
			map[string]string{"Deleted": "access key", "UserName": args[0], "AccessKeyId": args[1]})
	}
}
