package main

import (
	"flag"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/iamkit/iam"
	"github.com/iamkit/iam/iamtest"
)

// TestConfigFromSharedFiles: with --profile, the endpoint, region and keys
// come from ~/.aws/config and ~/.aws/credentials, as the AWS CLI reads
// them; keys in the environment do not override a profile named on the
// command line.
func TestConfigFromSharedFiles(t *testing.T) {
	dir := clearAWSEnv(t)
	srv := iamtest.New(t)
	ak, sk := srv.RootCredentials()
	require.NoError(t, os.WriteFile(filepath.Join(dir, "config"),
		[]byte("[profile local]\nregion = eu-west-1\nendpoint_url = "+srv.URL+"\n"), 0o600))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "credentials"),
		[]byte("[local]\naws_access_key_id = "+ak+"\naws_secret_access_key = "+sk+"\n"), 0o600))
	t.Setenv("AWS_ACCESS_KEY_ID", "AKIAWRONGWRONGWRONG0")
	t.Setenv("AWS_SECRET_ACCESS_KEY", "wrong")

	x := &ctl{t: t, srv: srv}
	x.ok("user", "create", "alice", "--profile", "local")
	t.Setenv("AWS_PROFILE", "local")
	code, _, errOut := x.run("user", "get", "alice")
	assert.Equal(t, exitDenied, code, "without --profile the environment's keys win: %s", errOut)
	assert.Contains(t, errOut, "InvalidClientTokenId")

	// --endpoint-url beats the profile's endpoint (nothing listens there;
	// one attempt is enough to see where the request went).
	withClientOptions(t, iam.WithRetryPolicy(iam.RetryPolicy{MaxAttempts: 1}))
	code, _, errOut = x.run("user", "get", "alice", "--profile", "local", "--endpoint-url", "http://127.0.0.1:1/")
	assert.Equal(t, exitOther, code, errOut)
	assert.Contains(t, errOut, "127.0.0.1:1")

	code, _, errOut = x.run("user", "list", "--profile", "nosuch")
	assert.Equal(t, exitOther, code)
	assert.Contains(t, errOut, "nosuch")
}

func TestClientRegionAndEndpoint(t *testing.T) {
	clearAWSEnv(t)
	t.Setenv("AWS_ENDPOINT_URL", "http://127.0.0.1:9/")
	tests := map[string]struct {
		args           []string
		env            map[string]string
		endpoint, want string
	}{
		"general endpoint variable":  {nil, nil, "http://127.0.0.1:9/", "us-east-1"},
		"IAM endpoint variable wins": {nil, map[string]string{"AWS_ENDPOINT_URL_IAM": "http://127.0.0.1:8/"}, "http://127.0.0.1:8/", "us-east-1"},
		"flag wins":                  {[]string{"--endpoint-url", "http://127.0.0.1:7/", "--region", "ap-south-1"}, map[string]string{"AWS_ENDPOINT_URL_IAM": "http://127.0.0.1:8/", "AWS_REGION": "eu-west-3"}, "http://127.0.0.1:7/", "ap-south-1"},
		"region from environment":    {nil, map[string]string{"AWS_DEFAULT_REGION": "eu-north-1"}, "http://127.0.0.1:9/", "eu-north-1"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			for k, v := range tc.env {
				t.Setenv(k, v)
			}
			fs := flag.NewFlagSet("t", flag.ContinueOnError)
			fs.SetOutput(io.Discard)
			g := addGlobalFlags(fs)
			require.NoError(t, fs.Parse(tc.args))
			c, err := g.client()
			require.NoError(t, err)
			assert.Equal(t, tc.endpoint, c.Endpoint())
			assert.Equal(t, tc.want, c.Region())
		})
	}
}

func TestParseInterleaved(t *testing.T) {
	tests := map[string]struct {
		args []string
		pos  []string
		path string
	}{
		"flags first":   {[]string{"--path", "/a/", "x", "y"}, []string{"x", "y"}, "/a/"},
		"flags between": {[]string{"x", "--path=/a/", "y"}, []string{"x", "y"}, "/a/"},
		"flags last":    {[]string{"x", "y", "--path", "/a/"}, []string{"x", "y"}, "/a/"},
		"double dash":   {[]string{"x", "--", "--path", "/a/"}, []string{"x", "--path", "/a/"}, ""},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			fs := flag.NewFlagSet("t", flag.ContinueOnError)
			path := fs.String("path", "", "")
			pos, err := parseInterleaved(fs, tc.args)
			require.NoError(t, err)
			assert.Equal(t, tc.pos, pos)
			assert.Equal(t, tc.path, *path)
		})
	}
}

// IAM's own endpoints name their signing region (the global one signs
// for us-east-1 whatever region the machine is set to, as the AWS CLI
// does); the environment's and profile's region only apply to other
// endpoints. An explicit --region still wins.
func TestRegionOfAWSEndpointsBeatsTheEnvironment(t *testing.T) {
	tests := map[string]struct {
		args     []string
		env      map[string]string
		config   string
		want     string
		endpoint string
	}{
		"default endpoint, AWS_REGION":         {nil, map[string]string{"AWS_REGION": "eu-west-1"}, "", "us-east-1", iam.DefaultEndpoint},
		"default endpoint, AWS_DEFAULT_REGION": {nil, map[string]string{"AWS_DEFAULT_REGION": "eu-west-1"}, "", "us-east-1", iam.DefaultEndpoint},
		"default endpoint, profile region":     {nil, nil, "[default]\nregion = ap-south-1\n", "us-east-1", iam.DefaultEndpoint},
		"China endpoint, AWS_REGION": {[]string{"--endpoint-url", "https://iam.cn-north-1.amazonaws.com.cn"},
			map[string]string{"AWS_REGION": "us-west-2"}, "", "cn-north-1", "https://iam.cn-north-1.amazonaws.com.cn/"},
		"explicit region wins": {[]string{"--region", "eu-central-1"}, map[string]string{"AWS_REGION": "eu-west-1"}, "", "eu-central-1", iam.DefaultEndpoint},
		"custom endpoint, profile region": {[]string{"--endpoint-url", "http://127.0.0.1:9/"}, nil,
			"[default]\nregion = ap-south-1\n", "ap-south-1", "http://127.0.0.1:9/"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			dir := clearAWSEnv(t)
			for k, v := range tc.env {
				t.Setenv(k, v)
			}
			if tc.config != "" {
				require.NoError(t, os.WriteFile(filepath.Join(dir, "config"), []byte(tc.config), 0o600))
			}
			fs := flag.NewFlagSet("t", flag.ContinueOnError)
			fs.SetOutput(io.Discard)
			g := addGlobalFlags(fs)
			require.NoError(t, fs.Parse(tc.args))
			c, err := g.client()
			require.NoError(t, err)
			assert.Equal(t, tc.endpoint, c.Endpoint())
			assert.Equal(t, tc.want, c.Region())
		})
	}
}
