package iam

import "context"

// Account-wide features tied to AWS Organizations and to token issuing:
// centralized root access for member accounts, outbound web identity
// federation, and the version of the tokens STS's global endpoint issues.

// The features of centralized root access, the values of
// OrganizationsFeatures.EnabledFeatures.
const (
	FeatureRootCredentialsManagement = "RootCredentialsManagement"
	FeatureRootSessions              = "RootSessions"
)

// OrganizationsFeatures is the centralized root access state of an
// organization, as ListOrganizationsFeatures and the Enable/Disable calls
// return it.
type OrganizationsFeatures struct {
	// OrganizationID is the organization's ID, "o-" and 10-32 letters or
	// digits.
	OrganizationID string
	// EnabledFeatures lists FeatureRootCredentialsManagement and
	// FeatureRootSessions when enabled; empty when neither is.
	EnabledFeatures []string

	source
}

// ListOrganizationsFeatures returns which centralized root access
// features the organization has enabled. Only the management account or
// the delegated administrator may call it.
func (c *Client) ListOrganizationsFeatures(ctx context.Context) (*OrganizationsFeatures, error) {
	return c.organizationsFeatures(ctx, "ListOrganizationsFeatures")
}

// EnableOrganizationsRootCredentialsManagement lets the management
// account manage the root user credentials of member accounts, and
// returns the features now enabled.
func (c *Client) EnableOrganizationsRootCredentialsManagement(ctx context.Context) (*OrganizationsFeatures, error) {
	return c.organizationsFeatures(ctx, "EnableOrganizationsRootCredentialsManagement")
}

// DisableOrganizationsRootCredentialsManagement turns off central
// management of member accounts' root credentials, and returns the
// features still enabled.
func (c *Client) DisableOrganizationsRootCredentialsManagement(ctx context.Context) (*OrganizationsFeatures, error) {
	return c.organizationsFeatures(ctx, "DisableOrganizationsRootCredentialsManagement")
}

// EnableOrganizationsRootSessions lets the management account take
// privileged root actions in member accounts, and returns the features
// now enabled.
func (c *Client) EnableOrganizationsRootSessions(ctx context.Context) (*OrganizationsFeatures, error) {
	return c.organizationsFeatures(ctx, "EnableOrganizationsRootSessions")
}

// DisableOrganizationsRootSessions turns off privileged root sessions in
// member accounts, and returns the features still enabled.
func (c *Client) DisableOrganizationsRootSessions(ctx context.Context) (*OrganizationsFeatures, error) {
	return c.organizationsFeatures(ctx, "DisableOrganizationsRootSessions")
}

// organizationsFeatures sends one of the parameterless centralized root
// access actions, which all answer OrganizationId and EnabledFeatures.
func (c *Client) organizationsFeatures(ctx context.Context, action string) (*OrganizationsFeatures, error) {
	resp, result, err := c.callResult(ctx, action, Params{})
	if err != nil {
		return nil, err
	}
	f := fields{n: result}
	out := &OrganizationsFeatures{
		OrganizationID:  f.str("OrganizationId"),
		EnabledFeatures: fieldStrings(&f, "EnabledFeatures"),
		source:          source{result, resp},
	}
	if f.err != nil {
		return nil, decodeFailed(action, resp, f.err)
	}
	if out.EnabledFeatures == nil {
		// Optional in the API reference: missing means none enabled.
		out.EnabledFeatures = []string{}
	}
	return out, nil
}

// EnableOutboundWebIdentityFederation lets the account's principals get
// JSON Web Tokens for external services (STS GetWebIdentityToken), and
// returns the account's issuer URL, which hosts the OIDC discovery
// documents. Enabling it twice answers an *APIError with Code
// "FeatureEnabled".
func (c *Client) EnableOutboundWebIdentityFederation(ctx context.Context) (string, error) {
	return c.callString(ctx, "EnableOutboundWebIdentityFederation", Params{}, "IssuerIdentifier")
}

// DisableOutboundWebIdentityFederation turns outbound web identity
// federation off. Disabling it twice answers an *APIError with Code
// "FeatureDisabled".
func (c *Client) DisableOutboundWebIdentityFederation(ctx context.Context) error {
	_, err := c.Call(ctx, "DisableOutboundWebIdentityFederation", Params{})
	return err
}

// OutboundWebIdentityFederationInfo is the account's outbound web
// identity federation configuration.
type OutboundWebIdentityFederationInfo struct {
	// IssuerIdentifier is the account's unique issuer URL.
	IssuerIdentifier string
	// JwtVendingEnabled tells whether principals may get tokens now.
	JwtVendingEnabled bool

	source
}

// GetOutboundWebIdentityFederationInfo returns the account's issuer URL
// and whether outbound web identity federation is enabled.
func (c *Client) GetOutboundWebIdentityFederationInfo(ctx context.Context) (*OutboundWebIdentityFederationInfo, error) {
	const action = "GetOutboundWebIdentityFederationInfo"
	resp, result, err := c.callResult(ctx, action, Params{})
	if err != nil {
		return nil, err
	}
	f := fields{n: result}
	out := &OutboundWebIdentityFederationInfo{
		IssuerIdentifier:  f.str("IssuerIdentifier"),
		JwtVendingEnabled: f.bool("JwtVendingEnabled"),
		source:            source{result, resp},
	}
	if f.err != nil {
		return nil, decodeFailed(action, resp, f.err)
	}
	return out, nil
}

// The versions of the tokens STS's global endpoint issues, the values
// SetSecurityTokenServicePreferences takes. GetAccountSummary reports the
// one in force as GlobalEndpointTokenVersion (1 or 2).
const (
	// GlobalEndpointTokenV1 tokens work only in the regions enabled by
	// default.
	GlobalEndpointTokenV1 = "v1Token"
	// GlobalEndpointTokenV2 tokens work in every region but are longer.
	GlobalEndpointTokenV2 = "v2Token"
)

// SetSecurityTokenServicePreferences sets the version of the session
// tokens that STS's global endpoint (sts.amazonaws.com) issues for the
// account: GlobalEndpointTokenV1 or GlobalEndpointTokenV2.
func (c *Client) SetSecurityTokenServicePreferences(ctx context.Context, globalEndpointTokenVersion string) error {
	const action = "SetSecurityTokenServicePreferences"
	const field = "GlobalEndpointTokenVersion"
	err := checkOneOf(field, globalEndpointTokenVersion, GlobalEndpointTokenV1, GlobalEndpointTokenV2)
	if globalEndpointTokenVersion == "" {
		err = invalid(field, "", requiredRule+"; must be v1Token or v2Token")
	}
	if err != nil {
		return validationFailed(action, err)
	}
	_, err = c.Call(ctx, action, Params{field: globalEndpointTokenVersion})
	return err
}
