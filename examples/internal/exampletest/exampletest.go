// Package exampletest is what the examples' tests share: a local server
// the environment points at, and library-side checks of the state an
// example leaves.
package exampletest

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/iamkit/iam"
	"github.com/iamkit/iam/iamtest"
	"github.com/stretchr/testify/require"
)

// Unconfigure clears every setting an example reads, as on a fresh machine
// with no AWS configuration: no endpoint, no keys, no shared files, no
// instance metadata.
func Unconfigure(t *testing.T) {
	t.Helper()
	dir := t.TempDir()
	for _, k := range []string{
		"AWS_ENDPOINT_URL_IAM", "AWS_ENDPOINT_URL", "AWS_ACCESS_KEY_ID", "AWS_ACCESS_KEY",
		"AWS_SECRET_ACCESS_KEY", "AWS_SECRET_KEY", "AWS_SESSION_TOKEN", "AWS_PROFILE",
		"AWS_DEFAULT_PROFILE", "AWS_REGION", "AWS_DEFAULT_REGION",
	} {
		t.Setenv(k, "")
	}
	t.Setenv("HOME", dir)
	t.Setenv("AWS_CONFIG_FILE", filepath.Join(dir, "config"))
	t.Setenv("AWS_SHARED_CREDENTIALS_FILE", filepath.Join(dir, "credentials"))
	t.Setenv("AWS_EC2_METADATA_DISABLED", "true")
}

// Configure starts a local server and points the environment at it the
// way a user would configure a real endpoint: AWS_ENDPOINT_URL_IAM and the
// key variables. It returns the server and a client for checking state.
func Configure(t *testing.T) (*iamtest.Server, *iam.Client) {
	t.Helper()
	Unconfigure(t)
	srv := iamtest.New(t)
	ak, sk := srv.RootCredentials()
	t.Setenv("AWS_ENDPOINT_URL_IAM", srv.URL)
	t.Setenv("AWS_ACCESS_KEY_ID", ak)
	t.Setenv("AWS_SECRET_ACCESS_KEY", sk)
	c, err := iam.New(iam.WithEndpoint(srv.URL), iam.WithRegion(iamtest.Region),
		iam.WithCredentials(iam.StaticCredentials(ak, sk, "")))
	require.NoError(t, err)
	return srv, c
}

// GroupMembers returns the names of a group's members.
func GroupMembers(t *testing.T, c *iam.Client, group string) []string {
	t.Helper()
	var names []string
	for u, err := range c.GetGroupAll(context.Background(), group, nil) {
		require.NoError(t, err)
		names = append(names, u.UserName)
	}
	return names
}

// AccessKeys returns the IDs of a user's access keys.
func AccessKeys(t *testing.T, c *iam.Client, user string) []string {
	t.Helper()
	var ids []string
	for k, err := range c.ListAccessKeysAll(context.Background(), user, nil) {
		require.NoError(t, err)
		ids = append(ids, k.AccessKeyID)
	}
	return ids
}

// GroupPolicy returns a group's inline policy as compact JSON.
func GroupPolicy(t *testing.T, c *iam.Client, group, name string) string {
	t.Helper()
	p, err := c.GetGroupPolicy(context.Background(), group, name)
	require.NoError(t, err)
	return p.Document.String()
}

// UserPolicy returns a user's inline policy as compact JSON.
func UserPolicy(t *testing.T, c *iam.Client, user, name string) string {
	t.Helper()
	p, err := c.GetUserPolicy(context.Background(), user, name)
	require.NoError(t, err)
	return p.Document.String()
}

// Empty asserts that the account has no users and no groups left.
func Empty(t *testing.T, c *iam.Client) {
	t.Helper()
	ctx := context.Background()
	for u, err := range c.ListUsersAll(ctx, nil) {
		require.NoError(t, err)
		t.Errorf("user %s is left over", u.UserName)
	}
	for g, err := range c.ListGroupsAll(ctx, nil) {
		require.NoError(t, err)
		t.Errorf("group %s is left over", g.GroupName)
	}
}
