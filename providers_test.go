package iam

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const (
	samlARN = "arn:aws:iam::123456789012:saml-provider/ExampleIdP"
	oidcARN = "arn:aws:iam::123456789012:oidc-provider/server.example.com"
	thumb   = "c3768084dfb3d2b68b7897bf5f565da8eEXAMPLE"
	thumbOK = "c3768084dfb3d2b68b7897bf5f565da8e0123456"
)

// testSAMLMetadata is an IdP metadata document long enough for IAM's
// 1,000-character minimum (test only: the certificate is a placeholder).
func testSAMLMetadata() string {
	return `<?xml version="1.0"?>
<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" entityID="https://idp.example.test/">
  <md:IDPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">
    <md:KeyDescriptor use="signing"><ds:KeyInfo xmlns:ds="http://www.w3.org/2000/09/xmldsig#"><ds:X509Data>
      <ds:X509Certificate>` + strings.Repeat("TESTONLYPLACEHOLDER", 60) + `</ds:X509Certificate>
    </ds:X509Data></ds:KeyInfo></md:KeyDescriptor>
    <md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" Location="https://idp.example.test/sso"/>
  </md:IDPSSODescriptor>
</md:EntityDescriptor>`
}

func TestCreateSAMLProvider(t *testing.T) {
	ctx := context.Background()
	md := testSAMLMetadata()
	c, _ := expectForm(t, form("CreateSAMLProvider", "Name", "ExampleIdP", "SAMLMetadataDocument", md,
		"AssertionEncryptionMode", "Required", "Tags.member.1.Key", "env", "Tags.member.1.Value", "test"), 200, typedFixture(t, "createsamlprovider.xml"))
	out, err := c.CreateSAMLProvider(ctx, "ExampleIdP", md, &CreateSAMLProviderOptions{
		AssertionEncryptionMode: AssertionEncryptionRequired, Tags: []Tag{{"env", "test"}},
	})
	require.NoError(t, err)
	assert.Equal(t, samlARN, out.SAMLProviderARN)
	assert.Equal(t, []Tag{{"env", "test"}}, out.Tags)

	c2, _ := expectForm(t, form("CreateSAMLProvider", "Name", "ExampleIdP", "SAMLMetadataDocument", md), 200, typedFixture(t, "createsamlprovider.xml"))
	_, err = c2.CreateSAMLProvider(ctx, "ExampleIdP", md, nil)
	require.NoError(t, err)

	refused := map[string]struct {
		name, md, mode, field, rule string
	}{
		"bad name":           {"Example IdP", md, "", "Name", `[\w._-]+`},
		"no name":            {"", md, "", "Name", "required"},
		"short metadata":     {"ExampleIdP", "<EntityDescriptor/>", "", "SAMLMetadataDocument", "got 19"},
		"not XML":            {"ExampleIdP", strings.Repeat("x", 1200), "", "SAMLMetadataDocument", "text outside the document element"},
		"broken XML":         {"ExampleIdP", md[:len(md)-10], "", "SAMLMetadataDocument", "xml syntax error"},
		"wrong root":         {"ExampleIdP", strings.ReplaceAll(md, "EntityDescriptor", "Assertion"), "", "SAMLMetadataDocument", `"Assertion"`},
		"bad encryption arg": {"ExampleIdP", md, "required", "AssertionEncryptionMode", "Required"},
	}
	for name, tc := range refused {
		t.Run("refused: "+name, func(t *testing.T) {
			_, err := neverCalled(t).CreateSAMLProvider(ctx, tc.name, tc.md, &CreateSAMLProviderOptions{AssertionEncryptionMode: tc.mode})
			ve := requireValidation(t, err, "CreateSAMLProvider", tc.field)
			assert.Contains(t, ve.Rule, tc.rule)
		})
	}
}

func TestGetSAMLProvider(t *testing.T) {
	ctx := context.Background()
	c, _ := expectForm(t, form("GetSAMLProvider", "SAMLProviderArn", samlARN), 200, typedFixture(t, "getsamlprovider.xml"))
	p, err := c.GetSAMLProvider(ctx, samlARN)
	require.NoError(t, err)
	assert.True(t, strings.HasPrefix(p.SAMLMetadataDocument, `<EntityDescriptor xmlns=`), "entities decoded")
	assert.Equal(t, time.Date(2034, 5, 6, 7, 8, 9, 0, time.UTC), p.ValidUntil)
	assert.Equal(t, "ABCDEFGHIJKLMNOPQRSTUV0123", p.SAMLProviderUUID)
	assert.Equal(t, AssertionEncryptionAllowed, p.AssertionEncryptionMode)
	assert.Equal(t, []SAMLPrivateKey{{KeyID: "KEYIDEXAMPLE0000000001", Timestamp: time.Date(2024, 5, 7, 0, 0, 0, 0, time.UTC)}}, p.PrivateKeys)

	t.Run("an older server's answer", func(t *testing.T) {
		c, _ := expectForm(t, form("GetSAMLProvider", "SAMLProviderArn", samlARN), 200, typedFixture(t, "getsamlprovider-old.xml"))
		p, err := c.GetSAMLProvider(ctx, samlARN)
		require.NoError(t, err)
		assert.Empty(t, p.PrivateKeys)
		assert.Empty(t, p.SAMLProviderUUID)
		assert.Equal(t, time.Date(2012, 5, 9, 16, 27, 11, 0, time.UTC), p.CreateDate)
	})
	_, err = neverCalled(t).GetSAMLProvider(ctx, "ExampleIdP")
	requireValidation(t, err, "GetSAMLProvider", "SAMLProviderArn")
}

func TestListSAMLProviders(t *testing.T) {
	tests := map[string]struct {
		fixture string
		n       int
	}{
		"zero": {"listsamlproviders-0.xml", 0},
		"one":  {"listsamlproviders-1.xml", 1},
		"many": {"listsamlproviders-many.xml", 3},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			c, _ := expectForm(t, form("ListSAMLProviders"), 200, typedFixture(t, tc.fixture))
			out, err := c.ListSAMLProviders(context.Background())
			require.NoError(t, err)
			require.Len(t, out.SAMLProviderList, tc.n)
			for i, e := range out.SAMLProviderList {
				assert.True(t, strings.HasSuffix(e.ARN, "IdP"+string(rune('1'+i))))
				assert.Equal(t, e.CreateDate.AddDate(10, 0, 0), e.ValidUntil)
			}
		})
	}
}

func TestUpdateDeleteSAMLProvider(t *testing.T) {
	ctx := context.Background()
	md := testSAMLMetadata()
	c, _ := expectForm(t, form("UpdateSAMLProvider", "SAMLProviderArn", samlARN, "SAMLMetadataDocument", md), 200, typedFixture(t, "updatesamlprovider.xml"))
	arn, err := c.UpdateSAMLProvider(ctx, samlARN, &UpdateSAMLProviderOptions{SAMLMetadataDocument: md})
	require.NoError(t, err)
	assert.Equal(t, samlARN, arn)

	c2, _ := expectForm(t, form("UpdateSAMLProvider", "SAMLProviderArn", samlARN, "AssertionEncryptionMode", "Allowed", "RemovePrivateKey", "KEYIDEXAMPLE0000000001"), 200, typedFixture(t, "updatesamlprovider.xml"))
	_, err = c2.UpdateSAMLProvider(ctx, samlARN, &UpdateSAMLProviderOptions{AssertionEncryptionMode: AssertionEncryptionAllowed, RemovePrivateKey: "KEYIDEXAMPLE0000000001"})
	require.NoError(t, err)

	_, err = neverCalled(t).UpdateSAMLProvider(ctx, samlARN, nil)
	requireValidation(t, err, "UpdateSAMLProvider", "SAMLMetadataDocument")

	c3, _ := expectForm(t, form("DeleteSAMLProvider", "SAMLProviderArn", samlARN), 200, emptyResult("DeleteSAMLProvider"))
	require.NoError(t, c3.DeleteSAMLProvider(ctx, samlARN))
	requireValidation(t, neverCalled(t).DeleteSAMLProvider(ctx, ""), "DeleteSAMLProvider", "SAMLProviderArn")
}

func TestCreateOpenIDConnectProvider(t *testing.T) {
	ctx := context.Background()
	c, _ := expectForm(t, form("CreateOpenIDConnectProvider", "Url", "https://server.example.com",
		"ClientIDList.member.1", "my-application-ID", "ClientIDList.member.2", "other-application-ID",
		"ThumbprintList.member.1", thumbOK), 200, typedFixture(t, "createopenidconnectprovider.xml"))
	out, err := c.CreateOpenIDConnectProvider(ctx, "https://server.example.com", &CreateOpenIDConnectProviderOptions{
		ClientIDList:   []string{"my-application-ID", "other-application-ID"},
		ThumbprintList: []string{thumbOK},
	})
	require.NoError(t, err)
	assert.Equal(t, oidcARN, out.OpenIDConnectProviderARN)
	assert.Empty(t, out.Tags)

	c2, _ := expectForm(t, form("CreateOpenIDConnectProvider", "Url", "https://token.actions.example.test/path"), 200, typedFixture(t, "createopenidconnectprovider.xml"))
	_, err = c2.CreateOpenIDConnectProvider(ctx, "https://token.actions.example.test/path", nil)
	require.NoError(t, err, "thumbprints and client IDs are optional")

	refused := map[string]struct {
		url   string
		opts  *CreateOpenIDConnectProviderOptions
		field string
	}{
		"http":             {"http://server.example.com", nil, "Url"},
		"no scheme":        {"server.example.com", nil, "Url"},
		"query":            {"https://server.example.com/?a=b", nil, "Url"},
		"fragment":         {"https://server.example.com/#x", nil, "Url"},
		"empty":            {"", nil, "Url"},
		"short thumbprint": {"https://s.example.com", &CreateOpenIDConnectProviderOptions{ThumbprintList: []string{"abc"}}, "ThumbprintList[0]"},
		"not hex":          {"https://s.example.com", &CreateOpenIDConnectProviderOptions{ThumbprintList: []string{thumbOK, strings.Repeat("g", 40)}}, "ThumbprintList[1]"},
		"six thumbprints":  {"https://s.example.com", &CreateOpenIDConnectProviderOptions{ThumbprintList: []string{thumbOK, thumbOK, thumbOK, thumbOK, thumbOK, thumbOK}}, "ThumbprintList"},
		"empty client ID":  {"https://s.example.com", &CreateOpenIDConnectProviderOptions{ClientIDList: []string{""}}, "ClientIDList[0]"},
	}
	for name, tc := range refused {
		t.Run("refused: "+name, func(t *testing.T) {
			_, err := neverCalled(t).CreateOpenIDConnectProvider(ctx, tc.url, tc.opts)
			requireValidation(t, err, "CreateOpenIDConnectProvider", tc.field)
		})
	}
}

func TestGetOpenIDConnectProvider(t *testing.T) {
	ctx := context.Background()
	c, _ := expectForm(t, form("GetOpenIDConnectProvider", "OpenIDConnectProviderArn", oidcARN), 200, typedFixture(t, "getopenidconnectprovider.xml"))
	p, err := c.GetOpenIDConnectProvider(ctx, oidcARN)
	require.NoError(t, err)
	assert.Equal(t, "server.example.com", p.URL)
	assert.Equal(t, []string{"my-application-ID", "other-application-ID"}, p.ClientIDList)
	assert.Equal(t, []string{thumb}, p.ThumbprintList)
	assert.Equal(t, time.Date(2014, 10, 9, 3, 32, 51, 398e6, time.UTC), p.CreateDate)
	assert.Equal(t, []Tag{{"env", "test"}}, p.Tags)

	c2, _ := expectForm(t, form("GetOpenIDConnectProvider", "OpenIDConnectProviderArn", oidcARN), 200, typedFixture(t, "getopenidconnectprovider-empty.xml"))
	p, err = c2.GetOpenIDConnectProvider(ctx, oidcARN)
	require.NoError(t, err)
	assert.Empty(t, p.ClientIDList)
	assert.Empty(t, p.ThumbprintList)
}

func TestListOpenIDConnectProviders(t *testing.T) {
	tests := map[string]struct {
		fixture string
		n       int
	}{
		"zero": {"listopenidconnectproviders-0.xml", 0},
		"one":  {"listopenidconnectproviders-1.xml", 1},
		"many": {"listopenidconnectproviders-many.xml", 3},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			c, _ := expectForm(t, form("ListOpenIDConnectProviders"), 200, typedFixture(t, tc.fixture))
			out, err := c.ListOpenIDConnectProviders(context.Background())
			require.NoError(t, err)
			require.Len(t, out.ARNs, tc.n)
			for _, a := range out.ARNs {
				assert.True(t, strings.HasPrefix(a, "arn:aws:iam::123456789012:oidc-provider/server"))
			}
		})
	}
	t.Run("entry without Arn", func(t *testing.T) {
		c, _ := expectForm(t, form("ListOpenIDConnectProviders"), 200, `<ListOpenIDConnectProvidersResponse><ListOpenIDConnectProvidersResult>
<OpenIDConnectProviderList><member><Url>x</Url></member></OpenIDConnectProviderList></ListOpenIDConnectProvidersResult></ListOpenIDConnectProvidersResponse>`)
		_, err := c.ListOpenIDConnectProviders(context.Background())
		require.Error(t, err)
		assert.Contains(t, err.Error(), "Arn")
	})
}

func TestOpenIDConnectProviderUpdates(t *testing.T) {
	ctx := context.Background()
	t.Run("thumbprints", func(t *testing.T) {
		c, _ := expectForm(t, form("UpdateOpenIDConnectProviderThumbprint", "OpenIDConnectProviderArn", oidcARN,
			"ThumbprintList.member.1", thumbOK, "ThumbprintList.member.2", strings.ToUpper(thumbOK)), 200, emptyResult("UpdateOpenIDConnectProviderThumbprint"))
		require.NoError(t, c.UpdateOpenIDConnectProviderThumbprint(ctx, oidcARN, []string{thumbOK, strings.ToUpper(thumbOK)}))
		requireValidation(t, neverCalled(t).UpdateOpenIDConnectProviderThumbprint(ctx, oidcARN, nil), "UpdateOpenIDConnectProviderThumbprint", "ThumbprintList")
	})
	t.Run("add client ID", func(t *testing.T) {
		c, _ := expectForm(t, form("AddClientIDToOpenIDConnectProvider", "OpenIDConnectProviderArn", oidcARN, "ClientID", "new-app"), 200, emptyResult("AddClientIDToOpenIDConnectProvider"))
		require.NoError(t, c.AddClientIDToOpenIDConnectProvider(ctx, oidcARN, "new-app"))
	})
	t.Run("remove client ID", func(t *testing.T) {
		c, _ := expectForm(t, form("RemoveClientIDFromOpenIDConnectProvider", "OpenIDConnectProviderArn", oidcARN, "ClientID", "new-app"), 200, emptyResult("RemoveClientIDFromOpenIDConnectProvider"))
		require.NoError(t, c.RemoveClientIDFromOpenIDConnectProvider(ctx, oidcARN, "new-app"))
		requireValidation(t, neverCalled(t).RemoveClientIDFromOpenIDConnectProvider(ctx, oidcARN, strings.Repeat("x", 256)), "RemoveClientIDFromOpenIDConnectProvider", "ClientID")
	})
	t.Run("delete", func(t *testing.T) {
		c, _ := expectForm(t, form("DeleteOpenIDConnectProvider", "OpenIDConnectProviderArn", oidcARN), 200, emptyResult("DeleteOpenIDConnectProvider"))
		require.NoError(t, c.DeleteOpenIDConnectProvider(ctx, oidcARN))
		requireValidation(t, neverCalled(t).DeleteOpenIDConnectProvider(ctx, "oidc"), "DeleteOpenIDConnectProvider", "OpenIDConnectProviderArn")
	})
}

// TestProvidersEndToEnd runs the SAML and OIDC calls against the local
// server.
func TestProvidersEndToEnd(t *testing.T) {
	ctx := context.Background()
	c := newLocalClient(t, testTime)

	md := testSAMLMetadata()
	created, err := c.CreateSAMLProvider(ctx, "ExampleIdP", md, nil)
	require.NoError(t, err)
	got, err := c.GetSAMLProvider(ctx, created.SAMLProviderARN)
	require.NoError(t, err)
	assert.Equal(t, md, got.SAMLMetadataDocument)
	_, err = c.UpdateSAMLProvider(ctx, created.SAMLProviderARN, &UpdateSAMLProviderOptions{SAMLMetadataDocument: md})
	require.NoError(t, err)
	saml, err := c.ListSAMLProviders(ctx)
	require.NoError(t, err)
	require.Len(t, saml.SAMLProviderList, 1)
	assert.Equal(t, created.SAMLProviderARN, saml.SAMLProviderList[0].ARN)
	require.NoError(t, c.DeleteSAMLProvider(ctx, created.SAMLProviderARN))

	oidc, err := c.CreateOpenIDConnectProvider(ctx, "https://server.example.com", &CreateOpenIDConnectProviderOptions{
		ClientIDList: []string{"app-1"}, ThumbprintList: []string{thumbOK},
	})
	require.NoError(t, err)
	require.NoError(t, c.AddClientIDToOpenIDConnectProvider(ctx, oidc.OpenIDConnectProviderARN, "app-2"))
	require.NoError(t, c.RemoveClientIDFromOpenIDConnectProvider(ctx, oidc.OpenIDConnectProviderARN, "app-1"))
	other := strings.Repeat("ab", 20)
	require.NoError(t, c.UpdateOpenIDConnectProviderThumbprint(ctx, oidc.OpenIDConnectProviderARN, []string{other}))
	p, err := c.GetOpenIDConnectProvider(ctx, oidc.OpenIDConnectProviderARN)
	require.NoError(t, err)
	assert.Equal(t, "server.example.com", p.URL)
	assert.Equal(t, []string{"app-2"}, p.ClientIDList)
	assert.Equal(t, []string{other}, p.ThumbprintList)
	list, err := c.ListOpenIDConnectProviders(ctx)
	require.NoError(t, err)
	assert.Equal(t, []string{oidc.OpenIDConnectProviderARN}, list.ARNs)
	require.NoError(t, c.DeleteOpenIDConnectProvider(ctx, oidc.OpenIDConnectProviderARN))
	_, err = c.GetOpenIDConnectProvider(ctx, oidc.OpenIDConnectProviderARN)
	assert.True(t, IsNotFound(err))
}
