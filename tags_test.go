package iam

import (
	"context"
	"iter"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// renamed returns a fixture of action from as the answer of action to:
// the List*Tags actions answer the same shape under their own element
// names, so one set of fixtures serves them all.
func renamed(body, from, to string) string { return strings.ReplaceAll(body, from, to) }

// tagFamily is one resource kind's Tag, Untag and List*Tags methods.
type tagFamily struct {
	tag, untag, list string
	idParam, id      string
	tagFn            func(c *Client, id string, tags []Tag) error
	untagFn          func(c *Client, id string, keys []string) error
	listFn           func(c *Client, id string, opts *PageOptions) (*ListTagsOutput, error)
	allFn            func(c *Client, id string, opts *PageOptions) iter.Seq2[Tag, error]
	// badID breaks the identifier's rule.
	badID string
}

func tagFamilies() map[string]tagFamily {
	ctx := context.Background()
	return map[string]tagFamily{
		"policy": {
			tag: "TagPolicy", untag: "UntagPolicy", list: "ListPolicyTags",
			idParam: "PolicyArn", id: "arn:aws:iam::123456789012:policy/division/Billing",
			tagFn:   func(c *Client, id string, tags []Tag) error { return c.TagPolicy(ctx, id, tags) },
			untagFn: func(c *Client, id string, keys []string) error { return c.UntagPolicy(ctx, id, keys) },
			listFn: func(c *Client, id string, o *PageOptions) (*ListTagsOutput, error) {
				return c.ListPolicyTags(ctx, id, o)
			},
			allFn: func(c *Client, id string, o *PageOptions) iter.Seq2[Tag, error] {
				return c.ListPolicyTagsAll(ctx, id, o)
			},
			badID: "arn:aws:iam::123456789012:role/NotAPolicy",
		},
		"instance profile": {
			tag: "TagInstanceProfile", untag: "UntagInstanceProfile", list: "ListInstanceProfileTags",
			idParam: "InstanceProfileName", id: "Webserver",
			tagFn:   func(c *Client, id string, tags []Tag) error { return c.TagInstanceProfile(ctx, id, tags) },
			untagFn: func(c *Client, id string, keys []string) error { return c.UntagInstanceProfile(ctx, id, keys) },
			listFn: func(c *Client, id string, o *PageOptions) (*ListTagsOutput, error) {
				return c.ListInstanceProfileTags(ctx, id, o)
			},
			allFn: func(c *Client, id string, o *PageOptions) iter.Seq2[Tag, error] {
				return c.ListInstanceProfileTagsAll(ctx, id, o)
			},
			badID: "web server",
		},
		"MFA device": {
			tag: "TagMFADevice", untag: "UntagMFADevice", list: "ListMFADeviceTags",
			idParam: "SerialNumber", id: bobMFA,
			tagFn:   func(c *Client, id string, tags []Tag) error { return c.TagMFADevice(ctx, id, tags) },
			untagFn: func(c *Client, id string, keys []string) error { return c.UntagMFADevice(ctx, id, keys) },
			listFn: func(c *Client, id string, o *PageOptions) (*ListTagsOutput, error) {
				return c.ListMFADeviceTags(ctx, id, o)
			},
			allFn: func(c *Client, id string, o *PageOptions) iter.Seq2[Tag, error] {
				return c.ListMFADeviceTagsAll(ctx, id, o)
			},
			badID: "GAHT",
		},
		"OIDC provider": {
			tag: "TagOpenIDConnectProvider", untag: "UntagOpenIDConnectProvider", list: "ListOpenIDConnectProviderTags",
			idParam: "OpenIDConnectProviderArn", id: "arn:aws:iam::123456789012:oidc-provider/server.example.com",
			tagFn:   func(c *Client, id string, tags []Tag) error { return c.TagOpenIDConnectProvider(ctx, id, tags) },
			untagFn: func(c *Client, id string, keys []string) error { return c.UntagOpenIDConnectProvider(ctx, id, keys) },
			listFn: func(c *Client, id string, o *PageOptions) (*ListTagsOutput, error) {
				return c.ListOpenIDConnectProviderTags(ctx, id, o)
			},
			allFn: func(c *Client, id string, o *PageOptions) iter.Seq2[Tag, error] {
				return c.ListOpenIDConnectProviderTagsAll(ctx, id, o)
			},
			badID: "server.example.com",
		},
		"SAML provider": {
			tag: "TagSAMLProvider", untag: "UntagSAMLProvider", list: "ListSAMLProviderTags",
			idParam: "SAMLProviderArn", id: "arn:aws:iam::123456789012:saml-provider/ADFS",
			tagFn:   func(c *Client, id string, tags []Tag) error { return c.TagSAMLProvider(ctx, id, tags) },
			untagFn: func(c *Client, id string, keys []string) error { return c.UntagSAMLProvider(ctx, id, keys) },
			listFn: func(c *Client, id string, o *PageOptions) (*ListTagsOutput, error) {
				return c.ListSAMLProviderTags(ctx, id, o)
			},
			allFn: func(c *Client, id string, o *PageOptions) iter.Seq2[Tag, error] {
				return c.ListSAMLProviderTagsAll(ctx, id, o)
			},
			badID: "ADFS",
		},
		"server certificate": {
			tag: "TagServerCertificate", untag: "UntagServerCertificate", list: "ListServerCertificateTags",
			idParam: "ServerCertificateName", id: "ProdServerCert",
			tagFn:   func(c *Client, id string, tags []Tag) error { return c.TagServerCertificate(ctx, id, tags) },
			untagFn: func(c *Client, id string, keys []string) error { return c.UntagServerCertificate(ctx, id, keys) },
			listFn: func(c *Client, id string, o *PageOptions) (*ListTagsOutput, error) {
				return c.ListServerCertificateTags(ctx, id, o)
			},
			allFn: func(c *Client, id string, o *PageOptions) iter.Seq2[Tag, error] {
				return c.ListServerCertificateTagsAll(ctx, id, o)
			},
			badID: "prod/cert",
		},
	}
}

func TestTagUntagResources(t *testing.T) {
	tags := []Tag{{Key: "Dept", Value: "Accounting"}, {Key: "CostCenter", Value: ""}}
	for name, f := range tagFamilies() {
		t.Run(name, func(t *testing.T) {
			c, hits := expectForm(t, form(f.tag, f.idParam, f.id,
				"Tags.member.1.Key", "Dept", "Tags.member.1.Value", "Accounting",
				"Tags.member.2.Key", "CostCenter", "Tags.member.2.Value", ""), 200, emptyResult(f.tag))
			require.NoError(t, f.tagFn(c, f.id, tags))
			assert.Equal(t, int32(1), hits.Load())

			c, _ = expectForm(t, form(f.untag, f.idParam, f.id, "TagKeys.member.1", "Dept", "TagKeys.member.2", "CostCenter"), 200, emptyResult(f.untag))
			require.NoError(t, f.untagFn(c, f.id, []string{"Dept", "CostCenter"}))
		})
	}
}

func TestListResourceTags(t *testing.T) {
	cases := map[string]struct {
		fixture string
		tags    []Tag
		more    bool
	}{
		"zero": {"listpolicytags-0.xml", []Tag{}, false},
		"one":  {"listpolicytags-1.xml", []Tag{{Key: "Dept", Value: "Accounting"}}, false},
		"many": {"listpolicytags-many.xml", []Tag{{"Dept", "Accounting"}, {"CostCenter", "12345"}, {"Empty", ""}}, true},
	}
	for name, f := range tagFamilies() {
		for cname, tc := range cases {
			t.Run(name+"/"+cname, func(t *testing.T) {
				body := renamed(typedFixture(t, tc.fixture), "ListPolicyTags", f.list)
				c, _ := expectForm(t, form(f.list, f.idParam, f.id), 200, body)
				out, err := f.listFn(c, f.id, nil)
				require.NoError(t, err)
				assert.Equal(t, tc.tags, out.Tags)
				assert.Equal(t, tc.more, out.IsTruncated)
				assert.Equal(t, "9c2f0a41-0000-4000-8000-typed2cEXAMPLE", out.Response().RequestID())
				assert.Equal(t, f.list+"Result", out.Element().Name())
			})
		}
		t.Run(name+"/paging options sent", func(t *testing.T) {
			body := renamed(typedFixture(t, "listpolicytags-many.xml"), "ListPolicyTags", f.list)
			c, _ := expectForm(t, form(f.list, f.idParam, f.id, "MaxItems", "3", "Marker", "m1"), 200, body)
			out, err := f.listFn(c, f.id, &PageOptions{MaxItems: 3, Marker: "m1"})
			require.NoError(t, err)
			assert.Equal(t, "page-2", out.Marker)
		})
		t.Run(name+"/iterator walks both pages", func(t *testing.T) {
			c, markers := pagedForms(t, form(f.list, f.idParam, f.id), map[string]string{
				"":       renamed(typedFixture(t, "listpolicytags-many.xml"), "ListPolicyTags", f.list),
				"page-2": renamed(typedFixture(t, "listpolicytags-1.xml"), "ListPolicyTags", f.list),
			})
			var keys []string
			for tag, err := range f.allFn(c, f.id, nil) {
				require.NoError(t, err)
				keys = append(keys, tag.Key)
			}
			assert.Equal(t, []string{"Dept", "CostCenter", "Empty", "Dept"}, keys)
			assert.Equal(t, []string{"", "page-2"}, *markers)
		})
		t.Run(name+"/Tags not a list is an error", func(t *testing.T) {
			body := `<` + f.list + `Response><` + f.list + `Result><Tags>oops</Tags></` + f.list + `Result></` + f.list + `Response>`
			c, _ := expectForm(t, form(f.list, f.idParam, f.id), 200, body)
			_, err := f.listFn(c, f.id, nil)
			var de *DecodeError
			require.ErrorAs(t, err, &de)
			assert.Contains(t, err.Error(), "Tags")
		})
	}
}

func TestResourceTagsValidation(t *testing.T) {
	for name, f := range tagFamilies() {
		refused := map[string]struct {
			call  func(c *Client) error
			field string
		}{
			"tag: empty id":      {func(c *Client) error { return f.tagFn(c, "", []Tag{{Key: "k"}}) }, f.idParam},
			"tag: bad id":        {func(c *Client) error { return f.tagFn(c, f.badID, []Tag{{Key: "k"}}) }, f.idParam},
			"tag: no tags":       {func(c *Client) error { return f.tagFn(c, f.id, nil) }, "Tags"},
			"tag: aws: prefix":   {func(c *Client) error { return f.tagFn(c, f.id, []Tag{{Key: "aws:x"}}) }, "Tags[0].Key"},
			"tag: repeated key":  {func(c *Client) error { return f.tagFn(c, f.id, []Tag{{Key: "a"}, {Key: "a"}}) }, "Tags[1].Key"},
			"untag: bad id":      {func(c *Client) error { return f.untagFn(c, f.badID, []string{"a"}) }, f.idParam},
			"untag: no keys":     {func(c *Client) error { return f.untagFn(c, f.id, nil) }, "TagKeys"},
			"untag: empty key":   {func(c *Client) error { return f.untagFn(c, f.id, []string{"a", ""}) }, "TagKeys[1]"},
			"list: bad id":       {func(c *Client) error { _, err := f.listFn(c, f.badID, nil); return err }, f.idParam},
			"list: bad MaxItems": {func(c *Client) error { _, err := f.listFn(c, f.id, &PageOptions{MaxItems: 1001}); return err }, "MaxItems"},
		}
		for rname, tc := range refused {
			t.Run(name+"/"+rname, func(t *testing.T) {
				err := tc.call(neverCalled(t))
				action := f.tag
				switch {
				case strings.HasPrefix(rname, "untag"):
					action = f.untag
				case strings.HasPrefix(rname, "list"):
					action = f.list
				}
				requireValidation(t, err, action, tc.field)
			})
		}
		t.Run(name+"/iterator yields the validation error once", func(t *testing.T) {
			n := 0
			for _, err := range f.allFn(neverCalled(t), f.badID, nil) {
				requireValidation(t, err, f.list, f.idParam)
				n++
			}
			assert.Equal(t, 1, n)
		})
	}
}
