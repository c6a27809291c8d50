package iam_test

import (
	"context"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/base64"
	"encoding/binary"
	"encoding/pem"
	"math/big"
	"sync"
	"testing"
	"time"

	"github.com/iamkit/iam"
	"github.com/iamkit/iam/iamtest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// End-to-end runs of roles, instance profiles, managed policies,
// simulation, waiters and cascades against the local IAM server, so that
// the typed decoders meet answers they were not written beside.

// fakeClock is a clock the waiters' Sleep advances, so that the server's
// propagation delay passes without waiting.
type fakeClock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *fakeClock) Sleep(ctx context.Context, d time.Duration) error {
	c.mu.Lock()
	c.now = c.now.Add(d)
	c.mu.Unlock()
	return ctx.Err()
}

func localClient(t *testing.T, opts ...iamtest.Option) (*iam.Client, *iamtest.Server) {
	t.Helper()
	srv := iamtest.New(t, append([]iamtest.Option{iamtest.WithSeed(3)}, opts...)...)
	ak, sk := srv.RootCredentials()
	c, err := iam.New(
		iam.WithEndpoint(srv.URL),
		iam.WithRegion(iamtest.Region),
		iam.WithCredentials(iam.StaticCredentials(ak, sk, "")),
	)
	require.NoError(t, err)
	return c, srv
}

const (
	ec2TrustJSON = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}`
	s3ReadJSON   = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:GetObject","s3:ListBucket"],"Resource":"*"}]}`
	s3WriteJSON  = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:PutObject","Resource":"*"}]}`
)

func TestRolesAndPoliciesEndToEnd(t *testing.T) {
	ctx := context.Background()
	clock := &fakeClock{now: time.Now().UTC()}
	c, srv := localClient(t, iamtest.WithClock(clock.Now), iamtest.WithPropagationDelay(3*time.Second))

	role, err := c.CreateRoleJSON(ctx, "web", ec2TrustJSON, &iam.CreateRoleOptions{Path: "/app/", MaxSessionDuration: 7200, Description: "web tier"})
	require.NoError(t, err)
	assert.Equal(t, "arn:aws:iam::"+srv.AccountID()+":role/app/web", role.ARN)

	// Not visible to GetRole until the propagation delay has passed: the
	// waiter polls through it.
	_, err = c.GetRole(ctx, "web")
	require.True(t, iam.IsNotFound(err), "propagation delay in effect: %v", err)
	got, err := c.WaitRoleExists(ctx, "web", &iam.WaitOptions{Sleep: clock.Sleep})
	require.NoError(t, err)
	assert.Equal(t, 7200, got.MaxSessionDuration)
	assert.Equal(t, "web tier", got.Description)
	require.NotNil(t, got.AssumeRolePolicy)
	assert.JSONEq(t, ec2TrustJSON, got.AssumeRolePolicyJSON)

	_, err = c.CreateInstanceProfile(ctx, "web-profile", nil)
	require.NoError(t, err)
	require.NoError(t, c.AddRoleToInstanceProfile(ctx, "web-profile", "web"))
	ip, err := c.WaitInstanceProfileExists(ctx, "web-profile", &iam.WaitOptions{Sleep: clock.Sleep})
	require.NoError(t, err)
	require.Len(t, ip.Roles, 1)
	assert.Equal(t, "web", ip.Roles[0].RoleName)

	pol, err := c.CreatePolicyJSON(ctx, "s3-read", s3ReadJSON, &iam.CreatePolicyOptions{Description: "read S3"})
	require.NoError(t, err)
	_, err = c.WaitPolicyExists(ctx, pol.ARN, &iam.WaitOptions{Sleep: clock.Sleep})
	require.NoError(t, err)
	require.NoError(t, c.AttachRolePolicy(ctx, "web", pol.ARN))
	require.NoError(t, c.PutRolePolicyJSON(ctx, "web", "inline", s3WriteJSON))

	v2, err := c.CreatePolicyVersionJSON(ctx, pol.ARN, s3WriteJSON, &iam.CreatePolicyVersionOptions{SetAsDefault: true})
	require.NoError(t, err)
	assert.True(t, v2.IsDefaultVersion)
	doc, err := c.GetPolicyVersion(ctx, pol.ARN, v2.VersionID)
	require.NoError(t, err)
	assert.JSONEq(t, s3WriteJSON, doc.DocumentJSON)
	var versions []string
	for v, err := range c.ListPolicyVersionsAll(ctx, pol.ARN, &iam.PageOptions{MaxItems: 1}) {
		require.NoError(t, err)
		versions = append(versions, v.VersionID)
	}
	assert.ElementsMatch(t, []string{"v1", v2.VersionID}, versions)
	require.NoError(t, c.DeletePolicyVersion(ctx, pol.ARN, "v1"))

	ents, err := c.ListEntitiesForPolicy(ctx, pol.ARN, nil)
	require.NoError(t, err)
	require.Len(t, ents.PolicyRoles, 1)
	assert.Equal(t, "web", ents.PolicyRoles[0].Name)

	local, err := c.ListPolicies(ctx, &iam.ListPoliciesOptions{Scope: iam.PolicyScopeLocal, OnlyAttached: true})
	require.NoError(t, err)
	require.Len(t, local.Policies, 1)
	assert.Equal(t, 1, local.Policies[0].AttachmentCount)

	sim, err := c.SimulatePrincipalPolicy(ctx, role.ARN, []string{"s3:PutObject", "iam:CreateUser"}, nil)
	require.NoError(t, err)
	require.Len(t, sim.EvaluationResults, 2)
	assert.Equal(t, iam.DecisionAllowed, sim.EvaluationResults[0].EvalDecision)
	assert.NotEmpty(t, sim.EvaluationResults[0].MatchedStatements)
	assert.Equal(t, iam.DecisionImplicitDeny, sim.EvaluationResults[1].EvalDecision)

	custom, err := c.SimulateCustomPolicyJSON(ctx, []string{s3ReadJSON}, []string{"s3:GetObject"}, &iam.SimulateOptions{
		ContextEntries: []iam.ContextEntry{{Key: "aws:SourceIp", Values: []string{"192.0.2.1"}, Type: iam.ContextKeyIP}},
	})
	require.NoError(t, err)
	require.Len(t, custom.EvaluationResults, 1)
	st := custom.EvaluationResults[0].MatchedStatements
	require.Len(t, st, 1)
	assert.Equal(t, "PolicyInputList.1", st[0].SourcePolicyID)
	assert.Positive(t, st[0].StartPosition.Line)

	// The role cannot go while it is in a profile and has policies; the
	// cascade removes those first, and keeps the profile.
	assert.ErrorIs(t, c.DeleteRole(ctx, "web"), iam.ErrDeleteConflict)
	require.NoError(t, c.DeleteRoleCascade(ctx, "web"))
	_, err = c.GetRole(ctx, "web")
	assert.True(t, iam.IsNotFound(err))
	ip, err = c.GetInstanceProfile(ctx, "web-profile")
	require.NoError(t, err)
	assert.Empty(t, ip.Roles)
	require.NoError(t, c.DeletePolicy(ctx, pol.ARN))
}

func TestDeleteUserCascadeEndToEnd(t *testing.T) {
	ctx := context.Background()
	now := time.Now().UTC()
	c, _ := localClient(t, iamtest.WithClock(func() time.Time { return now }))

	_, err := c.CreateUser(ctx, "bob", nil)
	require.NoError(t, err)
	_, err = c.CreateLoginProfile(ctx, "bob", "correct-Horse-battery-9", nil)
	require.NoError(t, err)
	for range 2 {
		_, err = c.CreateAccessKey(ctx, "bob")
		require.NoError(t, err)
	}
	_, err = c.Call(ctx, "UploadSigningCertificate", iam.Params{"UserName": "bob", "CertificateBody": selfSignedPEM(t, now)})
	require.NoError(t, err)
	_, err = c.Call(ctx, "UploadSSHPublicKey", iam.Params{"UserName": "bob", "SSHPublicKeyBody": ed25519AuthorizedKey(t)})
	require.NoError(t, err)
	_, err = c.Call(ctx, "CreateServiceSpecificCredential", iam.Params{"UserName": "bob", "ServiceName": "codecommit.amazonaws.com"})
	require.NoError(t, err)
	dev, err := c.CreateVirtualMFADevice(ctx, "bob", nil)
	require.NoError(t, err)
	seed, err := dev.Seed()
	require.NoError(t, err)
	code1, code2 := iam.TOTPPair(seed, now)
	require.NoError(t, c.EnableMFADevice(ctx, "bob", dev.SerialNumber, code1, code2))
	require.NoError(t, c.PutUserPolicyJSON(ctx, "bob", "inline", s3ReadJSON))
	pol, err := c.CreatePolicyJSON(ctx, "bob-policy", s3WriteJSON, nil)
	require.NoError(t, err)
	require.NoError(t, c.AttachUserPolicy(ctx, "bob", pol.ARN))
	_, err = c.CreateGroup(ctx, "devs", nil)
	require.NoError(t, err)
	require.NoError(t, c.AddUserToGroup(ctx, "devs", "bob"))

	assert.ErrorIs(t, c.DeleteUser(ctx, "bob"), iam.ErrDeleteConflict)
	require.NoError(t, c.DeleteUserCascade(ctx, "bob"))
	_, err = c.GetUser(ctx, "bob")
	assert.True(t, iam.IsNotFound(err))

	// The virtual device went with the user; the group and policy stay.
	for d, err := range c.ListVirtualMFADevicesAll(ctx, nil) {
		require.NoError(t, err)
		assert.NotEqual(t, dev.SerialNumber, d.SerialNumber)
	}
	g, err := c.GetGroup(ctx, "devs", nil)
	require.NoError(t, err)
	assert.Empty(t, g.Users)

	// A second run finds no user and says so.
	err = c.DeleteUserCascade(ctx, "bob")
	assert.True(t, iam.IsNotFound(err))

	// Group cascade: members, inline and attached policies.
	_, err = c.CreateUser(ctx, "carol", nil)
	require.NoError(t, err)
	require.NoError(t, c.AddUserToGroup(ctx, "devs", "carol"))
	require.NoError(t, c.PutGroupPolicyJSON(ctx, "devs", "inline", s3ReadJSON))
	require.NoError(t, c.AttachGroupPolicy(ctx, "devs", pol.ARN))
	require.NoError(t, c.DeleteGroupCascade(ctx, "devs"))
	_, err = c.GetGroup(ctx, "devs", nil)
	assert.True(t, iam.IsNotFound(err))
	_, err = c.GetUser(ctx, "carol")
	assert.NoError(t, err, "members are removed from the group, not deleted")
}

// selfSignedPEM returns a throwaway certificate for UploadSigningCertificate.
func selfSignedPEM(t *testing.T, now time.Time) string {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	require.NoError(t, err)
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(1),
		Subject:      pkix.Name{CommonName: "bob"},
		NotBefore:    now.Add(-time.Hour),
		NotAfter:     now.Add(time.Hour),
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	require.NoError(t, err)
	return string(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}))
}

// ed25519AuthorizedKey returns a throwaway public key in OpenSSH's
// authorized_keys form.
func ed25519AuthorizedKey(t *testing.T) string {
	t.Helper()
	pub, _, err := ed25519.GenerateKey(rand.Reader)
	require.NoError(t, err)
	var blob []byte
	for _, part := range [][]byte{[]byte("ssh-ed25519"), pub} {
		blob = binary.BigEndian.AppendUint32(blob, uint32(len(part)))
		blob = append(blob, part...)
	}
	return "ssh-ed25519 " + base64.StdEncoding.EncodeToString(blob) + " bob@example"
}
