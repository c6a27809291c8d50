package main

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/iamkit/iam/iamtest"
)

// TestRun creates a user on the local IAM server with credentials and
// endpoint from the environment only, as the program does in the field.
func TestRun(t *testing.T) {
	srv := iamtest.New(t)
	ak, sk := srv.RootCredentials()
	dir := t.TempDir()
	for k, v := range map[string]string{
		"AWS_ENDPOINT_URL_IAM":        srv.URL,
		"AWS_ACCESS_KEY_ID":           ak,
		"AWS_SECRET_ACCESS_KEY":       sk,
		"AWS_SESSION_TOKEN":           "",
		"AWS_REGION":                  "us-east-1",
		"AWS_PROFILE":                 "",
		"AWS_CONFIG_FILE":             filepath.Join(dir, "config"),
		"AWS_SHARED_CREDENTIALS_FILE": filepath.Join(dir, "credentials"),
		"AWS_EC2_METADATA_DISABLED":   "true",
	} {
		t.Setenv(k, v)
	}
	arn, err := run(context.Background(), "alice")
	require.NoError(t, err)
	assert.Equal(t, "arn:aws:iam::"+srv.AccountID()+":user/alice", arn)

	_, err = run(context.Background(), "alice")
	assert.ErrorContains(t, err, "EntityAlreadyExists")
}
