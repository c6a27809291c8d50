package main

import (
	"bytes"
	"testing"

	"github.com/iamkit/iam/examples/internal/exampletest"
	"github.com/iamkit/iam/examples/internal/scenarios"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestEC2S3Group(t *testing.T) {
	_, c := exampletest.Configure(t)
	var out, errOut bytes.Buffer
	require.Equal(t, 0, run(nil, &out, &errOut), errOut.String())
	assert.Equal(t, []string{"Bob"}, exampletest.GroupMembers(t, c, scenarios.EC2S3GroupName))
	assert.JSONEq(t, `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["ec2:*","s3:*"],"Resource":"*"}]}`,
		exampletest.GroupPolicy(t, c, scenarios.EC2S3GroupName, scenarios.EC2S3PolicyName))
	keys := exampletest.AccessKeys(t, c, "Bob")
	require.Len(t, keys, 1)
	assert.Contains(t, out.String(), "created access key "+keys[0])
	assert.Contains(t, out.String(), "secret access key (shown once")

	// The second run reuses Bob's key: no second key, no secret printed.
	out.Reset()
	require.Equal(t, 0, run(nil, &out, &errOut), errOut.String())
	assert.Equal(t, keys, exampletest.AccessKeys(t, c, "Bob"))
	assert.Contains(t, out.String(), "reused access key "+keys[0])
	assert.NotContains(t, out.String(), "secret access key (shown once")
	assert.Equal(t, []string{"Bob"}, exampletest.GroupMembers(t, c, scenarios.EC2S3GroupName))

	out.Reset()
	require.Equal(t, 0, run([]string{"--cleanup"}, &out, &errOut), errOut.String())
	assert.Contains(t, out.String(), "deleted user Bob with its access keys")
	exampletest.Empty(t, c)
}
