package server

import (
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestOIDCProvider(t *testing.T) {
	e := newEnv(t)
	tp := strings.Repeat("a1", 20)
	r := e.ok("CreateOpenIDConnectProvider", "Url", "https://token.example.com/app", "ClientIDList.member.1", "sts.amazonaws.com",
		"ThumbprintList.member.1", tp)
	arn := value(t, r.Body, "OpenIDConnectProviderArn")
	assert.Equal(t, "arn:aws:iam::123456789012:oidc-provider/token.example.com/app", arn)
	e.fail(http.StatusConflict, CodeEntityAlreadyExists, "CreateOpenIDConnectProvider", "Url", "https://token.example.com/app")
	e.fail(http.StatusBadRequest, CodeValidationError, "CreateOpenIDConnectProvider", "Url", "https://x.example.com", "ThumbprintList.member.1", "xyz")
	e.ok("AddClientIDToOpenIDConnectProvider", "OpenIDConnectProviderArn", arn, "ClientID", "web")
	r = e.ok("GetOpenIDConnectProvider", "OpenIDConnectProviderArn", arn)
	assert.Equal(t, "token.example.com/app", value(t, r.Body, "Url"))
	assert.Equal(t, []string{"sts.amazonaws.com", "web", tp}, values(t, r.Body, "member"))
	e.ok("DeleteOpenIDConnectProvider", "OpenIDConnectProviderArn", arn)
	e.fail(http.StatusNotFound, CodeNoSuchEntity, "GetOpenIDConnectProvider", "OpenIDConnectProviderArn", arn)
}

func TestSAMLProvider(t *testing.T) {
	e := newEnv(t)
	meta := `<EntityDescriptor xmlns="urn:oasis:names:tc:SAML:2.0:metadata" validUntil="2030-01-01T00:00:00Z" entityID="x">` +
		strings.Repeat("<!-- padding -->", 70) + `</EntityDescriptor>`
	r := e.ok("CreateSAMLProvider", "Name", "corp", "SAMLMetadataDocument", meta)
	arn := value(t, r.Body, "SAMLProviderArn")
	assert.Equal(t, "arn:aws:iam::123456789012:saml-provider/corp", arn)
	r = e.ok("GetSAMLProvider", "SAMLProviderArn", arn)
	assert.Equal(t, "2030-01-01T00:00:00Z", value(t, r.Body, "ValidUntil"))
	assert.Equal(t, meta, value(t, r.Body, "SAMLMetadataDocument"))
	e.fail(http.StatusBadRequest, CodeInvalidInput, "UpdateSAMLProvider", "SAMLProviderArn", arn,
		"SAMLMetadataDocument", "<a>"+strings.Repeat("x", 1000))
	r = e.ok("ListSAMLProviders")
	assert.Equal(t, []string{arn}, values(t, r.Body, "Arn"))
	r = e.ok("GetAccountSummary")
	assert.Contains(t, string(r.Body), "<entry><key>Providers</key><value>1</value></entry>")
	e.ok("DeleteSAMLProvider", "SAMLProviderArn", arn)
}

func TestAuthenticationCodes(t *testing.T) {
	e := newEnv(t)
	post := func(header, body string) *http.Response {
		req, err := http.NewRequest(http.MethodPost, e.hs.URL, strings.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		if header != "" {
			req.Header.Set("Authorization", header)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		return resp
	}
	for name, tc := range map[string]struct {
		header string
		status int
		code   string
	}{
		"missing":    {"", 403, CodeMissingAuthenticationToken},
		"incomplete": {"AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE", 400, CodeIncompleteSignature},
	} {
		t.Run(name, func(t *testing.T) {
			resp := post(tc.header, form("ListUsers"))
			defer resp.Body.Close()
			body := readAll(t, resp)
			assert.Equal(t, tc.status, resp.StatusCode, "%s", body)
			assert.Equal(t, tc.code, value(t, body, "Code"))
		})
	}
}
