package scenarios

import (
	"context"
	"io"

	"github.com/iamkit/iam"
)

// Names the admin-group scenario uses.
const (
	AdminGroupName  = "Admins"
	AdminPolicyName = "AllowAllIAMActions"
	AdminUserName   = "Alice"
)

// AdminGroup sets up group Admins, whose only policy allows every IAM
// action (iam:* on *) and nothing else, and user Alice in it: the
// administrators of the account's users, without access to its other
// services.
func AdminGroup(ctx context.Context, c *iam.Client, out io.Writer, cleanup bool) (*Result, error) {
	res := &Result{Users: []string{AdminUserName}, Groups: []string{AdminGroupName}}
	if cleanup {
		if err := deleteUser(ctx, c, out, AdminUserName); err != nil {
			return res, err
		}
		return res, deleteGroup(ctx, c, out, AdminGroupName)
	}
	if _, err := ensureGroup(ctx, c, out, AdminGroupName); err != nil {
		return res, err
	}
	if err := ensureGroupPolicy(ctx, c, out, AdminGroupName, AdminPolicyName, allow([]string{"*"}, "iam:*")); err != nil {
		return res, err
	}
	if _, err := ensureUser(ctx, c, out, AdminUserName); err != nil {
		return res, err
	}
	return res, ensureMember(ctx, c, out, AdminGroupName, AdminUserName)
}
