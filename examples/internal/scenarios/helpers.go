// Package scenarios holds the example programs' tasks as functions, so
// that each example's main and the quickstart run the same code. Every
// scenario is idempotent (what exists is reused and said so), creates only
// what it reports, and with cleanup deletes exactly that again.
package scenarios

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/iamkit/iam"
)

// ensureGroup creates a group, or reuses it when it already exists.
func ensureGroup(ctx context.Context, c *iam.Client, out io.Writer, name string) (*iam.Group, error) {
	g, err := c.CreateGroup(ctx, name, nil)
	if err == nil {
		fmt.Fprintf(out, "  created group %s (%s)\n", g.GroupName, g.ARN)
		return g, nil
	}
	if !errors.Is(err, iam.ErrEntityAlreadyExists) {
		return nil, err
	}
	got, err := c.GetGroup(ctx, name, &iam.PageOptions{MaxItems: 1})
	if err != nil {
		return nil, err
	}
	fmt.Fprintf(out, "  reused group %s (%s)\n", got.Group.GroupName, got.Group.ARN)
	return &got.Group, nil
}

// ensureUser creates a user, or reuses it when it already exists.
func ensureUser(ctx context.Context, c *iam.Client, out io.Writer, name string) (*iam.User, error) {
	u, err := c.CreateUser(ctx, name, nil)
	if err == nil {
		fmt.Fprintf(out, "  created user %s (%s)\n", u.UserName, u.ARN)
		return u, nil
	}
	if !errors.Is(err, iam.ErrEntityAlreadyExists) {
		return nil, err
	}
	u, err = c.GetUser(ctx, name)
	if err != nil {
		return nil, err
	}
	fmt.Fprintf(out, "  reused user %s (%s)\n", u.UserName, u.ARN)
	return u, nil
}

// ensureMember adds a user to a group; IAM treats a repeated add as
// success, so this is idempotent as it stands.
func ensureMember(ctx context.Context, c *iam.Client, out io.Writer, group, user string) error {
	if err := c.AddUserToGroup(ctx, group, user); err != nil {
		return err
	}
	fmt.Fprintf(out, "  user %s is a member of group %s\n", user, group)
	return nil
}

// ensureGroupPolicy sets a group's inline policy, leaving it alone when
// the stored document already says the same.
func ensureGroupPolicy(ctx context.Context, c *iam.Client, out io.Writer, group, name string, doc *iam.PolicyDocument) error {
	cur, err := c.GetGroupPolicy(ctx, group, name)
	switch {
	case err == nil && cur.Document != nil && cur.Document.String() == doc.String():
		fmt.Fprintf(out, "  group %s already has inline policy %s: %s\n", group, name, doc)
		return nil
	case err != nil && !iam.IsNotFound(err):
		return err
	}
	if err := c.PutGroupPolicy(ctx, group, name, doc); err != nil {
		return err
	}
	fmt.Fprintf(out, "  put inline policy %s on group %s: %s\n", name, group, doc)
	return nil
}

// ensureUserPolicy is ensureGroupPolicy for a user.
func ensureUserPolicy(ctx context.Context, c *iam.Client, out io.Writer, user, name string, doc *iam.PolicyDocument) error {
	cur, err := c.GetUserPolicy(ctx, user, name)
	switch {
	case err == nil && cur.Document != nil && cur.Document.String() == doc.String():
		fmt.Fprintf(out, "  user %s already has inline policy %s: %s\n", user, name, doc)
		return nil
	case err != nil && !iam.IsNotFound(err):
		return err
	}
	if err := c.PutUserPolicy(ctx, user, name, doc); err != nil {
		return err
	}
	fmt.Fprintf(out, "  put inline policy %s on user %s: %s\n", name, user, doc)
	return nil
}

// ensureAccessKey gives a user an access key unless it has one: IAM shows
// a secret only once, so an existing key is reported, never replaced, and
// a second run does not pile up keys (IAM allows two).
func ensureAccessKey(ctx context.Context, c *iam.Client, out io.Writer, user string) (string, error) {
	for k, err := range c.ListAccessKeysAll(ctx, user, nil) {
		if err != nil {
			return "", err
		}
		fmt.Fprintf(out, "  reused access key %s of user %s (%s; its secret was shown when it was created)\n",
			k.AccessKeyID, user, k.Status)
		return k.AccessKeyID, nil
	}
	k, err := c.CreateAccessKey(ctx, user)
	if err != nil {
		return "", err
	}
	fmt.Fprintf(out, "  created access key %s for user %s\n", k.AccessKeyID, user)
	// Printed on purpose and only here: the API returns the secret once.
	fmt.Fprintf(out, "  secret access key (shown once, store it now): %s\n", k.Secret())
	return k.AccessKeyID, nil
}

// deleteUser deletes a user with what IAM requires gone first (its access
// keys, inline policies, group memberships, ...). A user already gone is
// not an error, so a second cleanup succeeds.
func deleteUser(ctx context.Context, c *iam.Client, out io.Writer, user string) error {
	if _, err := c.GetUser(ctx, user); iam.IsNotFound(err) {
		fmt.Fprintf(out, "  user %s is already gone\n", user)
		return nil
	}
	if err := c.DeleteUserCascade(ctx, user); err != nil {
		return ignoreNotFound(err)
	}
	fmt.Fprintf(out, "  deleted user %s with its access keys, policies and group memberships\n", user)
	return nil
}

// deleteGroup deletes a group with its inline policies (and memberships).
func deleteGroup(ctx context.Context, c *iam.Client, out io.Writer, group string) error {
	if _, err := c.GetGroup(ctx, group, &iam.PageOptions{MaxItems: 1}); iam.IsNotFound(err) {
		fmt.Fprintf(out, "  group %s is already gone\n", group)
		return nil
	}
	if err := c.DeleteGroupCascade(ctx, group); err != nil {
		return ignoreNotFound(err)
	}
	fmt.Fprintf(out, "  deleted group %s with its policies\n", group)
	return nil
}

func ignoreNotFound(err error) error {
	if iam.IsNotFound(err) {
		return nil
	}
	return err
}

// allow is a one-statement Allow policy.
func allow(resources []string, actions ...string) *iam.PolicyDocument {
	res := iam.StringValue(resources[0])
	if len(resources) > 1 {
		res = iam.StringList(resources...)
	}
	return &iam.PolicyDocument{
		Version: iam.PolicyVersion,
		Statement: []iam.Statement{{
			Effect:   "Allow",
			Action:   iam.StringList(actions...),
			Resource: res,
		}},
	}
}

// accountID reads the account from the caller's ARN
// (arn:aws:iam::ACCOUNT:user/NAME or :root), as GetUser with no name
// returns it.
func accountID(ctx context.Context, c *iam.Client) (string, error) {
	me, err := c.GetUser(ctx, "")
	if err != nil {
		return "", fmt.Errorf("finding the account ID from the caller's ARN: %w", err)
	}
	parts := strings.SplitN(me.ARN, ":", 6)
	if len(parts) < 6 || parts[4] == "" {
		return "", fmt.Errorf("the caller's ARN %q names no account", me.ARN)
	}
	return parts[4], nil
}
