package iam

import (
	"context"
	"fmt"
	"net/url"
	"strings"
	"time"

	"github.com/iamkit/iam/internal/xmltree"
)

// SAML identity providers.

// SAMLProviderListEntry is a SAML provider as ListSAMLProviders returns
// it.
type SAMLProviderListEntry struct {
	ARN        string
	ValidUntil time.Time
	CreateDate time.Time

	source
}

// SAMLProvider is a SAML provider as GetSAMLProvider returns it.
type SAMLProvider struct {
	// SAMLMetadataDocument is the IdP's metadata XML as uploaded.
	SAMLMetadataDocument string
	CreateDate           time.Time
	ValidUntil           time.Time
	// SAMLProviderUUID, AssertionEncryptionMode and PrivateKeys are sent
	// by IAM for providers set up for encrypted assertions; older servers
	// leave them out.
	SAMLProviderUUID        string
	AssertionEncryptionMode string
	PrivateKeys             []SAMLPrivateKey
	Tags                    []Tag

	source
}

// SAMLPrivateKey describes (never reveals) a private key IAM holds to
// decrypt a provider's assertions.
type SAMLPrivateKey struct {
	KeyID     string
	Timestamp time.Time
}

// The values of AssertionEncryptionMode.
const (
	AssertionEncryptionRequired = "Required"
	AssertionEncryptionAllowed  = "Allowed"
)

// CreateSAMLProviderOptions are the optional settings of
// CreateSAMLProvider.
type CreateSAMLProviderOptions struct {
	// AssertionEncryptionMode is AssertionEncryptionRequired or
	// AssertionEncryptionAllowed; empty is not sent.
	AssertionEncryptionMode string
	// Tags are attached to the new provider (at most 50).
	Tags []Tag
}

// CreateSAMLProviderOutput is the answer of CreateSAMLProvider.
type CreateSAMLProviderOutput struct {
	SAMLProviderARN string
	Tags            []Tag

	source
}

// CreateSAMLProvider registers a SAML 2.0 identity provider from its
// metadata document, which is checked locally first (well-formed XML whose
// root is an EntityDescriptor, 1,000 to 10,000,000 characters).
func (c *Client) CreateSAMLProvider(ctx context.Context, name, metadata string, opts *CreateSAMLProviderOptions) (*CreateSAMLProviderOutput, error) {
	const action = "CreateSAMLProvider"
	o := orDefaults(opts)
	if err := checkAll(
		checkSAMLProviderName(name),
		checkSAMLMetadata(metadata),
		checkEncryptionMode(o.AssertionEncryptionMode),
		checkTags(o.Tags, false),
	); err != nil {
		return nil, validationFailed(action, err)
	}
	p := Params{"Name": name, "SAMLMetadataDocument": metadata}
	setString(p, "AssertionEncryptionMode", o.AssertionEncryptionMode)
	setList(p, "Tags", o.Tags)
	resp, result, err := c.callResult(ctx, action, p)
	if err != nil {
		return nil, err
	}
	arn, tags, err := readCreatedProvider(result, "SAMLProviderArn")
	if err != nil {
		return nil, decodeFailed(action, resp, err)
	}
	return &CreateSAMLProviderOutput{SAMLProviderARN: arn, Tags: tags, source: source{result, resp}}, nil
}

// GetSAMLProvider returns a SAML provider's metadata document and dates.
func (c *Client) GetSAMLProvider(ctx context.Context, arn string) (*SAMLProvider, error) {
	const action = "GetSAMLProvider"
	if err := checkRequiredARN("SAMLProviderArn", arn); err != nil {
		return nil, validationFailed(action, err)
	}
	resp, result, err := c.callResult(ctx, action, Params{"SAMLProviderArn": arn})
	if err != nil {
		return nil, err
	}
	f := fields{n: result}
	out := &SAMLProvider{
		SAMLMetadataDocument:    f.str("SAMLMetadataDocument"),
		CreateDate:              f.time("CreateDate"),
		ValidUntil:              f.time("ValidUntil"),
		SAMLProviderUUID:        f.str("SAMLProviderUUID"),
		AssertionEncryptionMode: f.str("AssertionEncryptionMode"),
		Tags:                    f.tags(),
		source:                  source{result, resp},
	}
	if f.err == nil {
		out.PrivateKeys, f.err = readList(result, "PrivateKeyList", func(n Node) (SAMLPrivateKey, error) {
			kf := fields{n: n}
			k := SAMLPrivateKey{KeyID: kf.str("KeyId"), Timestamp: kf.time("Timestamp")}
			return k, kf.err
		})
	}
	if f.err != nil {
		return nil, decodeFailed(action, resp, f.err)
	}
	return out, nil
}

// ListSAMLProvidersOutput is the answer of ListSAMLProviders, which IAM
// does not paginate.
type ListSAMLProvidersOutput struct {
	SAMLProviderList []SAMLProviderListEntry

	source
}

// ListSAMLProviders returns every SAML provider of the account.
func (c *Client) ListSAMLProviders(ctx context.Context) (*ListSAMLProvidersOutput, error) {
	const action = "ListSAMLProviders"
	pg, err := listPage(ctx, c, action, Params{}, "SAMLProviderList", func(n Node, resp *Response) (SAMLProviderListEntry, error) {
		f := fields{n: n}
		e := SAMLProviderListEntry{ARN: f.str("Arn"), ValidUntil: f.time("ValidUntil"), CreateDate: f.time("CreateDate"), source: source{n, resp}}
		return e, f.err
	})
	if err != nil {
		return nil, err
	}
	return &ListSAMLProvidersOutput{SAMLProviderList: pg.entries, source: pg.source}, nil
}

// UpdateSAMLProviderOptions are the changes UpdateSAMLProvider makes; at
// least one must be set.
type UpdateSAMLProviderOptions struct {
	// SAMLMetadataDocument replaces the metadata (checked like
	// CreateSAMLProvider's).
	SAMLMetadataDocument string
	// AssertionEncryptionMode is AssertionEncryptionRequired or
	// AssertionEncryptionAllowed.
	AssertionEncryptionMode string
	// RemovePrivateKey is the KeyID of a decryption key to remove.
	RemovePrivateKey string
}

// UpdateSAMLProvider changes a SAML provider and returns its ARN.
func (c *Client) UpdateSAMLProvider(ctx context.Context, arn string, opts *UpdateSAMLProviderOptions) (string, error) {
	const action = "UpdateSAMLProvider"
	o := orDefaults(opts)
	metaErr := error(nil)
	if o.SAMLMetadataDocument != "" {
		metaErr = checkSAMLMetadata(o.SAMLMetadataDocument)
	} else if o.AssertionEncryptionMode == "" && o.RemovePrivateKey == "" {
		metaErr = invalid("SAMLMetadataDocument", "", requiredRule+" (or AssertionEncryptionMode or RemovePrivateKey): nothing to update")
	}
	if err := checkAll(checkRequiredARN("SAMLProviderArn", arn), metaErr, checkEncryptionMode(o.AssertionEncryptionMode)); err != nil {
		return "", validationFailed(action, err)
	}
	p := Params{"SAMLProviderArn": arn}
	setString(p, "SAMLMetadataDocument", o.SAMLMetadataDocument)
	setString(p, "AssertionEncryptionMode", o.AssertionEncryptionMode)
	setString(p, "RemovePrivateKey", o.RemovePrivateKey)
	resp, result, err := c.callResult(ctx, action, p)
	if err != nil {
		return "", err
	}
	out := result.Path("SAMLProviderArn")
	if !out.Exists() {
		return "", decodeFailed(action, resp, errNotFound(result, "SAMLProviderArn"))
	}
	return out.String(), nil
}

// DeleteSAMLProvider deletes a SAML provider.
func (c *Client) DeleteSAMLProvider(ctx context.Context, arn string) error {
	return c.idAction(ctx, "DeleteSAMLProvider", "SAMLProviderArn", arn, checkRequiredARN)
}

// OpenID Connect identity providers.

// OpenIDConnectProvider is an OIDC provider as GetOpenIDConnectProvider
// returns it.
type OpenIDConnectProvider struct {
	// URL is the issuer as IAM stores it, without "https://".
	URL            string
	ClientIDList   []string
	ThumbprintList []string
	CreateDate     time.Time
	Tags           []Tag

	source
}

// CreateOpenIDConnectProviderOptions are the optional settings of
// CreateOpenIDConnectProvider.
type CreateOpenIDConnectProviderOptions struct {
	// ClientIDList are the audiences (client IDs) to accept, at most 100.
	ClientIDList []string
	// ThumbprintList are the SHA-1 fingerprints (40 hex digits) of the
	// provider's certificate chain, at most 5. IAM no longer requires them
	// for providers it can verify through a trusted CA.
	ThumbprintList []string
	// Tags are attached to the new provider (at most 50).
	Tags []Tag
}

// CreateOpenIDConnectProviderOutput is the answer of
// CreateOpenIDConnectProvider.
type CreateOpenIDConnectProviderOutput struct {
	OpenIDConnectProviderARN string
	Tags                     []Tag

	source
}

// CreateOpenIDConnectProvider registers an OpenID Connect identity
// provider by its issuer URL, which must be https:// without a query or
// fragment.
func (c *Client) CreateOpenIDConnectProvider(ctx context.Context, issuerURL string, opts *CreateOpenIDConnectProviderOptions) (*CreateOpenIDConnectProviderOutput, error) {
	const action = "CreateOpenIDConnectProvider"
	o := orDefaults(opts)
	if err := checkAll(
		checkIssuerURL(issuerURL),
		checkClientIDs(o.ClientIDList),
		checkThumbprints(o.ThumbprintList, false),
		checkTags(o.Tags, false),
	); err != nil {
		return nil, validationFailed(action, err)
	}
	p := Params{"Url": issuerURL}
	setList(p, "ClientIDList", o.ClientIDList)
	setList(p, "ThumbprintList", o.ThumbprintList)
	setList(p, "Tags", o.Tags)
	resp, result, err := c.callResult(ctx, action, p)
	if err != nil {
		return nil, err
	}
	arn, tags, err := readCreatedProvider(result, "OpenIDConnectProviderArn")
	if err != nil {
		return nil, decodeFailed(action, resp, err)
	}
	return &CreateOpenIDConnectProviderOutput{OpenIDConnectProviderARN: arn, Tags: tags, source: source{result, resp}}, nil
}

// GetOpenIDConnectProvider returns an OIDC provider's URL, client IDs and
// thumbprints.
func (c *Client) GetOpenIDConnectProvider(ctx context.Context, arn string) (*OpenIDConnectProvider, error) {
	const action = "GetOpenIDConnectProvider"
	if err := checkRequiredARN("OpenIDConnectProviderArn", arn); err != nil {
		return nil, validationFailed(action, err)
	}
	resp, result, err := c.callResult(ctx, action, Params{"OpenIDConnectProviderArn": arn})
	if err != nil {
		return nil, err
	}
	f := fields{n: result}
	out := &OpenIDConnectProvider{
		URL:        f.str("Url"),
		CreateDate: f.time("CreateDate"),
		Tags:       f.tags(),
		source:     source{result, resp},
	}
	text := func(n Node) (string, error) { return n.String(), nil }
	if f.err == nil {
		out.ClientIDList, f.err = readList(result, "ClientIDList", text)
	}
	if f.err == nil {
		out.ThumbprintList, f.err = readList(result, "ThumbprintList", text)
	}
	if f.err != nil {
		return nil, decodeFailed(action, resp, f.err)
	}
	return out, nil
}

// ListOpenIDConnectProvidersOutput is the answer of
// ListOpenIDConnectProviders, which IAM does not paginate.
type ListOpenIDConnectProvidersOutput struct {
	// ARNs are the providers' ARNs, the only field IAM lists.
	ARNs []string

	source
}

// ListOpenIDConnectProviders returns the ARN of every OIDC provider of
// the account.
func (c *Client) ListOpenIDConnectProviders(ctx context.Context) (*ListOpenIDConnectProvidersOutput, error) {
	const action = "ListOpenIDConnectProviders"
	pg, err := listPage(ctx, c, action, Params{}, "OpenIDConnectProviderList", func(n Node, _ *Response) (string, error) {
		a := n.Path("Arn")
		if !a.Exists() {
			return "", errNotFound(n, "Arn")
		}
		return a.String(), nil
	})
	if err != nil {
		return nil, err
	}
	return &ListOpenIDConnectProvidersOutput{ARNs: pg.entries, source: pg.source}, nil
}

// DeleteOpenIDConnectProvider deletes an OIDC provider.
func (c *Client) DeleteOpenIDConnectProvider(ctx context.Context, arn string) error {
	return c.idAction(ctx, "DeleteOpenIDConnectProvider", "OpenIDConnectProviderArn", arn, checkRequiredARN)
}

// UpdateOpenIDConnectProviderThumbprint replaces an OIDC provider's
// thumbprint list (1 to 5 thumbprints of 40 hex digits).
func (c *Client) UpdateOpenIDConnectProviderThumbprint(ctx context.Context, arn string, thumbprints []string) error {
	const action = "UpdateOpenIDConnectProviderThumbprint"
	if err := checkThumbprints(thumbprints, true); err != nil {
		return validationFailed(action, err)
	}
	return c.providerAction(ctx, action, "OpenIDConnectProviderArn", arn, Params{"ThumbprintList": thumbprints})
}

// AddClientIDToOpenIDConnectProvider adds an audience (client ID) to an
// OIDC provider; adding one it has is not an error.
func (c *Client) AddClientIDToOpenIDConnectProvider(ctx context.Context, arn, clientID string) error {
	return c.clientIDAction(ctx, "AddClientIDToOpenIDConnectProvider", arn, clientID)
}

// RemoveClientIDFromOpenIDConnectProvider removes an audience (client ID)
// from an OIDC provider; removing one it lacks is not an error.
func (c *Client) RemoveClientIDFromOpenIDConnectProvider(ctx context.Context, arn, clientID string) error {
	return c.clientIDAction(ctx, "RemoveClientIDFromOpenIDConnectProvider", arn, clientID)
}

func (c *Client) clientIDAction(ctx context.Context, action, arn, clientID string) error {
	if err := checkClientID("ClientID", clientID); err != nil {
		return validationFailed(action, err)
	}
	return c.providerAction(ctx, action, "OpenIDConnectProviderArn", arn, Params{"ClientID": clientID})
}

// readCreatedProvider reads what a Create*Provider action answers: the
// new provider's ARN under arnName, which must be there, and its tags.
func readCreatedProvider(result Node, arnName string) (string, []Tag, error) {
	f := fields{n: result}
	arn, tags := f.str(arnName), f.tags()
	if f.err == nil && arn == "" {
		f.err = errNotFound(result, arnName)
	}
	return arn, tags, f.err
}

// providerAction sends an action on one provider ARN with extra
// parameters, the ARN checked first.
func (c *Client) providerAction(ctx context.Context, action, arnParam, arn string, extra Params) error {
	if err := checkRequiredARN(arnParam, arn); err != nil {
		return validationFailed(action, err)
	}
	p := Params{arnParam: arn}
	for k, v := range extra {
		p[k] = v
	}
	_, err := c.Call(ctx, action, p)
	return err
}

// Rules of the IAM API reference for provider arguments.
const (
	samlNameRule     = `must match [\w._-]+ (1-128 characters)`
	samlMetadataRule = "must be the IdP's SAML metadata: well-formed XML whose root is an EntityDescriptor, 1000-10000000 characters"
	issuerURLRule    = "must be an https:// URL without query or fragment, at most 255 characters"
	thumbprintRule   = "must be 40 hexadecimal digits (a SHA-1 fingerprint)"
	clientIDRule     = "must be 1-255 characters"
)

func checkRequiredARN(field, arn string) error {
	if arn == "" {
		return invalid(field, arn, requiredRule+"; "+arnRule)
	}
	return checkARN(field, arn)
}

func checkSAMLProviderName(name string) error {
	ok := checkChars(name, 1, 128, func(c byte) bool { return isWordByte(c) || c == '.' || c == '-' })
	if !ok {
		if name == "" {
			return invalid("Name", name, requiredRule+"; "+samlNameRule)
		}
		return invalid("Name", name, samlNameRule)
	}
	return nil
}

func checkEncryptionMode(mode string) error {
	if mode != "" && mode != AssertionEncryptionRequired && mode != AssertionEncryptionAllowed {
		return invalid("AssertionEncryptionMode", mode, `must be "Required" or "Allowed"`)
	}
	return nil
}

// checkSAMLMetadata checks that a metadata document is well-formed XML
// rooted at an EntityDescriptor. The value is not quoted: it is long.
func checkSAMLMetadata(doc string) error {
	const field = "SAMLMetadataDocument"
	if doc == "" {
		return invalid(field, "", requiredRule+"; "+samlMetadataRule)
	}
	if len(doc) < 1000 || len(doc) > 10000000 {
		return invalid(field, "", fmt.Sprintf("%s (got %d)", samlMetadataRule, len(doc)))
	}
	// The response scanner checks well-formedness as well as encoding/xml
	// would here, and linking encoding/xml for this one check would cost
	// every program a second of build time.
	t, err := xmltree.ParseString(doc)
	if err != nil {
		return invalid(field, "", samlMetadataRule+": "+err.Error())
	}
	if root := t.Name(0); root != "EntityDescriptor" {
		return invalid(field, "", fmt.Sprintf("%s: root element is %s", samlMetadataRule, quoteShort(root)))
	}
	return nil
}

func checkIssuerURL(raw string) error {
	if raw == "" {
		return invalid("Url", raw, requiredRule+"; "+issuerURLRule)
	}
	u, err := url.Parse(raw)
	if err != nil || len(raw) > 255 || u.Scheme != "https" || u.Host == "" || u.RawQuery != "" || u.Fragment != "" ||
		strings.Contains(raw, "?") || strings.Contains(raw, "#") || u.User != nil {
		return invalid("Url", raw, issuerURLRule)
	}
	return nil
}

func checkThumbprints(list []string, required bool) error {
	if required && len(list) == 0 {
		return invalid("ThumbprintList", "", "at least one thumbprint is required")
	}
	if len(list) > 5 {
		return invalid("ThumbprintList", "", fmt.Sprintf("at most 5 thumbprints, got %d", len(list)))
	}
	for i, tp := range list {
		ok := checkChars(tp, 40, 40, func(c byte) bool {
			return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
		})
		if !ok {
			return invalid(fmt.Sprintf("ThumbprintList[%d]", i), tp, thumbprintRule)
		}
	}
	return nil
}

func checkClientIDs(list []string) error {
	if len(list) > 100 {
		return invalid("ClientIDList", "", fmt.Sprintf("at most 100 client IDs, got %d", len(list)))
	}
	for i, id := range list {
		if err := checkClientID(fmt.Sprintf("ClientIDList[%d]", i), id); err != nil {
			return err
		}
	}
	return nil
}

func checkClientID(field, id string) error {
	if id == "" || len(id) > 255 {
		return invalid(field, id, clientIDRule)
	}
	return nil
}
