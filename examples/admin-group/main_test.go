package main

import (
	"bytes"
	"testing"

	"github.com/iamkit/iam/examples/internal/exampletest"
	"github.com/iamkit/iam/examples/internal/scenarios"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestAdminGroup(t *testing.T) {
	_, c := exampletest.Configure(t)
	want := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["iam:*"],"Resource":"*"}]}`
	check := func(t *testing.T) {
		assert.Equal(t, []string{scenarios.AdminUserName}, exampletest.GroupMembers(t, c, scenarios.AdminGroupName))
		assert.JSONEq(t, want, exampletest.GroupPolicy(t, c, scenarios.AdminGroupName, scenarios.AdminPolicyName))
	}

	var out, errOut bytes.Buffer
	require.Equal(t, 0, run(nil, &out, &errOut), errOut.String())
	assert.Contains(t, out.String(), "Using the IAM endpoint ")
	assert.Contains(t, out.String(), "created group Admins")
	check(t)

	out.Reset()
	require.Equal(t, 0, run(nil, &out, &errOut), errOut.String())
	assert.Contains(t, out.String(), "reused group Admins")
	assert.Contains(t, out.String(), "reused user Alice")
	assert.NotContains(t, out.String(), "  created ")
	check(t)

	for range 2 { // a second cleanup finds nothing and succeeds
		out.Reset()
		require.Equal(t, 0, run([]string{"--cleanup"}, &out, &errOut), errOut.String())
	}
	exampletest.Empty(t, c)
}

func TestAdminGroupBadFlag(t *testing.T) {
	exampletest.Unconfigure(t)
	var out, errOut bytes.Buffer
	assert.Equal(t, 2, run([]string{"--nope"}, &out, &errOut))
	assert.Contains(t, errOut.String(), "nope")
}
