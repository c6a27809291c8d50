package iam_test

import (
	"context"
	"errors"
	"log/slog"
	"net/http"
	"slices"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/iamkit/iam"
	"github.com/iamkit/iam/iamtest"
)

// rootClient returns a client for srv signed with its root keys.
func rootClient(t *testing.T, srv *iamtest.Server, opts ...iam.Option) *iam.Client {
	t.Helper()
	ak, sk := srv.RootCredentials()
	return keyClient(t, srv, ak, sk, opts...)
}

func keyClient(t *testing.T, srv *iamtest.Server, ak, sk string, opts ...iam.Option) *iam.Client {
	t.Helper()
	base := []iam.Option{
		iam.WithEndpoint(srv.URL),
		iam.WithCredentials(iam.StaticCredentials(ak, sk, "")),
		iam.WithRetryPolicy(iam.RetryPolicy{MaxAttempts: 10, BaseDelay: time.Millisecond, MaxDelay: 10 * time.Millisecond}),
	}
	c, err := iam.New(append(base, opts...)...)
	require.NoError(t, err)
	return c
}

func collect[T any](t *testing.T, seq func(func(T, error) bool)) []T {
	t.Helper()
	var out []T
	for v, err := range seq {
		require.NoError(t, err)
		out = append(out, v)
	}
	return out
}

// TestIntegrationScenario runs boto's original walkthrough end to end
// against the local server, once per signature version.
func TestIntegrationScenario(t *testing.T) {
	for name, sig := range map[string]iam.SignatureVersion{"SigV4": iam.SigV4, "SigV2": iam.SigV2} {
		t.Run(name, func(t *testing.T) {
			ctx := context.Background()
			srv := iamtest.New(t)
			c := rootClient(t, srv, iam.WithSignatureVersion(sig))

			// Create a group that may read one S3 bucket.
			g, err := c.CreateGroup(ctx, "readers", nil)
			require.NoError(t, err)
			assert.Equal(t, "readers", g.GroupName)
			assert.Regexp(t, `^AGPA[A-Z2-7]{17}$`, g.GroupID)
			doc := &iam.PolicyDocument{
				Version: iam.PolicyVersion,
				Statement: []iam.Statement{{
					Effect:   "Allow",
					Action:   iam.StringList("s3:GetObject", "s3:ListBucket"),
					Resource: iam.StringList("arn:aws:s3:::reports", "arn:aws:s3:::reports/*"),
				}},
			}
			require.NoError(t, c.PutGroupPolicy(ctx, "readers", "read-reports", doc))

			// A user in it with two access keys.
			u, err := c.CreateUser(ctx, "alice", &iam.CreateUserOptions{Path: "/staff/"})
			require.NoError(t, err)
			assert.Equal(t, "arn:aws:iam::"+srv.AccountID()+":user/staff/alice", u.ARN)
			require.NoError(t, c.AddUserToGroup(ctx, "readers", "alice"))
			k1, err := c.CreateAccessKey(ctx, "alice")
			require.NoError(t, err)
			k2, err := c.CreateAccessKey(ctx, "alice")
			require.NoError(t, err)
			assert.NotEmpty(t, k1.Secret())
			assert.NotContains(t, k1.String(), k1.Secret())

			// Listing the keys gives both (boto issue 464 returned one).
			keys := collect(t, c.ListAccessKeysAll(ctx, "alice", nil))
			ids := []string{keys[0].AccessKeyID, keys[1].AccessKeyID}
			require.Len(t, keys, 2)
			assert.ElementsMatch(t, []string{k1.AccessKeyID, k2.AccessKeyID}, ids)

			// The same through the generic tree.
			resp, err := c.Call(ctx, "ListAccessKeys", iam.Params{"UserName": "alice"})
			require.NoError(t, err)
			assert.Len(t, resp.List("AccessKeyMetadata"), 2)
			assert.NotEmpty(t, resp.RequestID())

			// List and get everything.
			users := collect(t, c.ListUsersAll(ctx, nil))
			require.Len(t, users, 1)
			assert.Equal(t, "alice", users[0].UserName)
			got, err := c.GetUser(ctx, "alice")
			require.NoError(t, err)
			assert.Equal(t, u.UserID, got.UserID)
			gg, err := c.GetGroup(ctx, "readers", nil)
			require.NoError(t, err)
			require.Len(t, gg.Users, 1)
			assert.Equal(t, "alice", gg.Users[0].UserName)
			groups := collect(t, c.ListGroupsForUserAll(ctx, "alice", nil))
			require.Len(t, groups, 1)
			pol, err := c.GetGroupPolicy(ctx, "readers", "read-reports")
			require.NoError(t, err)
			assert.Equal(t, []string{"s3:GetObject", "s3:ListBucket"}, pol.Document.Statement[0].Action.Values)
			names := collect(t, c.ListGroupPoliciesAll(ctx, "readers", nil))
			assert.Equal(t, []string{"read-reports"}, names)

			// Deleting a user that still has keys is refused.
			err = c.DeleteUser(ctx, "alice")
			assert.ErrorIs(t, err, iam.ErrDeleteConflict)

			// Delete everything, in dependency order.
			for _, k := range []*iam.AccessKey{k1, k2} {
				require.NoError(t, c.DeleteAccessKey(ctx, "alice", k.AccessKeyID))
			}
			require.NoError(t, c.RemoveUserFromGroup(ctx, "readers", "alice"))
			require.NoError(t, c.DeleteUser(ctx, "alice"))
			require.NoError(t, c.DeleteGroupPolicy(ctx, "readers", "read-reports"))
			require.NoError(t, c.DeleteGroup(ctx, "readers"))

			_, err = c.GetUser(ctx, "alice")
			assert.True(t, iam.IsNotFound(err), "got %v", err)
			assert.Empty(t, collect(t, c.ListUsersAll(ctx, nil)))
			assert.Empty(t, collect(t, c.ListGroupsAll(ctx, nil)))
		})
	}
}

// TestIntegrationPolicyDeniesNonRoot signs as a user whose only policy
// allows reading users: reads work, writes answer AccessDenied.
func TestIntegrationPolicyDeniesNonRoot(t *testing.T) {
	ctx := context.Background()
	srv := iamtest.New(t)
	root := rootClient(t, srv)
	_, err := root.CreateUser(ctx, "auditor", nil)
	require.NoError(t, err)
	require.NoError(t, root.PutUserPolicyJSON(ctx, "auditor", "read-only",
		`{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":["iam:Get*","iam:List*"],"Resource":"*"}}`))
	key, err := root.CreateAccessKey(ctx, "auditor")
	require.NoError(t, err)

	auditor := keyClient(t, srv, key.AccessKeyID, key.Secret())
	me, err := auditor.GetUser(ctx, "")
	require.NoError(t, err)
	assert.Equal(t, "auditor", me.UserName, "GetUser with no name answers for the caller")
	_, err = auditor.ListUsers(ctx, nil)
	require.NoError(t, err)

	_, err = auditor.CreateUser(ctx, "mallory", nil)
	require.ErrorIs(t, err, iam.ErrAccessDenied)
	var ae *iam.APIError
	require.True(t, errors.As(err, &ae))
	assert.Equal(t, http.StatusForbidden, ae.StatusCode)

	// A wrong secret is refused as a bad signature.
	forged := keyClient(t, srv, key.AccessKeyID, "not-the-secret")
	_, err = forged.ListUsers(ctx, nil)
	assert.ErrorIs(t, err, iam.ErrSignatureDoesNotMatch)
}

// TestIntegrationRetriesThroughFaults drives the client against a server
// that throttles, fails and drops connections: retries make every call
// succeed, and nothing is created twice.
func TestIntegrationRetriesThroughFaults(t *testing.T) {
	ctx := context.Background()
	srv := iamtest.New(t, iamtest.WithFaults(iamtest.Faults{
		Seed: 7, ThrottleRate: 0.2, ServerErrorRate: 0.1, DropRate: 0.05,
	}))
	var retries countingHandler
	c := rootClient(t, srv, iam.WithLogger(slog.New(&retries)),
		iam.WithRetryPolicy(iam.RetryPolicy{MaxAttempts: 25, BaseDelay: time.Millisecond, MaxDelay: 5 * time.Millisecond}))
	want := []string{}
	for _, name := range []string{"u1", "u2", "u3", "u4", "u5", "u6", "u7", "u8"} {
		_, err := c.CreateUser(ctx, name, nil)
		// A dropped answer can hide a create that happened; the retry
		// then meets the user it made.
		if err != nil {
			require.ErrorIs(t, err, iam.ErrEntityAlreadyExists)
		}
		want = append(want, name)
	}
	var got []string
	for u, err := range c.ListUsersAll(ctx, &iam.ListUsersOptions{PageOptions: iam.PageOptions{MaxItems: 3}}) {
		require.NoError(t, err)
		got = append(got, u.UserName)
	}
	slices.Sort(got)
	assert.Equal(t, want, got)
	assert.Positive(t, retries.n.Load(), "the faults must have been met and retried")
}

// countingHandler counts the records logged through it.
type countingHandler struct{ n atomic.Int64 }

func (h *countingHandler) Enabled(context.Context, slog.Level) bool { return true }
func (h *countingHandler) Handle(context.Context, slog.Record) error {
	h.n.Add(1)
	return nil
}
func (h *countingHandler) WithAttrs([]slog.Attr) slog.Handler { return h }
func (h *countingHandler) WithGroup(string) slog.Handler      { return h }
