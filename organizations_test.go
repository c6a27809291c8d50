package iam

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestOrganizationsFeatures(t *testing.T) {
	ctx := context.Background()
	calls := map[string]func(c *Client) (*OrganizationsFeatures, error){
		"ListOrganizationsFeatures": func(c *Client) (*OrganizationsFeatures, error) { return c.ListOrganizationsFeatures(ctx) },
		"EnableOrganizationsRootCredentialsManagement": func(c *Client) (*OrganizationsFeatures, error) {
			return c.EnableOrganizationsRootCredentialsManagement(ctx)
		},
		"DisableOrganizationsRootCredentialsManagement": func(c *Client) (*OrganizationsFeatures, error) {
			return c.DisableOrganizationsRootCredentialsManagement(ctx)
		},
		"EnableOrganizationsRootSessions":  func(c *Client) (*OrganizationsFeatures, error) { return c.EnableOrganizationsRootSessions(ctx) },
		"DisableOrganizationsRootSessions": func(c *Client) (*OrganizationsFeatures, error) { return c.DisableOrganizationsRootSessions(ctx) },
	}
	lists := map[string]struct {
		fixture  string
		features []string
	}{
		"zero": {"listorganizationsfeatures-0.xml", []string{}},
		"one":  {"listorganizationsfeatures-1.xml", []string{FeatureRootCredentialsManagement}},
		"many": {"listorganizationsfeatures-many.xml", []string{FeatureRootCredentialsManagement, FeatureRootSessions}},
	}
	for action, call := range calls {
		for lname, tc := range lists {
			t.Run(action+"/"+lname, func(t *testing.T) {
				body := renamed(typedFixture(t, tc.fixture), "ListOrganizationsFeatures", action)
				c, hits := expectForm(t, form(action), 200, body)
				out, err := call(c)
				require.NoError(t, err)
				assert.Equal(t, "o-aa111bb222", out.OrganizationID)
				assert.Equal(t, tc.features, out.EnabledFeatures)
				assert.Equal(t, action+"Result", out.Element().Name())
				assert.Equal(t, int32(1), hits.Load())
			})
		}
		t.Run(action+"/missing EnabledFeatures is none", func(t *testing.T) {
			c, _ := expectForm(t, form(action), 200, `<R><`+action+`Result><OrganizationId>o-aa111bb222</OrganizationId></`+action+`Result></R>`)
			out, err := call(c)
			require.NoError(t, err)
			assert.Equal(t, []string{}, out.EnabledFeatures)
		})
		t.Run(action+"/EnabledFeatures not a list is an error", func(t *testing.T) {
			c, _ := expectForm(t, form(action), 200, `<R><`+action+`Result><EnabledFeatures>RootSessions</EnabledFeatures></`+action+`Result></R>`)
			_, err := call(c)
			var de *DecodeError
			require.ErrorAs(t, err, &de)
			assert.Contains(t, err.Error(), "EnabledFeatures")
		})
	}
}

func TestOutboundWebIdentityFederation(t *testing.T) {
	ctx := context.Background()
	const issuer = "https://a1b2c3d4-0000-4000-8000-example.tokens.sts.global.api.aws"
	t.Run("enable", func(t *testing.T) {
		c, _ := expectForm(t, form("EnableOutboundWebIdentityFederation"), 200, typedFixture(t, "enableoutboundwebidentityfederation.xml"))
		got, err := c.EnableOutboundWebIdentityFederation(ctx)
		require.NoError(t, err)
		assert.Equal(t, issuer, got)
	})
	t.Run("enable without IssuerIdentifier is an error", func(t *testing.T) {
		c, _ := expectForm(t, form("EnableOutboundWebIdentityFederation"), 200,
			`<R><EnableOutboundWebIdentityFederationResult/></R>`)
		_, err := c.EnableOutboundWebIdentityFederation(ctx)
		var de *DecodeError
		require.ErrorAs(t, err, &de)
		assert.Contains(t, err.Error(), "IssuerIdentifier")
	})
	t.Run("enable twice is the service's error", func(t *testing.T) {
		c, _ := expectForm(t, form("EnableOutboundWebIdentityFederation"), 409,
			`<ErrorResponse><Error><Type>Sender</Type><Code>FeatureEnabled</Code><Message>already enabled</Message></Error><RequestId>r1</RequestId></ErrorResponse>`)
		_, err := c.EnableOutboundWebIdentityFederation(ctx)
		var ae *APIError
		require.ErrorAs(t, err, &ae)
		assert.Equal(t, "FeatureEnabled", ae.Code)
	})
	t.Run("disable", func(t *testing.T) {
		c, hits := expectForm(t, form("DisableOutboundWebIdentityFederation"), 200, emptyResult("DisableOutboundWebIdentityFederation"))
		require.NoError(t, c.DisableOutboundWebIdentityFederation(ctx))
		assert.Equal(t, int32(1), hits.Load())
	})
	t.Run("get", func(t *testing.T) {
		c, _ := expectForm(t, form("GetOutboundWebIdentityFederationInfo"), 200, typedFixture(t, "getoutboundwebidentityfederationinfo.xml"))
		info, err := c.GetOutboundWebIdentityFederationInfo(ctx)
		require.NoError(t, err)
		assert.Equal(t, issuer, info.IssuerIdentifier)
		assert.True(t, info.JwtVendingEnabled)
		assert.Equal(t, "9c2f0a41-0000-4000-8000-typed2cEXAMPLE", info.Response().RequestID())
	})
	t.Run("get with a malformed boolean is an error", func(t *testing.T) {
		c, _ := expectForm(t, form("GetOutboundWebIdentityFederationInfo"), 200,
			`<R><GetOutboundWebIdentityFederationInfoResult><JwtVendingEnabled>maybe</JwtVendingEnabled></GetOutboundWebIdentityFederationInfoResult></R>`)
		_, err := c.GetOutboundWebIdentityFederationInfo(ctx)
		var de *DecodeError
		require.ErrorAs(t, err, &de)
		assert.Contains(t, err.Error(), "JwtVendingEnabled")
	})
}

func TestSetSecurityTokenServicePreferences(t *testing.T) {
	ctx := context.Background()
	for _, v := range []string{GlobalEndpointTokenV1, GlobalEndpointTokenV2} {
		t.Run(v, func(t *testing.T) {
			c, hits := expectForm(t, form("SetSecurityTokenServicePreferences", "GlobalEndpointTokenVersion", v), 200,
				emptyResult("SetSecurityTokenServicePreferences"))
			require.NoError(t, c.SetSecurityTokenServicePreferences(ctx, v))
			assert.Equal(t, int32(1), hits.Load())
		})
	}
	for name, v := range map[string]string{"empty": "", "unknown": "v3Token", "wrong case": "V2TOKEN"} {
		t.Run("refused: "+name, func(t *testing.T) {
			err := neverCalled(t).SetSecurityTokenServicePreferences(ctx, v)
			requireValidation(t, err, "SetSecurityTokenServicePreferences", "GlobalEndpointTokenVersion")
		})
	}
}
