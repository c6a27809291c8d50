package main

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/iamkit/iam"
)

func TestCallPrintsTheTreeAsJSON(t *testing.T) {
	x := newCtl(t)
	out := x.ok("call", "CreateUser", "UserName=alice", "Path=/eng/")
	assert.True(t, strings.HasPrefix(out, "{\n  \"CreateUserResponse\": {\n    \"CreateUserResult\": {\n      \"User\": {\n        \"Path\": \"/eng/\",\n        \"UserName\": \"alice\""), out)

	// Wire-form names pass through; a repeated name becomes a list.
	x.ok("call", "TagUser", "UserName=alice", "Tags.member.1.Key=team", "Tags.member.1.Value=blue")
	x.ok("call", "UntagUser", "UserName=alice", "TagKeys=x", "TagKeys=y")
	tags, err := x.c.ListUserTags(context.Background(), "alice", nil)
	require.NoError(t, err)
	assert.Equal(t, []iam.Tag{{Key: "team", Value: "blue"}}, tags.Tags)

	var tree map[string]any
	require.NoError(t, json.Unmarshal([]byte(x.ok("call", "ListUsers", "--output", "json")), &tree))
	users := tree["ListUsersResponse"].(map[string]any)["ListUsersResult"].(map[string]any)["Users"].([]any)
	require.Len(t, users, 1)
	assert.Equal(t, "alice", users[0].(map[string]any)["UserName"])
}

func TestCallExitStatus(t *testing.T) {
	x := newCtl(t)
	ctx := context.Background()
	_, err := x.c.CreateUser(ctx, "busy", nil)
	require.NoError(t, err)
	_, err = x.c.CreateUser(ctx, "weak", nil)
	require.NoError(t, err)
	_, err = x.c.CreateAccessKey(ctx, "busy")
	require.NoError(t, err)
	weakKey, err := x.c.CreateAccessKey(ctx, "weak")
	require.NoError(t, err)

	tests := map[string]struct {
		args    []string
		env     map[string]string
		code    int
		message string
	}{
		"not found":       {[]string{"call", "GetUser", "UserName=nobody"}, nil, exitNotFound, "GetUser: NoSuchEntity: "},
		"invalid input":   {[]string{"call", "CreateUser", "UserName=no spaces"}, nil, exitInvalid, "ValidationError"},
		"malformed":       {[]string{"call", "PutUserPolicy", "UserName=busy", "PolicyName=p", "PolicyDocument={"}, nil, exitInvalid, "MalformedPolicyDocument"},
		"conflict":        {[]string{"call", "DeleteUser", "UserName=busy"}, nil, exitOther, "DeleteConflict"},
		"denied":          {[]string{"call", "ListUsers"}, map[string]string{"AWS_ACCESS_KEY_ID": weakKey.AccessKeyID, "AWS_SECRET_ACCESS_KEY": weakKey.Secret()}, exitDenied, "AccessDenied"},
		"no action":       {[]string{"call"}, nil, exitUsage, "usage: iamctl call"},
		"bad parameter":   {[]string{"call", "ListUsers", "PathPrefix"}, nil, exitUsage, `"PathPrefix": want Name=Value`},
		"bad flag":        {[]string{"call", "ListUsers", "--nope"}, nil, exitUsage, "nope"},
		"bad output flag": {[]string{"call", "ListUsers", "--output", "xml"}, nil, exitUsage, "--output must be table or json"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			for k, v := range tc.env {
				t.Setenv(k, v)
			}
			code, out, errOut := x.run(tc.args...)
			assert.Equal(t, tc.code, code, errOut)
			assert.Empty(t, out)
			assert.Contains(t, errOut, tc.message)
			if tc.code == exitNotFound || tc.code == exitDenied || tc.code == exitOther {
				assert.Regexp(t, `request ID [0-9a-f-]{36}\)`, errOut)
			}
			assert.NotContains(t, errOut, weakKey.Secret())
		})
	}
}

func TestHelpDocumentsExitStatus(t *testing.T) {
	x := newCtl(t)
	code, _, errOut := x.run("help")
	assert.Equal(t, exitOK, code)
	for _, want := range []string{"apply", "call", "group", "key", "mfa", "plan", "policy", "serve", "simulate", "user",
		"3  not found", "4  access denied", "5  invalid input"} {
		assert.Contains(t, errOut, want)
	}
	code, _, errOut = x.run("user")
	assert.Equal(t, exitUsage, code)
	assert.Contains(t, errOut, "usage: iamctl user <verb>")
	code, _, _ = x.run("user", "frobnicate")
	assert.Equal(t, exitUsage, code)
	code, _, errOut = x.run("user", "create", "-h")
	assert.Equal(t, exitOK, code)
	assert.Contains(t, errOut, "-endpoint-url")
}
