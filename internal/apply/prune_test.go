package apply

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/iamkit/iam"
	"github.com/iamkit/iam/iamtest"
)

// --prune must not plan to delete the IAM user whose credentials run it:
// the run would cut its own access part-way and leave an account that
// nobody may be able to administer. Declaring the user, or running as
// another identity, is the way through.
func TestPruneRefusesToDeleteTheCaller(t *testing.T) {
	srv := iamtest.New(t)
	root := newClient(t, srv)
	ctx := context.Background()
	_, err := root.CreateUser(ctx, "ops", nil)
	require.NoError(t, err)
	require.NoError(t, root.PutUserPolicyJSON(ctx, "ops", "admin", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}`))
	k, err := root.CreateAccessKey(ctx, "ops")
	require.NoError(t, err)
	ops, err := iam.New(iam.WithEndpoint(srv.URL), iam.WithRegion("us-east-1"),
		iam.WithCredentials(iam.StaticCredentials(k.AccessKeyID, k.Secret(), "")))
	require.NoError(t, err)

	s := &Spec{Users: []User{{Name: "alice"}}}
	_, err = MakePlan(ctx, ops, s, Options{Prune: true})
	require.Error(t, err)
	assert.Contains(t, err.Error(), `user ops`)
	assert.Contains(t, err.Error(), "credentials this run uses")

	// Declared (with its policy), the caller stays; without --prune it
	// is never at risk.
	s.Users = append(s.Users, User{Name: "ops", Policies: []InlinePolicy{{Name: "admin",
		Document: Document{JSON: `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}`}}}})
	p, err := MakePlan(ctx, ops, s, Options{Prune: true})
	require.NoError(t, err)
	assert.Equal(t, []string{"+ create user alice"}, summaries(p))
	_, err = MakePlan(ctx, ops, &Spec{}, Options{})
	require.NoError(t, err)

	// The root identity is no IAM user: pruning as root is not refused.
	_, err = MakePlan(ctx, root, &Spec{}, Options{Prune: true})
	require.NoError(t, err)
}
