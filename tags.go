package iam

import (
	"context"
	"iter"
)

// Tagging. Every taggable resource (users and roles, whose methods live
// in users.go and roles.go; MFA devices, in mfa.go; and, here, managed
// policies, instance profiles, OpenID Connect and SAML providers and server
// certificates) takes its identifier under its own parameter name and is
// otherwise the same action, so each method is one line over tagResource,
// untagResource and listResourceTags.

// serialNumberCheck adapts checkSerialNumber, whose field is always
// SerialNumber, to idCheck.
func serialNumberCheck(_, s string) error { return checkSerialNumber(s) }

// tagResource sends a Tag* action: the identifier, checked by check, and
// 1 to 50 tags.
func (c *Client) tagResource(ctx context.Context, action, idParam, id string, check idCheck, tags []Tag) error {
	if err := checkAll(check(idParam, id), checkTags(tags, true)); err != nil {
		return validationFailed(action, err)
	}
	_, err := c.Call(ctx, action, Params{idParam: id, "Tags": tags})
	return err
}

// untagResource sends an Untag* action: the identifier and 1 to 50 keys.
func (c *Client) untagResource(ctx context.Context, action, idParam, id string, check idCheck, keys []string) error {
	if err := checkAll(check(idParam, id), checkTagKeys(keys)); err != nil {
		return validationFailed(action, err)
	}
	_, err := c.Call(ctx, action, Params{idParam: id, "TagKeys": keys})
	return err
}

// ListTagsOutput is one page of the tags of a resource, as every List*Tags
// action returns it.
type ListTagsOutput struct {
	Tags []Tag
	PageInfo
	source
}

// listResourceTags sends a List*Tags action and reads its page of tags.
func (c *Client) listResourceTags(ctx context.Context, action, idParam, id string, check idCheck, opts *PageOptions) (*ListTagsOutput, error) {
	p := Params{}
	if err := addPageParams(p, action, idParam, id, check, opts); err != nil {
		return nil, err
	}
	pg, err := listPage(ctx, c, action, p, "Tags", func(n Node, _ *Response) (Tag, error) {
		return Tag{Key: n.Path("Key").String(), Value: n.Path("Value").String()}, nil
	})
	if err != nil {
		return nil, err
	}
	return &ListTagsOutput{Tags: pg.entries, PageInfo: pg.PageInfo, source: pg.source}, nil
}

// allResourceTags is the iterator over every page of a List*Tags action.
func (c *Client) allResourceTags(ctx context.Context, action, idParam, id string, check idCheck, opts *PageOptions) iter.Seq2[Tag, error] {
	list := func(ctx context.Context, in *PageOptions) (*ListTagsOutput, error) {
		return c.listResourceTags(ctx, action, idParam, id, check, in)
	}
	return allPages(ctx, action, opts, pageOf(list, func(o *ListTagsOutput) []Tag { return o.Tags }))
}

// Managed policies.

// TagPolicy adds tags to a customer managed policy, replacing the value
// of a key it already has.
func (c *Client) TagPolicy(ctx context.Context, policyARN string, tags []Tag) error {
	return c.tagResource(ctx, "TagPolicy", "PolicyArn", policyARN, checkPolicyARN, tags)
}

// UntagPolicy removes the tags with the given keys from a managed policy.
func (c *Client) UntagPolicy(ctx context.Context, policyARN string, keys []string) error {
	return c.untagResource(ctx, "UntagPolicy", "PolicyArn", policyARN, checkPolicyARN, keys)
}

// ListPolicyTags returns one page of a managed policy's tags.
func (c *Client) ListPolicyTags(ctx context.Context, policyARN string, opts *PageOptions) (*ListTagsOutput, error) {
	return c.listResourceTags(ctx, "ListPolicyTags", "PolicyArn", policyARN, checkPolicyARN, opts)
}

// ListPolicyTagsAll iterates over every tag of a managed policy.
func (c *Client) ListPolicyTagsAll(ctx context.Context, policyARN string, opts *PageOptions) iter.Seq2[Tag, error] {
	return c.allResourceTags(ctx, "ListPolicyTags", "PolicyArn", policyARN, checkPolicyARN, opts)
}

// Instance profiles.

// TagInstanceProfile adds tags to an instance profile, replacing the
// value of a key it already has.
func (c *Client) TagInstanceProfile(ctx context.Context, name string, tags []Tag) error {
	return c.tagResource(ctx, "TagInstanceProfile", "InstanceProfileName", name, checkInstanceProfileName, tags)
}

// UntagInstanceProfile removes the tags with the given keys from an
// instance profile.
func (c *Client) UntagInstanceProfile(ctx context.Context, name string, keys []string) error {
	return c.untagResource(ctx, "UntagInstanceProfile", "InstanceProfileName", name, checkInstanceProfileName, keys)
}

// ListInstanceProfileTags returns one page of an instance profile's tags.
func (c *Client) ListInstanceProfileTags(ctx context.Context, name string, opts *PageOptions) (*ListTagsOutput, error) {
	return c.listResourceTags(ctx, "ListInstanceProfileTags", "InstanceProfileName", name, checkInstanceProfileName, opts)
}

// ListInstanceProfileTagsAll iterates over every tag of an instance
// profile.
func (c *Client) ListInstanceProfileTagsAll(ctx context.Context, name string, opts *PageOptions) iter.Seq2[Tag, error] {
	return c.allResourceTags(ctx, "ListInstanceProfileTags", "InstanceProfileName", name, checkInstanceProfileName, opts)
}

// MFA devices (TagMFADevice and UntagMFADevice are in mfa.go).

// ListMFADeviceTags returns one page of a virtual MFA device's tags.
func (c *Client) ListMFADeviceTags(ctx context.Context, serialNumber string, opts *PageOptions) (*ListTagsOutput, error) {
	return c.listResourceTags(ctx, "ListMFADeviceTags", "SerialNumber", serialNumber, serialNumberCheck, opts)
}

// ListMFADeviceTagsAll iterates over every tag of a virtual MFA device.
func (c *Client) ListMFADeviceTagsAll(ctx context.Context, serialNumber string, opts *PageOptions) iter.Seq2[Tag, error] {
	return c.allResourceTags(ctx, "ListMFADeviceTags", "SerialNumber", serialNumber, serialNumberCheck, opts)
}

// OpenID Connect providers.

// TagOpenIDConnectProvider adds tags to an OIDC provider, replacing the
// value of a key it already has.
func (c *Client) TagOpenIDConnectProvider(ctx context.Context, arn string, tags []Tag) error {
	return c.tagResource(ctx, "TagOpenIDConnectProvider", "OpenIDConnectProviderArn", arn, checkRequiredARN, tags)
}

// UntagOpenIDConnectProvider removes the tags with the given keys from an
// OIDC provider.
func (c *Client) UntagOpenIDConnectProvider(ctx context.Context, arn string, keys []string) error {
	return c.untagResource(ctx, "UntagOpenIDConnectProvider", "OpenIDConnectProviderArn", arn, checkRequiredARN, keys)
}

// ListOpenIDConnectProviderTags returns one page of an OIDC provider's
// tags.
func (c *Client) ListOpenIDConnectProviderTags(ctx context.Context, arn string, opts *PageOptions) (*ListTagsOutput, error) {
	return c.listResourceTags(ctx, "ListOpenIDConnectProviderTags", "OpenIDConnectProviderArn", arn, checkRequiredARN, opts)
}

// ListOpenIDConnectProviderTagsAll iterates over every tag of an OIDC
// provider.
func (c *Client) ListOpenIDConnectProviderTagsAll(ctx context.Context, arn string, opts *PageOptions) iter.Seq2[Tag, error] {
	return c.allResourceTags(ctx, "ListOpenIDConnectProviderTags", "OpenIDConnectProviderArn", arn, checkRequiredARN, opts)
}

// SAML providers.

// TagSAMLProvider adds tags to a SAML provider, replacing the value of a
// key it already has.
func (c *Client) TagSAMLProvider(ctx context.Context, arn string, tags []Tag) error {
	return c.tagResource(ctx, "TagSAMLProvider", "SAMLProviderArn", arn, checkRequiredARN, tags)
}

// UntagSAMLProvider removes the tags with the given keys from a SAML
// provider.
func (c *Client) UntagSAMLProvider(ctx context.Context, arn string, keys []string) error {
	return c.untagResource(ctx, "UntagSAMLProvider", "SAMLProviderArn", arn, checkRequiredARN, keys)
}

// ListSAMLProviderTags returns one page of a SAML provider's tags.
func (c *Client) ListSAMLProviderTags(ctx context.Context, arn string, opts *PageOptions) (*ListTagsOutput, error) {
	return c.listResourceTags(ctx, "ListSAMLProviderTags", "SAMLProviderArn", arn, checkRequiredARN, opts)
}

// ListSAMLProviderTagsAll iterates over every tag of a SAML provider.
func (c *Client) ListSAMLProviderTagsAll(ctx context.Context, arn string, opts *PageOptions) iter.Seq2[Tag, error] {
	return c.allResourceTags(ctx, "ListSAMLProviderTags", "SAMLProviderArn", arn, checkRequiredARN, opts)
}

// Server certificates.

// TagServerCertificate adds tags to a server certificate, replacing the
// value of a key it already has.
func (c *Client) TagServerCertificate(ctx context.Context, name string, tags []Tag) error {
	return c.tagResource(ctx, "TagServerCertificate", "ServerCertificateName", name, checkServerCertificateName, tags)
}

// UntagServerCertificate removes the tags with the given keys from a
// server certificate.
func (c *Client) UntagServerCertificate(ctx context.Context, name string, keys []string) error {
	return c.untagResource(ctx, "UntagServerCertificate", "ServerCertificateName", name, checkServerCertificateName, keys)
}

// ListServerCertificateTags returns one page of a server certificate's
// tags.
func (c *Client) ListServerCertificateTags(ctx context.Context, name string, opts *PageOptions) (*ListTagsOutput, error) {
	return c.listResourceTags(ctx, "ListServerCertificateTags", "ServerCertificateName", name, checkServerCertificateName, opts)
}

// ListServerCertificateTagsAll iterates over every tag of a server
// certificate.
func (c *Client) ListServerCertificateTagsAll(ctx context.Context, name string, opts *PageOptions) iter.Seq2[Tag, error] {
	return c.allResourceTags(ctx, "ListServerCertificateTags", "ServerCertificateName", name, checkServerCertificateName, opts)
}
