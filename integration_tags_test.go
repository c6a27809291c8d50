package iam

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// End-to-end runs of the tag, MFA-device and service-linked-role methods
// that the local server (iamtest) implements: resource tags, GetMFADevice,
// service-linked roles and context keys. The others (last accessed
// reports, Organizations features, outbound federation, SAML provider
// tags, Untag* of the new families) are covered by the httptest tests
// only.

// collectTags drains a tag iterator into a key-to-value map.
func collectTags(t *testing.T, seq func(yield func(Tag, error) bool)) map[string]string {
	t.Helper()
	got := map[string]string{}
	for tag, err := range seq {
		require.NoError(t, err)
		got[tag.Key] = tag.Value
	}
	return got
}

func TestTagsMFAAndServiceRolesEndToEnd(t *testing.T) {
	ctx := context.Background()
	now := time.Date(2024, 6, 1, 12, 0, 0, 0, time.UTC)
	c := newLocalClient(t, now)
	tags := []Tag{{Key: "team", Value: "web"}, {Key: "env", Value: "prod"}}
	want := map[string]string{"team": "web", "env": "prod"}

	t.Run("policy tags", func(t *testing.T) {
		p, err := c.CreatePolicyJSON(ctx, "readonly", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:Get*","Resource":"*"}]}`, nil)
		require.NoError(t, err)
		require.NoError(t, c.TagPolicy(ctx, p.ARN, tags))
		out, err := c.ListPolicyTags(ctx, p.ARN, nil)
		require.NoError(t, err)
		assert.ElementsMatch(t, tags, out.Tags)
		assert.Equal(t, want, collectTags(t, c.ListPolicyTagsAll(ctx, p.ARN, &PageOptions{MaxItems: 1})))
	})
	t.Run("instance profile tags", func(t *testing.T) {
		_, err := c.CreateInstanceProfile(ctx, "web", nil)
		require.NoError(t, err)
		require.NoError(t, c.TagInstanceProfile(ctx, "web", tags))
		assert.Equal(t, want, collectTags(t, c.ListInstanceProfileTagsAll(ctx, "web", &PageOptions{MaxItems: 1})))
	})
	t.Run("OIDC provider tags", func(t *testing.T) {
		p, err := c.CreateOpenIDConnectProvider(ctx, "https://token.example.test", &CreateOpenIDConnectProviderOptions{ClientIDList: []string{"sts.amazonaws.com"}})
		require.NoError(t, err)
		require.NoError(t, c.TagOpenIDConnectProvider(ctx, p.OpenIDConnectProviderARN, tags))
		assert.Equal(t, want, collectTags(t, c.ListOpenIDConnectProviderTagsAll(ctx, p.OpenIDConnectProviderARN, nil)))
	})
	t.Run("server certificate tags", func(t *testing.T) {
		pki := newTestPKI(t)
		_, err := c.UploadServerCertificate(ctx, "www", &UploadServerCertificateInput{
			CertificateBody: pki.leafPEM, PrivateKey: pki.keyPKCS8, CertificateChain: pki.caPEM,
		})
		require.NoError(t, err)
		require.NoError(t, c.TagServerCertificate(ctx, "www", tags))
		assert.Equal(t, want, collectTags(t, c.ListServerCertificateTagsAll(ctx, "www", nil)))
	})
	t.Run("MFA device tags and GetMFADevice", func(t *testing.T) {
		_, err := c.CreateUser(ctx, "bob", nil)
		require.NoError(t, err)
		dev, err := c.CreateVirtualMFADevice(ctx, "bob-mfa", nil)
		require.NoError(t, err)
		require.NoError(t, c.TagMFADevice(ctx, dev.SerialNumber, tags))
		assert.Equal(t, want, collectTags(t, c.ListMFADeviceTagsAll(ctx, dev.SerialNumber, nil)))

		seed, err := dev.Seed()
		require.NoError(t, err)
		code1, code2 := TOTPPair(seed, now)
		require.NoError(t, c.EnableMFADevice(ctx, "bob", dev.SerialNumber, code1, code2))
		got, err := c.GetMFADevice(ctx, "bob", dev.SerialNumber)
		require.NoError(t, err)
		assert.Equal(t, "bob", got.UserName)
		assert.Equal(t, dev.SerialNumber, got.SerialNumber)
		assert.Equal(t, now, got.EnableDate)

		_, err = c.GetMFADevice(ctx, "bob", "arn:aws:iam::123456789012:mfa/nobody")
		assert.True(t, IsNotFound(err), "error %v", err)
	})
	t.Run("service-linked role lifecycle", func(t *testing.T) {
		r, err := c.CreateServiceLinkedRole(ctx, "elasticbeanstalk.amazonaws.com", &CreateServiceLinkedRoleOptions{Description: "EB", CustomSuffix: "test"})
		require.NoError(t, err)
		assert.Equal(t, "/aws-service-role/elasticbeanstalk.amazonaws.com/", r.Path)
		assert.Equal(t, "EB", r.Description)
		require.NotNil(t, r.AssumeRolePolicy)

		task, err := c.DeleteServiceLinkedRole(ctx, r.RoleName)
		require.NoError(t, err)
		status, err := c.GetServiceLinkedRoleDeletionStatus(ctx, task)
		require.NoError(t, err)
		assert.Equal(t, DeletionTaskSucceeded, status.Status)
		assert.Nil(t, status.Reason)
		_, err = c.GetRole(ctx, r.RoleName)
		assert.True(t, IsNotFound(err))
	})
	t.Run("context keys", func(t *testing.T) {
		doc := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:ListBucket","Resource":"*",` +
			`"Condition":{"StringLike":{"s3:prefix":"home/"},"IpAddress":{"aws:SourceIp":"192.0.2.0/24"}}}]}`
		out, err := c.GetContextKeysForCustomPolicyJSON(ctx, []string{doc})
		require.NoError(t, err)
		assert.ElementsMatch(t, []string{"s3:prefix", "aws:sourceip"}, lowerAll(out.ContextKeyNames))

		require.NoError(t, c.PutUserPolicyJSON(ctx, "bob", "list", doc))
		user, err := c.GetUser(ctx, "bob")
		require.NoError(t, err)
		pout, err := c.GetContextKeysForPrincipalPolicy(ctx, user.ARN, nil)
		require.NoError(t, err)
		assert.ElementsMatch(t, []string{"s3:prefix", "aws:sourceip"}, lowerAll(pout.ContextKeyNames))
	})
}

// lowerAll maps condition keys to lower case: IAM treats them
// case-insensitively and may report them either way.
func lowerAll(keys []string) []string {
	out := make([]string, len(keys))
	for i, k := range keys {
		out[i] = strings.ToLower(k)
	}
	return out
}
