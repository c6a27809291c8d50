package main

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/iamkit/iam/examples/internal/exampletest"
	"github.com/iamkit/iam/examples/internal/scenarios"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestQuickstartNothingConfigured is the README's promise: on a machine
// with no AWS configuration it starts its own server, says so first, runs
// every scenario and exits 0.
func TestQuickstartNothingConfigured(t *testing.T) {
	exampletest.Unconfigure(t)
	var out, errOut bytes.Buffer
	require.Equal(t, 0, run(nil, &out, &errOut), errOut.String())
	first, _, _ := strings.Cut(out.String(), "\n")
	assert.Regexp(t, `^Using the built-in local IAM server at http://127\.0\.0\.1:\d+ \(no endpoint configured\)\.$`, first)
	for _, s := range scenarios.All() {
		assert.Contains(t, out.String(), s.Name+": "+s.Summary)
	}
	assert.Contains(t, out.String(), "7 simulated decisions, each as expected")
	assert.Empty(t, errOut.String())
}

func TestQuickstartAgainstEndpoint(t *testing.T) {
	_, c := exampletest.Configure(t)
	ctx := context.Background()
	var out, errOut bytes.Buffer
	require.Equal(t, 0, run(nil, &out, &errOut), errOut.String())

	check := func(t *testing.T) {
		for g, u := range map[string]string{
			scenarios.AdminGroupName: scenarios.AdminUserName,
			scenarios.EC2S3GroupName: scenarios.EC2S3UserName,
			scenarios.SDBGroupName:   scenarios.SDBUserName,
		} {
			assert.Equal(t, []string{u}, exampletest.GroupMembers(t, c, g))
		}
		assert.Len(t, exampletest.AccessKeys(t, c, scenarios.EC2S3UserName), 1)
		assert.Len(t, exampletest.AccessKeys(t, c, scenarios.SDBUserName), 1)
		_, err := c.GetUser(ctx, scenarios.BucketUserName)
		assert.NoError(t, err)
		var users int
		for _, err := range c.ListUsersAll(ctx, nil) {
			require.NoError(t, err)
			users++
		}
		assert.Equal(t, 4, users, "only the users the report names")
	}
	check(t)

	out.Reset()
	require.Equal(t, 0, run(nil, &out, &errOut), errOut.String())
	assert.NotContains(t, out.String(), "  created ")
	check(t)

	out.Reset()
	require.Equal(t, 0, run([]string{"--cleanup"}, &out, &errOut), errOut.String())
	assert.Contains(t, out.String(), "Cleaned up 4 users and 3 groups.")
	exampletest.Empty(t, c)
}
