package main

import (
	"bytes"
	"testing"

	"github.com/iamkit/iam/examples/internal/exampletest"
	"github.com/iamkit/iam/examples/internal/scenarios"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestBucketAccess(t *testing.T) {
	_, c := exampletest.Configure(t)
	var out, errOut bytes.Buffer
	require.Equal(t, 0, run(nil, &out, &errOut), errOut.String())
	doc := exampletest.UserPolicy(t, c, scenarios.BucketUserName, scenarios.BucketPolicyName)
	assert.Contains(t, doc, `"Resource":"arn:aws:s3:::example-bucket"`)
	assert.Contains(t, doc, `"Resource":"arn:aws:s3:::example-bucket/*"`)
	assert.Contains(t, out.String(), "s3:ListBucket     on arn:aws:s3:::example-bucket ")
	assert.Contains(t, out.String(), "s3:ListBucket     on arn:aws:s3:::other-bucket ")
	assert.Equal(t, 1, bytes.Count(out.Bytes(), []byte("denied (implicitDeny)")))

	out.Reset()
	require.Equal(t, 0, run(nil, &out, &errOut), errOut.String())
	assert.Contains(t, out.String(), "reused user BucketUser")
	assert.Contains(t, out.String(), "already has inline policy")
	assert.Equal(t, doc, exampletest.UserPolicy(t, c, scenarios.BucketUserName, scenarios.BucketPolicyName))

	require.Equal(t, 0, run([]string{"--cleanup"}, &out, &errOut), errOut.String())
	exampletest.Empty(t, c)
}
