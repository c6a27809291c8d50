package main

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/iamkit/iam"
)

func TestUserCommands(t *testing.T) {
	x := newCtl(t)
	ctx := context.Background()

	out := x.ok("user", "create", "alice", "--path", "/eng/", "--tag", "team=blue")
	assert.Regexp(t, `^NAME +ID +PATH +CREATED +ARN\nalice +AIDA\w+ +/eng/ `, out)
	u, err := x.c.GetUser(ctx, "alice")
	require.NoError(t, err)
	assert.Equal(t, "/eng/", u.Path)
	assert.Equal(t, []iam.Tag{{Key: "team", Value: "blue"}}, u.Tags)

	var got userJSON
	require.NoError(t, json.Unmarshal([]byte(x.ok("user", "get", "alice", "--output", "json")), &got))
	assert.Equal(t, u.ARN, got.Arn)
	assert.Equal(t, u.UserID, got.UserID)

	x.ok("user", "create", "bob")
	var list []userJSON
	require.NoError(t, json.Unmarshal([]byte(x.ok("user", "list", "--output=json")), &list))
	assert.Len(t, list, 2)
	require.NoError(t, json.Unmarshal([]byte(x.ok("user", "list", "--path-prefix", "/eng/", "--output=json")), &list))
	assert.Equal(t, "alice", list[0].UserName)
	assert.Len(t, list, 1)

	// A user with a key is refused without --cascade, deleted with it.
	_, err = x.c.CreateAccessKey(ctx, "alice")
	require.NoError(t, err)
	code, _, errOut := x.run("user", "delete", "alice")
	assert.Equal(t, exitOther, code)
	assert.Contains(t, errOut, "DeleteConflict")
	x.ok("user", "delete", "alice", "--cascade")
	_, err = x.c.GetUser(ctx, "alice")
	assert.True(t, iam.IsNotFound(err))

	code, _, errOut = x.run("user", "get", "alice")
	assert.Equal(t, exitNotFound, code)
	assert.Contains(t, errOut, "NoSuchEntity")
	code, _, _ = x.run("user", "create")
	assert.Equal(t, exitUsage, code)
	code, _, _ = x.run("user", "create", "bad name")
	assert.Equal(t, exitInvalid, code)
}

func TestGroupCommands(t *testing.T) {
	x := newCtl(t)
	ctx := context.Background()
	x.ok("user", "create", "alice")
	x.ok("group", "create", "Admins", "--path", "/ops/")
	x.ok("group", "create", "Readers")
	x.ok("group", "add-user", "Admins", "alice")
	x.ok("group", "add-user", "Readers", "alice")
	require.NoError(t, x.c.PutGroupPolicyJSON(ctx, "Admins", "p", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iam:*","Resource":"*"}]}`))

	out := x.ok("group", "list", "--user", "alice")
	assert.Contains(t, out, "Admins")
	assert.Contains(t, out, "Readers")
	var gs []groupJSON
	require.NoError(t, json.Unmarshal([]byte(x.ok("group", "list", "--path-prefix", "/ops/", "--output", "json")), &gs))
	require.Len(t, gs, 1)
	assert.Equal(t, "/ops/", gs[0].Path)

	x.ok("group", "remove-user", "Readers", "alice")
	g, err := x.c.GetGroup(ctx, "Readers", nil)
	require.NoError(t, err)
	assert.Empty(t, g.Users)

	code, _, errOut := x.run("group", "delete", "Admins")
	assert.Equal(t, exitOther, code, errOut)
	x.ok("group", "delete", "Admins", "--cascade")
	x.ok("group", "delete", "Readers")
	n := 0
	for _, err := range x.c.ListGroupsAll(ctx, nil) {
		require.NoError(t, err)
		n++
	}
	assert.Zero(t, n)
	_, err = x.c.GetUser(ctx, "alice")
	assert.NoError(t, err, "a group's cascade leaves its members' users")
}

func keyIDs(t *testing.T, c *iam.Client, user string) map[string]iam.Status {
	t.Helper()
	out := map[string]iam.Status{}
	for k, err := range c.ListAccessKeysAll(context.Background(), user, nil) {
		require.NoError(t, err)
		out[k.AccessKeyID] = k.Status
	}
	return out
}

func TestKeyCommands(t *testing.T) {
	x := newCtl(t)
	x.ok("user", "create", "alice")

	var first newKeyJSON
	require.NoError(t, json.Unmarshal([]byte(x.ok("key", "create", "alice", "--output", "json")), &first))
	assert.Len(t, first.SecretAccessKey, 40, "the new key's secret is shown once")
	assert.Equal(t, map[string]iam.Status{first.AccessKeyID: iam.StatusActive}, keyIDs(t, x.c, "alice"))

	list := x.ok("key", "list", "alice")
	assert.Contains(t, list, first.AccessKeyID)
	assert.NotContains(t, list, first.SecretAccessKey)

	// rotate alone leaves the old key as it was.
	var second newKeyJSON
	require.NoError(t, json.Unmarshal([]byte(x.ok("key", "rotate", "alice", "--output", "json")), &second))
	assert.Equal(t, map[string]iam.Status{first.AccessKeyID: iam.StatusActive, second.AccessKeyID: iam.StatusActive}, keyIDs(t, x.c, "alice"))

	// With two keys the old one must be named; nothing is created first.
	code, _, errOut := x.run("key", "rotate", "alice", "--delete-old")
	assert.Equal(t, exitUsage, code)
	assert.Contains(t, errOut, "--old-key")
	assert.Len(t, keyIDs(t, x.c, "alice"), 2)

	x.ok("key", "disable", "alice", first.AccessKeyID)
	assert.Equal(t, iam.StatusInactive, keyIDs(t, x.c, "alice")[first.AccessKeyID])
	x.ok("key", "delete", "alice", first.AccessKeyID)
	assert.Equal(t, map[string]iam.Status{second.AccessKeyID: iam.StatusActive}, keyIDs(t, x.c, "alice"))

	// Rotation with --deactivate-old keeps the old key, inactive;
	// --delete-old removes it.
	code, out, errOut := x.run("key", "rotate", "alice", "--deactivate-old")
	require.Equal(t, exitOK, code, errOut)
	third := strings.Fields(strings.Split(out, "\n")[1])[1]
	assert.Equal(t, map[string]iam.Status{second.AccessKeyID: iam.StatusInactive, third: iam.StatusActive}, keyIDs(t, x.c, "alice"))
	assert.Contains(t, errOut, "deactivated old access key "+second.AccessKeyID)
	x.ok("key", "delete", "alice", second.AccessKeyID)
	out = x.ok("key", "rotate", "alice", "--delete-old")
	fourth := strings.Fields(strings.Split(out, "\n")[1])[1]
	assert.Equal(t, map[string]iam.Status{fourth: iam.StatusActive}, keyIDs(t, x.c, "alice"))

	code, _, _ = x.run("key", "delete", "alice", "AKIANOTAKEY000000000")
	assert.Equal(t, exitNotFound, code)
}

const allowS3 = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}`

func TestPolicyCommands(t *testing.T) {
	x := newCtl(t)
	ctx := context.Background()
	x.ok("user", "create", "alice")
	x.ok("group", "create", "G")

	file := filepath.Join(t.TempDir(), "p.json")
	require.NoError(t, os.WriteFile(file, []byte(allowS3+"\n"), 0o600))
	x.ok("policy", "put", "S3", file, "--user", "alice")
	withStdin(t, allowS3)
	x.ok("policy", "put", "--group", "G", "S3", "-")
	p, err := x.c.GetGroupPolicy(ctx, "G", "S3")
	require.NoError(t, err)
	assert.Equal(t, allowS3, p.DocumentJSON)

	out := x.ok("policy", "get", "S3", "--user", "alice")
	assert.JSONEq(t, allowS3, out)
	var got struct{ PolicyDocument json.RawMessage }
	require.NoError(t, json.Unmarshal([]byte(x.ok("policy", "get", "S3", "--user", "alice", "--output", "json")), &got))
	assert.JSONEq(t, allowS3, string(got.PolicyDocument))

	// A document the library refuses never reaches IAM.
	withStdin(t, `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3","Resource":"*"}]}`)
	code, _, errOut := x.run("policy", "put", "Bad", "-", "--user", "alice")
	assert.Equal(t, exitInvalid, code, errOut)
	code, _, _ = x.run("policy", "put", "S3", file)
	assert.Equal(t, exitUsage, code, "no principal")
	code, _, _ = x.run("policy", "put", "S3", file, "--user", "alice", "--group", "G")
	assert.Equal(t, exitUsage, code, "two principals")

	mp, err := x.c.CreatePolicyJSON(ctx, "ReadAll", allowS3, nil)
	require.NoError(t, err)
	x.ok("policy", "attach", mp.ARN, "--user", "alice")
	x.ok("policy", "attach", mp.ARN, "--group", "G")
	var attached []string
	for a, err := range x.c.ListAttachedUserPoliciesAll(ctx, "alice", nil) {
		require.NoError(t, err)
		attached = append(attached, a.PolicyARN)
	}
	assert.Equal(t, []string{mp.ARN}, attached)
	x.ok("policy", "detach", mp.ARN, "--user", "alice")
	for _, err := range x.c.ListAttachedUserPoliciesAll(ctx, "alice", nil) {
		require.NoError(t, err)
		t.Error("still attached")
	}
}

func TestMFACommands(t *testing.T) {
	x := newCtl(t)
	ctx := context.Background()
	x.ok("user", "create", "alice")
	png := filepath.Join(t.TempDir(), "qr.png")
	var dev map[string]string
	require.NoError(t, json.Unmarshal([]byte(x.ok("mfa", "create-virtual", "alice-phone", "--qr-png", png, "--output", "json")), &dev))
	serial, seed32 := dev["SerialNumber"], dev["Base32StringSeed"]
	require.NotEmpty(t, serial)
	data, err := os.ReadFile(png)
	require.NoError(t, err)
	assert.True(t, strings.HasPrefix(string(data), "\x89PNG"))

	seed, err := iam.DecodeTOTPSeed(seed32)
	require.NoError(t, err)
	c1, c2 := iam.TOTPPair(seed, time.Now())
	x.ok("mfa", "enable", "alice", serial, c1, c2)
	var devices []string
	for d, err := range x.c.ListMFADevicesAll(ctx, "alice", nil) {
		require.NoError(t, err)
		devices = append(devices, d.SerialNumber)
	}
	assert.Equal(t, []string{serial}, devices)
}

func TestSimulateCommand(t *testing.T) {
	x := newCtl(t)
	x.ok("user", "create", "alice")
	withStdin(t, `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:ListBucket","Resource":"arn:aws:s3:::mine"}]}`)
	x.ok("policy", "put", "p", "-", "--user", "alice")

	var ds []decisionJSON
	require.NoError(t, json.Unmarshal([]byte(x.ok("simulate", "--user", "alice", "--action", "s3:ListBucket,iam:CreateUser",
		"--resource", "arn:aws:s3:::mine", "--resource", "arn:aws:s3:::other", "--output", "json")), &ds))
	assert.ElementsMatch(t, []decisionJSON{
		{"s3:ListBucket", "arn:aws:s3:::mine", iam.DecisionAllowed},
		{"s3:ListBucket", "arn:aws:s3:::other", iam.DecisionImplicitDeny},
		{"iam:CreateUser", "arn:aws:s3:::mine", iam.DecisionImplicitDeny},
		{"iam:CreateUser", "arn:aws:s3:::other", iam.DecisionImplicitDeny},
	}, ds)

	out := x.ok("simulate", "--arn", "arn:aws:iam::123456789012:user/alice", "--action", "s3:ListBucket", "--resource", "arn:aws:s3:::mine")
	assert.Regexp(t, `s3:ListBucket +arn:aws:s3:::mine +allowed`, out)

	code, _, _ := x.run("simulate", "--user", "alice")
	assert.Equal(t, exitUsage, code, "no action")
	code, _, _ = x.run("simulate", "--action", "s3:ListBucket")
	assert.Equal(t, exitUsage, code, "no principal")
	code, _, _ = x.run("simulate", "--user", "nobody", "--action", "s3:ListBucket")
	assert.Equal(t, exitNotFound, code)
}

// The seed comes back from IAM once: a QR file that cannot be written
// must not cost the caller the seed, and an existing QR file must end up
// readable by its owner only, as the flag's help says.
func TestMFACreateVirtualKeepsTheSeed(t *testing.T) {
	x := newCtl(t)
	ctx := context.Background()

	bad := filepath.Join(t.TempDir(), "no-such-dir", "qr.png")
	code, out, errOut := x.run("mfa", "create-virtual", "phone1", "--qr-png", bad, "--output", "json")
	assert.Equal(t, exitOther, code)
	assert.Contains(t, errOut, "qr.png")
	var dev map[string]string
	require.NoError(t, json.Unmarshal([]byte(out), &dev), "the seed must be printed even though the QR file failed: %q", out)
	assert.NotEmpty(t, dev["Base32StringSeed"])
	var serials []string
	for d, err := range x.c.ListVirtualMFADevicesAll(ctx, nil) {
		require.NoError(t, err)
		serials = append(serials, d.SerialNumber)
	}
	assert.Equal(t, []string{dev["SerialNumber"]}, serials)

	existing := filepath.Join(t.TempDir(), "qr.png")
	require.NoError(t, os.WriteFile(existing, []byte("old"), 0o644))
	x.ok("mfa", "create-virtual", "phone2", "--qr-png", existing)
	st, err := os.Stat(existing)
	require.NoError(t, err)
	assert.Equal(t, os.FileMode(0o600), st.Mode().Perm())
}

// With no key at all there is nothing to retire: the message must not
// send the user looking for a key ID to pass.
func TestKeyRotateWithoutAKey(t *testing.T) {
	x := newCtl(t)
	x.ok("user", "create", "alice")
	code, out, errOut := x.run("key", "rotate", "alice", "--delete-old")
	assert.Equal(t, exitUsage, code)
	assert.Empty(t, out)
	assert.Contains(t, errOut, "user alice has no access key to replace")
	assert.Contains(t, errOut, "iamctl key create")
	assert.Empty(t, keyIDs(t, x.c, "alice"), "nothing created")
}
