package main

import (
	"bytes"
	"context"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/iamkit/iam"
	"github.com/iamkit/iam/iamtest"
)

// ctl is a local server the environment points iamctl at, the way a user
// configures a real endpoint, and a library client to check the state
// each command leaves.
type ctl struct {
	t   *testing.T
	srv *iamtest.Server
	c   *iam.Client
}

// clearAWSEnv leaves no AWS setting from the machine running the tests.
func clearAWSEnv(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	for _, k := range []string{"AWS_ENDPOINT_URL_IAM", "AWS_ENDPOINT_URL", "AWS_ACCESS_KEY_ID", "AWS_ACCESS_KEY",
		"AWS_SECRET_ACCESS_KEY", "AWS_SECRET_KEY", "AWS_SESSION_TOKEN", "AWS_PROFILE", "AWS_DEFAULT_PROFILE",
		"AWS_REGION", "AWS_DEFAULT_REGION"} {
		t.Setenv(k, "")
	}
	t.Setenv("HOME", dir)
	t.Setenv("AWS_CONFIG_FILE", filepath.Join(dir, "config"))
	t.Setenv("AWS_SHARED_CREDENTIALS_FILE", filepath.Join(dir, "credentials"))
	t.Setenv("AWS_EC2_METADATA_DISABLED", "true")
	return dir
}

func newCtl(t *testing.T, opts ...iamtest.Option) *ctl {
	t.Helper()
	clearAWSEnv(t)
	srv := iamtest.New(t, opts...)
	ak, sk := srv.RootCredentials()
	t.Setenv("AWS_ENDPOINT_URL_IAM", srv.URL)
	t.Setenv("AWS_ACCESS_KEY_ID", ak)
	t.Setenv("AWS_SECRET_ACCESS_KEY", sk)
	c, err := iam.New(iam.WithEndpoint(srv.URL), iam.WithRegion(iamtest.Region),
		iam.WithCredentials(iam.StaticCredentials(ak, sk, "")),
		iam.WithRetryPolicy(iam.RetryPolicy{MaxAttempts: 10, BaseDelay: 1, MaxDelay: 1000}))
	require.NoError(t, err)
	return &ctl{t: t, srv: srv, c: c}
}

// run runs iamctl with args and returns the exit status, stdout and stderr.
func (x *ctl) run(args ...string) (int, string, string) {
	x.t.Helper()
	var out, errOut bytes.Buffer
	code := dispatch(context.Background(), args, &out, &errOut)
	return code, out.String(), errOut.String()
}

// ok runs iamctl and requires success, returning stdout.
func (x *ctl) ok(args ...string) string {
	x.t.Helper()
	code, out, errOut := x.run(args...)
	require.Equal(x.t, exitOK, code, "iamctl %v: %s", args, errOut)
	return out
}

// withStdin makes "-" read s for the rest of the test.
func withStdin(t *testing.T, s string) {
	old := stdin
	stdin = bytes.NewBufferString(s)
	t.Cleanup(func() { stdin = old })
}

// withClientOptions adds client options to every client iamctl builds.
func withClientOptions(t *testing.T, opts ...iam.Option) {
	old := clientOptions
	clientOptions = opts
	t.Cleanup(func() { clientOptions = old })
}
