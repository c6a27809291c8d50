package main

import (
	"context"
	"encoding/json"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/iamkit/iam"
	"github.com/iamkit/iam/iamtest"
	"github.com/iamkit/iam/internal/apply"
)

// planLines returns the change lines of plan's table output.
func planLines(out string) []string {
	var lines []string
	for l := range strings.Lines(out) {
		if l[0] == '+' || l[0] == '~' || l[0] == '-' {
			lines = append(lines, strings.TrimSuffix(l, "\n"))
		}
	}
	return lines
}

var progressLine = regexp.MustCompile(`(?m)^iamctl apply: \[(\d+)/(\d+)\] (.*)$`)

func TestPlanAndApply(t *testing.T) {
	x := newCtl(t)
	ctx := context.Background()

	plan := x.ok("plan", "testdata/small.yaml")
	planned := planLines(plan)
	require.Len(t, planned, 17)
	assert.Contains(t, plan, "Plan: 17 changes (17 to create, 0 to update, 0 to delete).")
	n := 0
	for _, err := range x.c.ListUsersAll(ctx, nil) {
		require.NoError(t, err)
		n++
	}
	assert.Zero(t, n, "plan changes nothing")

	code, out, errOut := x.run("apply", "testdata/small.yaml")
	require.Equal(t, exitOK, code, errOut)
	// Not a terminal: one progress line per change, the plan's changes
	// in the plan's order.
	var applied []string
	for _, m := range progressLine.FindAllStringSubmatch(errOut, -1) {
		assert.Equal(t, "17", m[2])
		applied = append(applied, m[3])
	}
	assert.Equal(t, planned, applied)
	assert.Regexp(t, `created access key AKIA\w+ for user alice; secret access key \(shown once\): \S{40}\n`, out)
	assert.Contains(t, out, "Apply complete: 17 changes")
	g, err := x.c.GetGroup(ctx, "Analysts", nil)
	require.NoError(t, err)
	assert.Len(t, g.Users, 2)
	_, err = x.c.GetInstanceProfile(ctx, "app")
	assert.NoError(t, err)

	// A second apply, of the same spec in JSON, has nothing to do.
	out = x.ok("apply", "testdata/small.json", "--prune")
	assert.Equal(t, "No changes: the account matches the spec.\n", out)
	var js []changeJSON
	require.NoError(t, json.Unmarshal([]byte(x.ok("plan", "testdata/small.yaml", "--output", "json")), &js))
	assert.Empty(t, js)
}

func TestApplyPruneFromStdin(t *testing.T) {
	x := newCtl(t)
	ctx := context.Background()
	x.ok("apply", "testdata/small.yaml")
	withStdin(t, "users:\n  - name: alice\n    access_keys: 1\n")
	out := x.ok("plan", "-", "--prune")
	planned := planLines(out)
	for _, want := range []string{"- delete user bob", "- delete group Analysts", "- delete role app", "- delete managed policy ReadReports", "- delete instance profile app"} {
		assert.Contains(t, out, want)
	}
	withStdin(t, "users:\n  - name: alice\n    access_keys: 1\n")
	code, out, errOut := x.run("apply", "-", "--prune", "--output", "json")
	require.Equal(t, exitOK, code, errOut)
	var res struct {
		Changes    int
		AccessKeys []newKeyJSON
	}
	require.NoError(t, json.Unmarshal([]byte(out), &res))
	assert.Equal(t, len(planned), res.Changes, "apply made what plan showed")
	assert.Empty(t, res.AccessKeys, "alice keeps her key")
	var users []string
	for u, err := range x.c.ListUsersAll(ctx, nil) {
		require.NoError(t, err)
		users = append(users, u.UserName)
	}
	assert.Equal(t, []string{"alice"}, users)
	assert.Len(t, keyIDs(t, x.c, "alice"), 1)
}

// A spec with a problem is refused with exit status 5 before the account
// is read, so nothing changes.
func TestApplyRefusesBadSpecs(t *testing.T) {
	x := newCtl(t)
	for file, want := range map[string]string{
		"testdata/unknown-field.yaml": "field grops not found",
		"testdata/bad-policy.json":    `group "Admins": inline policy "p"`,
		"testdata/missing.yaml":       "no such file",
	} {
		for _, cmd := range []string{"plan", "apply"} {
			code, out, errOut := x.run(cmd, file)
			if file == "testdata/missing.yaml" {
				assert.Equal(t, exitOther, code, errOut)
			} else {
				assert.Equal(t, exitInvalid, code, errOut)
			}
			assert.Empty(t, out)
			assert.Contains(t, errOut, want)
		}
	}
	for _, err := range x.c.ListUsersAll(context.Background(), nil) {
		require.NoError(t, err)
		t.Fatal("a refused spec created a user")
	}
	code, _, _ := x.run("apply")
	assert.Equal(t, exitUsage, code)
}

// A change that fails stops apply, which names it; apply again completes.
func TestApplyFailureNamesTheChangeAndReRunCompletes(t *testing.T) {
	x := newCtl(t, iamtest.WithFaults(iamtest.Faults{Seed: 3, ThrottleRate: 0.25}))
	withClientOptions(t, iam.WithRetryPolicy(iam.RetryPolicy{MaxAttempts: 1}))
	var errOut string
	code := exitOK
	for range 20 {
		if code, _, errOut = x.run("apply", "testdata/small.yaml"); strings.Contains(errOut, "stopped at change") {
			break
		}
	}
	require.NotEqual(t, exitOK, code)
	assert.Regexp(t, `iamctl apply: \d+ of 17 changes made; stopped at change \d+: [+~-] \w+`, errOut)
	assert.Contains(t, errOut, "Throttling")
	assert.Contains(t, errOut, "run apply again")

	withClientOptions(t, iam.WithRetryPolicy(iam.RetryPolicy{MaxAttempts: 10, BaseDelay: time.Millisecond, MaxDelay: 5 * time.Millisecond}))
	x.ok("apply", "testdata/small.yaml")
	assert.Equal(t, "No changes: the account matches the spec.\n", x.ok("plan", "testdata/small.yaml"))
	assert.Len(t, keyIDs(t, x.c, "alice"), 1, "no key too many after the interrupted run")
}

func TestProgressBar(t *testing.T) {
	var b strings.Builder
	p := newProgress(&b, true)
	p.start(4)
	p.done(0, apply.Change{Op: apply.Create, Summary: "create user alice"})
	p.done(3, apply.Change{Op: apply.Create, Summary: "create user bob"})
	p.finish()
	assert.Equal(t, "\r\033[K[#######                       ] 1/4 create user alice\r\033[K[##############################] 4/4 create user bob\n", b.String())
}

// A change refused for good (here a managed policy that does not exist)
// is not presented as something a plain re-run completes: the cause must
// be fixed first, and the exit status says what kind of failure it was.
func TestApplyPermanentFailureSaysToFixTheCause(t *testing.T) {
	x := newCtl(t)
	withStdin(t, "users:\n  - name: alice\n    managed_policies: [arn:aws:iam::aws:policy/NoSuchPolicy]\n")
	code, _, errOut := x.run("apply", "-")
	assert.Equal(t, exitNotFound, code, errOut)
	assert.Contains(t, errOut, "stopped at change 2: + attach managed policy arn:aws:iam::aws:policy/NoSuchPolicy to user alice")
	assert.NotContains(t, errOut, "iamctl apply: run apply again")
	assert.Contains(t, errOut, "fix the cause")
}
