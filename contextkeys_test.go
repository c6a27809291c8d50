package iam

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestGetContextKeysForCustomPolicy(t *testing.T) {
	ctx := context.Background()
	tests := map[string]struct {
		fixture string
		keys    []string
	}{
		"zero": {"getcontextkeysforcustompolicy-0.xml", []string{}},
		"one":  {"getcontextkeysforcustompolicy-1.xml", []string{"aws:SourceIp"}},
		"many": {"getcontextkeysforcustompolicy-many.xml", []string{"aws:username", "aws:CurrentTime", "s3:prefix"}},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			c, _ := expectForm(t, form("GetContextKeysForCustomPolicy", "PolicyInputList.member.1", s3ListAll), 200, typedFixture(t, tc.fixture))
			out, err := c.GetContextKeysForCustomPolicyJSON(ctx, []string{s3ListAll})
			require.NoError(t, err)
			assert.Equal(t, tc.keys, out.ContextKeyNames)
			assert.Equal(t, "9c2f0a41-0000-4000-8000-typed2cEXAMPLE", out.Response().RequestID())
		})
	}
	t.Run("documents are marshalled and sent in order", func(t *testing.T) {
		doc, err := ParsePolicyDocument(s3ListAll)
		require.NoError(t, err)
		c, _ := expectForm(t, form("GetContextKeysForCustomPolicy", "PolicyInputList.member.1", s3ListAll, "PolicyInputList.member.2", s3ListAll), 200,
			typedFixture(t, "getcontextkeysforcustompolicy-1.xml"))
		out, err := c.GetContextKeysForCustomPolicy(ctx, []*PolicyDocument{doc, doc})
		require.NoError(t, err)
		assert.Equal(t, []string{"aws:SourceIp"}, out.ContextKeyNames)
	})
	t.Run("missing element is no keys", func(t *testing.T) {
		c, _ := expectForm(t, form("GetContextKeysForCustomPolicy", "PolicyInputList.member.1", s3ListAll), 200,
			`<R><GetContextKeysForCustomPolicyResult/></R>`)
		out, err := c.GetContextKeysForCustomPolicyJSON(ctx, []string{s3ListAll})
		require.NoError(t, err)
		assert.Equal(t, []string{}, out.ContextKeyNames)
	})
	t.Run("not a list is an error", func(t *testing.T) {
		c, _ := expectForm(t, form("GetContextKeysForCustomPolicy", "PolicyInputList.member.1", s3ListAll), 200,
			`<R><GetContextKeysForCustomPolicyResult><ContextKeyNames>aws:x</ContextKeyNames></GetContextKeysForCustomPolicyResult></R>`)
		_, err := c.GetContextKeysForCustomPolicyJSON(ctx, []string{s3ListAll})
		var de *DecodeError
		require.ErrorAs(t, err, &de)
		assert.Contains(t, err.Error(), "ContextKeyNames")
	})
	refused := map[string]struct {
		call  func(c *Client) error
		field string
	}{
		"no policies": {func(c *Client) error { _, err := c.GetContextKeysForCustomPolicyJSON(ctx, nil); return err }, "PolicyInputList"},
		"empty policy": {func(c *Client) error {
			_, err := c.GetContextKeysForCustomPolicyJSON(ctx, []string{s3ListAll, ""})
			return err
		}, "PolicyInputList[1]"},
		"not a policy": {func(c *Client) error {
			_, err := c.GetContextKeysForCustomPolicyJSON(ctx, []string{`{"Version":`})
			return err
		}, "PolicyInputList[0]"},
		"nil document": {func(c *Client) error {
			_, err := c.GetContextKeysForCustomPolicy(ctx, []*PolicyDocument{nil})
			return err
		}, "PolicyInputList[0]"},
	}
	for name, tc := range refused {
		t.Run(name, func(t *testing.T) {
			requireValidation(t, tc.call(neverCalled(t)), "GetContextKeysForCustomPolicy", tc.field)
		})
	}
}

func TestGetContextKeysForPrincipalPolicy(t *testing.T) {
	ctx := context.Background()
	const user = "arn:aws:iam::123456789012:user/Bob"
	body := renamed(typedFixture(t, "getcontextkeysforcustompolicy-many.xml"), "GetContextKeysForCustomPolicy", "GetContextKeysForPrincipalPolicy")
	t.Run("principal only", func(t *testing.T) {
		c, _ := expectForm(t, form("GetContextKeysForPrincipalPolicy", "PolicySourceArn", user), 200, body)
		out, err := c.GetContextKeysForPrincipalPolicy(ctx, user, nil)
		require.NoError(t, err)
		assert.Equal(t, []string{"aws:username", "aws:CurrentTime", "s3:prefix"}, out.ContextKeyNames)
	})
	t.Run("with extra policies", func(t *testing.T) {
		c, _ := expectForm(t, form("GetContextKeysForPrincipalPolicy", "PolicySourceArn", user, "PolicyInputList.member.1", s3ListAll), 200, body)
		_, err := c.GetContextKeysForPrincipalPolicy(ctx, user, &GetContextKeysForPrincipalPolicyOptions{PolicyInputList: []string{s3ListAll}})
		require.NoError(t, err)
	})
	refused := map[string]struct {
		arn   string
		opts  *GetContextKeysForPrincipalPolicyOptions
		field string
	}{
		"no ARN":          {"", nil, "PolicySourceArn"},
		"not an ARN":      {"user/Bob-is-not-an-arn", nil, "PolicySourceArn"},
		"bad extra":       {user, &GetContextKeysForPrincipalPolicyOptions{PolicyInputList: []string{"{"}}, "PolicyInputList[0]"},
		"empty extra doc": {user, &GetContextKeysForPrincipalPolicyOptions{PolicyInputList: []string{""}}, "PolicyInputList[0]"},
	}
	for name, tc := range refused {
		t.Run(name, func(t *testing.T) {
			_, err := neverCalled(t).GetContextKeysForPrincipalPolicy(ctx, tc.arn, tc.opts)
			requireValidation(t, err, "GetContextKeysForPrincipalPolicy", tc.field)
		})
	}
}
