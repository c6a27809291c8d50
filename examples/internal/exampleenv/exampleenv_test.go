package exampleenv

import (
	"bytes"
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/iamkit/iam"
	"github.com/iamkit/iam/examples/internal/exampletest"
	"github.com/iamkit/iam/iamtest"
)

func TestSetupWithEndpointFlagAndProfile(t *testing.T) {
	exampletest.Unconfigure(t)
	srv := iamtest.New(t)
	ak, sk := srv.RootCredentials()
	dir := t.TempDir()
	creds := filepath.Join(dir, "credentials")
	require.NoError(t, os.WriteFile(creds, []byte("[demo]\naws_access_key_id = "+ak+"\naws_secret_access_key = "+sk+"\n"), 0o600))
	t.Setenv("AWS_SHARED_CREDENTIALS_FILE", creds)

	var out bytes.Buffer
	env, err := Setup("demo", []string{"--endpoint", srv.URL, "--profile", "demo", "--region", "eu-west-1", "--cleanup"}, &out, io.Discard)
	require.NoError(t, err)
	defer env.Close()
	assert.False(t, env.Local)
	assert.True(t, env.Cleanup)
	assert.Equal(t, "eu-west-1", env.Client.Region())
	assert.Equal(t, "Using the IAM endpoint "+srv.URL+"/ (region eu-west-1).\n", out.String())
	_, err = env.Client.CreateUser(context.Background(), "through-profile", nil)
	assert.NoError(t, err)
}

func TestSetupStartsLocalServerWhenNothingIsConfigured(t *testing.T) {
	exampletest.Unconfigure(t)
	var out bytes.Buffer
	env, err := Setup("demo", nil, &out, io.Discard, iam.WithRetryPolicy(iam.RetryPolicy{MaxAttempts: 1}))
	require.NoError(t, err)
	assert.True(t, env.Local)
	assert.Regexp(t, `^Using the built-in local IAM server at http://127\.0\.0\.1:\d+ \(no endpoint configured\)\.\n$`, out.String())
	_, err = env.Client.CreateUser(context.Background(), "u", nil)
	require.NoError(t, err)
	env.Close()
	_, err = env.Client.GetUser(context.Background(), "u")
	assert.Error(t, err, "Close stops the server")
}

func TestMain(t *testing.T) {
	exampletest.Unconfigure(t)
	var out, errOut bytes.Buffer
	ran := false
	code := Main("demo", []string{"--cleanup"}, &out, &errOut, func(ctx context.Context, env *Env, w io.Writer) error {
		ran = env.Cleanup
		return nil
	}, iam.WithRetryPolicy(iam.RetryPolicy{MaxAttempts: 1}))
	assert.Equal(t, 0, code)
	assert.True(t, ran)

	assert.Equal(t, 1, Main("demo", nil, &out, &errOut, func(context.Context, *Env, io.Writer) error { return errors.New("boom") }))
	assert.Contains(t, errOut.String(), "demo: boom")
	assert.Equal(t, 2, Main("demo", []string{"extra"}, &out, &errOut, nil))
	assert.Equal(t, 0, Main("demo", []string{"-h"}, &out, &errOut, nil))
}

// AWS's own IAM endpoints imply their signing region (the global one
// signs for us-east-1, which IAM requires); AWS_REGION and the profile's
// region apply to other endpoints only, and --region wins over all.
func TestSetupRegion(t *testing.T) {
	tests := map[string]struct {
		args   []string
		region string
		want   string
	}{
		"global endpoint, AWS_REGION set": {[]string{"--endpoint", "https://iam.amazonaws.com"}, "eu-west-1", "us-east-1"},
		"China endpoint, AWS_REGION set":  {[]string{"--endpoint", "https://iam.cn-north-1.amazonaws.com.cn"}, "eu-west-1", "cn-north-1"},
		"custom endpoint, AWS_REGION set": {[]string{"--endpoint", "http://127.0.0.1:9"}, "eu-west-1", "eu-west-1"},
		"explicit region wins":            {[]string{"--endpoint", "https://iam.amazonaws.com", "--region", "eu-central-1"}, "eu-west-1", "eu-central-1"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			exampletest.Unconfigure(t)
			t.Setenv("AWS_REGION", tc.region)
			env, err := Setup("demo", tc.args, io.Discard, io.Discard)
			require.NoError(t, err)
			defer env.Close()
			assert.Equal(t, tc.want, env.Client.Region())
		})
	}
}

// A profile named on the command line is configuration: the example runs
// against IAM with it, not silently against the local server.
func TestSetupProfileFlagWithoutEndpointUsesIAM(t *testing.T) {
	exampletest.Unconfigure(t)
	dir := t.TempDir()
	creds := filepath.Join(dir, "credentials")
	require.NoError(t, os.WriteFile(creds, []byte("[prod]\naws_access_key_id = AKIAEXAMPLEEXAMPLE00\naws_secret_access_key = secretsecretsecretsecretsecretsecret0000\n"), 0o600))
	t.Setenv("AWS_SHARED_CREDENTIALS_FILE", creds)

	var out bytes.Buffer
	env, err := Setup("demo", []string{"--profile", "prod"}, &out, io.Discard)
	require.NoError(t, err)
	defer env.Close()
	assert.False(t, env.Local)
	assert.Equal(t, iam.DefaultEndpoint, env.Client.Endpoint())
	assert.Equal(t, "us-east-1", env.Client.Region())
	assert.Equal(t, "Using the IAM endpoint "+iam.DefaultEndpoint+" (region us-east-1).\n", out.String())
}
