package apply

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/iamkit/iam"
	"github.com/iamkit/iam/iamtest"
)

func newClient(t *testing.T, srv *iamtest.Server, opts ...iam.Option) *iam.Client {
	t.Helper()
	ak, sk := srv.RootCredentials()
	c, err := iam.New(append([]iam.Option{iam.WithEndpoint(srv.URL), iam.WithRegion(iamtest.Region),
		iam.WithCredentials(iam.StaticCredentials(ak, sk, ""))}, opts...)...)
	require.NoError(t, err)
	return c
}

// fastRetries keeps fault-injection tests quick: many attempts, tiny delays.
var fastRetries = iam.WithRetryPolicy(iam.RetryPolicy{MaxAttempts: 10, BaseDelay: time.Millisecond, MaxDelay: 20 * time.Millisecond})

func summaries(p *Plan) []string {
	var out []string
	for _, ch := range p.Changes {
		out = append(out, ch.String())
	}
	return out
}

// applySpec plans and applies, returning what was planned and what was
// done (from the Done hook), which must be the same.
func applySpec(t *testing.T, c *iam.Client, s *Spec, opts Options) (planned, done []string, keys []*iam.AccessKey) {
	t.Helper()
	ctx := context.Background()
	p, err := MakePlan(ctx, c, s, opts)
	require.NoError(t, err)
	err = Apply(ctx, c, p, &Hooks{
		Done:      func(_ int, ch Change) { done = append(done, ch.String()) },
		AccessKey: func(k *iam.AccessKey) { keys = append(keys, k) },
	})
	require.NoError(t, err)
	return summaries(p), done, keys
}

func TestApplySmallSpec(t *testing.T) {
	srv := iamtest.New(t)
	c := newClient(t, srv)
	ctx := context.Background()
	s := readSpec(t, "small.yaml")

	planned, done, keys := applySpec(t, c, s, Options{})
	assert.Equal(t, planned, done, "apply makes exactly the planned changes")
	assert.Equal(t, []string{
		"+ create managed policy ReadReports",
		"+ create group Admins",
		"+ put inline policy AllowIAM of group Admins",
		"+ create group Analysts",
		"+ attach managed policy ReadReports to group Analysts",
		"+ create user alice",
		"+ add user alice to group Admins",
		"+ create access key 1 of 1 for user alice",
		"+ create user bob",
		"+ add user bob to group Analysts",
		"+ create user carol",
		"+ put inline policy OwnKeys of user carol",
		"+ add user carol to group Analysts",
		"+ create role app",
		"+ attach managed policy ReadReports to role app",
		"+ create instance profile app",
		"+ add role app to instance profile app",
	}, planned)
	require.Len(t, keys, 1)
	assert.NotEmpty(t, keys[0].Secret())
	checkState(t, c, s)

	// Second run: nothing to do, with YAML or with the JSON that says
	// the same in other words.
	for _, f := range []string{"small.yaml", "small.json"} {
		p, err := MakePlan(ctx, c, readSpec(t, f), Options{Prune: true})
		require.NoError(t, err)
		assert.Empty(t, summaries(p), f)
	}
}

func TestApplyUpdatesByMeaning(t *testing.T) {
	srv := iamtest.New(t)
	c := newClient(t, srv)
	ctx := context.Background()
	s := readSpec(t, "small.yaml")
	applySpec(t, c, s, Options{})

	// Change the meaning of the managed policy, the group's inline policy
	// and the role's trust; move bob.
	s.Policies[0].Document = Document{JSON: `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::reports/*"}]}`}
	s.Groups[0].Policies[0].Document = Document{JSON: `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iam:Get*","Resource":"*"}]}`}
	s.Roles[0].TrustPolicy = Document{JSON: `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"lambda.amazonaws.com"},"Action":"sts:AssumeRole"}]}`}
	s.Users[1].Path = "/"
	planned, done, _ := applySpec(t, c, s, Options{})
	assert.Equal(t, planned, done)
	assert.Equal(t, []string{
		"~ update managed policy ReadReports (new default version)",
		"~ update inline policy AllowIAM of group Admins",
		"~ move user bob from path /analysts/ to /",
		"~ update the trust policy of role app",
	}, planned)
	checkState(t, c, s)

	// Six more versions: the oldest non-default ones give way to IAM's
	// limit of five.
	for i := range 6 {
		s.Policies[0].Document = Document{JSON: fmt.Sprintf(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::r%d/*"}]}`, i)}
		applySpec(t, c, s, Options{})
	}
	checkState(t, c, s)
	p, err := MakePlan(ctx, c, s, Options{})
	require.NoError(t, err)
	assert.Empty(t, summaries(p))
}

func TestApplyPrune(t *testing.T) {
	srv := iamtest.New(t)
	c := newClient(t, srv)
	ctx := context.Background()
	s := readSpec(t, "small.yaml")
	applySpec(t, c, s, Options{})

	// Things the spec does not declare, some of them blocking deletion.
	_, err := c.CreateUser(ctx, "stray", nil)
	require.NoError(t, err)
	_, err = c.CreateAccessKey(ctx, "stray")
	require.NoError(t, err)
	require.NoError(t, c.AddUserToGroup(ctx, "Admins", "stray"))
	require.NoError(t, c.PutUserPolicyJSON(ctx, "bob", "Extra", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}`))
	_, err = c.CreateAccessKey(ctx, "alice") // a second key; the spec says one
	require.NoError(t, err)

	// Without --prune they stay.
	p, err := MakePlan(ctx, c, s, Options{})
	require.NoError(t, err)
	assert.Empty(t, summaries(p))

	// Drop carol, the Analysts' managed policy link, the role and its
	// profile from the spec.
	s.Users = slices.DeleteFunc(s.Users, func(u User) bool { return u.Name == "carol" })
	s.Groups[1].ManagedPolicies = nil
	s.Roles, s.InstanceProfiles = nil, nil
	planned, done, _ := applySpec(t, c, s, Options{Prune: true})
	assert.Equal(t, planned, done)
	for _, want := range []string{
		"- delete inline policy Extra of user bob",
		"- detach managed policy arn:aws:iam::123456789012:policy/ReadReports from group Analysts",
		"- delete instance profile app (after removing role app)",
		"- delete role app (with its policies and instance profile links)",
		"- delete user carol (with its keys, password, MFA devices, policies and memberships)",
		"- delete user stray (with its keys, password, MFA devices, policies and memberships)",
	} {
		assert.Contains(t, planned, want)
	}
	assert.True(t, slices.ContainsFunc(planned, func(s string) bool {
		return strings.HasPrefix(s, "- delete access key ") && strings.HasSuffix(s, " of user alice")
	}), "alice's surplus key is deleted")
	checkState(t, c, s)
	_, err = c.GetInstanceProfile(ctx, "app")
	assert.True(t, iam.IsNotFound(err))

	p, err = MakePlan(ctx, c, s, Options{Prune: true})
	require.NoError(t, err)
	assert.Empty(t, summaries(p), "a second pruning apply finds nothing")
}

// TestApplyStopsAndResumes: a change that fails stops apply, naming it;
// applying again completes from the state left.
func TestApplyStopsAndResumes(t *testing.T) {
	srv := iamtest.New(t, iamtest.WithFaults(iamtest.Faults{Seed: 7, ThrottleRate: 0.3}))
	noRetry := newClient(t, srv, iam.WithRetryPolicy(iam.RetryPolicy{MaxAttempts: 1}))
	ctx := context.Background()
	s := readSpec(t, "small.yaml")

	var failed *ChangeError
	for range 20 { // the plan's reads may be throttled too
		p, err := MakePlan(ctx, noRetry, s, Options{})
		if err != nil {
			continue
		}
		err = Apply(ctx, noRetry, p, nil)
		if err != nil {
			require.ErrorAs(t, err, &failed)
			assert.Contains(t, err.Error(), fmt.Sprintf("change %d of %d (%s) failed", failed.Index+1, failed.Total, failed.Change.Summary))
			assert.True(t, iam.ErrorCode(err) == iam.CodeThrottling)
			break
		}
	}
	require.NotNil(t, failed, "some change should have been throttled")

	c := newClient(t, srv, fastRetries)
	applySpec(t, c, s, Options{})
	checkState(t, c, s)
}

func TestApplyUnderFaults(t *testing.T) {
	if testing.Short() {
		t.Skip("large spec")
	}
	srv := iamtest.New(t, iamtest.WithFaults(iamtest.Faults{Seed: 42, ThrottleRate: 0.20, DropRate: 0.05}))
	c := newClient(t, srv, fastRetries)
	s := largeSpec(200, 20, 50)
	require.NoError(t, s.Check())

	planned, done, keys := applySpec(t, c, s, Options{})
	assert.Equal(t, planned, done)
	assert.Len(t, keys, 20)
	checkState(t, c, s)

	p, err := MakePlan(context.Background(), c, s, Options{Prune: true})
	require.NoError(t, err)
	assert.Empty(t, summaries(p), "second run: no changes")
}

// largeSpec declares users, groups and managed policies: each group has
// an inline policy and two or three managed ones, each user one or two
// groups, every fifth user an inline policy, every tenth an access key.
func largeSpec(users, groups, policies int) *Spec {
	s := &Spec{}
	for i := range policies {
		s.Policies = append(s.Policies, ManagedPolicy{
			Name: fmt.Sprintf("policy-%02d", i), Path: "/load/",
			Document: Document{JSON: fmt.Sprintf(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:GetObject"],"Resource":"arn:aws:s3:::bucket-%d/*"}]}`, i)},
		})
	}
	for i := range groups {
		g := Group{Name: fmt.Sprintf("group-%02d", i),
			Policies: []InlinePolicy{{Name: "inline", Document: Document{JSON: fmt.Sprintf(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"sqs:SendMessage","Resource":"arn:aws:sqs:us-east-1:123456789012:q%d"}]}`, i)}}}}
		for j := range 2 + i%2 {
			g.ManagedPolicies = append(g.ManagedPolicies, fmt.Sprintf("policy-%02d", (i*3+j)%policies))
		}
		s.Groups = append(s.Groups, g)
	}
	for i := range users {
		u := User{Name: fmt.Sprintf("user-%03d", i), Groups: []string{fmt.Sprintf("group-%02d", i%groups)}}
		if i%3 == 0 {
			u.Groups = append(u.Groups, fmt.Sprintf("group-%02d", (i+7)%groups))
		}
		if i%5 == 0 {
			u.Policies = []InlinePolicy{{Name: "self", Document: Document{JSON: `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iam:GetUser","Resource":"arn:aws:iam::*:user/${aws:username}"}]}`}}}
		}
		if i%10 == 0 {
			one := 1
			u.AccessKeys = &one
		}
		s.Users = append(s.Users, u)
	}
	return s
}
