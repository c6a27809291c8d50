package server

import (
	"encoding/xml"
	"errors"
	"io"
	"slices"
	"strings"
	"time"
)

// Identity providers: OpenID Connect and SAML.

func init() {
	register("CreateOpenIDConnectProvider", true, resOIDC, createOIDCProvider)
	register("GetOpenIDConnectProvider", false, resOIDC, getOIDCProvider)
	register("ListOpenIDConnectProviders", false, nil, listOIDCProviders)
	register("DeleteOpenIDConnectProvider", true, resOIDC, deleteOIDCProvider)
	register("AddClientIDToOpenIDConnectProvider", true, resOIDC, addOIDCClientID)
	register("RemoveClientIDFromOpenIDConnectProvider", true, resOIDC, removeOIDCClientID)
	register("UpdateOpenIDConnectProviderThumbprint", true, resOIDC, updateOIDCThumbprint)
	registerTagging("OpenIDConnectProvider", resOIDC, (*call).oidcProvider)
	register("CreateSAMLProvider", true, resSAML, createSAMLProvider)
	register("GetSAMLProvider", false, resSAML, getSAMLProvider)
	register("ListSAMLProviders", false, nil, listSAMLProviders)
	register("UpdateSAMLProvider", true, resSAML, updateSAMLProvider)
	register("DeleteSAMLProvider", true, resSAML, deleteSAMLProvider)
}

func resOIDC(c *call) string {
	if arn := c.p.str("OpenIDConnectProviderArn"); arn != "" {
		return arn
	}
	return c.s.arn("oidc-provider", "/", strings.TrimPrefix(c.p.str("Url"), "https://"))
}

func resSAML(c *call) string {
	if arn := c.p.str("SAMLProviderArn"); arn != "" {
		return arn
	}
	return c.s.arn("saml-provider", "/", c.p.str("Name"))
}

func (s *Server) oidcArn(p *oidcProvider) string {
	return s.arn("oidc-provider", "/", p.URL)
}

func (s *Server) samlArn(p *samlProvider) string {
	return s.arn("saml-provider", "/", p.Name)
}

// thumbprintsParam reads ThumbprintList: up to 5 SHA-1 hex digests.
func thumbprintsParam(p params) ([]string, *APIError) {
	tps := p.list("ThumbprintList")
	if len(tps) > 5 {
		return nil, limitExceeded("Thumbprint list must contain fewer than 5 entries.")
	}
	for _, tp := range tps {
		if len(tp) != 40 || strings.Trim(strings.ToLower(tp), "0123456789abcdef") != "" {
			return nil, validationf("ThumbprintList", tp, "Member must be a 40-character hex SHA-1 thumbprint")
		}
	}
	return tps, nil
}

func clientIDParam(p params, field string) (string, *APIError) {
	id, err := p.required(field)
	if err != nil {
		return "", err
	}
	return id, checkLen(field, id, 1, 255)
}

func createOIDCProvider(c *call) *APIError {
	raw, err := c.p.required("Url")
	if err != nil {
		return err
	}
	if err := checkLen("Url", raw, 1, 255); err != nil {
		return err
	}
	if !strings.HasPrefix(raw, "https://") || len(raw) == len("https://") {
		return errf(CodeInvalidInput, "The Url %s must begin with https://.", raw)
	}
	url := strings.TrimSuffix(strings.TrimPrefix(raw, "https://"), "/")
	var ids []string
	for _, id := range c.p.list("ClientIDList") {
		if err := checkLen("ClientIDList", id, 1, 255); err != nil {
			return err
		}
		if !slices.Contains(ids, id) {
			ids = append(ids, id)
		}
	}
	tps, err := thumbprintsParam(c.p)
	if err != nil {
		return err
	}
	tags, err := tagsParam(c.p)
	if err != nil {
		return err
	}
	if _, ok := c.s.st.OIDCProviders.get(url); ok {
		return errf(CodeEntityAlreadyExists, "Provider with url https://%s already exists.", url)
	}
	p := &oidcProvider{URL: url, ClientIDs: ids, Thumbprints: tps, Created: c.now, Tags: tags}
	c.s.st.OIDCProviders.put(url, p)
	c.w.elem("OpenIDConnectProviderArn", c.s.oidcArn(p))
	writeTags(c.w, "Tags", tags, false)
	return nil
}

// providerParam finds the provider of all whose ARN, arnOf(provider),
// the required parameter field holds: arn:aws:iam::ACCOUNT:arnType/KEY,
// KEY being the provider's key in all. notFound is the NoSuchEntity
// message, a format with one %s, the ARN.
func providerParam[T any](c *call, field, arnType string, all *coll[T], arnOf func(T) string, notFound string) (T, *APIError) {
	var zero T
	arn, err := arnParam(c.p, field)
	if err != nil {
		return zero, err
	}
	if key, ok := strings.CutPrefix(arn, c.s.arn(arnType, "/", "")); ok {
		if p, ok := all.get(key); ok && arnOf(p) == arn {
			return p, nil
		}
	}
	return zero, errf(CodeNoSuchEntity, notFound, arn)
}

func (c *call) oidcProvider() (*oidcProvider, *APIError) {
	return providerParam(c, "OpenIDConnectProviderArn", "oidc-provider", &c.s.st.OIDCProviders, c.s.oidcArn,
		"OpenIDConnect Provider not found for arn %s")
}

func getOIDCProvider(c *call) *APIError {
	p, err := c.oidcProvider()
	if err != nil {
		return err
	}
	c.w.elem("Url", p.URL)
	writeList(c.w, "ClientIDList", p.ClientIDs, func(id string) { c.w.elem("member", id) })
	writeList(c.w, "ThumbprintList", p.Thumbprints, func(tp string) { c.w.elem("member", tp) })
	c.w.time("CreateDate", p.Created)
	writeTags(c.w, "Tags", p.Tags, false)
	return nil
}

func listOIDCProviders(c *call) *APIError {
	c.w.open("OpenIDConnectProviderList")
	c.s.st.OIDCProviders.each(func(p *oidcProvider) bool {
		c.w.open("member")
		c.w.elem("Arn", c.s.oidcArn(p))
		c.w.close("member")
		return true
	})
	c.w.close("OpenIDConnectProviderList")
	return nil
}

func deleteOIDCProvider(c *call) *APIError {
	p, err := c.oidcProvider()
	if err != nil {
		return err
	}
	c.s.st.OIDCProviders.del(p.URL)
	return nil
}

func addOIDCClientID(c *call) *APIError {
	p, err := c.oidcProvider()
	if err != nil {
		return err
	}
	id, err := clientIDParam(c.p, "ClientID")
	if err != nil {
		return err
	}
	if !slices.Contains(p.ClientIDs, id) {
		if len(p.ClientIDs) >= 100 {
			return limitExceeded("Cannot exceed quota for ClientIdsPerOpenIdConnectProvider: 100")
		}
		p.ClientIDs = append(p.ClientIDs, id)
	}
	return nil
}

func removeOIDCClientID(c *call) *APIError {
	p, err := c.oidcProvider()
	if err != nil {
		return err
	}
	id, err := clientIDParam(c.p, "ClientID")
	if err != nil {
		return err
	}
	p.ClientIDs = slices.DeleteFunc(p.ClientIDs, func(x string) bool { return x == id })
	return nil
}

func updateOIDCThumbprint(c *call) *APIError {
	p, err := c.oidcProvider()
	if err != nil {
		return err
	}
	tps, err := thumbprintsParam(c.p)
	if err != nil {
		return err
	}
	if len(tps) == 0 {
		return missingParam("ThumbprintList")
	}
	p.Thumbprints = tps
	return nil
}

// samlMetadataParam reads SAMLMetadataDocument: well-formed XML of
// 1000..10000000 characters. Its root's validUntil attribute, when
// present, is the provider's ValidUntil.
func samlMetadataParam(p params, now time.Time) (string, time.Time, *APIError) {
	doc, err := p.required("SAMLMetadataDocument")
	if err != nil {
		return "", time.Time{}, err
	}
	if err := checkLen("SAMLMetadataDocument", doc, 1000, 10000000); err != nil {
		return "", time.Time{}, err
	}
	validUntil := now.AddDate(100, 0, 0)
	d := xml.NewDecoder(strings.NewReader(doc))
	root := true
	for {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return "", time.Time{}, errf(CodeInvalidInput, "Could not parse metadata: it is not well-formed XML.")
		}
		if se, ok := tok.(xml.StartElement); ok && root {
			root = false
			for _, a := range se.Attr {
				if a.Name.Local == "validUntil" {
					if t, err := time.Parse(time.RFC3339, a.Value); err == nil {
						validUntil = t
					}
				}
			}
		}
	}
	if root {
		return "", time.Time{}, errf(CodeInvalidInput, "Could not parse metadata: no root element.")
	}
	return doc, validUntil, nil
}

func createSAMLProvider(c *call) *APIError {
	name, err := c.p.required("Name")
	if err != nil {
		return err
	}
	if err := checkLen("Name", name, 1, 128); err != nil {
		return err
	}
	for i := 0; i < len(name); i++ {
		ch := name[i]
		if !('a' <= ch && ch <= 'z' || 'A' <= ch && ch <= 'Z' || '0' <= ch && ch <= '9' || ch == '_' || ch == '.' || ch == '-') {
			return validationf("Name", name, `Member must satisfy regular expression pattern: [\w._-]+`)
		}
	}
	doc, until, err := samlMetadataParam(c.p, c.now)
	if err != nil {
		return err
	}
	tags, err := tagsParam(c.p)
	if err != nil {
		return err
	}
	if _, ok := c.s.st.SAMLProviders.get(name); ok {
		return alreadyExists("SAMLProvider", name)
	}
	p := &samlProvider{Name: name, Metadata: doc, Created: c.now, ValidUntil: until, Tags: tags}
	c.s.st.SAMLProviders.put(name, p)
	c.w.elem("SAMLProviderArn", c.s.samlArn(p))
	writeTags(c.w, "Tags", tags, false)
	return nil
}

func (c *call) samlProvider() (*samlProvider, *APIError) {
	return providerParam(c, "SAMLProviderArn", "saml-provider", &c.s.st.SAMLProviders, c.s.samlArn,
		"Manifest not found for arn %s")
}

func getSAMLProvider(c *call) *APIError {
	p, err := c.samlProvider()
	if err != nil {
		return err
	}
	c.w.elem("SAMLMetadataDocument", p.Metadata)
	c.w.time("CreateDate", p.Created)
	c.w.time("ValidUntil", p.ValidUntil)
	writeTags(c.w, "Tags", p.Tags, false)
	return nil
}

func listSAMLProviders(c *call) *APIError {
	c.w.open("SAMLProviderList")
	c.s.st.SAMLProviders.each(func(p *samlProvider) bool {
		c.w.open("member")
		c.w.elem("Arn", c.s.samlArn(p))
		c.w.time("ValidUntil", p.ValidUntil)
		c.w.time("CreateDate", p.Created)
		c.w.close("member")
		return true
	})
	c.w.close("SAMLProviderList")
	return nil
}

func updateSAMLProvider(c *call) *APIError {
	p, err := c.samlProvider()
	if err != nil {
		return err
	}
	doc, until, err := samlMetadataParam(c.p, c.now)
	if err != nil {
		return err
	}
	p.Metadata, p.ValidUntil = doc, until
	c.w.elem("SAMLProviderArn", c.s.samlArn(p))
	return nil
}

func deleteSAMLProvider(c *call) *APIError {
	p, err := c.samlProvider()
	if err != nil {
		return err
	}
	c.s.st.SAMLProviders.del(p.Name)
	return nil
}
